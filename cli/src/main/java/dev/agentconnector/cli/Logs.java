package dev.agentconnector.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logging set-up for the command: warnings by default, request-level detail with {@code --debug}; all on stderr. */
final class Logs {
    private static final Logger ROOT = Logger.getLogger("dev.agentconnector");

    private Logs() {
    }

    static void enableDebug() {
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        ROOT.setLevel(Level.FINE);
        ROOT.addHandler(handler);
        ROOT.setUseParentHandlers(false);
    }
}
