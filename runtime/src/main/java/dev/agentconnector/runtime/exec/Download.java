package dev.agentconnector.runtime.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file being downloaded. The body is streamed from the server as it is read, so memory use does not grow with the
 * file size. Close it (or use one of the transfer methods, which close it) to release the connection.
 */
public final class Download implements AutoCloseable {
    private final InputStream body;
    private final int status;
    private final String contentType;
    private final long contentLength;
    private final String contentRange;
    private final String fileName;

    public Download(InputStream body, int status, String contentType, long contentLength, String contentRange,
                    String fileName) {
        this.body = body;
        this.status = status;
        this.contentType = contentType;
        this.contentLength = contentLength;
        this.contentRange = contentRange;
        this.fileName = fileName;
    }

    /** The raw stream; the caller must close it. */
    public InputStream stream() {
        return body;
    }

    /** 200 for the whole file, 206 for a byte range. */
    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** Bytes to expect, or -1 when the server did not say. */
    public long contentLength() {
        return contentLength;
    }

    /** The {@code Content-Range} of a partial download, or null. */
    public String contentRange() {
        return contentRange;
    }

    /** The attachment's name, or null. */
    public String fileName() {
        return fileName;
    }

    /** Copies the whole stream to {@code out} and closes the stream; returns the bytes copied. */
    public long transferTo(OutputStream out) throws IOException {
        try (InputStream in = body) {
            return in.transferTo(out);
        }
    }

    /**
     * Writes the file to {@code target} through a temporary file in the same directory that is moved into place
     * only when complete, so a failed download never leaves a partial file. Returns the bytes written.
     *
     * @throws FileAlreadyExistsException when {@code target} exists and {@code overwrite} is false
     */
    public long saveTo(Path target, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            close();
            throw new FileAlreadyExistsException(absolute.toString(), null, "refusing to overwrite; choose another path");
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        try {
            long n;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                n = transferTo(out);
            }
            if (contentLength >= 0 && n != contentLength) {
                throw new IOException("download ended after " + n + " of " + contentLength + " bytes");
            }
            if (overwrite) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection is discarded either way
        }
    }
}
