package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Team;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.UserRecord;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** User routes: list, get, workspace users and team users. */
final class UsersApi extends ApiModule {
    UsersApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/users", this::list)
                .add("GET", "/users/{user_gid}", this::get)
                .add("GET", "/workspaces/{workspace_gid}/users", this::workspaceUsers)
                .add("GET", "/teams/{team_gid}/users", this::teamUsers);
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> {
            String team = r.query("team");
            String workspace = r.query("workspace");
            List<User> users;
            if (team != null) {
                users = new ArrayList<>(Lookups.ref(store, team, "team", Team.class).members);
            } else if (workspace != null) {
                users = new ArrayList<>(Lookups.ref(store, workspace, "workspace", Workspace.class).users);
            } else {
                Set<User> all = new LinkedHashSet<>();
                for (Workspace w : me(r).workspaces) {
                    all.addAll(w.users);
                }
                users = new ArrayList<>(all);
            }
            return page(r, UserRecord.SCHEMA, users);
        });
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, UserRecord.SCHEMA,
                Lookups.pathUser(store, r.pathParam(0), "user", r.userGid())));
    }

    private Reply workspaceUsers(ApiRequest r) {
        return store.read(() -> page(r, UserRecord.SCHEMA,
                byName(Lookups.path(store, r.pathParam(0), "workspace", Workspace.class).users)));
    }

    private Reply teamUsers(ApiRequest r) {
        return store.read(() -> page(r, UserRecord.SCHEMA,
                byName(Lookups.path(store, r.pathParam(0), "team", Team.class).members)));
    }

    /** Asana sorts workspace and team members alphabetically. */
    private static List<User> byName(List<User> users) {
        List<User> sorted = new ArrayList<>(users);
        sorted.sort(Comparator.comparing((User u) -> u.name).thenComparing(u -> u.gid));
        return sorted;
    }
}
