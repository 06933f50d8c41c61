package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultBudgetTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ResultBudget budget = new ResultBudget(mapper, 1_000);

    @Test
    void leavesAFittingResultAlone() {
        ObjectNode envelope = envelope(3, 10);
        ResultBudget.Fitted fitted = budget.fit(envelope);
        assertThat(fitted.cut()).isFalse();
        assertThat(fitted.envelope()).isSameAs(envelope);
        assertThat(fitted.json()).isEqualTo(envelope.toString());
    }

    @Test
    void dropsRecordsFromTheEndAndSaysSo() throws Exception {
        ObjectNode envelope = envelope(40, 50);
        ResultBudget.Fitted fitted = budget.fit(envelope);
        assertThat(fitted.cut()).isTrue();
        assertThat(fitted.json().length()).isLessThanOrEqualTo(1_000);
        JsonNode parsed = mapper.readTree(fitted.json());
        int kept = parsed.path("data").size();
        assertThat(kept).isBetween(1, 39);
        assertThat(parsed.path("data").get(0).path("gid").asText()).isEqualTo("0");
        JsonNode cut = parsed.path("meta").path(ResultBudget.CUT);
        assertThat(cut.path("records_returned").asInt()).isEqualTo(kept);
        assertThat(cut.path("records_dropped").asInt()).isEqualTo(40 - kept);
        assertThat(cut.path("note").asText()).contains("meta.next_page continues after all 40")
                .contains("limit=" + kept).contains("fields");
        assertThat(parsed.path("meta").path("next_page").path("offset").asText()).isEqualTo("abc");
        // one more record would not have fitted
        assertThat(envelope.path("data").size()).isGreaterThan(kept);
        assertThat(envelope.path("meta").has(ResultBudget.CUT)).as("the original is not changed").isFalse();
    }

    @Test
    void pointsAtMaxRecordsAfterFetchAll() throws Exception {
        ObjectNode envelope = envelope(40, 50);
        ((ObjectNode) envelope.get("meta")).put("pages", 2);
        JsonNode cut = mapper.readTree(budget.fit(envelope).json()).path("meta").path(ResultBudget.CUT);
        assertThat(cut.path("note").asText()).contains("a smaller max_records").doesNotContain("next_page");
    }

    @Test
    void shortensLongTextOfASingleRecord() throws Exception {
        ObjectNode envelope = mapper.createObjectNode().put("success", true);
        envelope.putObject("data").put("gid", "1").put("notes", "x".repeat(5_000));
        envelope.putNull("meta");
        envelope.putNull("error");
        ResultBudget.Fitted fitted = budget.fit(envelope);
        assertThat(fitted.json().length()).isLessThanOrEqualTo(1_000);
        JsonNode parsed = mapper.readTree(fitted.json());
        assertThat(parsed.path("data").path("notes").asText()).endsWith("...[cut]");
        assertThat(parsed.path("data").path("gid").asText()).isEqualTo("1");
        assertThat(parsed.path("meta").path(ResultBudget.CUT).path("note").asText()).contains("fewer fields");
    }

    @Test
    void givesUpOnDataThatCannotFit() throws Exception {
        ObjectNode envelope = mapper.createObjectNode().put("success", true);
        ObjectNode data = envelope.putObject("data");
        for (int i = 0; i < 200; i++) {
            data.put("field_" + i, i);
        }
        envelope.putNull("meta");
        envelope.putNull("error");
        JsonNode parsed = mapper.readTree(budget.fit(envelope).json());
        assertThat(parsed.path("data").isNull()).isTrue();
        assertThat(parsed.path("meta").path(ResultBudget.CUT).path("note").asText()).contains("fewer fields");
    }

    private ObjectNode envelope(int records, int nameLength) {
        ObjectNode envelope = mapper.createObjectNode().put("success", true);
        ArrayNode data = envelope.putArray("data");
        for (int i = 0; i < records; i++) {
            data.addObject().put("gid", Integer.toString(i)).put("name", "n".repeat(nameLength));
        }
        envelope.putObject("meta").putObject("next_page").put("offset", "abc");
        envelope.putNull("error");
        return envelope;
    }
}
