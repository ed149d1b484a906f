package io.conveyor.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Receives a response body within the adapter's bounds. It asks the client for the next buffers only once it has
 * handled the previous ones, so an answer never piles up in memory; it reads at most {@code maxResponseBytes}; and
 * the exchange stops it when its deadline passes. Stopping cancels the subscription, which makes the client drop the
 * connection: no more bytes are read. What is kept, and whether a body cut short still counts, is the subclass's
 * business.
 *
 * <p>The client calls {@code onSubscribe}, {@code onNext}, {@code onComplete} and {@code onError} one at a time; the
 * deadline comes from another thread, so the state is guarded by this object's lock, and the subscription is
 * cancelled and the body completed outside it.
 */
abstract class LimitedBodySubscriber implements HttpResponse.BodySubscriber<ResponseBody> {

    private final long maxBytes;
    private final CompletableFuture<ResponseBody> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private long received;
    private boolean finished;

    LimitedBodySubscriber(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Keeps what it wants of the next bytes. */
    protected abstract void accept(ByteBuffer buffer) throws IOException;

    /** The body, once it arrived whole. */
    protected abstract ResponseBody complete() throws IOException;

    /**
     * The body when reading stops before its end (it is too large, or the deadline passed): made of what arrived, or
     * {@code reason} thrown when such a body is no result.
     */
    protected abstract ResponseBody truncated(IOException reason) throws IOException;

    /** Frees what was kept, when the exchange failed. */
    protected abstract void release() throws IOException;

    @Override
    public CompletionStage<ResponseBody> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        boolean alreadyFinished;
        synchronized (this) {
            subscription = given;
            alreadyFinished = finished;
        }
        if (alreadyFinished) {
            given.cancel();
        } else {
            given.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        Ending ending;
        synchronized (this) {
            if (finished) {
                return;
            }
            ending = take(buffers);
            finished = ending != null;
        }
        if (ending == null) {
            subscription.request(1);
        } else {
            end(ending, true);
        }
    }

    @Override
    public void onComplete() {
        Ending ending;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                ending = Ending.of(complete());
            } catch (IOException e) {
                ending = failure(e);
            }
        }
        end(ending, false);
    }

    @Override
    public void onError(Throwable error) {
        Ending ending;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            ending = failure(error);
        }
        end(ending, false);
    }

    /** The exchange's deadline passed: stop reading now. */
    void deadlinePassed(IOException timeout) {
        Ending ending;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            ending = cutShort(timeout);
        }
        end(ending, true);
    }

    /** Handles the buffers; returns how the body ends if it does now, else {@code null}. */
    private Ending take(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > maxBytes) {
                    return cutShort(new IOException("response larger than maxResponseBytes (" + maxBytes + " bytes)"));
                }
                accept(buffer);
            }
            return null;
        } catch (IOException e) {
            return failure(e);
        }
    }

    private Ending cutShort(IOException reason) {
        try {
            return Ending.of(truncated(reason));
        } catch (IOException e) {
            return new Ending(null, e);
        }
    }

    private Ending failure(Throwable error) {
        try {
            release();
        } catch (IOException e) {
            error.addSuppressed(e);
        }
        return new Ending(null, error);
    }

    private void end(Ending ending, boolean stopReading) {
        Flow.Subscription current = subscription;
        if (stopReading && current != null) {
            current.cancel();
        }
        if (ending.error() == null) {
            body.complete(ending.result());
        } else {
            body.completeExceptionally(ending.error());
        }
    }

    /** How the body ended: a result, or an error. */
    private record Ending(ResponseBody result, Throwable error) {
        static Ending of(ResponseBody result) {
            return new Ending(result, null);
        }
    }
}
