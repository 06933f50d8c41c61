package dev.agentconnector.asana.sim.files;

/** A single satisfiable byte range {@code [first, last]} parsed from an HTTP Range header. */
public final class ByteRange {
    /** First byte index (inclusive). */
    public final long first;
    /** Last byte index (inclusive). */
    public final long last;

    private ByteRange(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /** Marker for a syntactically valid range that lies outside the content. */
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /**
     * Parses {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} against a content size; returns null when the
     * header is absent, malformed or asks for several ranges (the whole content is then served), or
     * {@link #UNSATISFIABLE}.
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - n), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (first < 0 || last < first) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Number of bytes in the range. */
    public long length() {
        return last - first + 1;
    }
}
