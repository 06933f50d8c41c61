package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.agentconnector.asana.sim.SimHttp.data;
import static org.assertj.core.api.Assertions.assertThat;

/** Write semantics and Asana's validation answers. */
class WritesTest extends SimTestBase {

    private static String message(SimHttp.Resp r) {
        return r.json().get("errors").get(0).get("message").asText();
    }

    private void assertError(SimHttp.Resp r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(message(r)).isEqualTo(message);
        assertThat(r.json().get("errors").get(0).get("help").asText()).isNotBlank();
    }

    @Test
    void malformedAndMissingBodies() {
        assertError(api.post("/tasks", "{\"data\": {"), 400, "Could not parse request data, invalid JSON");
        assertError(api.post("/tasks", "{}"), 400, "data: Missing input");
        assertError(api.post("/tasks", data("{\"name\":\"x\"}")), 400, "workspace: Missing input");
        assertError(api.post("/workspaces/" + sim.workspaceGid() + "/tags", data("{}")), 400, "name: Missing input");
        assertError(api.post("/projects/" + fx.projectGid() + "/sections", data("{\"name\":\"\"}")), 400,
                "name: Missing input");
        assertError(api.post("/tasks/" + fx.taskGid() + "/stories", data("{}")), 400, "text: Missing input");
        assertError(api.post("/tasks/" + fx.taskGid() + "/addTag", data("{}")), 400, "tag: Missing input");
        assertError(api.post("/sections/" + fx.sectionGid() + "/addTask", data("{}")), 400, "task: Missing input");
        assertError(api.post("/workspaces/" + sim.workspaceGid() + "/addUser", data("{}")), 400,
                "user: Missing input");
        assertError(api.post("/projects", data("{\"workspace\":\"" + sim.workspaceGid() + "\"}")), 400,
                "name: Missing input");
    }

    @Test
    void unknownAndMalformedIds() {
        assertError(api.get("/tasks/1234567890123456"), 404, "Unknown object: 1234567890123456");
        assertError(api.get("/tasks/" + fx.projectGid()), 404, "task: Not a recognized ID: " + fx.projectGid());
        assertError(api.get("/tasks/abc"), 400, "task: Not a recognized ID: abc");
        assertError(api.put("/projects/42", data("{\"name\":\"x\"}")), 404, "Unknown object: 42");
        assertError(api.post("/tasks", data("{\"name\":\"x\",\"workspace\":\"999\"}")), 400,
                "workspace: Not a recognized ID: 999");
        assertError(api.post("/tasks/" + fx.taskGid() + "/addTag", data("{\"tag\":\"" + fx.taskGid() + "\"}")), 400,
                "tag: Not a recognized ID: " + fx.taskGid());
        assertError(api.get("/no/such/route"), 404, "No matching route for request");
        assertError(api.send("PATCH", "/tasks/" + fx.taskGid(), data("{}"), "application/json"), 404,
                "No matching route for request");
    }

    @Test
    void requiredListFilters() {
        assertThat(api.get("/tasks").status()).isEqualTo(400);
        assertThat(api.get("/tasks?workspace=" + sim.workspaceGid()).status()).isEqualTo(400);
        assertThat(api.get("/tasks?assignee=me").status()).isEqualTo(400);
        assertThat(api.get("/tasks?project=" + fx.projectGid() + "&section=" + fx.sectionGid()).status())
                .isEqualTo(400);
        assertThat(api.get("/tasks?project=" + fx.projectGid() + "&workspace=" + sim.workspaceGid()).status())
                .isEqualTo(200);
        assertError(api.get("/attachments"), 400, "parent: Missing input");
        assertThat(api.get("/tasks?project=" + fx.projectGid() + "&completed_since=yesterday").status())
                .isEqualTo(400);
    }

    @Test
    void fieldValidation() {
        String t = "/tasks/" + fx.subtaskGid();
        assertThat(api.put(t, data("{\"due_on\":\"31/12/2026\"}")).status()).isEqualTo(400);
        assertThat(api.put(t, data("{\"due_on\":\"2026-01-01\",\"due_at\":\"2026-01-01T10:00:00Z\"}")).status())
                .isEqualTo(400);
        assertThat(api.put(t, data("{\"completed\":\"maybe\"}")).status()).isEqualTo(400);
        assertThat(api.put(t, data("{\"html_notes\":\"no body tag\"}")).status()).isEqualTo(400);
        assertThat(api.put(t, data("{\"resource_subtype\":\"epic\"}")).status()).isEqualTo(400);
        assertThat(api.post("/workspaces/" + sim.workspaceGid() + "/tags", data("{\"name\":\"x\",\"color\":\"plaid\"}"))
                .status()).isEqualTo(400);
        assertThat(api.put("/projects/" + fx.projectGid(), data("{\"default_view\":\"gantt\"}")).status())
                .isEqualTo(400);
        JsonNode ok = api.put(t, data("{\"html_notes\":\"<body>Hi &amp; bye</body>\",\"assignee\":null}")).data();
        assertThat(ok.get("notes").asText()).isEqualTo("Hi & bye");
        assertThat(ok.get("assignee").isNull()).isTrue();
    }

    @Test
    void createdTasksAreLinkedEverywhere() {
        SimHttp.Resp created = api.post("/tasks", data("{\"name\":\"Linked\",\"projects\":[\"" + fx.projectGid()
                + "\"],\"assignee\":\"" + fx.meEmail() + "\",\"tags\":[\"" + fx.tagGid() + "\"]}"));
        assertThat(created.status()).isEqualTo(201);
        String gid = created.data().get("gid").asText();
        assertThat(created.header("Location")).isEqualTo(sim.baseUrl() + "/tasks/" + gid);
        JsonNode t = created.data();
        assertThat(t.get("workspace").get("gid").asText()).isEqualTo(sim.workspaceGid());
        assertThat(t.get("created_by").get("gid").asText()).isEqualTo(fx.meGid());
        assertThat(t.get("followers").toString()).contains(fx.meGid());
        assertThat(t.get("memberships").get(0).get("section").get("gid").asText()).isEqualTo(fx.sectionGid());
        assertThat(api.get("/sections/" + fx.sectionGid() + "/tasks").body()).contains(gid);
        assertThat(api.get("/tags/" + fx.tagGid() + "/tasks").body()).contains(gid);
        assertThat(api.get("/tasks?assignee=me&workspace=" + sim.workspaceGid()).body()).contains(gid);
        assertThat(api.get("/tasks/" + gid + "/projects").body()).contains(fx.projectGid());
        assertThat(api.delete("/tasks/" + gid).json().get("data").size()).isZero();
        assertThat(api.get("/tags/" + fx.tagGid() + "/tasks").body()).doesNotContain(gid);
    }

    @Test
    void formEncodedBodiesAreAccepted() {
        SimHttp.Resp r = api.send("POST", "/tasks", "name=From+a+form&workspace=" + sim.workspaceGid()
                + "&completed=true&opt_fields=name,completed", "application/x-www-form-urlencoded");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.data().get("name").asText()).isEqualTo("From a form");
        assertThat(r.data().get("completed").asBoolean()).isTrue();
    }

    @Test
    void sectionsKeepOrderAndRefuseUnsafeDeletes() {
        String p = "/projects/" + fx.projectGid() + "/sections";
        List<String> before = new ArrayList<>();
        api.get(p).data().forEach(s -> before.add(s.get("gid").asText()));
        String after1 = api.post(p, data("{\"name\":\"After first\",\"insert_after\":\"" + before.get(0) + "\"}"))
                .data().get("gid").asText();
        List<String> now = new ArrayList<>();
        api.get(p).data().forEach(s -> now.add(s.get("gid").asText()));
        assertThat(now.get(1)).isEqualTo(after1);
        assertThat(api.post(p, data("{\"name\":\"x\",\"insert_before\":\"" + before.get(0) + "\",\"insert_after\":\""
                + before.get(1) + "\"}")).status()).isEqualTo(400);
        assertThat(api.delete("/sections/" + fx.sectionGid()).status()).as("not empty").isEqualTo(400);
        assertThat(api.delete("/sections/" + after1).status()).isEqualTo(200);
    }

    @Test
    void addTaskMovesWithinTheProject() {
        List<String> sections = new ArrayList<>();
        api.get("/projects/" + fx.projectGid() + "/sections").data().forEach(s -> sections.add(s.get("gid").asText()));
        String target = sections.get(sections.size() - 1);
        JsonNode firstInTarget = api.get("/sections/" + target + "/tasks").data().get(0);
        String task = api.post("/tasks", data("{\"name\":\"Mover\",\"projects\":[\"" + fx.projectGid() + "\"]}"))
                .data().get("gid").asText();
        assertThat(api.post("/sections/" + target + "/addTask", data("{\"task\":\"" + task + "\",\"insert_before\":\""
                + firstInTarget.get("gid").asText() + "\"}")).status()).isEqualTo(200);
        assertThat(api.get("/sections/" + target + "/tasks").data().get(0).get("gid").asText()).isEqualTo(task);
        assertThat(api.get("/sections/" + sections.get(0) + "/tasks").body()).doesNotContain(task);
        JsonNode memberships = api.get("/tasks/" + task + "?opt_fields=memberships.section").data().get("memberships");
        assertThat(memberships).hasSize(1);
        assertThat(memberships.get(0).get("section").get("gid").asText()).isEqualTo(target);
    }

    @Test
    void concurrentWritesAreAllApplied() throws Exception {
        String project = api.post("/projects", data("{\"name\":\"Parallel\",\"workspace\":\"" + sim.workspaceGid()
                + "\"}")).data().get("gid").asText();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    SimHttp.Resp r = n % 3 == 0
                            ? api.get("/projects/" + project + "/tasks")
                            : api.post("/tasks", data("{\"name\":\"p" + n + "\",\"projects\":[\"" + project + "\"]}"));
                    assertThat(r.status()).isIn(200, 201);
                    return r.status() == 201 ? r.data().get("gid").asText() : null;
                }));
            }
            Set<String> gids = new HashSet<>();
            for (Future<String> f : futures) {
                String g = f.get();
                if (g != null) {
                    gids.add(g);
                }
            }
            assertThat(gids).hasSize(80);
            assertThat(api.get("/projects/" + project + "/tasks").data()).hasSize(80);
        } finally {
            pool.shutdownNow();
        }
    }
}
