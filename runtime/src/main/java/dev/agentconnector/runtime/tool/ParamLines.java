package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the param lines of actions, one param a line ({@code name* type: description}, properties of an object
 * indented under it), and notes which notation they used. Nothing is written twice: a param already written in
 * full elsewhere is referred to ({@code as in tasks.list}), one the entity described under an earlier action is only
 * named, and params of one action with the same type and description share a line.
 */
final class ParamLines {
    private static final Pattern RESTATED = Pattern.compile("^Gids? of (?:the |a |an )?([A-Za-z]+)\\b");
    private static final Pattern OBJECT_EXAMPLE = Pattern.compile(",? e\\.g\\. \\{[^}]*}");
    /** A read with this many optional params or more has a filter list ({@link Detail#FILTER_LISTS_BY_NAME}). */
    static final int LONG_FILTER_LIST = 10;

    private final Detail detail;
    private final Clauses clauses;
    private final Map<String, String> paramsSeen = new HashMap<>();
    private final Map<String, String> describedInEntity = new HashMap<>();
    private final Set<String> formatsUsed = new LinkedHashSet<>();
    private boolean nestedUsed;
    private boolean nullableUsed;
    private boolean productUsed;

    ParamLines(Detail detail, Clauses clauses) {
        this.detail = detail;
        this.clauses = clauses;
    }

    /** The checked formats written so far (gid, user, date, date-time), in order of first use. */
    Set<String> formatsUsed() {
        return formatsUsed;
    }

    /** Whether an object's properties were written indented. */
    boolean nestedUsed() {
        return nestedUsed;
    }

    /** Whether a nullable param was written ({@code |null}). */
    boolean nullableUsed() {
        return nullableUsed;
    }

    /** Whether values were written as combinations ({@code {a,b}-{c,d}}). */
    boolean productUsed() {
        return productUsed;
    }

    /**
     * Writes params one a line; params of one action with the same type and description share a line. A param this
     * entity already described under another action (same name and type) is only named, on one closing
     * {@code as in ACTION:} line, since its meaning is written above.
     */
    void write(StringBuilder sb, OperationSpec op, String indent, String prefix, List<ParamSpec> params) {
        boolean filtersByName = !op.isWrite() && (detail.atLeast(Detail.READ_FILTERS_BY_NAME)
                || (detail.atLeast(Detail.FILTER_LISTS_BY_NAME)
                && params.stream().filter(p -> !p.required()).count() >= LONG_FILTER_LIST));
        Map<String, List<String>> again = new LinkedHashMap<>();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, String> nested = new HashMap<>();
        for (ParamSpec p : params) {
            noteFormat(p);
            nullableUsed |= p.nullable();
            String type = ParamNotation.type(p);
            productUsed |= type.contains("}-{");
            String name = p.name() + (p.required() ? "*" : "");
            String local = op.entity() + "\u0000" + prefix + p.name() + "\u0000" + type + "\u0000" + nestedKey(p);
            String earlier = describedInEntity.putIfAbsent(local, op.action());
            if (earlier != null) {
                again.computeIfAbsent(earlier, k -> new ArrayList<>()).add(name);
                continue;
            }
            String description = filtersByName && !p.required() && p.properties().isEmpty() ? null : description(p);
            String body = " " + type + (description == null || description.isEmpty() ? "" : ": " + description);
            String key = prefix + p.name() + "\u0000" + body + "\u0000" + nestedKey(p);
            String seen = paramsSeen.putIfAbsent(key, op.qualifiedName());
            if (seen != null) {
                lines.put("\u0001" + p.name(), new ArrayList<>(List.of(name + ": as in " + seen)));
            } else if (p.properties().isEmpty()) {
                lines.computeIfAbsent(body, k -> new ArrayList<>()).add(name);
            } else {
                nestedUsed = true;
                StringBuilder children = new StringBuilder();
                write(children, op, indent + " ", prefix + p.name() + ".", List.copyOf(p.properties().values()));
                lines.put("\u0002" + p.name(), new ArrayList<>(List.of(name + body)));
                nested.put("\u0002" + p.name(), children.toString());
            }
        }
        List<Map.Entry<String, List<String>>> entries = new ArrayList<>(lines.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<String, List<String>> line = entries.get(i);
            Map.Entry<String, List<String>> pair = i + 1 < entries.size() ? fold(line, entries.get(i + 1)) : null;
            if (pair != null) {
                line = pair;
                i++;
            }
            sb.append(indent).append(String.join(", ", line.getValue()));
            sb.append(line.getKey().startsWith(" ") ? clauses.freshBody(line.getKey()) : "").append('\n');
            sb.append(nested.getOrDefault(line.getKey(), ""));
        }
        again.forEach((action, names) -> sb.append(indent).append("as in ").append(action).append(": ")
                .append(String.join(", ", names)).append('\n'));
    }

    /**
     * Two neighbouring params that differ only in their last name part, which their descriptions also swap (such as
     * {@code created_at.after} and {@code created_at.before}), share one line: {@code created_at.after|created_at.before
     * datetime: Only tasks created after|before this date-time}. Null when the two do not pair up.
     */
    private static Map.Entry<String, List<String>> fold(Map.Entry<String, List<String>> a,
                                                        Map.Entry<String, List<String>> b) {
        if (a.getValue().size() != 1 || b.getValue().size() != 1 || !a.getKey().startsWith(" ")
                || !b.getKey().startsWith(" ")) {
            return null;
        }
        String n1 = a.getValue().get(0);
        String n2 = b.getValue().get(0);
        int d1 = Math.max(n1.lastIndexOf('.'), n1.lastIndexOf('_'));
        int d2 = Math.max(n2.lastIndexOf('.'), n2.lastIndexOf('_'));
        if (d1 <= 0 || d1 != d2 || !n1.substring(0, d1).equals(n2.substring(0, d2)) || n1.endsWith("*")
                || n2.endsWith("*")) {
            return null;
        }
        Pattern w1 = Pattern.compile("\\b" + Pattern.quote(n1.substring(d1 + 1)) + "\\b");
        Matcher m = w1.matcher(a.getKey());
        if (!m.find() || !m.replaceFirst(n2.substring(d2 + 1)).equals(b.getKey())) {
            return null;
        }
        return Map.entry(m.replaceFirst(n1.substring(d1 + 1) + "|" + n2.substring(d2 + 1)), List.of(n1 + "|" + n2));
    }

    private String description(ParamSpec p) {
        String d = Phrases.withoutNotation(p);
        if (d == null) {
            return null;
        }
        if (detail.atLeast(Detail.NO_OBJECT_EXAMPLES) && !p.properties().isEmpty()) {
            d = OBJECT_EXAMPLE.matcher(d).replaceFirst("");
        }
        if (detail.atLeast(Detail.PARAM_MEANING) && !p.properties().isEmpty()) {
            return null; // the properties listed under it say what the object holds
        }
        if (detail.atLeast(Detail.NO_RESTATED) && restatesName(p, d)) {
            return null;
        }
        return detail.atLeast(Detail.PARAM_MEANING) ? Detail.firstClause(d) : d;
    }

    /** True for a description like "Gid of the project …" on a param named project, projects or project_gid. */
    private static boolean restatesName(ParamSpec p, String description) {
        Matcher m = RESTATED.matcher(description);
        if (!m.find()) {
            return false;
        }
        String noun = m.group(1).toLowerCase(Locale.ROOT);
        String name = p.name().toLowerCase(Locale.ROOT).replaceFirst("_gids?$", "");
        return name.equals(noun) || name.equals(noun + "s") || (name + "s").equals(noun);
    }

    /** Notes the format of a param written elsewhere (a path param in an action's signature). */
    void noteFormat(ParamSpec p) {
        String format = ParamNotation.formatOf(p);
        if (format != null && ParamNotation.FORMAT_WORDS.contains(format)) {
            formatsUsed.add(format);
        }
    }

    /** Nested properties are part of a param's identity: two data objects with other properties differ. */
    private static String nestedKey(ParamSpec p) {
        if (p.properties().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (ParamSpec c : p.properties().values()) {
            sb.append(c.name()).append(c.required() ? "*" : "").append('=').append(ParamNotation.type(c))
                    .append(c.description()).append(nestedKey(c)).append(';');
        }
        return sb.toString();
    }
}
