package dev.agentconnector.asana.sim.model;

import java.io.IOException;
import java.io.OutputStream;

/** Content held in a small byte array. */
public final class BytesContent implements Content {
    private final byte[] bytes;

    /** Wraps the given bytes (not copied). */
    public BytesContent(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void write(OutputStream out, long from, long toExclusive) throws IOException {
        out.write(bytes, (int) from, (int) (toExclusive - from));
    }
}
