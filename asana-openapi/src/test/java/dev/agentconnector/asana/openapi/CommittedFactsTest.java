package dev.agentconnector.asana.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed facts are what the extractor makes of the source documents, where those are present; and they hold
 * what the conformance tests rely on wherever they are not.
 */
class CommittedFactsTest {
    private static final String HOW_TO_FIX = "; re-extract with asana-openapi/extract-facts.sh and review the diff";

    @Test
    void openApiFactsMatchTheDocument() throws IOException {
        Path document = ReferenceFiles.find(ReferenceFiles.OPENAPI).orElse(null);
        assumeTrue(document != null, () -> ReferenceFiles.notFound(ReferenceFiles.OPENAPI));
        JsonNode expected = FactsExtractor.openApi(ExtractFacts.readYaml(document));
        assertThat(differences(expected, OpenApiFacts.openApi(), "$"))
                .as("committed OpenAPI facts differ from %s%s", document, HOW_TO_FIX).isEmpty();
    }

    @Test
    void operationFactsMatchTheReferenceList() throws IOException {
        Path list = ReferenceFiles.find(ReferenceFiles.OPERATIONS).orElse(null);
        assumeTrue(list != null, () -> ReferenceFiles.notFound(ReferenceFiles.OPERATIONS));
        JsonNode expected = FactsExtractor.operations(new ObjectMapper().readTree(list.toFile()));
        assertThat(differences(expected, OpenApiFacts.referenceOperations(), "$"))
                .as("committed operation facts differ from %s%s", list, HOW_TO_FIX).isEmpty();
    }

    @Test
    void committedFilesAreInTheirRenderedForm() throws IOException {
        // a hand edit that reformats or reorders the file would make the next re-extraction's diff unreadable
        for (String resource : List.of(OpenApiFacts.OPENAPI_RESOURCE, OpenApiFacts.OPERATIONS_RESOURCE)) {
            try (var in = OpenApiFacts.class.getResourceAsStream(resource)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(text).as(resource).isEqualTo(ExtractFacts.render(OpenApiFacts.read(resource)));
            }
        }
    }

    @Test
    void openApiFactsHoldAsanasWholeApi() {
        JsonNode facts = OpenApiFacts.openApi();
        int operations = 0;
        for (JsonNode item : facts.path("paths")) {
            for (String method : List.of("get", "put", "post", "delete", "patch")) {
                operations += item.has(method) ? 1 : 0;
            }
        }
        assertThat(operations).isEqualTo(247);
        JsonNode task = facts.at("/components/schemas/TaskResponse");
        assertThat(task.path("allOf").size()).isPositive();
        assertThat(facts.at("/paths/~1tasks~1{task_gid}/get/responses/200/content/application~1json/schema/properties"
                + "/data/$ref").asText()).isEqualTo("#/components/schemas/TaskResponse");
        assertThat(facts.at("/components/parameters/limit/schema/maximum").asInt()).isEqualTo(100);
    }

    @Test
    void operationFactsNameTheReferenceConnectorsOperations() {
        JsonNode ops = OpenApiFacts.referenceOperations();
        assertThat(ops.size()).isEqualTo(55);
        JsonNode first = ops.get(0);
        assertThat(first.get("entity").asText()).isEqualTo("tasks");
        assertThat(first.get("query_params").get(0).asText()).isEqualTo("limit");
        assertThat(ops.toString()).doesNotContain("description").doesNotContain("example");
    }

    /** Paths where two trees differ, the first 20. */
    private static List<String> differences(JsonNode expected, JsonNode actual, String at) {
        List<String> out = new ArrayList<>();
        diff(expected, actual, at, out);
        return out;
    }

    private static void diff(JsonNode expected, JsonNode actual, String at, List<String> out) {
        if (out.size() >= 20 || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = actual.get(e.getKey());
                if (other == null) {
                    out.add(at + "." + e.getKey() + " missing from the committed facts");
                } else {
                    diff(e.getValue(), other, at + "." + e.getKey(), out);
                }
            }
            actual.fieldNames().forEachRemaining(n -> {
                if (!expected.has(n)) {
                    out.add(at + "." + n + " is not in the document any more");
                }
            });
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(expected.get(i), actual.get(i), at + "[" + i + "]", out);
            }
        } else {
            out.add(at + ": document has " + abbreviate(expected) + ", committed facts have " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
