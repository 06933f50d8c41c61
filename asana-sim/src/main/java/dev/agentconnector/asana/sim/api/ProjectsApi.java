package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Project;
import dev.agentconnector.asana.sim.model.Section;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.Team;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.Html;
import dev.agentconnector.asana.sim.render.ProjectRecord;
import dev.agentconnector.asana.sim.store.EventLog;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Project routes: CRUD and the project lists of tasks, teams and workspaces. */
final class ProjectsApi extends ApiModule {
    ProjectsApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/projects", this::list)
                .add("POST", "/projects", this::create)
                .add("GET", "/projects/{project_gid}", this::get)
                .add("PUT", "/projects/{project_gid}", this::update)
                .add("DELETE", "/projects/{project_gid}", this::delete)
                .add("GET", "/tasks/{task_gid}/projects", this::taskProjects)
                .add("GET", "/teams/{team_gid}/projects", this::teamProjects)
                .add("GET", "/workspaces/{workspace_gid}/projects", this::workspaceProjects);
    }

    private Reply list(ApiRequest r) {
        return store.read(() -> {
            Boolean archived = boolParam(r, "archived");
            String team = r.query("team");
            String workspace = r.query("workspace");
            Collection<Project> source;
            if (team != null) {
                source = Lookups.ref(store, team, "team", Team.class).projects;
            } else if (workspace != null) {
                source = Lookups.ref(store, workspace, "workspace", Workspace.class).projects;
            } else {
                List<Project> all = new ArrayList<>();
                for (Workspace w : me(r).workspaces) {
                    all.addAll(w.projects);
                }
                source = all;
            }
            return page(r, ProjectRecord.SCHEMA, filterArchived(source, archived));
        });
    }

    private static List<Project> filterArchived(Collection<Project> projects, Boolean archived) {
        List<Project> out = new ArrayList<>(projects.size());
        for (Project p : projects) {
            if (archived == null || p.archived == archived) {
                out.add(p);
            }
        }
        return out;
    }

    private Reply get(ApiRequest r) {
        return store.read(() -> Responses.single(r, 200, ProjectRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "project", Project.class)));
    }

    private Reply create(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            User me = me(r);
            String name = BodyFields.requiredString(d, "name");
            Team team = null;
            String teamRef = BodyFields.string(d, "team");
            if (teamRef != null) {
                team = Lookups.ref(store, teamRef, "team", Team.class);
            }
            Workspace ws;
            String wsRef = BodyFields.string(d, "workspace");
            if (wsRef != null) {
                ws = Lookups.ref(store, wsRef, "workspace", Workspace.class);
            } else if (team != null) {
                ws = team.organization;
            } else {
                throw ApiException.missing("workspace");
            }
            if (team != null && team.organization != ws) {
                throw ApiException.badRequest("team: The team is not in the given workspace");
            }
            if (team == null && ws.organization) {
                team = defaultTeam(me, ws);
            }
            Edits e = Edits.parse(d);
            Instant now = now();
            Project p = new Project(store.newGid(), name, ws, team, now);
            p.owner = me;
            p.members.add(me);
            p.followers.add(me);
            e.apply(p, now);
            store.add(p);
            store.add(new Section(store.newGid(), "Untitled section", p, now), -1);
            return Responses.created(r, ProjectRecord.SCHEMA, p, "projects", p.gid);
        });
    }

    private static Team defaultTeam(User me, Workspace ws) {
        for (Team t : me.teams) {
            if (t.organization == ws) {
                return t;
            }
        }
        if (!ws.teams.isEmpty()) {
            return ws.teams.get(0);
        }
        throw ApiException.missing("team");
    }

    private Reply update(ApiRequest r) {
        ObjectNode d = r.data();
        return store.write(() -> {
            Project p = Lookups.path(store, r.pathParam(0), "project", Project.class);
            Edits e = Edits.parse(d);
            if (d.has("name")) {
                e.name = BodyFields.requiredString(d, "name");
            }
            e.apply(p, now());
            d.fieldNames().forEachRemaining(field -> store.events.record(me(r), p, "changed", null,
                    EventLog.fieldChange(field, "changed"), List.of(p.gid)));
            return Responses.single(r, 200, ProjectRecord.SCHEMA, p);
        });
    }

    private Reply delete(ApiRequest r) {
        return store.write(() -> {
            Project p = Lookups.path(store, r.pathParam(0), "project", Project.class);
            store.events.record(me(r), p, "deleted", null, null, List.of(p.gid));
            store.delete(p);
            return Responses.empty(r);
        });
    }

    private Reply taskProjects(ApiRequest r) {
        return store.read(() -> page(r, ProjectRecord.SCHEMA,
                Lookups.path(store, r.pathParam(0), "task", Task.class).projects()));
    }

    private Reply teamProjects(ApiRequest r) {
        return store.read(() -> {
            Team t = Lookups.path(store, r.pathParam(0), "team", Team.class);
            return page(r, ProjectRecord.SCHEMA, filterArchived(t.projects, boolParam(r, "archived")));
        });
    }

    private Reply workspaceProjects(ApiRequest r) {
        return store.read(() -> {
            Workspace w = Lookups.path(store, r.pathParam(0), "workspace", Workspace.class);
            return page(r, ProjectRecord.SCHEMA, filterArchived(w.projects, boolParam(r, "archived")));
        });
    }

    /** Validated optional project fields of a write body, applied only after every field has been checked. */
    private static final class Edits {
        String name;
        String notes;
        String color;
        boolean colorSet;
        String view;
        String privacy;
        Boolean archived;
        Boolean isPublic;
        LocalDate dueOn;
        boolean dueSet;
        LocalDate startOn;
        boolean startSet;

        static Edits parse(ObjectNode d) {
            Edits e = new Edits();
            if (d.has("html_notes")) {
                String html = BodyFields.string(d, "html_notes");
                if (html != null && !Html.isValid(html)) {
                    throw ApiException.badRequest("html_notes: XML is invalid");
                }
                e.notes = html == null ? "" : Html.toText(html);
            } else if (d.has("notes")) {
                String n = BodyFields.string(d, "notes");
                e.notes = n == null ? "" : n;
            }
            if (d.has("color")) {
                e.colorSet = true;
                e.color = BodyFields.oneOf(d, "color", Palette.PROJECT_COLORS);
            }
            e.view = BodyFields.oneOf(d, "default_view", Palette.VIEWS);
            e.privacy = BodyFields.oneOf(d, "privacy_setting", Palette.PRIVACY);
            e.archived = BodyFields.bool(d, "archived");
            e.isPublic = BodyFields.bool(d, "public");
            if (d.has("due_on") || d.has("due_date")) {
                e.dueSet = true;
                e.dueOn = BodyFields.date(d, d.has("due_on") ? "due_on" : "due_date");
            }
            if (d.has("start_on")) {
                e.startSet = true;
                e.startOn = BodyFields.date(d, "start_on");
            }
            return e;
        }

        void apply(Project p, Instant now) {
            LocalDate due = dueSet ? dueOn : p.dueOn;
            LocalDate start = startSet ? startOn : p.startOn;
            if (start != null && due != null && start.isAfter(due)) {
                throw ApiException.badRequest("start_on: The start date must be on or before the due date");
            }
            if (name != null) {
                p.name = name;
            }
            if (notes != null) {
                p.notes = notes;
            }
            if (colorSet) {
                p.color = color;
            }
            if (view != null) {
                p.defaultView = view;
            }
            if (privacy != null) {
                p.privacySetting = privacy;
            } else if (isPublic != null) {
                p.privacySetting = isPublic ? "public_to_workspace" : "private_to_team";
            }
            if (archived != null) {
                p.archived = archived;
            }
            p.dueOn = due;
            p.startOn = start;
            p.modifiedAt = now;
        }
    }
}
