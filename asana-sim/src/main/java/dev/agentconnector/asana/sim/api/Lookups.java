package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.model.Entity;
import dev.agentconnector.asana.sim.model.User;
import dev.agentconnector.asana.sim.store.Store;

/** Resolves ids from paths, query strings and bodies into stored objects, with Asana's error answers. */
final class Lookups {
    private Lookups() {
    }

    /** Whether the value is a plausible gid (digits only). */
    static boolean isGid(String v) {
        if (v == null || v.isEmpty() || v.length() > 20) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * An object named in the URL path: 400 when malformed, 404 {@code Unknown object} when unknown and 404
     * {@code <name>: Not a recognized ID} when it is an object of another type.
     */
    static <T extends Entity> T path(Store store, String value, String name, Class<T> type) {
        if (!isGid(value)) {
            throw ApiException.notAnId(name, value);
        }
        Entity e = store.any(value);
        if (e == null) {
            throw ApiException.unknownObject(value);
        }
        if (!type.isInstance(e)) {
            throw new ApiException(404, name + ": Not a recognized ID: " + value);
        }
        return type.cast(e);
    }

    /** An object named in a query parameter or body field: 400 when malformed or unknown. */
    static <T extends Entity> T ref(Store store, String value, String field, Class<T> type) {
        Entity e = isGid(value) ? store.any(value) : null;
        if (!type.isInstance(e)) {
            throw ApiException.notAnId(field, value);
        }
        return type.cast(e);
    }

    /** A user given as {@code me}, an email or a gid; null when it cannot be resolved. */
    static User findUser(Store store, String value, String meGid) {
        if (value == null) {
            return null;
        }
        if (value.equals("me")) {
            return store.users.get(meGid);
        }
        if (value.indexOf('@') >= 0) {
            return store.userByEmail(value);
        }
        return isGid(value) ? store.users.get(value) : null;
    }

    /** A user named in the URL path ({@code me}, email or gid). */
    static User pathUser(Store store, String value, String name, String meGid) {
        User u = findUser(store, value, meGid);
        if (u == null) {
            if (!value.equals("me") && value.indexOf('@') < 0 && !isGid(value)) {
                throw ApiException.notAnId(name, value);
            }
            throw ApiException.unknownObject(value);
        }
        return u;
    }

    /** A user named in a query parameter or body field ({@code me}, email or gid). */
    static User refUser(Store store, String value, String field, String meGid) {
        User u = findUser(store, value, meGid);
        if (u == null) {
            throw ApiException.notAnId(field, value);
        }
        return u;
    }
}
