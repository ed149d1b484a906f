package io.conveyor.http;

import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageContext;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.kit.AsyncTransmitterBatch;
import io.conveyor.kit.InFlightCounter;
import io.conveyor.kit.OutcomeBatch;
import io.conveyor.kit.WorkQueue;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The HTTP adapter: batch-aware and non-blocking (send-adapter contract §1.7 in {@code docs/send-adapter-contract.md}).
 * Each message of an engine batch is sent asynchronously as an {@link HttpExchange}, its body streamed from the
 * MessageBox; the client's threads are the connector's WorkManager. When the whole batch has answered, its outcomes go
 * to the engine in one proxy batch: a delete for each success (with the response for a solicit-response message, R2),
 * the failure ladder for each failure (a status outside {@code successStatusCodes}, a redirect not followed, a timeout,
 * a refused connection, an answer too large). Response bodies kept in files of the {@link ResponseSpool} are deleted
 * once that proxy batch is settled.
 *
 * <p>Exchange deadlines run on one daemon timer thread the transmitter owns, created in {@code initialize}: the
 * WorkManager has no timer, and a deadline must fire even when no byte arrives. The timer only cancels requests and
 * stops body subscribers; {@code terminate} shuts it down once nothing is in flight, and deadlines already set still
 * fire, so an exchange that outlives a terminate still ends at its deadline.
 */
public final class HttpTransmitter implements BatchTransmitter, TransportControl, HandlerConfigurable {

    /** How long {@link #terminate()} waits for requests in flight and their proxy batches. */
    static final Duration TERMINATE_DEADLINE = Duration.ofSeconds(60);

    private final WorkManager workManager;
    private final Clock clock;
    private final ResponseSpool spool;
    private final InFlightCounter inFlight = new InFlightCounter();
    private HttpHandlerSettings settings;
    private TransportProxy proxy;
    private ScheduledThreadPoolExecutor timer;
    private HttpExchange.Shared shared;

    /**
     * @param spoolDirectory the adapter's own directory for response bodies too large for memory; what it holds is
     *                       deleted at {@code initialize}
     */
    public HttpTransmitter(WorkManager workManager, Clock clock, Path spoolDirectory) {
        this.workManager = workManager;
        this.clock = clock;
        this.spool = new ResponseSpool(spoolDirectory);
    }

    @Override
    public void load(PropertyBag handlerConfiguration) {
        this.settings = HttpHandlerSettings.from(handlerConfiguration);
    }

    @Override
    public void initialize(TransportProxy transportProxy) throws IOException, GeneralSecurityException {
        if (settings == null) {
            throw new IllegalStateException("the HTTP adapter was initialised without its handler configuration");
        }
        this.proxy = transportProxy;
        spool.clearLeftovers();
        WorkQueue workQueue = new WorkQueue(workManager, transportProxy::setErrorInfo);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(task -> {
                    try {
                        workQueue.submit(task);
                    } catch (WorkException e) {
                        throw new RejectedExecutionException("the connector's WorkManager refused the work", e);
                    }
                });
        if (settings.proxyHost() != null) {
            builder.proxy(ProxySelector.of(new InetSocketAddress(settings.proxyHost(), settings.proxyPort())));
        }
        if (settings.trustStore() != null) {
            builder.sslContext(TrustStoreContext.trusting(settings.trustStore(), settings.trustStorePassword()));
        }
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "conveyor-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.shared = new HttpExchange.Shared(builder.build(), timer, settings, spool, transportProxy.messageFactory());
    }

    @Override
    public TransmitterBatch getBatch() {
        return new AsyncTransmitterBatch(inFlight, settings.batchSize(), this::sendAll);
    }

    /** Sends every message of a batch at once; reports when all have answered. */
    private void sendAll(List<Message> messages) {
        List<CompletableFuture<ExchangeOutcome>> sent = messages.stream().map(this::send).toList();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenRun(() -> report(sent.stream().map(CompletableFuture::join).toList()));
    }

    @Override
    public void terminate() {
        if (!inFlight.terminate(TERMINATE_DEADLINE)) {
            proxy.setErrorInfo(new IllegalStateException("HTTP adapter terminated with " + inFlight.count()
                    + " message(s) still in flight after " + TERMINATE_DEADLINE + "; they will be delivered again"));
        }
        if (timer != null) {
            timer.shutdown();
        }
    }

    /** Sends one message; completes with its outcome, never exceptionally. */
    private CompletableFuture<ExchangeOutcome> send(Message message) {
        try {
            MessageContext context = message.context();
            HttpEndpoint endpoint = HttpEndpoint.of(
                    context.readString(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE),
                    endpointProperties(context), settings);
            boolean solicitResponse = Boolean.TRUE.equals(
                    context.read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE));
            return HttpExchange.start(shared, message, endpoint, solicitResponse);
        } catch (Exception e) {
            return CompletableFuture.completedFuture(ExchangeOutcome.failed(message, e));
        }
    }

    private static PropertyBag endpointProperties(MessageContext context) {
        Map<String, Object> values = new HashMap<>();
        for (String name : List.of(HttpEndpoint.METHOD, HttpEndpoint.REQUEST_TIMEOUT, HttpEndpoint.USERNAME,
                HttpEndpoint.PASSWORD, HttpEndpoint.FOLLOW_REDIRECTS)) {
            Object value = context.read(name, HttpResourceAdapter.NAMESPACE);
            if (value != null) {
                values.put(name, value);
            }
        }
        return MapPropertyBag.readOnly(values);
    }

    private void report(List<ExchangeOutcome> outcomes) {
        OutcomeBatch batch = new OutcomeBatch(proxy, inFlight, clock);
        outcomes.forEach(outcome -> outcome.addTo(batch));
        List<SpooledBody> responseBodies = outcomes.stream().map(ExchangeOutcome::responseBody)
                .filter(Objects::nonNull).toList();
        batch.whenSettled(() -> responseBodies.forEach(SpooledBody::delete)).send();
    }
}
