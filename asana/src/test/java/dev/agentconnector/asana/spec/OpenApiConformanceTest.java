package dev.agentconnector.asana.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;
import dev.agentconnector.runtime.spec.StandardParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every operation of the Asana spec against Asana's OpenAPI document: the endpoint exists, every path and
 * query parameter is one Asana declares (or is on the short allowlist below, with the evidence re-checked), types
 * and enums agree, default fields are valid {@code opt_fields} values, and body properties exist in the request
 * schema. Header and client-side parameters are not Asana's and are skipped.
 */
class OpenApiConformanceTest {

    /**
     * Parameters Asana documents in prose but leaves out of an operation's parameter list. Each entry carries its
     * reason and a check of the evidence in the document, so an entry can neither hide a typo nor outlive its cause.
     */
    private record Allowance(String reason, BiPredicate<OpenApiDocument, OperationSpec> evidence) {
    }

    private static final Map<String, Allowance> ALLOWED_UNDECLARED = Map.of(
            "tasks.list:tag", new Allowance(
                    "GET /tasks says 'You must specify a `project` or `tag` ...' but its parameter list omits tag",
                    (doc, op) -> mentions(doc, op, "tag")),
            "workspace_task_search.list:limit", new Allowance(
                    "search says page sizes 'can be specified by the `limit` query parameter' (max 100) but does"
                            + " not declare it",
                    (doc, op) -> mentions(doc, op, "limit")),
            "workspace_users.list:limit", new Allowance(
                    "declares Asana's offset token, which Asana only issues to requests that set limit"
                            + " (components/parameters/limit); limit itself is left out of the list",
                    OpenApiConformanceTest::declaresOffsetPaging),
            "team_users.list:limit", new Allowance(
                    "declares Asana's offset token, which Asana only issues to requests that set limit"
                            + " (components/parameters/limit); limit itself is left out of the list",
                    OpenApiConformanceTest::declaresOffsetPaging));

    private static boolean mentions(OpenApiDocument doc, OperationSpec op, String name) {
        return doc.mentions(op.method(), op.path()).contains(name);
    }

    private static boolean declaresOffsetPaging(OpenApiDocument doc, OperationSpec op) {
        return doc.parameters(op.method(), op.path()).containsKey("offset")
                && doc.root().path("components").path("parameters").has("limit");
    }

    static Stream<Arguments> operations() {
        return AsanaSpec.get().entities().values().stream()
                .flatMap(e -> e.actions().values().stream())
                .map(op -> Arguments.of(op.qualifiedName(), op));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void operationConformsToOpenApi(String name, OperationSpec op) {
        OpenApiDocument doc = OpenApiDocument.get();
        Optional<JsonNode> apiOp = doc.operation(op.method(), op.path());
        assertThat(apiOp).as("%s: %s %s is not an operation of the OpenAPI document", name, op.method(), op.path())
                .isPresent();
        Map<String, JsonNode> apiParams = doc.parameters(op.method(), op.path());
        List<String> problems = new ArrayList<>();

        for (ParamSpec p : op.params().values()) {
            switch (p.location()) {
                case PATH, QUERY -> checkWireParam(doc, op, apiParams, p, problems);
                case BODY -> checkBodyParam(doc, name, op, p, problems);
                case HEADER, CLIENT -> {
                    // not Asana parameters: headers steer the file fetch, client params the pager
                }
            }
        }
        for (JsonNode apiParam : apiParams.values()) {
            if (apiParam.path("required").asBoolean() && "query".equals(apiParam.path("in").asText())) {
                String wire = apiParam.path("name").asText();
                boolean declared = op.params().values().stream()
                        .anyMatch(p -> p.location() == ParamLocation.QUERY && p.wireName().equals(wire) && p.required());
                if (!declared) {
                    problems.add("Asana requires query param '" + wire + "'; declare it with required: true");
                }
            }
        }
        checkDefaultFields(doc, op, apiParams, problems);
        assertThat(problems).as("%s does not match the OpenAPI document", name).isEmpty();
    }

    @Test
    void everyAllowlistEntryIsUsedAndBackedByTheDocument() {
        OpenApiDocument doc = OpenApiDocument.get();
        Set<String> used = new TreeSet<>();
        operations().map(a -> (OperationSpec) a.get()[1]).forEach(op -> {
            Map<String, JsonNode> apiParams = doc.parameters(op.method(), op.path());
            for (ParamSpec p : op.params().values()) {
                if ((p.location() == ParamLocation.QUERY || p.location() == ParamLocation.PATH)
                        && !apiParams.containsKey(p.wireName())) {
                    used.add(op.qualifiedName() + ":" + p.wireName());
                }
            }
        });
        assertThat(used).as("params the OpenAPI document does not declare").containsExactlyInAnyOrderElementsOf(
                ALLOWED_UNDECLARED.keySet());
        ALLOWED_UNDECLARED.forEach((key, allowance) -> {
            String[] entityAction = key.substring(0, key.indexOf(':')).split("\\.");
            OperationSpec op = AsanaSpec.get().operation(entityAction[0], entityAction[1]);
            assertThat(allowance.evidence().test(doc, op))
                    .as("%s is allowlisted because %s, but the document no longer shows it", key, allowance.reason())
                    .isTrue();
        });
    }

    private static void checkWireParam(OpenApiDocument doc, OperationSpec op, Map<String, JsonNode> apiParams,
                                       ParamSpec p, List<String> problems) {
        String wire = p.wireName();
        String where = p.location().label() + " param '" + p.name() + "'";
        JsonNode apiParam = apiParams.get(wire);
        if (apiParam == null) {
            Allowance allowance = ALLOWED_UNDECLARED.get(op.qualifiedName() + ":" + wire);
            if (allowance == null) {
                problems.add(where + ": '" + wire + "' is not a parameter of this operation");
            } else if (!allowance.evidence().test(doc, op)) {
                problems.add(where + ": allowlisted (" + allowance.reason() + ") but the evidence is gone");
            }
            return;
        }
        if (!p.location().label().equals(apiParam.path("in").asText())) {
            problems.add(where + ": Asana has it in " + apiParam.path("in").asText());
        }
        JsonNode schema = apiParam.path("schema");
        checkType(doc, where, p.type(), schema, problems);
        checkEnum(doc, where, p.enumValues(), schema, problems);
        if (p.location() == ParamLocation.PATH) {
            String expected = p.name().equals("user_gid") ? "user" : "gid";
            if (!expected.equals(p.format())) {
                problems.add(where + ": path params need format: " + expected);
            }
        }
        checkDateFormat(doc, where, p.format(), schema, problems);
        if (p.type() == ParamType.ARRAY && p.items() != null && !StandardParams.FIELDS.equals(p.name())) {
            checkType(doc, where + " items", p.items().type(), doc.items(schema), problems);
        }
    }

    private static void checkBodyParam(OpenApiDocument doc, String name, OperationSpec op, ParamSpec p,
                                       List<String> problems) {
        JsonNode body = doc.requestBodySchema(op.method(), op.path());
        if (body.isMissingNode()) {
            problems.add("body param '" + p.name() + "': the operation has no JSON request body");
            return;
        }
        Map<String, JsonNode> top = doc.properties(body);
        JsonNode apiTop = top.get(p.wireName());
        if (apiTop == null) {
            problems.add("body param '" + p.name() + "' is not in the request body (has " + top.keySet() + ")");
            return;
        }
        checkType(doc, "body param '" + p.name() + "'", p.type(), apiTop, problems);
        if (p.properties().isEmpty()) {
            return;
        }
        Map<String, JsonNode> apiProps = doc.properties(apiTop);
        Set<String> apiRequired = doc.required(apiTop);
        for (ParamSpec prop : p.properties().values()) {
            String where = "body field '" + p.name() + "." + prop.name() + "'";
            JsonNode apiProp = apiProps.get(prop.wireName());
            if (apiProp == null) {
                problems.add(where + " is not in the request schema");
                continue;
            }
            if (doc.readOnly(apiProp)) {
                problems.add(where + " is read-only in Asana and cannot be sent");
            }
            checkType(doc, where, prop.type(), apiProp, problems);
            checkEnum(doc, where, prop.enumValues(), apiProp, problems);
            checkDateFormat(doc, where, prop.format(), apiProp, problems);
            if (prop.nullable() && !doc.nullable(apiProp)) {
                problems.add(where + " is nullable here but not in Asana");
            }
            if (prop.type() == ParamType.ARRAY && prop.items() != null) {
                checkType(doc, where + " items", prop.items().type(), doc.items(apiProp), problems);
            }
        }
        for (String required : apiRequired) {
            ParamSpec prop = p.properties().get(required);
            if (prop != null && !prop.required()) {
                problems.add("body field '" + p.name() + "." + required + "' is required by Asana; mark it required");
            }
        }
    }

    private static void checkDefaultFields(OpenApiDocument doc, OperationSpec op, Map<String, JsonNode> apiParams,
                                           List<String> problems) {
        ParamSpec fields = op.param(StandardParams.FIELDS);
        if (fields == null) {
            return;
        }
        if (!apiParams.containsKey(fields.wireName())) {
            problems.add("accepts fields but Asana has no '" + fields.wireName() + "' here");
            return;
        }
        Optional<Set<String>> allowed = doc.optFieldsEnum(op.method(), op.path());
        if (allowed.isPresent()) {
            for (String f : op.defaultFields()) {
                if (!allowed.get().contains(f)) {
                    problems.add("default field '" + f + "' is not an opt_fields value of this operation");
                }
            }
        }
    }

    private static void checkType(OpenApiDocument doc, String where, ParamType ours, JsonNode apiSchema,
                                  List<String> problems) {
        Optional<String> theirs = doc.type(apiSchema);
        if (theirs.isPresent() && !theirs.get().equals(ours.label())
                && !(ours == ParamType.NUMBER && "integer".equals(theirs.get()))) {
            problems.add(where + ": type " + ours.label() + " but Asana says " + theirs.get());
        }
    }

    private static void checkEnum(OpenApiDocument doc, String where, List<String> ours, JsonNode apiSchema,
                                  List<String> problems) {
        List<String> theirs = doc.enumValues(apiSchema);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return;
        }
        for (String v : ours) {
            if (!theirs.contains(v)) {
                problems.add(where + ": enum value '" + v + "' is not allowed by Asana " + theirs);
            }
        }
    }

    private static void checkDateFormat(OpenApiDocument doc, String where, String ours, JsonNode apiSchema,
                                        List<String> problems) {
        if (!"date".equals(ours) && !"date-time".equals(ours)) {
            return;
        }
        Optional<String> theirs = doc.format(apiSchema);
        if (theirs.isPresent() && !theirs.get().equals(ours)) {
            problems.add(where + ": format " + ours + " but Asana says " + theirs.get());
        }
    }
}
