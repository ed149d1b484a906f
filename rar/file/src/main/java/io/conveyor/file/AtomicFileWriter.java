package io.conveyor.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a body to its target so that a reader never sees a partial file: the data goes to a hidden temporary
 * file in the same directory, is forced to disk, and is then renamed into place; the directory entry is forced
 * too. With {@code forceToDisk} off both forces are skipped (faster; a power cut may lose recent files).
 *
 * <p>The work has three steps, so that a batch of files can share its directory forces: {@link #stage} writes and
 * forces the temporary file, {@link #place} moves it into place, {@link #forceDirectories} forces the directories
 * the placed files are in, each once. A file counts as written only after the last step. {@link #write} does all
 * three for one file.
 *
 * <p>Every write is held to the allowed roots as it happens: the target's directory is opened under its root without
 * following symbolic links, and a link as the file name is refused ({@link AllowedDirectory}). The temporary file is
 * created, an append is written, an {@link CopyMode#OVERWRITE} is renamed and the temporary file is removed relative
 * to that open directory; so a link swapped into the path after the check cannot send them elsewhere. A batch opens
 * each directory once for its staging pass and once again for its placing pass ({@link OpenDirectories}), which finds
 * whether the directory its files were staged in is still the one at that path. Only the hard link of {@link CopyMode#CREATE_NEW} goes by path (Java has no {@code linkat}): it is made
 * between the directory's real paths, right after the directory was opened again and found to be the same one.
 *
 * <p>In {@link CopyMode#CREATE_NEW} an existing target that holds exactly the body is the same message delivered
 * again (the server died after writing it and before the engine deleted the message), so the write succeeds
 * without touching it instead of failing a delivery that already happened.
 */
final class AtomicFileWriter {

    private static final Logger LOG = Logger.getLogger(AtomicFileWriter.class.getName());
    private static final int BUFFER_SIZE = 64 * 1024;
    /** A copy buffer per thread: most bodies are small, and a fresh buffer for each would cost more than its copy. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);
    /** Appends to one file are serialised across the JVM, so concurrent bodies never interleave (striped by path). */
    private static final Object[] APPEND_LOCKS = new Object[64];

    static {
        for (int i = 0; i < APPEND_LOCKS.length; i++) {
            APPEND_LOCKS[i] = new Object();
        }
    }

    /**
     * A file staged for its target (as addressed): the temporary file written and forced ({@code null} for an append,
     * written in place already), the directories whose entries must be forced once it is placed, the target's first,
     * all as real paths, and the identity of the target's directory when it was staged.
     */
    record Staged(Path target, Path temporary, CopyMode mode, List<Path> directories, Object directoryKey) {
    }

    private final boolean forceToDisk;
    private final List<AllowedRoot> roots;

    AtomicFileWriter(boolean forceToDisk, List<AllowedRoot> roots) {
        this.forceToDisk = forceToDisk;
        this.roots = List.copyOf(roots);
    }

    /**
     * Writes the data to the target.
     *
     * @throws FileAlreadyExistsException in {@link CopyMode#CREATE_NEW} when the target exists with other content
     *                                    (nothing is written)
     * @throws IOException                on any other failure; no temporary file is left behind
     */
    void write(Path target, InputStream data, CopyMode mode) throws IOException {
        Staged staged = stage(target, data, mode);
        place(staged);
        forceDirectories(staged.directories());
    }

    /** Directories for a staging pass over a batch: missing ones are made. */
    OpenDirectories forStaging() {
        return new OpenDirectories(roots, true);
    }

    /** Directories for a placing pass over a batch: each opened again, to find the one its files were staged in. */
    OpenDirectories forPlacing() {
        return new OpenDirectories(roots, false);
    }

    /** {@link #stage(Path, InputStream, CopyMode, OpenDirectories)} for one file. */
    Staged stage(Path target, InputStream data, CopyMode mode) throws IOException {
        try (OpenDirectories directories = forStaging()) {
            return stage(target, data, mode, directories);
        }
    }

    /** {@link #place(Staged, OpenDirectories)} for one file. */
    void place(Staged staged) throws IOException {
        try (OpenDirectories directories = forPlacing()) {
            place(staged, directories);
        }
    }

    /**
     * Writes the data to a temporary file next to the target and forces it (an append is written to the target
     * itself, and forced); makes the target's directory if needed.
     *
     * @throws IOException on failure, and when the target's directory is not under its allowed root once links are
     *                     taken into account or the target is a symbolic link; no temporary file is left behind
     */
    Staged stage(Path target, InputStream data, CopyMode mode, OpenDirectories directoriesOfPass) throws IOException {
        String name = target.getFileName().toString();
        AllowedDirectory directory = directoriesOfPass.get(target.getParent());
        directory.refuseLink(name);
        Path realTarget = directory.realPath().resolve(name);
        List<Path> directories = new ArrayList<>(List.of(directory.realPath()));
        // a directory made here is durable only once the entry in its parent is forced too
        directory.created().forEach(created -> directories.add(created.getParent()));
        if (mode == CopyMode.APPEND) {
            synchronized (APPEND_LOCKS[Math.floorMod(realTarget.hashCode(), APPEND_LOCKS.length)]) {
                try (FileChannel channel = directory.openFile(name, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    copy(data, channel);
                }
            }
            return new Staged(target, null, mode, directories, directory.key());
        }
        Path temporary = TemporaryFileName.next(realTarget);
        String temporaryName = temporary.getFileName().toString();
        try (FileChannel channel = directory.openFile(temporaryName, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            copy(data, channel);
        } catch (IOException | RuntimeException e) {
            directory.deleteIfExists(temporaryName);
            throw e;
        }
        return new Staged(target, temporary, mode, directories, directory.key());
    }

    /**
     * Moves a staged file into place: renamed over the target ({@link CopyMode#OVERWRITE}), or linked to its name if
     * free ({@link CopyMode#CREATE_NEW}); the temporary file is gone afterwards, unless its directory was moved away
     * in the meantime (the next start's cleaner removes it if it is still under a root).
     *
     * @throws FileAlreadyExistsException in {@link CopyMode#CREATE_NEW} when the target exists with other content
     * @throws IOException                when the target's directory is no longer the one the file was staged in
     */
    void place(Staged staged, OpenDirectories directoriesOfPass) throws IOException {
        if (staged.temporary() == null) {
            return;
        }
        String temporaryName = staged.temporary().getFileName().toString();
        AllowedDirectory directory = directoriesOfPass.get(staged.target().getParent());
        try {
            if (!directory.key().equals(staged.directoryKey())) {
                throw new IOException("refused to place " + staged.target() + ": its directory "
                        + directory.realPath() + " was replaced after the body was written into it");
            }
            String name = staged.target().getFileName().toString();
            if (staged.mode() == CopyMode.CREATE_NEW) {
                linkNew(directory.realPath().resolve(name), staged.temporary());
            } else {
                directory.rename(temporaryName, name);
            }
        } finally {
            directory.deleteIfExists(temporaryName);
        }
    }

    /** Forces the entries of the given directories to disk, each once (when {@code forceToDisk} is on). */
    void forceDirectories(Collection<Path> directories) throws IOException {
        for (Path directory : new LinkedHashSet<>(directories)) {
            force(directory);
        }
    }

    /**
     * Hard-links the written temporary file to the target name, which fails if the target exists. A target already
     * holding exactly the written bytes is accepted, forced like a fresh file so the success is as durable.
     */
    private void linkNew(Path target, Path temporary) throws IOException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException exists) {
            if (!holdsSameBytes(target, temporary, exists)) {
                throw exists;
            }
            force(target);
            LOG.log(Level.FINE, "{0} already holds exactly this body: the same delivery made again, counted as delivered",
                    target);
        }
    }

    /**
     * Whether the existing target is a regular file (not a symbolic link: this class makes none) with the written
     * content. A target that cannot be read counts as different; why is added to {@code exists}.
     */
    private static boolean holdsSameBytes(Path target, Path written, FileAlreadyExistsException exists) {
        try {
            return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    && Files.size(target) == Files.size(written)
                    && Files.mismatch(target, written) == -1;
        } catch (IOException e) {
            exists.addSuppressed(e);
            return false;
        }
    }

    private void copy(InputStream data, FileChannel channel) throws IOException {
        byte[] buffer = BUFFERS.get();
        for (int read = data.read(buffer); read >= 0; read = data.read(buffer)) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
        if (forceToDisk) {
            channel.force(true);
        }
    }

    /** Forces a file's content, or a directory's entries, to disk (when {@code forceToDisk} is on). */
    private void force(Path fileOrDirectory) throws IOException {
        if (forceToDisk) {
            try (FileChannel channel = FileChannel.open(fileOrDirectory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }
}
