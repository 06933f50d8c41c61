package dev.agentconnector.asana.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;

/** Answers everything outside the API, OAuth and file paths: asset pages need a browser session, the rest is 404. */
public final class FallbackHandler implements HttpHandler {
    private final ErrorReplies errors;

    /** Creates the handler. */
    public FallbackHandler(ErrorReplies errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            HttpIo.readBody(ex);
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/app/asana/-/")) {
                HttpIo.send(ex, HttpIo.text(403, "Forbidden: sign in to Asana in a browser to view this asset."));
            } else {
                HttpIo.send(ex, errors.error(404, "No matching route for request"));
            }
        } catch (IOException | RuntimeException e) {
            ex.close();
        }
    }
}
