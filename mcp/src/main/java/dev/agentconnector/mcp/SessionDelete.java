package dev.agentconnector.mcp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A {@code DELETE} of one session, modelled on a real request of the server (its headers pass the same checks). */
final class SessionDelete extends HttpServletRequestWrapper {
    private static final String SESSION = "Mcp-Session-Id";
    private final String sessionId;

    SessionDelete(HttpServletRequest template, String sessionId) {
        super(template);
        this.sessionId = sessionId;
    }

    @Override
    public String getMethod() {
        return "DELETE";
    }

    @Override
    public String getHeader(String name) {
        return SESSION.equalsIgnoreCase(name) ? sessionId : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return SESSION.equalsIgnoreCase(name) ? Collections.enumeration(List.of(sessionId)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String n : Collections.list(super.getHeaderNames())) {
            if (!SESSION.equalsIgnoreCase(n)) {
                names.add(n);
            }
        }
        names.add(SESSION);
        return Collections.enumeration(names);
    }
}
