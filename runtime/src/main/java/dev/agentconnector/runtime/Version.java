package dev.agentconnector.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, read from the jar, and the User-Agent built from it. */
public final class Version {
    /** The library version, e.g. {@code 0.1.0}. */
    public static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** {@code asana-agent-java/<version> (Java <version>)} plus an optional suffix. */
    public static String userAgent(String connector, String suffix) {
        String ua = connector + "-agent-java/" + VERSION + " (Java " + System.getProperty("java.version") + ")";
        return suffix == null || suffix.isBlank() ? ua : ua + " " + suffix.strip();
    }
}
