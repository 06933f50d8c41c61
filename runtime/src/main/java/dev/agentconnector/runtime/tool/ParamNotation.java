package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact type notation of the tool description: {@code str}, {@code int 1..100}, {@code gid}, {@code gid[]},
 * {@code a|b|c}, {@code date|null}. Formats that the runtime checks become their own type word.
 */
final class ParamNotation {
    /** Formats written as a type word of their own; the notation line explains each one that is used. */
    static final Set<String> FORMAT_WORDS = Set.of("gid", "user", "date", "date-time");

    private ParamNotation() {
    }

    /** The type of a param in the notation, with values, bounds and nullability. */
    static String type(ParamSpec p) {
        StringBuilder sb = new StringBuilder(base(p));
        if (p.minimum() != null || p.maximum() != null) {
            sb.append(' ').append(plain(p.minimum())).append("..").append(plain(p.maximum()));
        }
        if (p.maxLength() != null) {
            sb.append(" max ").append(p.maxLength()).append(" chars");
        }
        if (p.nullable()) {
            sb.append("|null");
        }
        return sb.toString();
    }

    private static String base(ParamSpec p) {
        return switch (p.type()) {
            case STRING -> {
                if (!p.enumValues().isEmpty()) {
                    yield values(p.enumValues());
                }
                yield p.format() == null ? "str" : FORMAT_WORDS.contains(p.format()) ? word(p.format())
                        : "str(" + p.format() + ")";
            }
            case INTEGER -> "int";
            case NUMBER -> "num";
            case BOOLEAN -> "bool";
            case OBJECT -> "obj";
            case ARRAY -> (p.items() == null ? "any" : base(p.items())) + "[]";
        };
    }

    /**
     * Allowed values joined by {@code |}; values that are every combination of a few prefixes and suffixes, such as
     * {@code dark-pink, dark-blue, light-pink, light-blue}, are written {@code {dark,light}-{pink,blue}}.
     */
    static String values(List<String> values) {
        Map<String, List<String>> byPrefix = new LinkedHashMap<>();
        List<String> single = new ArrayList<>();
        for (String v : values) {
            int dash = v.indexOf('-');
            if (dash > 0 && dash < v.length() - 1) {
                byPrefix.computeIfAbsent(v.substring(0, dash), k -> new ArrayList<>()).add(v.substring(dash + 1));
            } else {
                single.add(v);
            }
        }
        List<String> suffixes = byPrefix.isEmpty() ? List.of() : byPrefix.values().iterator().next();
        boolean product = byPrefix.size() >= 2 && suffixes.size() >= 2
                && byPrefix.values().stream().allMatch(suffixes::equals);
        if (!product) {
            return String.join("|", values);
        }
        StringBuilder sb = new StringBuilder("{").append(String.join(",", byPrefix.keySet())).append("}-{")
                .append(String.join(",", suffixes)).append('}');
        single.forEach(v -> sb.append('|').append(v));
        return sb.toString();
    }

    /** The type word of a checked format. */
    static String word(String format) {
        return "date-time".equals(format) ? "datetime" : format;
    }

    /** The format of a param or of its array items, or null. */
    static String formatOf(ParamSpec p) {
        if (p.type() == ParamType.ARRAY && p.items() != null) {
            return p.items().format();
        }
        return p.enumValues().isEmpty() ? p.format() : null;
    }

    private static String plain(BigDecimal d) {
        return d == null ? "" : d.stripTrailingZeros().toPlainString();
    }
}
