package io.conveyor.console.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * The answer that carries a message part as a download (a stored message's body, or a copy kept by tracking): the
 * part's content type with its charset, {@code Content-Disposition: attachment} with a file name that needs no quoting
 * and names no directory, and {@code X-Content-Type-Options: nosniff}, so a body published as HTML or script is never
 * rendered on the console's origin (decision 38).
 */
final class PartDownload {

    private PartDownload() {
    }

    /** A 200 answer with {@code entity} (bytes or a stream) as the part {@code partName} of {@code messageId}. */
    static Response.ResponseBuilder of(Object entity, String messageId, String partName, String contentType,
                                       String charset) {
        MediaType type = mediaType(contentType, charset);
        return Response.ok(entity, type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(messageId, partName, type) + "\"")
                .header("X-Content-Type-Options", "nosniff");
    }

    /** The content type with its charset; octet-stream when there is none, or none the API can send. */
    private static MediaType mediaType(String contentType, String charset) {
        try {
            MediaType type = contentType == null ? MediaType.APPLICATION_OCTET_STREAM_TYPE : MediaType.valueOf(contentType);
            return charset == null || type.getParameters().containsKey(MediaType.CHARSET_PARAMETER) ? type
                    : type.withCharset(charset);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }

    /** The message ID and the part's name, other characters as {@code _}, with an extension from the content type. */
    private static String fileName(String messageId, String partName, MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        String extension = subtype.endsWith("xml") ? "xml" : subtype.endsWith("json") ? "json"
                : subtype.equals("plain") ? "txt" : subtype.equals("csv") || subtype.equals("pdf") ? subtype : "bin";
        String base = (messageId + "-" + partName).replaceAll("[^A-Za-z0-9._-]", "_");
        return base.substring(0, Math.min(base.length(), 120)) + "." + extension;
    }
}
