package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.sim.data.DatasetGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tasks-per-project setting: validation, determinism and paging a large project to the end. */
class TasksPerProjectTest {
    /** Large enough for many pages, small enough for the unit suite (100,000 is measured by hand). */
    private static final int LARGE = 5_000;

    @Test
    void defaultIsTwentyFourTasksInTheFixtureProject() {
        try (AsanaSimulator sim = AsanaSimulator.builder().start()) {
            SimHttp api = new SimHttp(sim.baseUrl(), sim.personalAccessToken());
            assertThat(api.get("/projects/" + sim.fixtures().projectGid() + "/tasks").data())
                    .hasSize(DatasetGenerator.DEFAULT_TASKS_PER_PROJECT);
        }
    }

    @Test
    void builderRefusesFewerThanOneOrTooManyTasks() {
        assertThatThrownBy(() -> AsanaSimulator.builder().tasksPerProject(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tasksPerProject must be at least 1, got 0");
        assertThatThrownBy(() -> AsanaSimulator.builder().tasksPerProject(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> AsanaSimulator.builder().tasksPerProject(200_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tasksPerProject must be at most 200000, got 200001");
        // the limit is on the whole dataset: 20 projects at scale 2
        assertThatThrownBy(() -> AsanaSimulator.builder().scale(2).tasksPerProject(150_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("150,000 tasks per project at scale 2 would generate 3,000,000 tasks in 20 projects; "
                        + "at most 2,000,000 are supported");
    }

    @Test
    void aSingleTaskPerProjectStillHasAFixtureTask() {
        try (AsanaSimulator sim = AsanaSimulator.builder().tasksPerProject(1).start()) {
            SimHttp api = new SimHttp(sim.baseUrl(), sim.personalAccessToken());
            assertThat(api.get("/projects/" + sim.fixtures().projectGid() + "/tasks").data()).hasSize(1);
            assertThat(api.get("/tasks/" + sim.fixtures().taskGid()).status()).isEqualTo(200);
        }
    }

    @Test
    void sameSeedScaleAndSizeGiveTheSameDataset() {
        try (AsanaSimulator a = AsanaSimulator.builder().seed(9).tasksPerProject(300).start();
             AsanaSimulator b = AsanaSimulator.builder().seed(9).tasksPerProject(300).start();
             AsanaSimulator c = AsanaSimulator.builder().seed(9).tasksPerProject(301).start()) {
            String path = "/projects/" + a.fixtures().projectGid() + "/tasks?limit=100&opt_fields=name,created_at,"
                    + "completed,assignee";
            assertThat(walk(new SimHttp(a.baseUrl(), a.personalAccessToken()), path))
                    .isEqualTo(walk(new SimHttp(b.baseUrl(), b.personalAccessToken()), path))
                    .hasSize(300);
            assertThat(c.fixtures().projectGid()).isEqualTo(a.fixtures().projectGid());
            assertThat(walk(new SimHttp(c.baseUrl(), c.personalAccessToken()), path)).hasSize(301);
        }
    }

    @Test
    void aLargeProjectPagesToTheEndWithEveryTaskOnce() {
        try (AsanaSimulator sim = AsanaSimulator.builder().tasksPerProject(LARGE).start()) {
            SimHttp api = new SimHttp(sim.baseUrl(), sim.personalAccessToken());
            String project = "/projects/" + sim.fixtures().projectGid() + "/tasks?limit=100&opt_fields=created_at,"
                    + "completed";
            List<JsonNode> all = walk(api, project);
            Set<String> gids = new HashSet<>();
            all.forEach(t -> gids.add(t.get("gid").asText()));
            assertThat(all).hasSize(LARGE);
            assertThat(gids).hasSize(LARGE);

            // the project's history spans days, as at the default size, not decades
            Instant first = Instant.parse(all.get(0).get("created_at").asText());
            Instant last = Instant.parse(all.get(LARGE - 1).get("created_at").asText());
            assertThat(Duration.between(first, last)).isBetween(Duration.ofDays(1), Duration.ofDays(14));

            // a filtered walk returns exactly the open tasks, each once
            long open = all.stream().filter(t -> !t.get("completed").asBoolean()).count();
            List<JsonNode> openWalk = walk(api, project + "&completed_since=now");
            assertThat(openWalk).hasSize((int) open).noneMatch(t -> t.get("completed").asBoolean());
            assertThat(open).isBetween(LARGE / 2L, LARGE - 1L);

            // unpaged, the list is too large
            assertThat(api.get("/projects/" + sim.fixtures().projectGid() + "/tasks").status()).isEqualTo(400);
        }
    }

    private static List<JsonNode> walk(SimHttp api, String firstPath) {
        List<JsonNode> out = new ArrayList<>();
        String path = firstPath;
        while (path != null) {
            SimHttp.Resp r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            JsonNode body = r.json();
            body.get("data").forEach(out::add);
            JsonNode next = body.get("next_page");
            path = next.isNull() ? null : next.get("path").asText();
        }
        return out;
    }
}
