package io.conveyor.http;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One message's exchange with its partner: sends the request, reads the answer within the adapter's bounds, and
 * completes with what becomes of the message, never exceptionally.
 *
 * <p>One deadline, the endpoint's {@code requestTimeoutSeconds} from the start, bounds the whole exchange: from sending
 * the request to the last byte of the answer. When it passes before the answer's headers, the exchange fails with a
 * timeout and the request is cancelled. When it passes while the body is still arriving (slowly, or without end), the
 * body subscriber stops reading: a two-way port's answer then fails with the timeout, while a body the adapter only
 * discards is cut off and the status decides. The body subscriber is chosen by the status: a two-way port's success is
 * received whole ({@link SpoolingBodySubscriber}), any other answer is read and discarded, keeping its start for the
 * error text ({@link DiscardingBodySubscriber}).
 *
 * <p>A redirect is a failure unless the {@link RedirectPolicy} follows it: then the request goes again, with the same
 * method, headers and a body opened anew from the message, within the same deadline.
 *
 * <p>The timer and the client's threads meet in {@code pendingResponse}, {@code receiving} and {@code expired}, which
 * are guarded by this object's lock; the outcome completes once, whichever comes first.
 */
final class HttpExchange {

    /** Most bytes of a failed answer quoted in its error text. */
    private static final int ERROR_TEXT_BYTES = 300;

    /** What every exchange of the adapter uses: the client, the deadline timer, the settings, the response spool. */
    record Shared(HttpClient client, ScheduledExecutorService timer, HttpHandlerSettings settings, ResponseSpool spool,
                  MessageFactory messageFactory) {
    }

    private final Shared shared;
    private final Message message;
    private final HttpEndpoint endpoint;
    private final boolean solicitResponse;
    private final RedirectPolicy redirects;
    private final CompletableFuture<ExchangeOutcome> outcome = new CompletableFuture<>();
    private CompletableFuture<?> pendingResponse;
    private LimitedBodySubscriber receiving;
    private boolean expired;

    private HttpExchange(Shared shared, Message message, HttpEndpoint endpoint, boolean solicitResponse) {
        this.shared = shared;
        this.message = message;
        this.endpoint = endpoint;
        this.solicitResponse = solicitResponse;
        this.redirects = new RedirectPolicy(endpoint.followRedirects());
    }

    /** Starts the exchange; the outcome completes by the endpoint's deadline at the latest. */
    static CompletableFuture<ExchangeOutcome> start(Shared shared, Message message, HttpEndpoint endpoint,
                                                    boolean solicitResponse) {
        HttpExchange exchange = new HttpExchange(shared, message, endpoint, solicitResponse);
        ScheduledFuture<?> deadline = shared.timer().schedule(exchange::deadlinePassed, endpoint.timeout().toNanos(),
                TimeUnit.NANOSECONDS);
        exchange.outcome.whenComplete((done, error) -> deadline.cancel(false));
        exchange.send(endpoint.uri(), 0);
        return exchange.outcome;
    }

    /** Sends the request to the URI; {@code hops} redirects were followed to get there. */
    private void send(URI uri, int hops) {
        CompletableFuture<HttpResponse<ResponseBody>> response;
        try {
            HttpRequest request = request(uri);
            synchronized (this) {
                if (expired) {
                    response = null;
                } else {
                    receiving = null;
                    response = shared.client().sendAsync(request, this::subscriberFor);
                    pendingResponse = response;
                }
            }
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (response == null) {
            fail(timeout());
            return;
        }
        response.whenComplete((answer, error) -> {
            if (error != null) {
                fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                answered(uri, hops, answer);
            }
        });
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(endpoint.method(), body())
                .header("Conveyor-Message-Id", message.messageId());
        String contentType = message.bodyPart().contentType();
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (endpoint.authorization() != null) {
            request.header("Authorization", endpoint.authorization());
        }
        return request.build();
    }

    /** The body, streamed from the MessageBox; with its length when known, so the request has a Content-Length. */
    private HttpRequest.BodyPublisher body() {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(this::openBody);
        OptionalLong size = message.bodyPart().size();
        return size.isPresent() ? HttpRequest.BodyPublishers.fromPublisher(stream, size.getAsLong()) : stream;
    }

    private InputStream openBody() {
        try {
            return message.bodyPart().openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called by the client when the answer's headers are in: how its body is read. */
    private HttpResponse.BodySubscriber<ResponseBody> subscriberFor(HttpResponse.ResponseInfo info) {
        long maxBytes = shared.settings().maxResponseBytes();
        LimitedBodySubscriber subscriber = publishesBody(info.statusCode())
                ? new SpoolingBodySubscriber(maxBytes, shared.spool())
                : new DiscardingBodySubscriber(maxBytes, ERROR_TEXT_BYTES);
        boolean late;
        synchronized (this) {
            receiving = subscriber;
            late = expired;
        }
        if (late) {
            subscriber.deadlinePassed(timeout());
        }
        return subscriber;
    }

    /** Whether an answer with this status becomes the response message. */
    private boolean publishesBody(int status) {
        return solicitResponse && shared.settings().successStatusCodes().contains(status);
    }

    /** Called by the timer when the exchange's deadline passes. */
    private void deadlinePassed() {
        LimitedBodySubscriber reading;
        CompletableFuture<?> waiting;
        synchronized (this) {
            expired = true;
            reading = receiving;
            waiting = pendingResponse;
        }
        if (reading != null) {
            reading.deadlinePassed(timeout());
            return;
        }
        fail(timeout());
        if (waiting != null) {
            waiting.cancel(true);
        }
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no complete answer within requestTimeoutSeconds ("
                + endpoint.timeout().toSeconds() + " s)");
    }

    private void answered(URI uri, int hops, HttpResponse<ResponseBody> answer) {
        if (RedirectPolicy.isRedirect(answer.statusCode())) {
            redirected(uri, hops, answer);
        } else if (!shared.settings().successStatusCodes().contains(answer.statusCode())) {
            outcome.complete(ExchangeOutcome.failed(message, statusError(answer)));
        } else if (answer.body() instanceof SpooledBody spooled) {
            respond(answer, spooled);
        } else {
            outcome.complete(ExchangeOutcome.delivered(message));
        }
    }

    private void redirected(URI uri, int hops, HttpResponse<ResponseBody> answer) {
        Optional<String> location = answer.headers().firstValue("Location");
        URI next;
        try {
            next = redirects.next(uri, answer.statusCode(), location, hops);
        } catch (IOException refused) {
            outcome.complete(ExchangeOutcome.failed(message, new IOException("HTTP " + answer.statusCode() + " from "
                    + endpoint.method() + " " + uri + " (Location: " + location.orElse("none") + "), a redirect "
                    + refused.getMessage(), refused)));
            return;
        }
        send(next, hops + 1);
    }

    private IOException statusError(HttpResponse<ResponseBody> answer) {
        String start = answer.body() instanceof ResponseBody.Start kept ? kept.text() : "";
        String location = answer.headers().firstValue("Location").map(value -> " (Location: " + value + ")").orElse("");
        return new IOException("HTTP " + answer.statusCode() + " from " + endpoint.method() + " " + answer.uri()
                + location + " (success is " + shared.settings().successStatusCodes() + "): " + start);
    }

    private void respond(HttpResponse<ResponseBody> answer, SpooledBody spooled) {
        boolean reported = false;
        try {
            reported = outcome.complete(ExchangeOutcome.responded(message, responseMessage(answer, spooled), spooled));
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            if (!reported) {
                spooled.delete();
            }
        }
    }

    /** The answer as a message: the body, and the status and headers in the adapter's namespace. */
    private Message responseMessage(HttpResponse<ResponseBody> answer, SpooledBody spooled) {
        MessageFactory factory = shared.messageFactory();
        Message response = factory.createMessage();
        String contentType = answer.headers().firstValue("Content-Type").orElse(null);
        response.addPart("body", factory.createMessagePart(spooled.content(), contentType, null), true);
        response.context().write(HttpResourceAdapter.STATUS_CODE, HttpResourceAdapter.NAMESPACE, answer.statusCode());
        answer.headers().map().forEach((name, values) -> response.context().write(HttpResourceAdapter.HEADER_PREFIX
                + name.toLowerCase(Locale.ROOT), HttpResourceAdapter.NAMESPACE, String.join(", ", values)));
        return response;
    }

    /** The exchange failed before a complete answer: the request was refused, timed out, or the answer was too large. */
    private void fail(Throwable error) {
        outcome.complete(ExchangeOutcome.failed(message, new IOException("HTTP " + endpoint.method() + " "
                + endpoint.uri() + " failed: " + error.getMessage(), error)));
    }
}
