package dev.agentconnector.asana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.asana.sim.SimFixtures;
import dev.agentconnector.runtime.error.NotFoundException;
import dev.agentconnector.runtime.error.ValidationException;
import dev.agentconnector.runtime.exec.Download;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation of the spec against the simulator: the happy path, an unknown gid and a bad param. */
class AllOperationsTest {
    private static AsanaSimulator sim;
    private static AsanaConnector asana;
    private static SimFixtures f;
    private static final Set<String> covered = new LinkedHashSet<>();
    private static final Map<String, String> made = new HashMap<>();

    @BeforeAll
    static void start() {
        sim = Sim.start();
        asana = Sim.pat(sim);
        f = sim.fixtures();
    }

    @AfterAll
    static void stop() {
        asana.close();
        sim.close();
    }

    private static JsonNode ok(String entity, String action, Map<String, ?> params) {
        ExecutionResult r = asana.execute(entity, action, params);
        assertThat(r.success()).as(entity + "." + action + ": " + r.error()).isTrue();
        assertThat(r.error()).isNull();
        covered.add(entity + "." + action);
        if (AsanaSpec.get().operation(entity, action).returnsList()) {
            assertThat(r.data().isArray()).isTrue();
            assertThat(r.meta()).isNotNull();
            assertThat(r.meta().has("next_page")).isTrue();
        }
        return r.data();
    }

    private static DynamicTest step(String name, Runnable body) {
        return DynamicTest.dynamicTest(name, body::run);
    }

    private static void namesPresent(JsonNode records) {
        assertThat(records).isNotEmpty();
        records.forEach(r -> assertThat(r.path("gid").asText()).isNotBlank());
    }

    @TestFactory
    Stream<DynamicTest> happyPaths() {
        String ws = sim.workspaceGid();
        List<DynamicTest> steps = new ArrayList<>();
        steps.add(step("workspaces.list", () -> namesPresent(ok("workspaces", "list", Map.of()))));
        steps.add(step("workspaces.get", () ->
                assertThat(ok("workspaces", "get", Map.of("workspace_gid", ws)).path("name").asText()).isNotBlank()));
        steps.add(step("users.list", () -> namesPresent(ok("users", "list", Map.of("workspace", ws)))));
        steps.add(step("users.get me", () ->
                assertThat(ok("users", "get", Map.of("user_gid", "me")).path("gid").asText()).isEqualTo(f.meGid())));
        steps.add(step("workspace_users.list", () -> namesPresent(ok("workspace_users", "list", Map.of("workspace_gid", ws)))));
        steps.add(step("team_users.list", () -> namesPresent(ok("team_users", "list", Map.of("team_gid", f.teamGid())))));
        steps.add(step("teams.get", () ->
                assertThat(ok("teams", "get", Map.of("team_gid", f.teamGid())).path("name").asText()).isNotBlank()));
        steps.add(step("workspace_teams.list", () -> namesPresent(ok("workspace_teams", "list", Map.of("workspace_gid", ws)))));
        steps.add(step("user_teams.list", () ->
                namesPresent(ok("user_teams", "list", Map.of("user_gid", "me", "organization", ws)))));
        steps.add(step("projects.list", () -> namesPresent(ok("projects", "list", Map.of("workspace", ws)))));
        steps.add(step("workspace_projects.list", () -> namesPresent(ok("workspace_projects", "list", Map.of("workspace_gid", ws)))));
        steps.add(step("team_projects.list", () -> namesPresent(ok("team_projects", "list", Map.of("team_gid", f.teamGid())))));
        steps.add(step("projects.create", () -> {
            JsonNode p = ok("projects", "create", Map.of("data", Map.of("name", "Launch plan", "workspace", ws,
                    "team", f.teamGid(), "color", "light-green")));
            assertThat(p.path("name").asText()).isEqualTo("Launch plan");
            made.put("project", p.path("gid").asText());
        }));
        steps.add(step("projects.get", () ->
                assertThat(ok("projects", "get", Map.of("project_gid", made.get("project"))).path("name").asText())
                        .isEqualTo("Launch plan")));
        steps.add(step("projects.update", () ->
                assertThat(ok("projects", "update", Map.of("project_gid", made.get("project"),
                        "data", Map.of("name", "Launch plan v2"))).path("name").asText()).isEqualTo("Launch plan v2")));
        steps.add(step("project_sections.create", () -> {
            JsonNode s = ok("project_sections", "create", Map.of("project_gid", made.get("project"),
                    "data", Map.of("name", "Backlog")));
            made.put("section", s.path("gid").asText());
        }));
        steps.add(step("project_sections.list", () ->
                namesPresent(ok("project_sections", "list", Map.of("project_gid", made.get("project"))))));
        steps.add(step("sections.get", () ->
                assertThat(ok("sections", "get", Map.of("section_gid", made.get("section"))).path("name").asText())
                        .isEqualTo("Backlog")));
        steps.add(step("sections.update", () ->
                assertThat(ok("sections", "update", Map.of("section_gid", made.get("section"),
                        "data", Map.of("name", "Ideas"))).path("name").asText()).isEqualTo("Ideas")));
        steps.add(step("tasks.create", () -> {
            JsonNode t = ok("tasks", "create", Map.of("data", Map.of("name", "Write the brief", "workspace", ws,
                    "projects", List.of(made.get("project")), "notes", "First draft", "due_on", "2026-12-24")));
            assertThat(t.path("name").asText()).isEqualTo("Write the brief");
            made.put("task", t.path("gid").asText());
        }));
        steps.add(step("tasks.get", () -> {
            JsonNode t = ok("tasks", "get", Map.of("task_gid", made.get("task")));
            assertThat(t.path("due_on").asText()).isEqualTo("2026-12-24");
            assertThat(t.path("notes").asText()).isEqualTo("First draft");
        }));
        steps.add(step("tasks.update", () ->
                assertThat(ok("tasks", "update", Map.of("task_gid", made.get("task"),
                        "data", Map.of("completed", true))).path("completed").asBoolean()).isTrue()));
        steps.add(step("tasks.list", () -> assertThat(ok("tasks", "list", Map.of("project", made.get("project"))))
                .anySatisfy(t -> assertThat(t.path("gid").asText()).isEqualTo(made.get("task")))));
        steps.add(step("project_tasks.list", () ->
                namesPresent(ok("project_tasks", "list", Map.of("project_gid", f.projectGid())))));
        steps.add(step("section_tasks.create", () ->
                ok("section_tasks", "create", Map.of("section_gid", made.get("section"),
                        "data", Map.of("task", made.get("task"))))));
        steps.add(step("section_tasks.list", () ->
                assertThat(ok("section_tasks", "list", Map.of("section_gid", made.get("section"))))
                        .anySatisfy(t -> assertThat(t.path("gid").asText()).isEqualTo(made.get("task")))));
        steps.add(step("task_projects.list", () ->
                namesPresent(ok("task_projects", "list", Map.of("task_gid", made.get("task"))))));
        steps.add(step("task_subtasks.list", () -> namesPresent(ok("task_subtasks", "list", Map.of("task_gid", f.taskGid())))));
        steps.add(step("task_dependencies.list", () ->
                namesPresent(ok("task_dependencies", "list", Map.of("task_gid", f.taskGid())))));
        steps.add(step("task_dependents.list", () ->
                namesPresent(ok("task_dependents", "list", Map.of("task_gid", f.taskGid())))));
        steps.add(step("task_stories.create", () ->
                assertThat(ok("task_stories", "create", Map.of("task_gid", made.get("task"),
                        "data", Map.of("text", "Looks good"))).path("text").asText()).isEqualTo("Looks good")));
        steps.add(step("workspace_tags.create", () -> {
            JsonNode tag = ok("workspace_tags", "create", Map.of("workspace_gid", ws, "data", Map.of("name", "urgent")));
            made.put("tag", tag.path("gid").asText());
        }));
        steps.add(step("workspace_tags.list", () -> namesPresent(ok("workspace_tags", "list", Map.of("workspace_gid", ws)))));
        steps.add(step("tags.get", () ->
                assertThat(ok("tags", "get", Map.of("tag_gid", made.get("tag"))).path("name").asText()).isEqualTo("urgent")));
        steps.add(step("tags.update", () ->
                assertThat(ok("tags", "update", Map.of("tag_gid", made.get("tag"), "data", Map.of("name", "hot")))
                        .path("name").asText()).isEqualTo("hot")));
        steps.add(step("task_tags.create", () ->
                ok("task_tags", "create", Map.of("task_gid", made.get("task"), "data", Map.of("tag", made.get("tag"))))));
        steps.add(step("tag_tasks.list", () -> assertThat(ok("tag_tasks", "list", Map.of("tag_gid", made.get("tag"))))
                .anySatisfy(t -> assertThat(t.path("gid").asText()).isEqualTo(made.get("task")))));
        steps.add(step("task_tags.delete", () -> {
            ok("task_tags", "delete", Map.of("task_gid", made.get("task"), "data", Map.of("tag", made.get("tag"))));
            assertThat(ok("tag_tasks", "list", Map.of("tag_gid", made.get("tag")))).isEmpty();
        }));
        steps.add(step("workspace_task_search.list", () ->
                namesPresent(ok("workspace_task_search", "list", Map.of("workspace_gid", ws, "text", "brief")))));
        steps.add(step("attachments.list", () -> namesPresent(ok("attachments", "list", Map.of("parent", f.taskGid())))));
        steps.add(step("attachments.get", () ->
                assertThat(ok("attachments", "get", Map.of("attachment_gid", f.attachmentGid())).path("name").asText())
                        .isNotBlank()));
        steps.add(step("attachments.download", () -> {
            ExecutionResult r = asana.execute("attachments", "download", Map.of("attachment_gid", f.attachmentGid()));
            assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
            covered.add("attachments.download");
            try (Download d = r.download().orElseThrow()) {
                byte[] bytes = d.stream().readAllBytes();
                assertThat(bytes.length).isEqualTo(r.data().path("size").asInt());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(r.data().has("download_url")).isFalse();
        }));
        steps.add(step("workspace_memberships.create", () ->
                assertThat(ok("workspace_memberships", "create", Map.of("workspace_gid", ws,
                        "data", Map.of("user", f.otherUserGid()))).path("gid").asText()).isEqualTo(f.otherUserGid())));
        steps.add(step("tags.delete", () -> ok("tags", "delete", Map.of("tag_gid", made.get("tag")))));
        steps.add(step("sections.delete", () -> {
            String empty = ok("project_sections", "create", Map.of("project_gid", made.get("project"),
                    "data", Map.of("name", "Empty"))).path("gid").asText();
            ok("sections", "delete", Map.of("section_gid", empty));
        }));
        steps.add(step("tasks.delete", () -> {
            ok("tasks", "delete", Map.of("task_gid", made.get("task")));
            ExecutionResult gone = asana.execute("tasks", "get", Map.of("task_gid", made.get("task")));
            assertThat(gone.exception()).isInstanceOf(NotFoundException.class);
        }));
        steps.add(step("events.list", () -> {
            // the first call has no token: 412 with a fresh one in meta.sync, as Asana answers
            ExecutionResult first = asana.execute("events", "list", Map.of("resource", made.get("project")));
            assertThat(first.success()).isFalse();
            assertThat(first.meta().path("status").asInt()).isEqualTo(412);
            String sync = first.meta().path("sync").asText();
            assertThat(sync).isNotBlank();
            JsonNode task = ok("tasks", "create", Map.of("data", Map.of("name", "followed", "projects",
                    List.of(made.get("project")))));
            JsonNode events = ok("events", "list", Map.of("resource", made.get("project"), "sync", sync));
            assertThat(events).anySatisfy(e -> {
                assertThat(e.path("resource").path("gid").asText()).isEqualTo(task.path("gid").asText());
                assertThat(e.path("action").asText()).isEqualTo("added");
            });
        }));
        steps.add(step("projects.delete", () -> ok("projects", "delete", Map.of("project_gid", made.get("project")))));
        steps.add(step("every operation was exercised", () -> {
            Set<String> all = new LinkedHashSet<>();
            AsanaSpec.get().entities().values().forEach(e -> e.actions().values()
                    .forEach(op -> all.add(op.qualifiedName())));
            assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
        }));
        return steps.stream();
    }

    /** An unknown gid in the path comes back as a 404 envelope with Asana's message. */
    @TestFactory
    Stream<DynamicTest> unknownGidsAreNotFound() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var entity : AsanaSpec.get().entities().values()) {
            for (OperationSpec op : entity.actions().values()) {
                List<String> pathParams = op.params().values().stream()
                        .filter(p -> p.location() == ParamLocation.PATH).map(p -> p.name()).toList();
                if (pathParams.isEmpty()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(op.qualifiedName(), () -> {
                    Map<String, Object> params = new HashMap<>(minimalParams(op));
                    pathParams.forEach(p -> params.put(p, "1999999999999999"));
                    ExecutionResult r = asana.execute(op.entity(), op.action(), params);
                    assertThat(r.success()).isFalse();
                    assertThat(r.exception()).as(r.error()).isInstanceOf(NotFoundException.class);
                    assertThat(r.error()).startsWith(op.qualifiedName() + ": Asana answered 404 Not Found");
                    assertThat(r.meta().get("status").asInt()).isEqualTo(404);
                    assertThat(r.toJson().get("data").isNull()).isTrue();
                }));
            }
        }
        return tests.stream();
    }

    /** Required params filled with plausible values, so that only the path gid is wrong. */
    private static Map<String, Object> minimalParams(OperationSpec op) {
        Map<String, Object> params = new HashMap<>();
        op.params().values().stream().filter(p -> p.required() && p.location() != ParamLocation.PATH).forEach(p -> {
            switch (p.name()) {
                case "data" -> {
                    Map<String, Object> data = new HashMap<>();
                    p.properties().values().stream().filter(c -> c.required())
                            .forEach(c -> data.put(c.name(), c.format() != null ? f.taskGid() : "x"));
                    if (op.qualifiedName().equals("task_stories.create")) {
                        data.put("text", "hello");
                    }
                    params.put("data", data);
                }
                case "organization" -> params.put("organization", sim.workspaceGid());
                default -> params.put(p.name(), f.taskGid());
            }
        });
        return params;
    }

    /** Bad params are refused before anything is sent. */
    @TestFactory
    Stream<DynamicTest> unknownParamsAreRefusedLocally() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var entity : AsanaSpec.get().entities().values()) {
            for (OperationSpec op : entity.actions().values()) {
                tests.add(DynamicTest.dynamicTest(op.qualifiedName(), () -> {
                    long before = sim.stats().apiRequests();
                    Map<String, Object> params = new HashMap<>(minimalParams(op));
                    params.put("bogus_param", 1);
                    ExecutionResult r = asana.execute(op.entity(), op.action(), params);
                    assertThat(r.exception()).isInstanceOf(ValidationException.class);
                    assertThat(r.error()).startsWith(op.qualifiedName() + ": unknown param 'bogus_param'");
                    assertThat(sim.stats().apiRequests()).isEqualTo(before);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void requiredQueryParamsAreEnforcedLocally() {
        long before = sim.stats().apiRequests();
        ExecutionResult r = asana.execute("attachments", "list", Map.of());
        assertThat(r.error()).isEqualTo("attachments.list: missing required param 'parent' ("
                + AsanaSpec.get().operation("attachments", "list").param("parent").typeLabel() + ": "
                + AsanaSpec.get().operation("attachments", "list").param("parent").description() + ")");
        r = asana.execute("user_teams", "list", Map.of("user_gid", "me"));
        assertThat(r.error()).contains("missing required param 'organization'");
        r = asana.execute("tasks", "list", Map.of("workspace", sim.workspaceGid()));
        assertThat(r.error()).contains("give one of: project | section | tag | workspace + assignee");
        r = asana.execute("tasks", "create", Map.of("data", Map.of("name", "x")));
        assertThat(r.error()).contains("give one of: data.workspace | data.projects | data.parent");
        assertThat(sim.stats().apiRequests()).isEqualTo(before);
    }

    @Test
    void aTaskCreatedInAProjectOrUnderAParentTakesItsWorkspaceFromThere() {
        String project = sim.fixtures().projectGid();
        JsonNode inProject = asana.execute("tasks", "create", Map.of("data", Map.of("name", "filed in a project",
                "projects", List.of(project)))).orThrow();
        JsonNode projectRecord = asana.execute("projects", "get", Map.of("project_gid", project,
                "fields", List.of("workspace"))).orThrow();
        assertThat(inProject.at("/workspace/gid").asText()).isEqualTo(projectRecord.at("/workspace/gid").asText());
        JsonNode subtask = asana.execute("tasks", "create", Map.of("data", Map.of("name", "a subtask",
                "parent", inProject.get("gid").asText()))).orThrow();
        assertThat(subtask.at("/parent/gid").asText()).isEqualTo(inProject.get("gid").asText());
        assertThat(subtask.at("/workspace/gid").asText()).isEqualTo(projectRecord.at("/workspace/gid").asText());
    }

    @Test
    void unknownEntityAndActionSuggestTheRightName() {
        assertThat(asana.execute("task", "list", Map.of()).error())
                .contains("unknown entity 'task' (did you mean 'tasks'?)");
        assertThat(asana.execute("tasks", "fetch", Map.of()).error())
                .contains("entity 'tasks' has no action 'fetch'").contains("it supports: list, create, get");
    }

    @Test
    void asanaValidationErrorsComeBackWithAsanasMessage() {
        Consumer<ExecutionResult> isBadRequest = r -> {
            assertThat(r.success()).isFalse();
            assertThat(r.meta().get("status").asInt()).isEqualTo(400);
            assertThat(r.meta().get("error_type").asText()).isEqualTo("bad_request");
        };
        // a workspace + assignee pair passes our check; the simulator (like Asana) still needs both to be valid
        ExecutionResult r = asana.execute("tasks", "list", Map.of("workspace", sim.workspaceGid(), "assignee", "me",
                "offset", "forged-token"));
        isBadRequest.accept(r);
        assertThat(r.error()).contains("offset");
    }
}
