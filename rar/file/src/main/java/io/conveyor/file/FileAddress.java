package io.conveyor.file;

import io.conveyor.adapter.InvalidEndpointException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FILE address: {@code file:///dir/name} or a bare absolute path {@code /dir/name} (an adapter accepts its
 * address with or without its alias prefix, send-adapter contract §6 in {@code docs/send-adapter-contract.md}, D5).
 * Macros may appear in the file name only, so the directory can be checked against the allowed roots when the port is
 * saved:
 * <table>
 *   <caption>Macros</caption>
 *   <tr><td>{@code %MessageID%}</td><td>the message identity</td></tr>
 *   <tr><td>{@code %datetime%}</td><td>UTC time, {@code yyyy-MM-ddTHHmmss}</td></tr>
 *   <tr><td>{@code %datetime_bts2000%}</td><td>UTC time, {@code yyyyMMddHHmmssSSS}</td></tr>
 *   <tr><td>{@code %datetime.tz%}</td><td>server local time with offset, {@code yyyy-MM-ddTHHmmss+hhmm}</td></tr>
 *   <tr><td>{@code %time%}</td><td>UTC time, {@code HHmmss}</td></tr>
 *   <tr><td>{@code %time.tz%}</td><td>server local time with offset, {@code HHmmss+hhmm}</td></tr>
 *   <tr><td>{@code %SourceFileName%}</td><td>the message's {@code ReceivedFileName} property, else its identity</td></tr>
 * </table>
 */
public final class FileAddress {

    public static final String ALIAS = "file://";

    private static final Pattern MACRO = Pattern.compile("%([A-Za-z_.0-9]+)%");
    private static final Map<String, Function<MacroValues, String>> MACROS = Map.of(
            "MessageID", MacroValues::messageId,
            "datetime", v -> v.utc().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss")),
            "datetime_bts2000", v -> v.utc().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")),
            "datetime.tz", v -> v.local().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmssxx")),
            "time", v -> v.utc().format(DateTimeFormatter.ofPattern("HHmmss")),
            "time.tz", v -> v.local().format(DateTimeFormatter.ofPattern("HHmmssxx")),
            "SourceFileName", MacroValues::sourceFileName);

    private final Path directory;
    private final String fileNamePattern;

    private FileAddress(Path directory, String fileNamePattern) {
        this.directory = directory;
        this.fileNamePattern = fileNamePattern;
    }

    /** What the macros of one delivery expand to. */
    public record MacroValues(String messageId, String sourceFileName, ZonedDateTime utc, ZonedDateTime local) {
    }

    /**
     * Parses and checks an address against the allowed roots.
     *
     * @throws InvalidEndpointException with field {@code address} when it is malformed, names an unknown macro,
     *                                  has a macro in its directory, or lies outside every allowed root
     */
    public static FileAddress parse(String address, List<Path> allowedRoots) throws InvalidEndpointException {
        if (address == null || address.isBlank()) {
            throw new InvalidEndpointException("address", "address is required");
        }
        String path = address.regionMatches(true, 0, ALIAS, 0, ALIAS.length())
                ? address.substring(ALIAS.length()) : address;
        if (!path.startsWith("/")) {
            throw new InvalidEndpointException("address", "'" + address + "' is not file:///absolute/path or /absolute/path");
        }
        int slash = path.lastIndexOf('/');
        String directoryText = slash == 0 ? "/" : path.substring(0, slash);
        String fileName = path.substring(slash + 1);
        if (fileName.isEmpty()) {
            throw new InvalidEndpointException("address", "'" + address + "' names a directory, not a file");
        }
        if (MACRO.matcher(directoryText).find()) {
            throw new InvalidEndpointException("address", "macros are allowed in the file name only: '" + address + "'");
        }
        checkMacros(address, fileName);
        Path directory;
        try {
            directory = Path.of(directoryText).normalize();
            Path.of(fileName.replace('%', '_'));
        } catch (InvalidPathException e) {
            throw new InvalidEndpointException("address", "'" + address + "' is not a valid path: " + e.getReason());
        }
        if (fileName.equals("..") || fileName.equals(".")) {
            throw new InvalidEndpointException("address", "'" + address + "' does not name a file");
        }
        if (allowedRoots.stream().noneMatch(directory::startsWith)) {
            throw new InvalidEndpointException("address", "'" + address + "' is outside the allowed roots "
                    + allowedRoots + " (handler property allowedRoots)");
        }
        return new FileAddress(directory, fileName);
    }

    private static void checkMacros(String address, String fileName) throws InvalidEndpointException {
        Matcher matcher = MACRO.matcher(fileName);
        while (matcher.find()) {
            if (!MACROS.containsKey(matcher.group(1))) {
                throw new InvalidEndpointException("address", "unknown macro %" + matcher.group(1) + "% in '" + address
                        + "'; known: " + MACROS.keySet().stream().sorted().map(m -> "%" + m + "%").toList());
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * The target file for one delivery, with macros expanded. Expanded values that would leave the directory
     * (a source file name with a slash, say) are refused.
     */
    public Path target(MacroValues values) {
        Matcher matcher = MACRO.matcher(fileNamePattern);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(name, Matcher.quoteReplacement(MACROS.get(matcher.group(1)).apply(values)));
        }
        matcher.appendTail(name);
        String fileName = name.toString();
        if (fileName.contains("/") || fileName.equals("..") || fileName.equals(".") || fileName.isEmpty()) {
            throw new IllegalArgumentException("the file name '" + fileName + "' expanded from '" + fileNamePattern
                    + "' is not a plain file name");
        }
        return directory.resolve(fileName);
    }

    @Override
    public String toString() {
        return directory.resolve(fileNamePattern).toString();
    }
}
