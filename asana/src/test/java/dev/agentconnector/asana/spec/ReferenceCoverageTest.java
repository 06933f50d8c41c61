package dev.agentconnector.asana.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.openapi.OpenApiFacts;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the Asana spec offers everything the reference connector offers: the same entities and actions
 * (apart from its hosted-only SEARCH actions) with every path parameter, query parameter and body field under the
 * same name, so callers of the reference connector can switch without renaming anything.
 */
class ReferenceCoverageTest {
    private static final String SEARCH_METHOD = "SEARCH";
    private static final String DOWNLOAD_SUFFIX = ":download";

    /**
     * The one intended drop: Asana's task search has no offset paging (results are not stable), so the reference's
     * {@code offset} there was sent but ignored.
     */
    private static final Set<String> DROPPED_QUERY_PARAMS = Set.of("workspace_task_search.list:offset");

    private static final JsonNode REFERENCE = OpenApiFacts.referenceOperations();

    static Stream<Arguments> referenceOperations() {
        return StreamSupport.stream(REFERENCE.spliterator(), false)
                .filter(op -> !SEARCH_METHOD.equals(op.path("method").asText()))
                .map(op -> Arguments.of(op.path("entity").asText() + "." + op.path("action").asText(), op));
    }

    @Test
    void coversTheSameEntitiesAndActions() {
        Set<String> entities = new LinkedHashSet<>();
        Set<String> actions = new LinkedHashSet<>();
        referenceOperations().forEach(a -> {
            JsonNode op = (JsonNode) a.get()[1];
            entities.add(op.path("entity").asText());
            actions.add((String) a.get()[0]);
        });
        assertThat(entities).hasSize(27);
        assertThat(actions).hasSize(47);

        ConnectorSpec spec = AsanaSpec.get();
        // the reference's entities and actions, and beyond them the events stream
        Set<String> beyond = Set.of("events");
        assertThat(spec.entities().keySet()).containsAll(entities)
                .filteredOn(e -> !entities.contains(e)).containsExactlyInAnyOrderElementsOf(beyond);
        Set<String> ours = new LinkedHashSet<>();
        for (EntitySpec e : spec.entities().values()) {
            e.actions().values().forEach(op -> ours.add(op.qualifiedName()));
        }
        assertThat(ours).containsAll(actions).filteredOn(a -> !actions.contains(a)).containsExactly("events.list");
        assertThat(spec.operationCount()).isEqualTo(48);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceOperations")
    void offersEveryReferenceParameter(String name, JsonNode ref) {
        ConnectorSpec spec = AsanaSpec.get();
        EntitySpec entity = spec.entities().get(ref.path("entity").asText());
        assertThat(entity).as("entity of %s", name).isNotNull();
        OperationSpec op = entity.actions().get(ref.path("action").asText());
        assertThat(op).as("action %s", name).isNotNull();

        List<String> problems = new ArrayList<>();
        if (!op.method().equals(ref.path("method").asText())) {
            problems.add("method " + op.method() + " but the reference uses " + ref.path("method").asText());
        }
        String refPath = ref.path("path").asText();
        String expectedPath = refPath.endsWith(DOWNLOAD_SUFFIX)
                ? refPath.substring(0, refPath.length() - DOWNLOAD_SUFFIX.length()) : refPath;
        if (!op.path().equals(expectedPath)) {
            problems.add("path " + op.path() + " but the reference requests " + expectedPath);
        }
        for (JsonNode p : ref.path("path_params")) {
            expectParam(op, p.asText(), ParamLocation.PATH, problems);
        }
        for (JsonNode p : ref.path("query_params")) {
            String qp = p.asText();
            if (DROPPED_QUERY_PARAMS.contains(name + ":" + qp)) {
                if (op.param(qp) != null) {
                    problems.add("query param '" + qp + "' was meant to be dropped here");
                }
                continue;
            }
            expectParam(op, qp, ParamLocation.QUERY, problems);
        }
        List<String> bodyFields = new ArrayList<>();
        ref.path("body_required").forEach(f -> bodyFields.add(f.asText()));
        ref.path("body_optional").forEach(f -> bodyFields.add(f.asText()));
        for (String field : bodyFields) {
            String[] parts = field.split("\\.", 2);
            ParamSpec top = op.param(parts[0]);
            if (top == null || top.location() != ParamLocation.BODY) {
                problems.add("missing body param '" + parts[0] + "'");
                continue;
            }
            if (parts.length == 2 && !top.properties().containsKey(parts[1])) {
                problems.add("missing body field '" + field + "'");
            }
        }
        assertThat(problems).as("%s differs from the reference connector", name).isEmpty();
    }

    private static void expectParam(OperationSpec op, String name, ParamLocation location, List<String> problems) {
        ParamSpec p = op.param(name);
        if (p == null) {
            problems.add("missing " + location.label() + " param '" + name + "'");
        } else if (p.location() != location) {
            problems.add("param '" + name + "' is in " + p.location().label() + ", expected " + location.label());
        } else if (!p.wireName().equals(name)) {
            problems.add("param '" + name + "' is sent as '" + p.wireName() + "', the reference sends '" + name + "'");
        }
    }
}
