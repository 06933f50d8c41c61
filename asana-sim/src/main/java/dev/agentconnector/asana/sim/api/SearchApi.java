package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Task;
import dev.agentconnector.asana.sim.model.Workspace;
import dev.agentconnector.asana.sim.render.TaskRecord;
import dev.agentconnector.asana.sim.store.Store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /workspaces/{gid}/tasks/search}: premium-only, filtered and sorted, at most {@code limit} results and no
 * {@code next_page} (like Asana). Results are immediately consistent.
 */
final class SearchApi extends ApiModule {
    private static final List<String> SORTS = List.of("due_date", "created_at", "completed_at", "likes",
            "modified_at", "relevance");

    SearchApi(Store store, Pagination pagination) {
        super(store, pagination);
    }

    @Override
    void register(Router router) {
        router.add("GET", "/workspaces/{workspace_gid}/tasks/search", this::search);
    }

    private Reply search(ApiRequest r) {
        return store.read(() -> {
            Workspace w = Lookups.path(store, r.pathParam(0), "workspace", Workspace.class);
            if (!w.premium) {
                throw new ApiException(402, "Search is only available to premium users.");
            }
            Integer limit = Pagination.limit(r);
            int max = limit == null ? 20 : limit;
            String sortBy = r.query("sort_by") == null ? "modified_at" : r.query("sort_by");
            if (!SORTS.contains(sortBy)) {
                throw ApiException.badRequest("sort_by: Invalid value: " + sortBy);
            }
            boolean ascending = Boolean.TRUE.equals(boolParam(r, "sort_ascending"));
            SearchCriteria criteria = SearchCriteria.parse(r, store, me(r));
            List<Task> hits = new ArrayList<>();
            for (Task t : store.tasks.values()) {
                if (t.workspace == w && criteria.matches(t)) {
                    hits.add(t);
                }
            }
            hits.sort(order(sortBy, ascending));
            return Responses.plainList(r, TaskRecord.SCHEMA, hits.size() > max ? hits.subList(0, max) : hits);
        });
    }

    private static Comparator<Task> order(String sortBy, boolean ascending) {
        Comparator<Task> c;
        switch (sortBy) {
            case "due_date":
                c = Comparator.comparing((Task t) -> t.dueOn, Comparator.nullsLast(Comparator.naturalOrder()));
                return ascending ? c : Comparator.comparing((Task t) -> t.dueOn,
                        Comparator.nullsLast(Comparator.<java.time.LocalDate>reverseOrder()));
            case "created_at":
                c = Comparator.comparing(t -> t.createdAt);
                break;
            case "completed_at":
                c = Comparator.comparing((Task t) -> t.completedAt, Comparator.nullsFirst(Comparator.naturalOrder()));
                break;
            case "likes":
            case "relevance":
                return (a, b) -> 0;
            default:
                c = Comparator.comparing(t -> t.modifiedAt);
        }
        return ascending ? c : c.reversed();
    }
}
