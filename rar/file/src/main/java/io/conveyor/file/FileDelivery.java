package io.conveyor.file;

import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageContext;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.SystemProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Writes one message to the file its context names: the address from {@code OutboundTransportLocation}, the copy
 * mode from the endpoint property {@code copyMode}. Shared by the blocking and the non-blocking adapter. The
 * address is checked against the allowed roots on every delivery, so dynamic sends are held to them too: its text
 * first, then, as it is written, the real directory ({@link AllowedDirectory}).
 */
final class FileDelivery {

    private final FileHandlerSettings settings;
    private final AtomicFileWriter writer;
    private final Clock clock;

    FileDelivery(FileHandlerSettings settings, Clock clock) {
        this.settings = settings;
        this.writer = new AtomicFileWriter(settings.forceToDisk(), settings.allowedRoots());
        this.clock = clock;
    }

    /** Writes the message's body; returns the file written. */
    Path deliver(Message message) throws IOException, InvalidEndpointException {
        AtomicFileWriter.Staged staged = stage(message);
        writer.place(staged);
        writer.forceDirectories(staged.directories());
        return staged.target();
    }

    /** {@link #stage(Message, OpenDirectories)} for one message. */
    AtomicFileWriter.Staged stage(Message message) throws IOException, InvalidEndpointException {
        try (OpenDirectories directories = writer.forStaging()) {
            return stage(message, directories);
        }
    }

    /**
     * Writes the message's body to a temporary file next to its target, forced (see {@link AtomicFileWriter#stage}),
     * in a directory of the batch's staging pass; {@link #writer()} then places it and forces its directory, possibly
     * together with other files.
     */
    AtomicFileWriter.Staged stage(Message message, OpenDirectories directories) throws IOException, InvalidEndpointException {
        MessageContext context = message.context();
        String address = context.readString(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE);
        FileAddress fileAddress = FileAddress.parse(address, settings.configuredRoots());
        Path target = fileAddress.target(macroValues(message));
        MessagePart body = message.bodyPart();
        if (body == null) {
            throw new IOException("message " + message.messageId() + " has no body part to write");
        }
        try (InputStream data = body.openStream()) {
            return writer.stage(target, data, copyMode(context), directories);
        }
    }

    AtomicFileWriter writer() {
        return writer;
    }

    private FileAddress.MacroValues macroValues(Message message) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        Object source = message.context().read(FileResourceAdapter.RECEIVED_FILE_NAME, FileResourceAdapter.NAMESPACE);
        Path sourceName = source == null ? null : Path.of(source.toString()).getFileName();
        String sourceFileName = sourceName == null || sourceName.toString().isEmpty()
                ? message.messageId() : sourceName.toString();
        return new FileAddress.MacroValues(message.messageId(), sourceFileName,
                now.withZoneSameInstant(ZoneOffset.UTC), now.withZoneSameInstant(ZoneId.systemDefault()));
    }

    private static CopyMode copyMode(MessageContext context) throws InvalidEndpointException {
        String value = context.readString(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE);
        if (value == null) {
            return CopyMode.CREATE_NEW;
        }
        try {
            return CopyMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException(FileResourceAdapter.COPY_MODE, "'" + value
                    + "' is not one of CREATE_NEW, OVERWRITE, APPEND");
        }
    }
}
