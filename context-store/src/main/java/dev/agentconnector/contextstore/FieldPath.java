package dev.agentconnector.contextstore;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A dotted path into a record ({@code assignee.name}): segments of letters, digits and underscores only, so that
 * each can be written into SQL as a literal without quoting concerns.
 *
 * @param segments the path's parts, at least one
 */
public record FieldPath(List<String> segments) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int MAX_DEPTH = 8;

    public FieldPath {
        segments = List.copyOf(segments);
    }

    /** Parses {@code a.b.c}; {@code where} names the query part for the error. */
    public static FieldPath parse(String dotted, String where) {
        if (dotted == null || dotted.isEmpty()) {
            throw new QueryException(where, where + ": a field name is required");
        }
        String[] parts = dotted.split("\\.", -1);
        if (parts.length > MAX_DEPTH) {
            throw new QueryException(where, where + ": field '" + clip(dotted) + "' is nested deeper than "
                    + MAX_DEPTH + " levels");
        }
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches()) {
                throw new QueryException(where, where + ": '" + clip(dotted) + "' is not a field path: use names "
                        + "of letters, digits and _ joined by dots, e.g. assignee.name");
            }
        }
        return new FieldPath(List.of(parts));
    }

    /** The path as written. */
    public String dotted() {
        return String.join(".", segments);
    }

    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
