package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;
import dev.agentconnector.asana.sim.model.Tag;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.render.TaskRecord;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;

/** Task lists reached through another object: project, section and tag tasks, subtasks and dependencies. */
final class TaskListsApi extends ApiModule {
    TaskListsApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/projects/{project_gid}/tasks", this::projectTasks)
                .add("GET", "/sections/{section_gid}/tasks", this::sectionTasks)
                .add("GET", "/tags/{tag_gid}/tasks", this::tagTasks)
                .add("GET", "/tasks/{task_gid}/subtasks", this::subtasks)
                .add("GET", "/tasks/{task_gid}/dependencies", this::dependencies)
                .add("GET", "/tasks/{task_gid}/dependents", this::dependents);
    }

    // The lists below are read in place (no copy of the whole list per request): the page is rendered under the
    // read lock, and a page costs O(limit), not O(tasks in the project).

    private Reply projectTasks(ApiRequest r) {
        return store.read(() -> page(r, TaskRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "project", Project.class).taskView(), TaskFilters.of(r, false)));
    }

    private Reply sectionTasks(ApiRequest r) {
        return store.read(() -> page(r, TaskRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "section", Section.class).tasks, TaskFilters.of(r, false)));
    }

    private Reply tagTasks(ApiRequest r) {
        return store.read(() -> page(r, TaskRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "tag", Tag.class).tasks, null));
    }

    private Reply subtasks(ApiRequest r) {
        return store.read(() -> page(r, TaskRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "task", Task.class).subtasks)));
    }

    private Reply dependencies(ApiRequest r) {
        return store.read(() -> page(r, TaskRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "task", Task.class).dependencies)));
    }

    private Reply dependents(ApiRequest r) {
        return store.read(() -> page(r, TaskRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "task", Task.class).dependents)));
    }
}
