package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.Pagination;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.StandardParams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the sections of a tool description. Entities are written first because the notation, paging and field
 * sections mention only what the written entities use. Nothing is written twice: a param or default-field list
 * already written in full is referred to ({@code as in tasks.list}), and a param the entity described under an
 * earlier action is only named.
 */
final class DescriptionWriter {
    private static final Set<String> PAGING_PARAMS = Set.of(StandardParams.LIMIT, StandardParams.OFFSET,
            StandardParams.FETCH_ALL, StandardParams.MAX_RECORDS);
    private static final Pattern RESTATED = Pattern.compile("^Gids? of (?:the |a |an )?([A-Za-z]+)\\b");
    private static final Pattern OBJECT_EXAMPLE = Pattern.compile(",? e\\.g\\. \\{[^}]*}");
    private static final String READ_ONLY = " Read-only: create, update and delete are not available here.";

    private final ConnectorSpec spec;
    private final boolean readOnly;
    private final Detail detail;
    private final Map<String, String> paramsSeen = new HashMap<>();
    private final Map<String, String> describedInEntity = new HashMap<>();
    private final Map<List<String>, String> fieldListsSeen = new HashMap<>();
    private final Set<String> formatsUsed = new LinkedHashSet<>();
    private final Set<String> clausesWritten = new HashSet<>();
    private boolean nestedUsed;
    private boolean nullableUsed;
    private boolean productUsed;
    private OperationSpec firstPaged;
    private OperationSpec firstWithFields;

    DescriptionWriter(ConnectorSpec spec, boolean readOnly, Detail detail) {
        this.spec = spec;
        this.readOnly = readOnly;
        this.detail = detail;
    }

    /** The opening of the whole-connector description. */
    String intro() {
        return spec.title() + " via execute(entity, action, params): pick an entity and action below (exact "
                + "names); params is one JSON object." + (readOnly ? READ_ONLY : "") + "\n";
    }

    /** The opening of a one-entity description. */
    String entityIntro(EntitySpec e) {
        return spec.title() + " " + e.name() + ": " + e.description() + " Give an action below and its params "
                + "(one JSON object)." + (readOnly ? READ_ONLY : "") + "\n";
    }

    /** Explains the notation, naming only the formats and forms that the written entities use. */
    String notation() {
        StringBuilder sb = new StringBuilder("Notation: name* required; str int num bool obj; x[] array; a|b "
                + "allowed values; 1..100 bounds");
        if (nullableUsed) {
            sb.append("; |null: null clears");
        }
        for (String f : formatsUsed) {
            sb.append("; ").append(ParamNotation.word(f)).append(": ").append(switch (f) {
                case "gid" -> "numeric id string";
                case "user" -> "user gid, email or me";
                case "date" -> "YYYY-MM-DD";
                default -> "ISO 8601";
            });
        }
        if (productUsed) {
            sb.append("; {a,b}-{c,d}: all combinations");
        }
        if (nestedUsed) {
            sb.append("; indented: properties of the obj above");
        }
        return sb.append(".\n").toString();
    }

    /** How paging works, or nothing when no written action pages. */
    String paging() {
        if (firstPaged == null) {
            return "";
        }
        ParamSpec limit = firstPaged.param(StandardParams.LIMIT);
        ParamSpec maxRecords = firstPaged.param(StandardParams.MAX_RECORDS);
        String range = limit == null ? "" : " " + ParamNotation.type(limit).replace("int ", "");
        return "Paging (paged): limit" + range + " per page; next page: same call plus offset="
                + "meta.next_page.offset (null: last page); fetch_all=true gets all pages up to max_records (default "
                + StandardParams.DEFAULT_MAX_RECORDS + (maxRecords != null && maxRecords.maximum() != null
                ? ", max " + maxRecords.maximum().toPlainString() : "") + ").\n";
    }

    /** How field selection works, or nothing when no written action selects fields. */
    String fields() {
        if (firstWithFields == null) {
            return "";
        }
        return "Fields (fields=defaults): fields is an array or comma string of names, dotted when nested "
                + "(assignee.name); it replaces the defaults, so list all you need; fewer fields, smaller results."
                + (detail.atLeast(Detail.LIST_DEFAULTS_ONLY) ? " Single records default to their main fields." : "")
                + "\n";
    }

    /** The result envelope and the errors a model can act on. */
    String results() {
        return "Result: {\"success\":true,\"data\":[records]|{record},\"meta\":{\"next_page\":{...}|null},"
                + "\"error\":null}. Failure: success false, error says what to fix, meta.error_type: validation_error "
                + "(nothing sent; fix params), not_found, permission_denied, payment_required (premium), rate_limited "
                + "(wait), authentication_error, bad_request, server_error, transport_error (a write may have "
                + "applied: check first).\n";
    }

    /** A few calls built from the spec: a filtered page, the next page, all pages, a get, a create, an update. */
    String examples(List<EntitySpec> entities) {
        List<String> lines = new Examples(entities, readOnly).lines();
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Examples (entity action params):\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** One entity's purpose, its actions without params (the schema has them), and the rules in brief. */
    String summary(EntitySpec e) {
        StringBuilder sb = new StringBuilder(spec.title()).append(' ').append(e.name()).append(": ")
                .append(fresh(e.description())).append(readOnly ? READ_ONLY : "").append('\n');
        sb.append("Actions (params and their meaning in the input schema):\n");
        for (OperationSpec op : ToolDescription.visibleActions(e, readOnly)) {
            sb.append(' ').append(op.action());
            String markers = markers(op);
            sb.append(markers.isEmpty() ? "" : " [" + markers + "]").append(": ").append(fresh(op.description())).append('\n');
        }
        List<String> rules = new ArrayList<>();
        if (firstPaged != null) {
            rules.add("paged: limit per page, next page with offset=meta.next_page.offset, fetch_all=true for all "
                    + "(up to max_records)");
        }
        if (firstWithFields != null) {
            rules.add("fields replaces the default fields shown");
        }
        rules.add("result {success, data, meta, error}; on failure error says what to fix");
        return sb.append(String.join("; ", rules)).append(".\n").toString();
    }

    /** Every entity with its purpose, then each action with its markers and params. */
    String entities(List<EntitySpec> entities) {
        StringBuilder sb = new StringBuilder();
        for (EntitySpec e : entities) {
            String purpose = detail.atLeast(Detail.ENTITY_MEANING) ? Detail.firstClause(e.description())
                    : e.description();
            List<OperationSpec> ops = ToolDescription.visibleActions(e, readOnly);
            boolean oneLine = ops.size() == 1 && detail.atLeast(Detail.ONE_ACTION_ONE_LINE);
            if (oneLine && meaning(ops.get(0)).length() > purpose.length()) {
                purpose = meaning(ops.get(0)); // the action's wording says more, and serves as the purpose
            }
            sb.append(e.name()).append(": ").append(fresh(purpose)).append('\n');
            for (OperationSpec op : ops) {
                action(sb, op, oneLine);
            }
        }
        return sb.toString();
    }

    private void action(StringBuilder sb, OperationSpec op, boolean purposeSaysIt) {
        sb.append(' ').append(op.action());
        List<String> path = new ArrayList<>();
        for (ParamSpec p : op.params().values()) {
            if (p.location() == ParamLocation.PATH) {
                noteFormat(p);
                String type = ParamNotation.type(p);
                path.add("gid".equals(type) ? p.name() : p.name() + ":" + type);
            }
        }
        if (!path.isEmpty()) {
            sb.append('(').append(String.join(", ", path)).append(')');
        }
        String markers = markers(op);
        if (!markers.isEmpty()) {
            sb.append(" [").append(markers).append(']');
        }
        sb.append(purposeSaysIt ? "" : ": " + fresh(meaning(op))).append('\n');
        if (!op.requiresOneOf().isEmpty()) {
            sb.append("  needs one of: ");
            for (int i = 0; i < op.requiresOneOf().size(); i++) {
                sb.append(i == 0 ? "" : " | ").append(String.join("+", op.requiresOneOf().get(i)));
            }
            sb.append('\n');
        }
        params(sb, op, "  ", "", op.params().values().stream()
                .filter(p -> p.location() != ParamLocation.PATH && !isCoveredByMarkers(op, p)).toList());
    }

    private String meaning(OperationSpec op) {
        return detail.atLeast(Detail.ACTION_MEANING) ? Detail.firstClause(op.description()) : op.description();
    }

    private String markers(OperationSpec op) {
        List<String> markers = new ArrayList<>();
        if (op.pagination() == Pagination.OFFSET) {
            markers.add("paged");
            if (firstPaged == null) {
                firstPaged = op;
            }
        }
        if (op.acceptsFields()) {
            if (firstWithFields == null) {
                firstWithFields = op;
            }
            if (op.returnsList() || !detail.atLeast(Detail.LIST_DEFAULTS_ONLY)) {
                String seen = fieldListsSeen.putIfAbsent(op.defaultFields(), op.qualifiedName());
                markers.add("fields=" + (seen == null ? String.join(",", op.defaultFields()) : "as " + seen));
            } else {
                markers.add("fields");
            }
        }
        if (op.isDownload()) {
            markers.add("returns the file");
        }
        return String.join("; ", markers);
    }

    /** Standard params are explained once in the paging and fields sections instead of under every action. */
    private static boolean isCoveredByMarkers(OperationSpec op, ParamSpec p) {
        if (p.name().equals(StandardParams.FIELDS)) {
            return op.acceptsFields();
        }
        return op.pagination() == Pagination.OFFSET && PAGING_PARAMS.contains(p.name());
    }

    /**
     * Writes params one a line; params of one action with the same type and description share a line. A param this
     * entity already described under another action (same name and type) is only named, on one closing
     * {@code as in ACTION:} line, since its meaning is written above.
     */
    private void params(StringBuilder sb, OperationSpec op, String indent, String prefix, List<ParamSpec> params) {
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
            String description = description(p);
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
                params(children, op, indent + " ", prefix + p.name() + ".", List.copyOf(p.properties().values()));
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
            sb.append(line.getKey().startsWith(" ") ? freshBody(line.getKey()) : "").append('\n');
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

    /** A param line's {@code type: description} with the description's repeated clauses dropped. */
    private String freshBody(String body) {
        int colon = body.indexOf(": ");
        if (colon < 0) {
            return body;
        }
        String description = fresh(body.substring(colon + 2));
        return description.isEmpty() ? body.substring(0, colon) : body.substring(0, colon + 2) + description;
    }

    /**
     * The text without the clauses (split at {@code ;} or {@code .} outside brackets) of five words or more that an
     * earlier description already said, such as a usage note the spec repeats on several actions.
     */
    private String fresh(String text) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ';';
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if ((c == ';' || c == '.') && depth == 0
                    && (i + 1 >= text.length() || text.charAt(i + 1) == ' ')) {
                String clause = text.substring(start, Math.min(i + 1, text.length()));
                String key = clause.trim().replaceAll("[.;]$", "");
                if (key.split("\\s+").length < 5 || clausesWritten.add(key)) {
                    out.append(clause);
                }
                start = i + 1;
            }
        }
        return out.toString().trim().replaceAll(";$", "");
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

    private void noteFormat(ParamSpec p) {
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
