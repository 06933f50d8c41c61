package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Team;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.TeamRecord;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;
import java.util.List;

/** Team routes: get, teams of a workspace and teams of a user. */
final class TeamsApi extends ApiModule {
    TeamsApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/teams/{team_gid}", this::get)
                .add("GET", "/workspaces/{workspace_gid}/teams", this::workspaceTeams)
                .add("GET", "/users/{user_gid}/teams", this::userTeams);
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, TeamRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "team", Team.class)));
    }

    private Reply workspaceTeams(ApiRequest r) {
        return store.read(() -> page(r, TeamRecord.SCHEMA,
                new ArrayList<>(Lookups.path(store, r.pathParam(0), "workspace", Workspace.class).teams)));
    }

    private Reply userTeams(ApiRequest r) {
        return store.read(() -> {
            User u = Lookups.pathUser(store, r.pathParam(0), "user", r.userGid());
            String org = r.query("organization");
            if (org == null || org.isEmpty()) {
                throw ApiException.missing("organization");
            }
            Workspace w = Lookups.ref(store, org, "organization", Workspace.class);
            List<Team> teams = new ArrayList<>();
            for (Team t : u.teams) {
                if (t.organization == w) {
                    teams.add(t);
                }
            }
            return page(r, TeamRecord.SCHEMA, teams);
        });
    }
}
