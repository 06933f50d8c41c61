package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Task search: premium only, filters, sorting and limits. */
class SearchTest extends SimTestBase {

    private JsonNode search(String query) {
        SimHttp.Resp r = api.get("/workspaces/" + sim.workspaceGid() + "/tasks/search?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().has("next_page")).isFalse();
        return r.data();
    }

    @Test
    void freeWorkspacesGetPaymentRequired() {
        SimHttp.Resp r = api.get("/workspaces/" + sim.freeWorkspaceGid() + "/tasks/search?text=a");
        assertThat(r.status()).isEqualTo(402);
        assertThat(r.json().get("errors").get(0).get("message").asText())
                .isEqualTo("Search is only available to premium users.");
    }

    @Test
    void textMatchesNameOrNotesCaseInsensitively() {
        JsonNode hits = search("text=LAUNCH%20CHECKLIST&opt_fields=name,notes");
        assertThat(hits).anySatisfy(t -> assertThat(t.get("gid").asText()).isEqualTo(fx.taskGid()));
        hits.forEach(t -> assertThat((t.get("name").asText() + t.get("notes").asText()).toLowerCase())
                .contains("launch checklist"));
    }

    @Test
    void defaultLimitIsTwentyAndMaximumHundred() {
        assertThat(search("")).hasSize(20);
        assertThat(search("limit=100")).hasSize(100);
        assertThat(api.get("/workspaces/" + sim.workspaceGid() + "/tasks/search?limit=101").status()).isEqualTo(400);
    }

    @Test
    void filtersCombine() {
        search("assignee.any=me&limit=100&opt_fields=assignee").forEach(t ->
                assertThat(t.get("assignee").get("gid").asText()).isEqualTo(fx.meGid()));
        search("assignee.any=" + fx.meEmail() + "&completed=true&limit=100&opt_fields=completed,assignee")
                .forEach(t -> assertThat(t.get("completed").asBoolean()).isTrue());
        JsonNode inProject = search("projects.any=" + fx.projectGid() + "&limit=100&opt_fields=projects");
        assertThat(inProject).isNotEmpty();
        inProject.forEach(t -> assertThat(t.get("projects").toString()).contains(fx.projectGid()));
        JsonNode inSection = search("sections.any=" + fx.sectionGid() + "&limit=100&opt_fields=memberships.section");
        assertThat(inSection).isNotEmpty();
        inSection.forEach(t -> assertThat(t.get("memberships").toString()).contains(fx.sectionGid()));
        assertThat(search("teams.any=" + fx.teamGid() + "&limit=100")).isNotEmpty();
        assertThat(search("followers.any=me&limit=100")).isNotEmpty();
        search("resource_subtype=milestone&limit=100&opt_fields=resource_subtype").forEach(t ->
                assertThat(t.get("resource_subtype").asText()).isEqualTo("milestone"));
        search("due_on.before=2025-03-01&due_on.after=2025-02-01&limit=100&opt_fields=due_on").forEach(t ->
                assertThat(t.get("due_on").asText()).isBetween("2025-02-02", "2025-02-28"));
        search("created_at.after=2025-01-07T00:00:00Z&created_at.before=2025-01-08T00:00:00Z&limit=100"
                + "&opt_fields=created_at").forEach(t ->
                assertThat(t.get("created_at").asText()).startsWith("2025-01-07"));
        assertThat(search("text=zzzz-no-such-text")).isEmpty();
    }

    @Test
    void sortingByCreationDate() {
        JsonNode asc = search("sort_by=created_at&sort_ascending=true&limit=50&opt_fields=created_at");
        List<String> times = new ArrayList<>();
        asc.forEach(t -> times.add(t.get("created_at").asText()));
        assertThat(times).isSorted();
        JsonNode desc = search("limit=50&opt_fields=modified_at");
        List<String> modified = new ArrayList<>();
        desc.forEach(t -> modified.add(t.get("modified_at").asText()));
        List<String> reversed = new ArrayList<>(modified);
        reversed.sort(java.util.Comparator.reverseOrder());
        assertThat(modified).isEqualTo(reversed);
        assertThat(api.get("/workspaces/" + sim.workspaceGid() + "/tasks/search?sort_by=size").status())
                .isEqualTo(400);
    }

    @Test
    void newTasksAreFoundImmediately() {
        api.post("/tasks", SimHttp.data("{\"name\":\"Quokka migration\",\"workspace\":\"" + sim.workspaceGid()
                + "\"}"));
        assertThat(search("text=quokka")).hasSize(1);
    }
}
