package dev.agentconnector.server.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates files and directories that only their owner can read (0600 and 0700 where the file system is POSIX). */
public final class OwnerOnly {
    private static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnly() {
    }

    /** Creates a new empty file readable and writable by its owner only. */
    public static void createFile(Path path) throws IOException {
        try {
            Files.createFile(path, FILE);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
            restrict(path, false);
        }
    }

    /** Creates a directory and any missing parents, each created one open to its owner only. */
    public static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, DIRECTORY);
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
            restrict(dir, true);
        }
    }

    private static void restrict(Path path, boolean directory) {
        var f = path.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
        if (directory) {
            f.setExecutable(false, false);
            f.setExecutable(true, true);
        }
    }
}
