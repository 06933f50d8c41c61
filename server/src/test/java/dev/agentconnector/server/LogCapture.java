package dev.agentconnector.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects the log lines of the JVM at INFO and above, and of our code, the pool and the migrations down to FINE
 * (the pool's and migrations' arrive through SLF4J), formatted with stack traces, while installed.
 */
final class LogCapture extends Handler implements AutoCloseable {
    /** Appends are O(1): a copy-on-write list made every line cost a copy of all before it (quadratic in a fuzz). */
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    /** Debug output of our code and of the pool and migration libraries is scanned too (strong references: JUL). */
    private final List<Logger> detailed = List.of(Logger.getLogger("dev.agentconnector"),
            Logger.getLogger("com.zaxxer.hikari"), Logger.getLogger("org.flywaydb"));

    LogCapture() {
        setLevel(Level.ALL);
        detailed.forEach(l -> l.setLevel(Level.FINE));
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder sb = new StringBuilder(formatter.formatMessage(record));
        sb.insert(0, record.getLoggerName() + " " + record.getLevel() + ": ");
        if (record.getThrown() != null) {
            StringWriter w = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(w));
            sb.append('\n').append(w);
        }
        lines.add(sb.toString());
    }

    /** A snapshot of the lines so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        detailed.forEach(l -> l.setLevel(null));
    }
}
