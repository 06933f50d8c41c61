package dev.agentconnector.runtime.auth;

import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.http.ApiResponse;
import dev.agentconnector.runtime.http.Transport;

import java.net.URI;
import java.util.Locale;

/**
 * Adds the {@code Authorization} header, but only to requests for the configured API origin (scheme, host and port
 * compared), and sends a request once more after a 401 when the authenticator obtained a new credential.
 */
public final class AuthenticatingTransport implements Transport {
    private final Transport next;
    private final Authenticator authenticator;
    private final URI origin;

    public AuthenticatingTransport(Transport next, Authenticator authenticator, URI apiBase) {
        this.next = next;
        this.authenticator = authenticator;
        this.origin = apiBase;
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        if (!sameOrigin(origin, request.uri())) {
            return next.send(request);
        }
        String auth = authenticator.authorization();
        ApiResponse response = next.send(request.withHeader("Authorization", auth));
        if (response.status() == 401 && authenticator.renewAfterRejection(auth)) {
            response.close();
            return next.send(request.withHeader("Authorization", authenticator.authorization()));
        }
        return response;
    }

    /** True when both URIs have the same scheme, host and effective port. */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
