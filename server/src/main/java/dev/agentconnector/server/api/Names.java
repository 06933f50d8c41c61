package dev.agentconnector.server.api;

import dev.agentconnector.server.auth.Principal;
import dev.agentconnector.server.http.ApiError;
import dev.agentconnector.server.http.Fields;
import dev.agentconnector.server.http.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of names and ids that arrive in requests. */
final class Names {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final int MAX_NAME = 200;

    private Names() {
    }

    /**
     * The workspace a request addresses: {@code workspace_name}, or its aliases {@code external_user_id} and
     * {@code customer_name}. A scoped token may only name its own workspace (anything else is 404) and defaults to it.
     */
    static String workspace(Fields f, Principal p, boolean required) {
        String name = null;
        String from = null;
        for (String field : new String[] {"workspace_name", "external_user_id", "customer_name"}) {
            String v = f.string(field);
            if (v == null) {
                continue;
            }
            v = name(field, v);
            if (name != null && !name.equals(v)) {
                throw ApiError.invalid("'" + from + "' and '" + field + "' name different workspaces; send one");
            }
            name = v;
            from = field;
        }
        return forPrincipal(name, p, required);
    }

    /** Applies a scoped token's workspace to a requested name (null when none was given). */
    static String forPrincipal(String name, Principal p, boolean required) {
        if (!p.isApplication()) {
            if (name != null && !name.equals(p.workspaceName())) {
                throw ApiError.notFound("workspace '" + clip(name) + "' not found");
            }
            return p.workspaceName();
        }
        if (name == null && required) {
            throw ApiError.invalid("'workspace_name' is required (or its alias 'external_user_id')");
        }
        return name;
    }

    /** A display or workspace name: 1 to 200 characters, no control characters. */
    static String name(String field, String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw ApiError.invalid("'" + field + "' must not be blank");
        }
        if (v.length() > MAX_NAME) {
            throw ApiError.invalid("'" + field + "' must be at most " + MAX_NAME + " characters, got " + v.length());
        }
        if (Texts.firstControl(v) >= 0) {
            throw ApiError.invalid("'" + field + "' must not contain control characters");
        }
        return v;
    }

    /** A connector id from the path, lower-cased; anything that is not a UUID is simply not found. */
    static String connectorId(String raw) {
        if (raw == null || !UUID.matcher(raw).matches()) {
            throw ApiError.notFound("connector '" + clip(raw == null ? "" : raw) + "' not found");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    /** A field list: {@code names} followed by {@code more}. */
    static List<String> with(List<String> more, String... names) {
        List<String> out = new ArrayList<>(List.of(names));
        out.addAll(more);
        return List.copyOf(out);
    }

    /** Shortens user input quoted in messages. */
    static String clip(String s) {
        return Texts.clip(s, 80);
    }
}
