package dev.agentconnector.server.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Maps method and path to a handler by route templates such as {@code /api/v1/integrations/connectors/{id}}. */
public final class Router {
    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    /** Whether a route needs a bearer token. */
    public enum Auth { NONE, BEARER }

    /** A registered route. */
    public record Route(String method, String template, Auth auth, Handler handler, String[] segments) {
        int literals() {
            int n = 0;
            for (String s : segments) {
                if (!isParam(s)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The outcome of matching: a route with its parameters, or the methods the path allows (405), or neither (404). */
    public record Match(Route route, Map<String, String> params, List<String> allowedMethods) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Registers a route. */
    public Router add(String method, String template, Auth auth, Handler handler) {
        routes.add(new Route(method, template, auth, handler, split(template)));
        routes.sort(Comparator.comparingInt(Route::literals).reversed());
        return this;
    }

    /** Finds the route for a request path (raw, percent-encoded). */
    public Match match(String method, String rawPath) {
        String[] segments = split(rawPath);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = bind(r.segments(), segments);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Match(r, params, List.of());
            }
            allowed.add(r.method());
        }
        return new Match(null, Map.of(), List.copyOf(allowed));
    }

    private static Map<String, String> bind(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (isParam(t)) {
                String value = decode(path[i]);
                if (value == null || value.isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String decode(String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
