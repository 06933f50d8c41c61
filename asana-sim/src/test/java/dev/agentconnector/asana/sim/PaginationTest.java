package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Offset pagination: limits, opaque bound tokens and complete walks. */
class PaginationTest extends SimTestBase {

    private List<String> gids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(n -> out.add(n.get("gid").asText()));
        return out;
    }

    @Test
    void walkingWithLimitSevenReturnsEveryTaskExactlyOnce() {
        List<String> all = gids(api.get("/projects/" + fx.projectGid() + "/tasks").data());
        assertThat(all.size()).isGreaterThan(14);
        List<String> walked = new ArrayList<>();
        String path = "/projects/" + fx.projectGid() + "/tasks?limit=7&opt_fields=name";
        int pages = 0;
        while (path != null) {
            SimHttp.Resp r = api.get(path);
            assertThat(r.status()).isEqualTo(200);
            JsonNode body = r.json();
            assertThat(body.has("next_page")).isTrue();
            assertThat(body.get("data").size()).isLessThanOrEqualTo(7);
            walked.addAll(gids(body.get("data")));
            JsonNode next = body.get("next_page");
            if (next.isNull()) {
                path = null;
            } else {
                assertThat(next.get("path").asText()).startsWith("/projects/" + fx.projectGid() + "/tasks?");
                assertThat(next.get("path").asText()).contains("limit=7").contains("opt_fields=name")
                        .endsWith("offset=" + next.get("offset").asText());
                assertThat(next.get("uri").asText()).isEqualTo(sim.baseUrl() + next.get("path").asText());
                path = next.get("path").asText();
            }
            pages++;
        }
        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo((all.size() + 6) / 7);
    }

    @Test
    void withoutLimitThereIsNoNextPage() {
        JsonNode body = api.get("/workspaces/" + sim.workspaceGid() + "/projects").json();
        assertThat(body.has("next_page")).isFalse();
    }

    @Test
    void limitMustBeBetweenOneAndHundred() {
        for (String bad : new String[] {"0", "101", "-1", "abc"}) {
            SimHttp.Resp r = api.get("/projects/" + fx.projectGid() + "/tasks?limit=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("message").asText())
                    .isEqualTo("limit: Value must be between 1 and 100");
        }
        assertThat(api.get("/projects/" + fx.projectGid() + "/tasks?limit=100").status()).isEqualTo(200);
        assertThat(api.get("/projects/" + fx.projectGid() + "/tasks?limit=1").status()).isEqualTo(200);
    }

    @Test
    void forgedGarbledOrForeignOffsetsAreRejected() {
        JsonNode next = api.get("/projects/" + fx.projectGid() + "/tasks?limit=2").json().get("next_page");
        String offset = next.get("offset").asText();
        char c = offset.charAt(5);
        String forged = offset.substring(0, 5) + (c == 'A' ? 'B' : 'A') + offset.substring(6);
        for (String bad : new String[] {forged, "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9", "not-a-token", offset + "x"}) {
            SimHttp.Resp r = api.get("/projects/" + fx.projectGid() + "/tasks?limit=2&offset=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("message").asText())
                    .isEqualTo("offset: Your pagination token is invalid");
        }
        SimHttp.Resp foreign = api.get("/sections/" + fx.sectionGid() + "/tasks?limit=2&offset=" + offset);
        assertThat(foreign.status()).isEqualTo(400);
        SimHttp.Resp otherFilter = api.get("/projects/" + fx.projectGid() + "/tasks?limit=2&completed_since=now"
                + "&offset=" + offset);
        assertThat(otherFilter.status()).isEqualTo(400);
    }

    @Test
    void nextPageSurvivesDeletionOfAlreadySeenItems() {
        String project = api.post("/projects", SimHttp.data("{\"name\":\"Paging\",\"workspace\":\""
                + sim.workspaceGid() + "\"}")).data().get("gid").asText();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(api.post("/tasks", SimHttp.data("{\"name\":\"p" + i + "\",\"projects\":[\"" + project
                    + "\"]}")).data().get("gid").asText());
        }
        JsonNode first = api.get("/projects/" + project + "/tasks?limit=3").json();
        assertThat(gids(first.get("data"))).containsExactlyElementsOf(created.subList(0, 3));
        assertThat(api.delete("/tasks/" + created.get(0)).status()).isEqualTo(200);
        JsonNode second = api.get(first.get("next_page").get("path").asText()).json();
        assertThat(gids(second.get("data"))).containsExactlyElementsOf(created.subList(3, 6));
        assertThat(second.get("next_page").isNull()).isTrue();
    }

    @Test
    void tooLargeUnpaginatedResultsAreRefused() {
        try (AsanaSimulator big = AsanaSimulator.builder().scale(52).build().start()) {
            SimHttp client = new SimHttp(big.baseUrl(), big.personalAccessToken());
            SimHttp.Resp r = client.get("/workspaces/" + big.workspaceGid() + "/users");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("message").asText())
                    .isEqualTo("The result is too large. You should use pagination!");
            assertThat(client.get("/workspaces/" + big.workspaceGid() + "/users?limit=100").data()).hasSize(100);
        }
    }
}
