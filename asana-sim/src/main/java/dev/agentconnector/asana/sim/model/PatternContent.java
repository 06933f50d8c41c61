package dev.agentconnector.asana.sim.model;

import java.io.IOException;
import java.io.OutputStream;

/** Content of any length whose byte at index i is {@code (i * 31 + 7) & 0xff}, generated while streaming. */
public final class PatternContent implements Content {
    private static final int CHUNK = 64 * 1024;
    /** The pattern repeats every 256 bytes, so one precomputed window serves every offset. */
    private static final byte[] WINDOW = new byte[CHUNK + 256];

    static {
        for (int i = 0; i < WINDOW.length; i++) {
            WINDOW[i] = byteAt(i);
        }
    }

    private final long size;

    /** Creates pattern content of the given length. */
    public PatternContent(long size) {
        this.size = size;
    }

    /** The byte at the given index. */
    public static byte byteAt(long index) {
        return (byte) ((index * 31 + 7) & 0xff);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void write(OutputStream out, long from, long toExclusive) throws IOException {
        long pos = from;
        while (pos < toExclusive) {
            int n = (int) Math.min(CHUNK, toExclusive - pos);
            out.write(WINDOW, (int) (pos & 0xff), n);
            pos += n;
        }
    }
}
