package dev.agentconnector.server.http;

/** Told about every finished request (metrics). */
@FunctionalInterface
public interface RequestObserver {
    /** @param route the route template, or {@code unmatched} */
    void completed(String method, String route, int status, long nanos);
}
