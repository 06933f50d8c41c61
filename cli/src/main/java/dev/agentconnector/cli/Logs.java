package dev.agentconnector.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logging set-up for the command: warnings by default, request-level detail with {@code --debug}; all on stderr. */
final class Logs {
    private static final Logger ROOT = Logger.getLogger("dev.agentconnector");
    /** Held so that java.util.logging keeps their levels (it references loggers weakly). */
    private static final Logger POOL = Logger.getLogger("com.zaxxer.hikari");
    private static final Logger MIGRATIONS = Logger.getLogger("org.flywaydb");

    private Logs() {
    }

    /** Library chatter (pool start-up, migration reports) only at WARNING; the command's own INFO lines stay. */
    static void quietLibraries() {
        POOL.setLevel(Level.WARNING);
        MIGRATIONS.setLevel(Level.WARNING);
    }

    static void enableDebug() {
        POOL.setLevel(Level.INFO);
        MIGRATIONS.setLevel(Level.INFO);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        ROOT.setLevel(Level.FINE);
        ROOT.addHandler(handler);
        ROOT.setUseParentHandlers(false);
    }
}
