package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.store.Store;

/** Builds the router holding every simulated {@code /api/1.0} route. */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    /** A router over the store, paginating with the given paginator. */
    public static Router build(Store store, Pagination pagination) {
        Router router = new Router();
        ApiModule[] modules = {
            new WorkspacesApi(store, pagination),
            new UsersApi(store, pagination),
            new TeamsApi(store, pagination),
            new ProjectsApi(store, pagination),
            new SectionsApi(store, pagination),
            new TagsApi(store, pagination),
            new SearchApi(store, pagination),
            new TasksApi(store, pagination),
            new TaskListsApi(store, pagination),
            new StoriesApi(store, pagination),
            new AttachmentsApi(store, pagination),
            new EventsApi(store, pagination),
        };
        for (ApiModule m : modules) {
            m.register(router);
        }
        return router;
    }
}
