package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events API as Asana serves it: 412 with a fresh sync token to start, then the changes made through the API
 * since that token, seen by the task and by its projects, 100 at a time, and 412 again once a token has expired.
 * Every answer is validated against Asana's OpenAPI.
 */
class EventsTest extends SimTestBase {
    private static String data(String fieldsJson) {
        return SimHttp.data(fieldsJson);
    }

    private String newTask(String name) {
        return api.post("/tasks", data("{\"name\":\"" + name + "\",\"workspace\":\"" + sim.workspaceGid() + "\"}"))
                .data().path("gid").asText();
    }

    /** A fresh token for the resource, from the 412 Asana answers without one. */
    private String start(String resource) {
        SimHttp.Resp r = api.get("/events?resource=" + resource);
        assertThat(r.status()).as(r.body()).isEqualTo(412);
        contract().assertResponse("GET", "/events", 412, r.json());
        assertThat(r.json().path("errors").get(0).path("message").asText()).contains("Sync token invalid or too old");
        return r.json().path("sync").asText();
    }

    private JsonNode read(String resource, String sync) {
        SimHttp.Resp r = api.get("/events?resource=" + resource + "&sync=" + sync);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        contract().assertResponse("GET", "/events", 200, r.json());
        return r.json();
    }

    private static List<String> summary(JsonNode events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            out.add(e.path("resource").path("resource_type").asText() + " " + e.path("action").asText()
                    + (e.path("parent").isObject() ? " to " + e.path("parent").path("resource_type").asText() : "")
                    + (e.has("change") ? " " + e.path("change").path("field").asText() + " "
                    + e.path("change").path("action").asText() : ""));
        }
        return out;
    }

    @Test
    void aProjectSeesTheLifeOfItsTasksInOrder() {
        String project = api.post("/projects", data("{\"name\":\"Events\",\"workspace\":\"" + sim.workspaceGid()
                + "\",\"team\":\"" + fx.teamGid() + "\"}")).data().path("gid").asText();
        String sync = start(project);
        String task = api.post("/tasks", data("{\"name\":\"watched\",\"projects\":[\"" + project + "\"]}"))
                .data().path("gid").asText();
        api.put("/tasks/" + task, data("{\"name\":\"renamed\",\"completed\":true}"));
        api.post("/tasks/" + task + "/addTag", data("{\"tag\":\"" + fx.tagGid() + "\"}"));
        api.post("/tasks/" + task + "/stories", data("{\"text\":\"a comment\"}"));
        String section = api.get("/projects/" + project + "/sections").data().get(0).path("gid").asText();
        api.post("/sections/" + section + "/addTask", data("{\"task\":\"" + task + "\"}"));
        String other = newTask("elsewhere");
        api.put("/tasks/" + other, data("{\"name\":\"not in the project\"}"));
        api.delete("/tasks/" + task);

        JsonNode page = read(project, sync);
        assertThat(summary(page.path("data"))).containsExactly("task added to project", "task changed name changed",
                "task changed completed changed", "task changed tags added", "story added to task",
                "task added to section", "task deleted");
        JsonNode first = page.path("data").get(0);
        assertThat(first.path("resource").path("gid").asText()).isEqualTo(task);
        assertThat(first.path("resource").path("name").asText()).isEqualTo("watched");
        assertThat(first.path("parent").path("gid").asText()).isEqualTo(project);
        assertThat(first.path("user").path("gid").asText()).isEqualTo(fx.meGid());
        assertThat(first.path("created_at").asText()).isNotBlank();
        assertThat(page.path("data").get(3).path("change").path("added_value").path("gid").asText())
                .isEqualTo(fx.tagGid());
        assertThat(page.path("has_more").asBoolean()).isFalse();

        // the next token continues after these: nothing new yet
        JsonNode next = read(project, page.path("sync").asText());
        assertThat(next.path("data")).isEmpty();
    }

    @Test
    void aTaskSeesItsOwnChangesOnly() {
        String task = fx.taskGid();
        String sync = start(task);
        api.put("/tasks/" + task, data("{\"notes\":\"watched notes\"}"));
        api.put("/tasks/" + newTask("unwatched"), data("{\"notes\":\"elsewhere\"}"));
        JsonNode page = read(task, sync);
        assertThat(summary(page.path("data"))).containsExactly("task changed notes changed");
    }

    @Test
    void moreThanAHundredEventsComeInPages() {
        String task = fx.taskGid();
        String sync = start(task);
        for (int i = 0; i < 105; i++) {
            api.put("/tasks/" + task, data("{\"notes\":\"n" + i + "\"}"));
        }
        JsonNode first = read(task, sync);
        assertThat(first.path("data")).hasSize(100);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        JsonNode second = read(task, first.path("sync").asText());
        assertThat(second.path("data")).hasSize(5);
        assertThat(second.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void anExpiredUnknownOrForeignTokenIsA412WithAFreshOne() {
        String task = fx.taskGid();
        String sync = start(task);
        assertThat(api.get("/events?resource=" + newTask("other") + "&sync=" + sync).status()).isEqualTo(412);
        assertThat(api.get("/events?resource=" + task + "&sync=not-a-token").status()).isEqualTo(412);
        sim.control().expireSyncTokens();
        SimHttp.Resp expired = api.get("/events?resource=" + task + "&sync=" + sync);
        assertThat(expired.status()).isEqualTo(412);
        String fresh = expired.json().path("sync").asText();
        assertThat(fresh).isNotBlank().isNotEqualTo(sync);
        api.put("/tasks/" + task, data("{\"notes\":\"after expiry\"}"));
        assertThat(read(task, fresh).path("data")).hasSize(1);
    }

    @Test
    void badResourcesAreRefused() {
        assertThat(api.get("/events").status()).isEqualTo(400);
        assertThat(api.get("/events?resource=abc").status()).isEqualTo(400);
        assertThat(api.get("/events?resource=1").status()).isEqualTo(404);
        SimHttp.Resp section = api.get("/events?resource=" + fx.sectionGid());
        assertThat(section.status()).isEqualTo(400);
        assertThat(section.body()).contains("tasks and projects");
    }
}
