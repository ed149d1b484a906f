package io.conveyor.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a response body the adapter does not publish (a one-way port's answer, a failure status, a redirect) and
 * keeps only its first bytes, for an error text; the rest is discarded as it arrives. A body over
 * {@code maxResponseBytes}, or one still arriving when the deadline passes, is cut off (the connection dropped)
 * without failing anything: the status alone decides the outcome.
 */
final class DiscardingBodySubscriber extends LimitedBodySubscriber {

    private final byte[] start;
    private int kept;

    DiscardingBodySubscriber(long maxBytes, int keptBytes) {
        super(maxBytes);
        this.start = new byte[keptBytes];
    }

    @Override
    protected void accept(ByteBuffer buffer) {
        int length = Math.min(buffer.remaining(), start.length - kept);
        buffer.get(start, kept, length);
        kept += length;
    }

    @Override
    protected ResponseBody complete() {
        return new ResponseBody.Start(new String(start, 0, kept, StandardCharsets.UTF_8));
    }

    @Override
    protected ResponseBody truncated(IOException reason) {
        return complete();
    }

    @Override
    protected void release() {
        // nothing is held but the first bytes
    }
}
