package dev.agentconnector.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-delimited lines as bytes, each up to a cap: the bytes of a longer line are skipped up to its end
 * instead of being held, so no input can make the reader hold more than the cap. A trailing {@code \r} is dropped; a
 * last line without a newline still counts. Not thread-safe: one reader thread uses it.
 */
final class LineReader {
    /** One line: its number (from 1), its bytes (without the newline), or that it was longer than the cap. */
    record Line(long number, byte[] bytes, boolean tooLong) {
    }

    private static final int KEEP = 1 << 20; // a line buffer grown past this is dropped after use

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[8 * 1024];
    private int len;
    private long number;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the input. Blocks until a whole line (or the end) is read. */
    Line next() throws IOException {
        len = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    pos = limit = 0;
                    return any ? finish(tooLong) : null;
                }
                pos = 0;
                limit = n;
                continue;
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (!tooLong) {
                if ((long) len + n > maxBytes) {
                    tooLong = true;
                } else {
                    append(start, n);
                }
            }
            if (pos < limit) {
                pos++; // the newline
                return finish(tooLong);
            }
        }
    }

    private void append(int start, int n) {
        if (len + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, (long) len + n), maxBytes));
        }
        System.arraycopy(buf, start, line, len, n);
        len += n;
    }

    private Line finish(boolean tooLong) {
        number++;
        if (tooLong) {
            shrink();
            return new Line(number, new byte[0], true);
        }
        int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        byte[] bytes = Arrays.copyOf(line, n);
        shrink();
        return new Line(number, bytes, false);
    }

    private void shrink() {
        if (line.length > KEEP) {
            line = new byte[8 * 1024];
        }
        len = 0;
    }
}
