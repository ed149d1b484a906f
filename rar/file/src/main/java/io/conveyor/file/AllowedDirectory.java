package io.conveyor.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A target directory opened under its allowed root without following any symbolic link, the one place where the
 * allowed-roots check is enforced at write time.
 *
 * <p>What it guarantees: the directory is reached from {@code /} along the real path of its allowed root and then
 * the address's segments, each opened with {@code O_NOFOLLOW} relative to the one before ({@code openat}). So the
 * directory held is, at the moment it is opened, really at {@code <real root>/<segments>}: a symbolic link anywhere
 * on the way (one below the root, whatever it points to, or one swapped in after the root was resolved) refuses the
 * write, naming the directory and the root. Files are then created, appended to, renamed and removed relative to the
 * held directory, so swapping a link into the path after the check cannot redirect them.
 *
 * <p>Missing directories are created on the way (by path, as Java has no {@code mkdirat}; each is then entered with
 * {@code O_NOFOLLOW}, so a link raced in refuses the write, though the empty directory may already exist where the
 * link pointed).
 */
final class AllowedDirectory implements Closeable {

    private final SecureDirectoryStream<Path> stream;
    private final Path realPath;
    private final AllowedRoot root;
    private final List<Path> created;
    private Object key;

    private AllowedDirectory(SecureDirectoryStream<Path> stream, Path realPath, AllowedRoot root, List<Path> created) {
        this.stream = stream;
        this.realPath = realPath;
        this.root = root;
        this.created = created;
    }

    /**
     * Opens the directory of an address, which lies under one of the roots as configured.
     *
     * @param create whether missing directories are made
     * @throws IOException naming the directory and its root when it is outside the roots or a symbolic link is on
     *                     the way; or when it cannot be opened
     */
    static AllowedDirectory open(Path directory, List<AllowedRoot> roots, boolean create) throws IOException {
        AllowedRoot root = roots.stream().filter(r -> directory.startsWith(r.configured()))
                .max(Comparator.comparingInt(r -> r.configured().getNameCount()))
                .orElseThrow(() -> new IOException("refused to write into " + directory
                        + ": it is outside the allowed roots " + roots));
        Path realPath = root.real().resolve(root.configured().relativize(directory));
        List<Path> created = new ArrayList<>();
        Path at = realPath.getRoot();
        SecureDirectoryStream<Path> current = openFileSystemRoot(at);
        try {
            for (Path name : realPath) {
                SecureDirectoryStream<Path> next = enter(current, at.resolve(name), create, created, directory, root);
                current.close();
                current = next;
                at = at.resolve(name);
            }
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
        return new AllowedDirectory(current, realPath, root, List.copyOf(created));
    }

    private static SecureDirectoryStream<Path> openFileSystemRoot(Path root) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(root);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("this platform cannot open a directory without following symbolic links, so the FILE"
                + " adapter cannot check the allowed roots and refuses to write");
    }

    private static SecureDirectoryStream<Path> enter(SecureDirectoryStream<Path> parent, Path child, boolean create,
            List<Path> created, Path directory, AllowedRoot root) throws IOException {
        Path name = child.getFileName();
        BasicFileAttributes attributes = attributes(parent, name);
        if (attributes == null && create) {
            try {
                Files.createDirectory(child);
                created.add(child);
            } catch (FileAlreadyExistsException madeMeanwhile) {
                // another delivery made it; entering it below checks what it is
            }
        } else if (attributes != null && attributes.isSymbolicLink()) {
            throw refusal(directory, child + " is a symbolic link", root);
        }
        try {
            return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) {
            throw refusal(directory, "cannot open " + child + " as a directory without following links ("
                    + e.getReason() + ")", root);
        }
    }

    /** The entry's own attributes (a link's, not its target's), or {@code null} when there is none. */
    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> directory, Path name) throws IOException {
        try {
            return directory.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static IOException refusal(Path directory, String why, AllowedRoot root) {
        return new IOException("refused to write into " + directory + ": " + why
                + "; no symbolic link is followed inside the allowed root " + root);
    }

    /** The directory's real path. */
    Path realPath() {
        return realPath;
    }

    /** The directories this opening made, outermost first. */
    List<Path> created() {
        return created;
    }

    /** The held directory's identity (device and inode), to tell whether a later opening reached the same one. */
    Object key() throws IOException {
        if (key == null) {
            key = stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        }
        return key;
    }

    /** Refuses a file name that is a symbolic link: the adapter neither follows nor replaces one. */
    void refuseLink(String name) throws IOException {
        BasicFileAttributes attributes = attributes(stream, Path.of(name));
        if (attributes != null && attributes.isSymbolicLink()) {
            throw new IOException("refused to write " + realPath.resolve(name) + ": it is a symbolic link"
                    + "; no symbolic link is followed inside the allowed root " + root);
        }
    }

    /** Opens a file in this directory, never following a link at its name ({@code O_NOFOLLOW}). */
    FileChannel openFile(String name, OpenOption... options) throws IOException {
        Set<OpenOption> noFollow = new HashSet<>(List.of(options));
        noFollow.add(LinkOption.NOFOLLOW_LINKS);
        SeekableByteChannel channel = stream.newByteChannel(Path.of(name), noFollow);
        if (channel instanceof FileChannel file) {
            return file;
        }
        channel.close();
        throw new IOException("this platform gave no file channel for " + realPath.resolve(name) + ", so it cannot"
                + " be forced to disk");
    }

    /** Renames a file over another in this directory, atomically ({@code renameat}); a link at {@code to} is replaced, never followed. */
    void rename(String from, String to) throws IOException {
        stream.move(Path.of(from), stream, Path.of(to));
    }

    /** Removes a file from this directory if it is there. */
    void deleteIfExists(String name) throws IOException {
        try {
            stream.deleteFile(Path.of(name));
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
