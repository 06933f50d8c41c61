package dev.agentconnector.asana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.exec.ExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PaginationTest {
    private static AsanaSimulator sim;
    private static AsanaConnector asana;

    @BeforeAll
    static void start() {
        sim = Sim.start();
        asana = Sim.pat(sim);
    }

    @AfterAll
    static void stop() {
        asana.close();
        sim.close();
    }

    private static Map<String, Object> project(Object... more) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("project_gid", sim.fixtures().projectGid());
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void walkingPagesByOffsetReturnsEveryTaskOnce() {
        List<String> seen = new ArrayList<>();
        String offset = null;
        int pages = 0;
        do {
            ExecutionResult r = offset == null
                    ? asana.execute("project_tasks", "list", project("limit", 7))
                    : asana.execute("project_tasks", "list", project("limit", 7, "offset", offset));
            assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
            assertThat(r.data().size()).isLessThanOrEqualTo(7);
            r.data().forEach(t -> seen.add(t.path("gid").asText()));
            offset = r.nextOffset().orElse(null);
            pages++;
        } while (offset != null);
        assertThat(pages).isGreaterThan(1);
        assertThat(new HashSet<>(seen)).hasSize(seen.size());

        ExecutionResult all = asana.execute("project_tasks", "list", project("fetch_all", true));
        assertThat(all.data()).hasSize(seen.size());
        assertThat(all.meta().get("next_page").isNull()).isTrue();
        assertThat(all.meta().get("truncated").asBoolean()).isFalse();
    }

    @Test
    void defaultIsOnePageWithNextPage() {
        ExecutionResult r = asana.execute("project_tasks", "list", project("limit", 5));
        assertThat(r.data()).hasSize(5);
        JsonNode next = r.meta().get("next_page");
        assertThat(next.get("offset").asText()).isNotBlank();
        assertThat(next.get("path").asText()).startsWith("/projects/");
    }

    @Test
    void fetchAllStopsAtTheCapWithAContinuationToken() {
        ExecutionResult r = asana.execute("project_tasks", "list", project("fetch_all", true, "max_records", 12,
                "limit", 5));
        assertThat(r.data()).hasSize(12);
        assertThat(r.meta().get("pages").asInt()).isEqualTo(3);
        assertThat(r.meta().get("truncated").asBoolean()).isTrue();
        String offset = r.nextOffset().orElseThrow();
        ExecutionResult rest = asana.execute("project_tasks", "list", project("limit", 100, "offset", offset));
        Set<String> first = new HashSet<>();
        r.data().forEach(t -> first.add(t.path("gid").asText()));
        rest.data().forEach(t -> assertThat(first).doesNotContain(t.path("gid").asText()));
    }

    @Test
    void fieldsSelectWhatComesBack() {
        ExecutionResult r = asana.execute("project_tasks", "list", project("limit", 3, "fields", "name,assignee.name"));
        r.data().forEach(t -> {
            assertThat(t.has("name")).isTrue();
            assertThat(t.has("completed")).isFalse();
        });
        ExecutionResult defaults = asana.execute("project_tasks", "list", project("limit", 3));
        defaults.data().forEach(t -> assertThat(t.has("name")).isTrue());
        List<String> defaultFields = AsanaSpec.get().operation("project_tasks", "list").defaultFields();
        assertThat(defaultFields).isNotEmpty();
        String topLevel = defaultFields.stream().filter(x -> !x.contains(".")).findFirst().orElseThrow();
        defaults.data().forEach(t -> assertThat(t.has(topLevel)).as(topLevel).isTrue());
    }
}
