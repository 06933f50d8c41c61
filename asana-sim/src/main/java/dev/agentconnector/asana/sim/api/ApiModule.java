package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.Reply;
import dev.agentconnector.asana.sim.http.Router;
import dev.agentconnector.asana.sim.model.Entity;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.render.RecordSchema;
import dev.agentconnector.asana.sim.store.Store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

/** Base of the per-resource handler groups: shared access to the store and the paginator. */
abstract class ApiModule {
    /** The object graph. */
    protected final Store store;
    /** The offset paginator. */
    protected final Pagination pagination;

    ApiModule(Store store, Pagination pagination) {
        this.store = store;
        this.pagination = pagination;
    }

    /** Registers this group's routes. */
    abstract void register(Router router);

    /** The authenticated user (call under a store lock). */
    protected User me(ApiRequest r) {
        return store.users.get(r.userGid());
    }

    /** A page of records from a complete ordered list. */
    protected <T extends Entity> Reply page(ApiRequest r, RecordSchema<T> schema, List<T> all) {
        return Responses.list(r, schema, pagination.page(r, all, e -> e.gid));
    }

    /**
     * A page of the records of an ordered list (or random-access view) that pass {@code keep} (all when null). Call
     * under a store lock: the page is rendered before this returns.
     */
    protected <T extends Entity> Reply page(ApiRequest r, RecordSchema<T> schema, List<T> all,
                                            Predicate<? super T> keep) {
        return Responses.list(r, schema, pagination.page(r, all, keep, e -> e.gid));
    }

    /** The current time at Asana's millisecond precision. */
    protected static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Parses an optional boolean query parameter (400 when malformed). */
    protected static Boolean boolParam(ApiRequest r, String name) {
        String v = r.query(name);
        if (v == null) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        throw ApiException.badRequest(name + ": Not a boolean: " + v);
    }
}
