package dev.agentconnector.asana.sim.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed {@code application/x-www-form-urlencoded} string (URL query or form body), keeping parameter order. */
public final class QueryString {
    private static final QueryString EMPTY = new QueryString(Collections.emptyList());
    private final List<String[]> pairs;
    private Map<String, String> first;

    private QueryString(List<String[]> pairs) {
        this.pairs = pairs;
    }

    /** Parses a raw (still percent-encoded) string; null gives an empty result. */
    public static QueryString parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        List<String[]> pairs = new ArrayList<>();
        int start = 0;
        while (start <= raw.length()) {
            int amp = raw.indexOf('&', start);
            if (amp < 0) {
                amp = raw.length();
            }
            if (amp > start) {
                String part = raw.substring(start, amp);
                int eq = part.indexOf('=');
                String k = eq < 0 ? part : part.substring(0, eq);
                String v = eq < 0 ? "" : part.substring(eq + 1);
                pairs.add(new String[] {decode(k), decode(v)});
            }
            start = amp + 1;
        }
        return new QueryString(pairs);
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Percent-encodes a value for use in a query string. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The first value of the named parameter, or null. */
    public String get(String name) {
        if (pairs.size() <= 4) {
            for (String[] p : pairs) {
                if (p[0].equals(name)) {
                    return p[1];
                }
            }
            return null;
        }
        if (first == null) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String[] p : pairs) {
                m.putIfAbsent(p[0], p[1]);
            }
            first = m;
        }
        return first.get(name);
    }

    /** Whether the parameter is present (possibly with an empty value). */
    public boolean has(String name) {
        for (String[] p : pairs) {
            if (p[0].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** All name/value pairs in order. */
    public List<String[]> pairs() {
        return pairs;
    }

    /** The parameters as an ordered map of first values. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] p : pairs) {
            m.putIfAbsent(p[0], p[1]);
        }
        return m;
    }
}
