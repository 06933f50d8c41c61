package dev.agentconnector.asana.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.asana.AsanaToolDescription;
import dev.agentconnector.runtime.exec.ParamValidator;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Asana tool description holds its budget and leaves nothing out. */
class AsanaToolDescriptionTest {
    private static final int BUDGET = 12_000;

    @Test
    void staysUnderTheBudget() {
        assertThat(AsanaToolDescription.get().length()).isLessThan(BUDGET);
        assertThat(AsanaToolDescription.readOnly().length()).isLessThan(BUDGET);
        assertThat(AsanaToolDescription.get()).isSameAs(AsanaToolDescription.get());
    }

    @Test
    void namesEveryEntityActionAndParam() {
        String text = AsanaToolDescription.get();
        for (EntitySpec e : AsanaSpec.get().entities().values()) {
            assertThat(text).containsPattern("(?m)^" + e.name() + ": \\S");
            for (OperationSpec op : e.actions().values()) {
                assertThat(actionsOf(text, e.name())).as(op.qualifiedName()).contains(op.action());
                for (String name : paramNames(op)) {
                    assertThat(text).as(op.qualifiedName() + " param " + name)
                            .containsPattern("(?<![\\w.])" + Pattern.quote(name) + "(?!\\w)");
                }
            }
        }
    }

    @Test
    void readOnlyListsEveryReadAndNoWrite() {
        String text = AsanaToolDescription.readOnly();
        assertThat(text).contains("Read-only");
        for (EntitySpec e : AsanaSpec.get().entities().values()) {
            for (OperationSpec op : e.actions().values()) {
                if (op.isWrite()) {
                    assertThat(actionsOf(text, e.name())).as(op.qualifiedName()).doesNotContain(op.action());
                } else {
                    assertThat(actionsOf(text, e.name())).as(op.qualifiedName()).contains(op.action());
                }
            }
        }
    }

    @Test
    void repeatsNoSentence() {
        for (String text : List.of(AsanaToolDescription.get(), AsanaToolDescription.readOnly())) {
            Set<String> seen = new HashSet<>();
            for (String line : text.split("\n")) {
                for (String sentence : line.split("(?<=[.;])\\s+")) {
                    String s = sentence.trim();
                    if (s.split("\\s+").length >= 5) {
                        assertThat(seen.add(s)).as("repeated: " + s).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void explainsPagingFieldsAndTheEnvelope() {
        assertThat(AsanaToolDescription.get())
                .contains("offset=meta.next_page.offset")
                .contains("fetch_all=true")
                .contains("max_records (default 1000")
                .contains("limit 1..100")
                .contains("fields is an array or comma string")
                .contains("\"success\":true")
                .contains("validation_error")
                .contains("payment_required")
                .contains("workspaces: Workspaces and organizations the caller can access; start here");
    }

    /** Every example is a call the connector accepts once its placeholders are filled in. */
    @Test
    void examplesAreValidCalls() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ParamValidator validator = new ParamValidator(mapper);
        String text = AsanaToolDescription.get();
        String block = text.substring(text.indexOf("Examples"), text.indexOf("Entities:"));
        List<String> lines = block.lines().skip(1).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            OperationSpec op = AsanaSpec.get().operation(parts[0], parts[1]);
            JsonNode params = mapper.readTree(parts[2].replaceAll("\"<[a-z_]+>\"", "\"1200000000000001\""));
            assertThat(validator.validate(op, params)).as(line).isNotNull();
        }
    }

    private static List<String> paramNames(OperationSpec op) {
        List<String> names = new ArrayList<>();
        for (ParamSpec p : op.params().values()) {
            names.add(p.name());
            p.properties().values().forEach(c -> names.add(c.name()));
        }
        return names;
    }

    /** The action names listed under an entity: the lines after its own line that start with one space. */
    private static List<String> actionsOf(String text, String entity) {
        List<String> actions = new ArrayList<>();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ")) {
                in = line.startsWith(entity + ": ");
            } else if (in && !line.startsWith("  ")) {
                actions.add(line.substring(1).split("[(\\[: ]", 2)[0]);
            }
        }
        return actions;
    }
}
