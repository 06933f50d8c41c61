package dev.agentconnector.asana.sim.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Shared Jackson objects and a per-thread output buffer for rendering response bodies without extra copies. */
public final class Json {
    /** The one ObjectMapper of the simulator (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final int KEEP_LIMIT = 256 * 1024;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(() -> new Buffer(8192));

    private Json() {
    }

    /** Something that writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        /** Writes the value. */
        void write(JsonGenerator g) throws IOException;
    }

    /** Bytes in a buffer: valid from index 0 to {@code length}. */
    public static final class Bytes {
        /** Backing array (may be longer than the content). */
        public final byte[] array;
        /** Content length. */
        public final int length;

        /** Wraps a backing array and a content length. */
        public Bytes(byte[] array, int length) {
            this.array = array;
            this.length = length;
        }
    }

    /**
     * Renders a body into this thread's buffer; the result is valid until the same thread renders again.
     */
    public static Bytes render(Body body, boolean pretty) {
        Buffer buf = BUFFERS.get();
        if (buf.capacity() > KEEP_LIMIT) {
            buf = new Buffer(8192);
            BUFFERS.set(buf);
        }
        buf.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buf)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Bytes(buf.array(), buf.size());
    }

    /** Renders a body into a fresh array owned by the caller. */
    public static byte[] renderCopy(Body body, boolean pretty) {
        Bytes b = render(body, pretty);
        byte[] out = new byte[b.length];
        System.arraycopy(b.array, 0, out, 0, b.length);
        return out;
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }

        int capacity() {
            return buf.length;
        }
    }
}
