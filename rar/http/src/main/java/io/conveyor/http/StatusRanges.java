package io.conveyor.http;

import java.util.ArrayList;
import java.util.List;

/**
 * HTTP status codes that count as success, written {@code 200-299} or {@code 200-299,304}. Any other status fails the
 * delivery, which then takes the failure ladder (retry, backup transport, suspension). The redirects 301, 302, 303,
 * 307 and 308 may not be listed: the request did not reach its target, so counting them as success would delete a
 * message nobody received ({@link RedirectPolicy} decides about them). 304 may be.
 */
public final class StatusRanges {

    private record Range(int from, int to) {
    }

    private final List<Range> ranges;
    private final String text;

    private StatusRanges(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * Parses a list of codes and ranges.
     *
     * @throws IllegalArgumentException naming the handler property when the text is malformed or lists a redirect
     */
    public static StatusRanges parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] bounds = trimmed.split("-", 2);
            int from;
            int to;
            try {
                from = Integer.parseInt(bounds[0].trim());
                to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
                if (from < 100 || to > 599 || from > to) {
                    throw new NumberFormatException(trimmed);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("successStatusCodes: '" + trimmed
                        + "' is not a status code or range between 100 and 599, such as 200-299", e);
            }
            ranges.add(withoutRedirects(new Range(from, to), trimmed));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("successStatusCodes: name at least one status code or range");
        }
        return new StatusRanges(List.copyOf(ranges), text);
    }

    private static Range withoutRedirects(Range range, String text) {
        for (int status = range.from(); status <= range.to(); status++) {
            if (RedirectPolicy.isRedirect(status)) {
                throw new IllegalArgumentException("successStatusCodes: '" + text + "' includes the redirect status "
                        + status + "; a redirect is never a success (the request did not reach its target), see"
                        + " followRedirects");
            }
        }
        return range;
    }

    public boolean contains(int status) {
        return ranges.stream().anyMatch(range -> status >= range.from() && status <= range.to());
    }

    @Override
    public String toString() {
        return text;
    }
}
