package io.parley.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files only their owner may read: the signing key and the tokens. Permissions apply where the file system has them. */
final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the directory (mode 700) when it is missing; an existing one keeps its mode. */
    static void createDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (POSIX) {
                    Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /**
     * Writes the text to a file of mode 600. The file never exists with a wider mode, nor half written: the text goes
     * to a private temporary file beside it, which then replaces it.
     */
    static void write(Path file, String text) {
        Path temporary = null;
        try {
            temporary = POSIX
                    ? Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
                    : Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                // On disk before it takes the file's name: a power loss leaves the old file or the new, never an empty one.
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Makes a rename in the directory durable; where a directory cannot be opened (not Linux), the rename stands. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can sync a directory: the rename is as durable as that platform makes it.
        }
    }

    /** Narrows a file that others may read (copied in by hand, say) to mode 600. */
    static void restrict(Path file) {
        if (!POSIX) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_READ_WRITE)) {
                Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Only left behind when the move failed; the error that caused it is the one to report.
        }
    }
}
