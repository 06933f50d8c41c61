package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.Pagination;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.StandardParams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the sections of a tool description. Entities are written first because the notation, paging and field
 * sections mention only what the written entities use. Nothing is written twice: a default-field list already
 * written is referred to ({@code fields=as tasks.list}), params follow the same rule ({@link ParamLines}), and a
 * clause already said is dropped ({@link Clauses}).
 */
final class DescriptionWriter {
    private static final Set<String> PAGING_PARAMS = Set.of(StandardParams.LIMIT, StandardParams.OFFSET,
            StandardParams.FETCH_ALL, StandardParams.MAX_RECORDS);
    private static final String READ_ONLY = " Read-only: create, update and delete are not available here.";

    private final ConnectorSpec spec;
    private final boolean readOnly;
    private final Detail detail;
    private final Map<List<String>, String> fieldListsSeen = new HashMap<>();
    private final Clauses clauses = new Clauses();
    private final ParamLines params;
    private OperationSpec firstPaged;
    private OperationSpec firstWithFields;

    DescriptionWriter(ConnectorSpec spec, boolean readOnly, Detail detail) {
        this.spec = spec;
        this.readOnly = readOnly;
        this.detail = detail;
        this.params = new ParamLines(detail, clauses);
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
        if (params.nullableUsed()) {
            sb.append("; |null: null clears");
        }
        for (String f : params.formatsUsed()) {
            sb.append("; ").append(ParamNotation.word(f)).append(": ").append(switch (f) {
                case "gid" -> "numeric id string";
                case "user" -> "user gid, email or me";
                case "date" -> "YYYY-MM-DD";
                default -> "ISO 8601";
            });
        }
        if (params.productUsed()) {
            sb.append("; {a,b}-{c,d}: all combinations");
        }
        if (params.nestedUsed()) {
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

    /**
     * The actions answered without the API, grouped by the entities they act on, each with its one-line meaning,
     * then their guide; nothing when there are none.
     */
    String localActions(List<LocalAction> actions, String guide) {
        if (actions.isEmpty()) {
            return "";
        }
        Map<String, List<String>> entitiesOf = new LinkedHashMap<>();
        Map<String, String> meaningOf = new LinkedHashMap<>();
        for (LocalAction a : actions) {
            entitiesOf.computeIfAbsent(a.action(), k -> new ArrayList<>()).add(a.entity());
            meaningOf.putIfAbsent(a.action(), a.description());
        }
        Map<List<String>, List<String>> actionsOn = new LinkedHashMap<>();
        entitiesOf.forEach((action, entities) -> actionsOn.computeIfAbsent(entities, k -> new ArrayList<>())
                .add(action));
        StringBuilder sb = new StringBuilder();
        actionsOn.forEach((entities, names) -> {
            sb.append("Also, with no API call, on ").append(String.join(", ", entities)).append(":\n");
            for (String name : names) {
                sb.append(' ').append(name).append(": ").append(meaningOf.get(name).strip()).append('\n');
            }
        });
        if (guide != null && !guide.isBlank()) {
            sb.append(guide.strip()).append('\n');
        }
        return sb.toString();
    }

    /** One entity's purpose, its actions without params (the schema has them), and the rules in brief. */
    String summary(EntitySpec e) {
        return summary(e, List.of());
    }

    /** As {@link #summary(EntitySpec)}, with the entity's actions answered without the API after its own. */
    String summary(EntitySpec e, List<LocalAction> more) {
        StringBuilder sb = new StringBuilder(spec.title()).append(' ').append(e.name()).append(": ")
                .append(clauses.fresh(e.description())).append(readOnly ? READ_ONLY : "").append('\n');
        sb.append("Actions (params and their meaning in the input schema):\n");
        for (OperationSpec op : ToolDescription.visibleActions(e, readOnly)) {
            sb.append(' ').append(op.action());
            String markers = markers(op);
            sb.append(markers.isEmpty() ? "" : " [" + markers + "]").append(": ")
                    .append(clauses.fresh(op.description())).append('\n');
        }
        for (LocalAction a : more) {
            sb.append(' ').append(a.action()).append(": ").append(a.description().strip()).append('\n');
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
            sb.append(e.name()).append(": ").append(clauses.fresh(purpose)).append('\n');
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
                params.noteFormat(p);
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
        sb.append(purposeSaysIt ? "" : ": " + clauses.fresh(meaning(op))).append('\n');
        if (!op.requiresOneOf().isEmpty()) {
            sb.append("  needs one of: ");
            for (int i = 0; i < op.requiresOneOf().size(); i++) {
                sb.append(i == 0 ? "" : " | ").append(String.join("+", op.requiresOneOf().get(i)));
            }
            sb.append('\n');
        }
        params.write(sb, op, "  ", "", op.params().values().stream()
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

}
