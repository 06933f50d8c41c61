package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Compact versus full records, opt_fields projection and opt_pretty. */
class OptFieldsTest extends SimTestBase {

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void listsAreCompactAndSingleRecordsFull() {
        JsonNode compact = api.get("/projects/" + fx.projectGid() + "/tasks").data().get(0);
        assertThat(keys(compact)).containsExactly("gid", "resource_type", "name", "resource_subtype", "created_by");
        assertThat(keys(compact.get("created_by"))).containsExactly("gid", "resource_type");
        JsonNode full = api.get("/tasks/" + fx.taskGid()).data();
        assertThat(keys(full)).contains("assignee", "memberships", "followers", "tags", "notes", "due_on",
                "workspace", "permalink_url", "completed");
        assertThat(keys(full.get("assignee"))).containsExactly("gid", "resource_type", "name");
        assertThat(keys(api.get("/workspaces").data().get(0))).containsExactly("gid", "resource_type", "name");
    }

    @Test
    void optFieldsSelectExactlyTheNamedPaths() {
        JsonNode t = api.get("/tasks/" + fx.taskGid()
                + "?opt_fields=name,assignee.email,memberships.section.name,this.followers.name,parent").data();
        assertThat(keys(t)).containsExactly("gid", "name", "assignee", "memberships", "followers", "parent");
        assertThat(keys(t.get("assignee"))).containsExactly("gid", "email");
        assertThat(t.get("assignee").get("email").asText()).isEqualTo(fx.meEmail());
        assertThat(keys(t.get("memberships").get(0))).containsExactly("section");
        assertThat(keys(t.get("memberships").get(0).get("section"))).containsExactly("gid", "name");
        for (JsonNode f : t.get("followers")) {
            assertThat(keys(f)).containsExactly("gid", "name");
        }
        assertThat(t.get("parent").isNull()).isTrue();
    }

    @Test
    void namingANestedObjectAloneGivesAReference() {
        JsonNode t = api.get("/tasks/" + fx.subtaskGid() + "?opt_fields=parent,projects,workspace").data();
        assertThat(keys(t.get("parent"))).containsExactly("gid", "resource_type");
        assertThat(t.get("parent").get("gid").asText()).isEqualTo(fx.taskGid());
        assertThat(keys(t.get("workspace"))).containsExactly("gid", "resource_type");
        assertThat(t.get("projects")).isEmpty();
    }

    @Test
    void groupOperatorExpands() {
        JsonNode t = api.get("/tasks/" + fx.taskGid() + "?opt_fields=this.%28assignee%7Cworkspace%29.name").data();
        assertThat(keys(t)).containsExactly("gid", "assignee", "workspace");
        assertThat(keys(t.get("workspace"))).containsExactly("gid", "name");
    }

    @Test
    void listsHonourOptFieldsPerElement() {
        JsonNode data = api.get("/sections/" + fx.sectionGid() + "/tasks?opt_fields=name,completed,tags.name").data();
        for (JsonNode t : data) {
            assertThat(keys(t)).containsExactly("gid", "name", "completed", "tags");
            for (JsonNode tag : t.get("tags")) {
                assertThat(keys(tag)).containsExactly("gid", "name");
            }
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndGidIsAlwaysThere() {
        JsonNode t = api.get("/tasks/" + fx.taskGid() + "?opt_fields=no_such_field").data();
        assertThat(keys(t)).containsExactly("gid");
    }

    @Test
    void optPrettyIndents() {
        String pretty = api.get("/users/me?opt_pretty").body();
        assertThat(pretty).contains("\n").contains("  \"data\"");
        assertThat(api.get("/users/me?opt_pretty=true").body()).contains("\n");
        assertThat(api.get("/users/me").body()).doesNotContain("\n");
    }

    @Test
    void writeOptionsInTheBodyApply() {
        String body = "{\"data\":{\"name\":\"opts\",\"workspace\":\"" + sim.workspaceGid() + "\"},"
                + "\"options\":{\"fields\":[\"name\",\"assignee\"],\"pretty\":true}}";
        SimHttp.Resp r = api.post("/tasks", body);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body()).contains("\n");
        assertThat(keys(r.data())).containsExactly("gid", "name", "assignee");
        SimHttp.Resp viaQuery = api.post("/tasks?opt_fields=name", SimHttp.data("{\"name\":\"q\",\"workspace\":\""
                + sim.workspaceGid() + "\"}"));
        assertThat(keys(viaQuery.data())).containsExactly("gid", "name");
    }
}
