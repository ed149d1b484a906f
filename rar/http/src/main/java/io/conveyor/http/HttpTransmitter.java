package io.conveyor.http;

import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageContext;
import io.conveyor.adapter.MessageFactory;
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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The HTTP adapter: batch-aware and non-blocking (contract §1.7). Each message of an engine batch is sent
 * asynchronously, its body streamed from the MessageBox; the client's threads are the connector's WorkManager. When
 * the whole batch has answered, its outcomes go to the engine in one proxy batch: a delete for each success (with the
 * response for a solicit-response message, R2), the failure ladder for each failure (a status outside
 * {@code successStatusCodes}, a timeout, a refused connection).
 */
public final class HttpTransmitter implements BatchTransmitter, TransportControl, HandlerConfigurable {

    /** How long {@link #terminate()} waits for requests in flight and their proxy batches. */
    static final Duration TERMINATE_DEADLINE = Duration.ofSeconds(60);
    /** Longest response text quoted in an error. */
    private static final int ERROR_BODY_LENGTH = 300;

    private final WorkManager workManager;
    private final Clock clock;
    private final InFlightCounter inFlight = new InFlightCounter();
    private HttpHandlerSettings settings;
    private TransportProxy proxy;
    private HttpClient client;

    public HttpTransmitter(WorkManager workManager, Clock clock) {
        this.workManager = workManager;
        this.clock = clock;
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
        WorkQueue workQueue = new WorkQueue(workManager, transportProxy::setErrorInfo);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
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
        this.client = builder.build();
    }

    @Override
    public TransmitterBatch getBatch() {
        return new AsyncTransmitterBatch(inFlight, settings.batchSize(), this::sendAll);
    }

    /** Sends every message of a batch at once; reports when all have answered. */
    private void sendAll(List<Message> messages) {
        List<CompletableFuture<Outcome>> sent = messages.stream().map(this::send).toList();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenRun(() -> report(sent.stream().map(CompletableFuture::join).toList()));
    }

    @Override
    public void terminate() {
        if (!inFlight.terminate(TERMINATE_DEADLINE)) {
            proxy.setErrorInfo(new IllegalStateException("HTTP adapter terminated with " + inFlight.count()
                    + " message(s) still in flight after " + TERMINATE_DEADLINE + "; they will be delivered again"));
        }
    }

    /** Sends one message; completes with its outcome, never exceptionally. */
    private CompletableFuture<Outcome> send(Message message) {
        try {
            MessageContext context = message.context();
            HttpEndpoint endpoint = HttpEndpoint.of(
                    context.readString(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE),
                    endpointProperties(context), settings);
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri())
                    .timeout(endpoint.timeout())
                    .method(endpoint.method(), body(message))
                    .header("Conveyor-Message-Id", message.messageId());
            String contentType = message.bodyPart().contentType();
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (endpoint.authorization() != null) {
                request.header("Authorization", endpoint.authorization());
            }
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, error) -> error != null
                            ? Outcome.failed(message, new IOException("HTTP " + endpoint.method() + " " + endpoint.uri()
                                    + " failed: " + error.getMessage(), error))
                            : answered(message, endpoint, response));
        } catch (Exception e) {
            return CompletableFuture.completedFuture(Outcome.failed(message, e));
        }
    }

    private Outcome answered(Message message, HttpEndpoint endpoint, HttpResponse<byte[]> response) {
        if (!settings.successStatusCodes().contains(response.statusCode())) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return Outcome.failed(message, new IOException("HTTP " + response.statusCode() + " from " + endpoint.method()
                    + " " + endpoint.uri() + " (success is " + settings.successStatusCodes() + "): "
                    + body.substring(0, Math.min(body.length(), ERROR_BODY_LENGTH))));
        }
        boolean solicitResponse = Boolean.TRUE.equals(message.context()
                .read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE));
        return solicitResponse ? new Outcome(message, responseMessage(response), null) : new Outcome(message, null, null);
    }

    /** The response as a message: the body, and the status and headers in the adapter's namespace. */
    private Message responseMessage(HttpResponse<byte[]> response) {
        MessageFactory factory = proxy.messageFactory();
        Message message = factory.createMessage();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        message.addPart("body", factory.createMessagePart(response.body(), contentType, null), true);
        message.context().write(HttpResourceAdapter.STATUS_CODE, HttpResourceAdapter.NAMESPACE, response.statusCode());
        response.headers().map().forEach((name, values) -> message.context().write(HttpResourceAdapter.HEADER_PREFIX
                + name.toLowerCase(java.util.Locale.ROOT), HttpResourceAdapter.NAMESPACE, String.join(", ", values)));
        return message;
    }

    private static PropertyBag endpointProperties(MessageContext context) {
        Map<String, Object> values = new HashMap<>();
        for (String name : List.of(HttpEndpoint.METHOD, HttpEndpoint.REQUEST_TIMEOUT, HttpEndpoint.USERNAME, HttpEndpoint.PASSWORD)) {
            Object value = context.read(name, HttpResourceAdapter.NAMESPACE);
            if (value != null) {
                values.put(name, value);
            }
        }
        return MapPropertyBag.readOnly(values);
    }

    /** The body, streamed from the MessageBox; with its length when known, so the request has a Content-Length. */
    private static HttpRequest.BodyPublisher body(Message message) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> openBody(message));
        OptionalLong size = message.bodyPart().size();
        return size.isPresent() ? HttpRequest.BodyPublishers.fromPublisher(stream, size.getAsLong()) : stream;
    }

    private static InputStream openBody(Message message) {
        try {
            return message.bodyPart().openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void report(List<Outcome> outcomes) {
        OutcomeBatch batch = new OutcomeBatch(proxy, inFlight, clock);
        for (Outcome outcome : outcomes) {
            if (outcome.error() != null) {
                batch.failed(outcome.message(), outcome.error());
            } else if (outcome.response() != null) {
                batch.responded(outcome.message(), outcome.response());
            } else {
                batch.delivered(outcome.message());
            }
        }
        batch.send();
    }

    /** What became of one message: sent (with a response for a solicit-response message), or failed. */
    private record Outcome(Message message, Message response, Throwable error) {
        static Outcome failed(Message message, Throwable error) {
            return new Outcome(message, null, error);
        }
    }
}
