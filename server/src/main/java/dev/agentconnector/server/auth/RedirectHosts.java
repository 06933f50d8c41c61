package dev.agentconnector.server.auth;

import dev.agentconnector.server.http.Texts;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Host names as the redirect allow-list holds them: lower-case ASCII (international names in their {@code xn--}
 * form), no port, no trailing dot. Loopback hosts are always allowed, so local development needs no set-up.
 */
public final class RedirectHosts {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectHosts() {
    }

    /**
     * The normalized form of a host an operator or tenant gives.
     *
     * @throws IllegalArgumentException naming the problem when it is not a host name or IP address
     */
    public static String normalize(String raw) {
        String h = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > 253) {
            throw new IllegalArgumentException("'" + Texts.clip(raw, 60) + "' is not a host name (1 to 253 characters)");
        }
        if (h.contains("://") || h.contains("/") || h.contains("@") || h.contains(":") && !h.startsWith("[")) {
            throw new IllegalArgumentException("'" + Texts.clip(raw, 60) + "' is not a host name: give the host alone, "
                    + "e.g. app.example.com (no scheme, port or path)");
        }
        if (h.startsWith("[") && h.endsWith("]") && h.substring(1, h.length() - 1).matches("[0-9a-f:.]+")) {
            return h;
        }
        if (IPV4.matcher(h).matches()) {
            return h;
        }
        try {
            h = IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + Texts.clip(raw, 60) + "' is not a valid host name");
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + Texts.clip(raw, 60) + "' is not a valid host name");
            }
        }
        return h;
    }

    /** Whether the host is a loopback name, allowed for every organization. */
    public static boolean loopback(String normalizedHost) {
        return LOOPBACK.contains(normalizedHost);
    }
}
