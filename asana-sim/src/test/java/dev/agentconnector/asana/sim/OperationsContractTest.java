package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.openapi.OpenApiFacts;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static dev.agentconnector.asana.sim.SimHttp.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls every one of the reference connector's HTTP operations and validates each answer against the schema that
 * Asana's OpenAPI document gives for that operation and status.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsContractTest extends SimTestBase {
    private final Set<String> covered = ConcurrentHashMap.newKeySet();

    private SimHttp.Resp call(String method, String template, String path, String body, int status) {
        SimHttp.Resp r = api.send(method, path, body, body == null ? null : "application/json");
        assertThat(r.status()).as("%s %s -> %s", method, path, r.body()).isEqualTo(status);
        contract().assertResponse(method, template, status, r.json());
        covered.add(method + " " + template);
        return r;
    }

    private SimHttp.Resp get(String template, String path) {
        return call("GET", template, path, null, 200);
    }

    @Test
    @Order(1)
    void workspaceOperations() {
        JsonNode list = get("/workspaces", "/workspaces").data();
        assertThat(list).hasSize(2);
        get("/workspaces", "/workspaces?limit=1");
        JsonNode ws = get("/workspaces/{workspace_gid}", "/workspaces/" + sim.workspaceGid()).data();
        assertThat(ws.get("is_organization").asBoolean()).isTrue();
        JsonNode added = call("POST", "/workspaces/{workspace_gid}/addUser",
                "/workspaces/" + sim.workspaceGid() + "/addUser", data("{\"user\":\"" + fx.otherUserGid() + "\"}"),
                200).data();
        assertThat(added.get("gid").asText()).isEqualTo(fx.otherUserGid());
        assertThat(added.has("email")).isTrue();
    }

    @Test
    @Order(1)
    void userOperations() {
        assertThat(get("/users", "/users").data().size()).isGreaterThan(10);
        get("/users", "/users?workspace=" + sim.workspaceGid() + "&limit=5");
        get("/users", "/users?team=" + fx.teamGid());
        JsonNode me = get("/users/{user_gid}", "/users/me").data();
        assertThat(me.get("gid").asText()).isEqualTo(fx.meGid());
        get("/users/{user_gid}", "/users/" + fx.meEmail());
        get("/workspaces/{workspace_gid}/users", "/workspaces/" + sim.workspaceGid() + "/users");
        get("/teams/{team_gid}/users", "/teams/" + fx.teamGid() + "/users");
    }

    @Test
    @Order(1)
    void teamOperations() {
        JsonNode team = get("/teams/{team_gid}", "/teams/" + fx.teamGid()).data();
        assertThat(team.get("organization").get("gid").asText()).isEqualTo(sim.workspaceGid());
        assertThat(get("/workspaces/{workspace_gid}/teams", "/workspaces/" + sim.workspaceGid() + "/teams?limit=2")
                .json().get("next_page").isObject()).isTrue();
        JsonNode mine = get("/users/{user_gid}/teams", "/users/me/teams?organization=" + sim.workspaceGid()).data();
        assertThat(mine).anySatisfy(t -> assertThat(t.get("gid").asText()).isEqualTo(fx.teamGid()));
    }

    @Test
    @Order(1)
    void projectReadOperations() {
        get("/projects", "/projects?workspace=" + sim.workspaceGid());
        get("/projects", "/projects?team=" + fx.teamGid() + "&archived=false&limit=1");
        JsonNode p = get("/projects/{project_gid}", "/projects/" + fx.projectGid()).data();
        assertThat(p.get("team").get("gid").asText()).isEqualTo(fx.teamGid());
        get("/tasks/{task_gid}/projects", "/tasks/" + fx.taskGid() + "/projects");
        get("/teams/{team_gid}/projects", "/teams/" + fx.teamGid() + "/projects");
        get("/workspaces/{workspace_gid}/projects", "/workspaces/" + sim.workspaceGid() + "/projects?archived=true");
        get("/workspaces/{workspace_gid}/projects", "/workspaces/" + sim.freeWorkspaceGid() + "/projects");
        String freeProject = api.get("/workspaces/" + sim.freeWorkspaceGid() + "/projects").data().get(0)
                .get("gid").asText();
        get("/projects/{project_gid}", "/projects/" + freeProject);
    }

    @Test
    @Order(1)
    void taskReadOperations() {
        get("/tasks", "/tasks?project=" + fx.projectGid());
        get("/tasks", "/tasks?section=" + fx.sectionGid() + "&limit=3");
        get("/tasks", "/tasks?assignee=me&workspace=" + sim.workspaceGid() + "&completed_since=now");
        get("/tasks", "/tasks?project=" + fx.projectGid() + "&modified_since=2025-01-01T00:00:00Z");
        JsonNode task = get("/tasks/{task_gid}", "/tasks/" + fx.taskGid()).data();
        assertThat(task.get("num_subtasks").asInt()).isGreaterThanOrEqualTo(3);
        get("/tasks/{task_gid}", "/tasks/" + fx.subtaskGid());
        get("/projects/{project_gid}/tasks", "/projects/" + fx.projectGid() + "/tasks?limit=5");
        get("/projects/{project_gid}/tasks", "/projects/" + fx.projectGid() + "/tasks?completed_since=now");
        get("/sections/{section_gid}/tasks", "/sections/" + fx.sectionGid() + "/tasks");
        get("/tags/{tag_gid}/tasks", "/tags/" + fx.tagGid() + "/tasks");
        assertThat(get("/tasks/{task_gid}/subtasks", "/tasks/" + fx.taskGid() + "/subtasks").data()).hasSize(3);
        assertThat(get("/tasks/{task_gid}/dependencies", "/tasks/" + fx.taskGid() + "/dependencies").data())
                .hasSize(2);
        assertThat(get("/tasks/{task_gid}/dependents", "/tasks/" + fx.taskGid() + "/dependents").data())
                .hasSize(1);
    }

    @Test
    @Order(1)
    void everyTaskFieldValidates() {
        String fields = "name,resource_subtype,created_by,actual_time_minutes,approval_status,assignee,"
                + "assignee_status,assignee_section,completed,completed_at,completed_by,created_at,custom_fields,"
                + "custom_type,custom_type_status_option,dependencies,dependents,due_at,due_on,followers,hearted,"
                + "hearts,html_notes,is_rendered_as_separator,liked,likes,memberships,modified_at,notes,num_hearts,"
                + "num_likes,num_subtasks,parent,permalink_url,projects,start_at,start_on,tags,workspace,"
                + "resource_type";
        for (JsonNode t : api.get("/projects/" + fx.projectGid() + "/tasks").data()) {
            get("/tasks/{task_gid}", "/tasks/" + t.get("gid").asText() + "?opt_fields=" + fields);
        }
        get("/tasks/{task_gid}", "/tasks/" + fx.subtaskGid() + "?opt_fields=" + fields);
        // List items are documented as TaskCompact; widened by opt_fields they must still be valid tasks.
        for (JsonNode t : api.get("/tasks?project=" + fx.projectGid() + "&opt_fields=" + fields).data()) {
            contract().assertComponent("TaskResponse", t);
        }
    }

    @Test
    @Order(1)
    void searchOperation() {
        String path = "/workspaces/" + sim.workspaceGid() + "/tasks/search";
        assertThat(get("/workspaces/{workspace_gid}/tasks/search", path + "?text=launch").data()).isNotEmpty();
        get("/workspaces/{workspace_gid}/tasks/search", path + "?assignee.any=me&completed=false&limit=50");
    }

    @Test
    @Order(1)
    void attachmentOperations() throws IOException {
        JsonNode list = get("/attachments", "/attachments?parent=" + fx.taskGid()).data();
        assertThat(list).hasSize(2);
        JsonNode a = get("/attachments/{attachment_gid}", "/attachments/" + fx.attachmentGid()).data();
        assertThat(a.get("download_url").asText()).contains("/__files/");
        // attachments.download: fetch the metadata, then the short-lived download_url without credentials.
        SimHttp.Resp file = SimHttp.getUrl(a.get("download_url").asText());
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body().getBytes(StandardCharsets.UTF_8).length).isEqualTo(a.get("size").asInt());
        assertThat(file.header("Content-Type")).startsWith("text/plain");
        covered.add("GET /attachments/{attachment_gid}:download");
    }

    @Test
    @Order(1)
    void tagOperations() {
        String ws = "/workspaces/" + sim.workspaceGid() + "/tags";
        get("/workspaces/{workspace_gid}/tags", ws);
        get("/tags/{tag_gid}", "/tags/" + fx.tagGid());
        JsonNode tag = call("POST", "/workspaces/{workspace_gid}/tags", ws,
                data("{\"name\":\"contract-tag\",\"color\":\"dark-green\",\"notes\":\"n\"}"), 201).data();
        String gid = tag.get("gid").asText();
        JsonNode updated = call("PUT", "/tags/{tag_gid}", "/tags/" + gid,
                data("{\"name\":\"renamed\",\"color\":null}"), 200).data();
        assertThat(updated.get("name").asText()).isEqualTo("renamed");
        assertThat(updated.get("color").isNull()).isTrue();
        call("POST", "/tasks/{task_gid}/addTag", "/tasks/" + fx.taskGid() + "/addTag",
                data("{\"tag\":\"" + gid + "\"}"), 200);
        assertThat(api.get("/tags/" + gid + "/tasks").data()).hasSize(1);
        call("POST", "/tasks/{task_gid}/removeTag", "/tasks/" + fx.taskGid() + "/removeTag",
                data("{\"tag\":\"" + gid + "\"}"), 200);
        assertThat(api.get("/tags/" + gid + "/tasks").data()).isEmpty();
        call("DELETE", "/tags/{tag_gid}", "/tags/" + gid, null, 200);
        assertThat(api.get("/tags/" + gid).status()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void sectionOperations() {
        get("/projects/{project_gid}/sections", "/projects/" + fx.projectGid() + "/sections");
        get("/sections/{section_gid}", "/sections/" + fx.sectionGid());
        JsonNode s = call("POST", "/projects/{project_gid}/sections", "/projects/" + fx.projectGid() + "/sections",
                data("{\"name\":\"Contract\",\"insert_before\":\"" + fx.sectionGid() + "\"}"), 201).data();
        String gid = s.get("gid").asText();
        assertThat(api.get("/projects/" + fx.projectGid() + "/sections").data().get(0).get("gid").asText())
                .isEqualTo(gid);
        call("PUT", "/sections/{section_gid}", "/sections/" + gid, data("{\"name\":\"Contract 2\"}"), 200);
        String task = api.post("/tasks", data("{\"name\":\"movable\",\"projects\":[\"" + fx.projectGid() + "\"]}"))
                .data().get("gid").asText();
        call("POST", "/sections/{section_gid}/addTask", "/sections/" + gid + "/addTask",
                data("{\"task\":\"" + task + "\"}"), 200);
        assertThat(api.get("/sections/" + gid + "/tasks").data().get(0).get("gid").asText()).isEqualTo(task);
        api.delete("/tasks/" + task);
        call("DELETE", "/sections/{section_gid}", "/sections/" + gid, null, 200);
    }

    @Test
    @Order(1)
    void projectWriteOperations() {
        JsonNode p = call("POST", "/projects", "/projects", data("{\"name\":\"Contract project\",\"workspace\":\""
                + sim.workspaceGid() + "\",\"team\":\"" + fx.teamGid() + "\",\"color\":\"light-blue\","
                + "\"default_view\":\"board\",\"due_on\":\"2026-12-31\",\"notes\":\"hello\"}"), 201).data();
        String gid = p.get("gid").asText();
        JsonNode updated = call("PUT", "/projects/{project_gid}", "/projects/" + gid,
                data("{\"archived\":true,\"name\":\"Renamed\"}"), 200).data();
        assertThat(updated.get("archived").asBoolean()).isTrue();
        call("DELETE", "/projects/{project_gid}", "/projects/" + gid, null, 200);
        JsonNode personal = call("POST", "/projects", "/projects", data("{\"name\":\"Personal\",\"workspace\":\""
                + sim.freeWorkspaceGid() + "\"}"), 201).data();
        assertThat(personal.has("team")).isFalse();
    }

    @Test
    @Order(1)
    void taskWriteOperations() {
        JsonNode t = call("POST", "/tasks", "/tasks", data("{\"name\":\"Contract task\",\"workspace\":\""
                + sim.workspaceGid() + "\",\"projects\":[\"" + fx.projectGid() + "\"],\"assignee\":\"me\","
                + "\"due_on\":\"2026-03-01\",\"notes\":\"n\",\"tags\":[\"" + fx.tagGid() + "\"],"
                + "\"followers\":[\"" + fx.meEmail() + "\"],\"resource_subtype\":\"milestone\"}"), 201).data();
        String gid = t.get("gid").asText();
        JsonNode sub = call("POST", "/tasks", "/tasks", data("{\"name\":\"child\",\"parent\":\"" + gid + "\"}"), 201)
                .data();
        assertThat(sub.get("parent").get("gid").asText()).isEqualTo(gid);
        JsonNode updated = call("PUT", "/tasks/{task_gid}", "/tasks/" + gid,
                data("{\"completed\":true,\"name\":\"Done\",\"due_at\":\"2026-03-02T10:00:00.000Z\"}"), 200).data();
        assertThat(updated.get("completed_at").isNull()).isFalse();
        assertThat(updated.get("due_on").asText()).isEqualTo("2026-03-02");
        JsonNode story = call("POST", "/tasks/{task_gid}/stories", "/tasks/" + gid + "/stories",
                data("{\"text\":\"A comment\",\"is_pinned\":true}"), 201).data();
        assertThat(story.get("type").asText()).isEqualTo("comment");
        call("DELETE", "/tasks/{task_gid}", "/tasks/" + gid, null, 200);
        assertThat(api.get("/tasks/" + sub.get("gid").asText()).status()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void errorAnswersMatchErrorResponse() {
        SimHttp.Resp r400 = api.get("/projects/" + fx.projectGid() + "/tasks?limit=0");
        assertThat(r400.status()).isEqualTo(400);
        contract().assertResponse("GET", "/projects/{project_gid}/tasks", 400, r400.json());
        SimHttp.Resp r401 = api.withToken(null).get("/tasks/" + fx.taskGid());
        assertThat(r401.status()).isEqualTo(401);
        contract().assertResponse("GET", "/tasks/{task_gid}", 401, r401.json());
        SimHttp.Resp r402 = api.get("/workspaces/" + sim.freeWorkspaceGid() + "/tasks/search?text=x");
        assertThat(r402.status()).isEqualTo(402);
        contract().assertComponent("ErrorResponse", r402.json());
        SimHttp.Resp r404 = api.get("/tasks/1234567890123456");
        assertThat(r404.status()).isEqualTo(404);
        contract().assertResponse("GET", "/tasks/{task_gid}", 404, r404.json());
        sim.control().failNext(1, 429);
        SimHttp.Resp r429 = api.get("/tasks/" + fx.taskGid());
        assertThat(r429.status()).isEqualTo(429);
        contract().assertComponent("ErrorResponse", r429.json());
        sim.control().failNext(1, 500);
        SimHttp.Resp r500 = api.get("/tasks/" + fx.taskGid());
        assertThat(r500.status()).isEqualTo(500);
        assertThat(r500.json().get("errors").get(0).get("phrase").asText()).isNotBlank();
        contract().assertResponse("GET", "/tasks/{task_gid}", 500, r500.json());
    }

    @Test
    @Order(2)
    void everyReferenceOperationWasExercised() {
        JsonNode ops = OpenApiFacts.referenceOperations();
        Set<String> expected = new TreeSet<>();
        for (JsonNode op : ops) {
            if (!op.path("method").asText().equals("SEARCH")) {
                expected.add(op.get("method").asText() + " " + op.get("path").asText());
            }
        }
        assertThat(expected).hasSize(47);
        assertThat(covered).containsAll(expected);
    }
}
