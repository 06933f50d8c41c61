package dev.agentconnector.asana.sim.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a method and a path such as {@code /tasks/123/subtasks} to a handler, capturing {@code {param}} parts. */
public final class Router {
    private static final class Route {
        final String method;
        final String[] parts;
        final RouteHandler handler;

        Route(String method, String[] parts, RouteHandler handler) {
            this.method = method;
            this.parts = parts;
            this.handler = handler;
        }
    }

    /** A matched route: its handler and the captured placeholder values. */
    public static final class Match {
        /** The handler. */
        public final RouteHandler handler;
        /** The captured placeholder values, in path order. */
        public final String[] params;

        Match(RouteHandler handler, String[] params) {
            this.handler = handler;
            this.params = params;
        }
    }

    private final Map<String, List<Route>> byFirstSegment = new HashMap<>();

    /** Registers a route; a path part written {@code {name}} matches any single segment. */
    public Router add(String method, String pattern, RouteHandler handler) {
        String[] parts = split(pattern);
        String key = parts.length == 0 ? "" : parts[0];
        byFirstSegment.computeIfAbsent(key, k -> new ArrayList<>()).add(new Route(method, parts, handler));
        return this;
    }

    /** Finds the route for a method and path, or null when none matches. */
    public Match match(String method, String path) {
        String[] parts = split(path);
        List<Route> candidates = byFirstSegment.get(parts.length == 0 ? "" : parts[0]);
        if (candidates == null) {
            return null;
        }
        for (Route r : candidates) {
            if (!r.method.equals(method) || r.parts.length != parts.length) {
                continue;
            }
            String[] params = matchParts(r.parts, parts);
            if (params != null) {
                return new Match(r.handler, params);
            }
        }
        return null;
    }

    private static String[] matchParts(String[] pattern, String[] parts) {
        int n = 0;
        for (String p : pattern) {
            if (p.startsWith("{")) {
                n++;
            }
        }
        String[] params = new String[n];
        int k = 0;
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                params[k++] = parts[i];
            } else if (!pattern[i].equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
