package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.UserRecord;
import dev.agentconnector.asana.sim.render.WorkspaceRecord;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;

/** Workspace routes: list, get and addUser. */
final class WorkspacesApi extends ApiModule {
    WorkspacesApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/workspaces", this::list)
                .add("GET", "/workspaces/{workspace_gid}", this::get)
                .add("POST", "/workspaces/{workspace_gid}/addUser", this::addUser);
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> page(r, WorkspaceRecord.SCHEMA, new ArrayList<>(me(r).workspaces)));
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, WorkspaceRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "workspace", Workspace.class)));
    }

    private Reply addUser(ApiRequest r) {
        var data = r.data();
        return store.write(() -> {
            Workspace w = Lookups.path(store, r.pathParam(0), "workspace", Workspace.class);
            String ref = BodyFields.requiredString(data, "user");
            User u = Lookups.refUser(store, ref, "user", r.userGid());
            store.join(u, w);
            return Responses.single(r, 200, UserRecord.SCHEMA, u, UserRecord.BASE);
        });
    }
}
