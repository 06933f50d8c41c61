package dev.agentconnector.asana.sim.render;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Asana's wire formats for dates and times. */
public final class Timestamps {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Formats an instant like {@code 2012-02-22T02:06:58.147Z}. */
    public static String format(Instant t) {
        return DATE_TIME.format(t);
    }

    /** Formats a date like {@code 2012-03-26}. */
    public static String format(LocalDate d) {
        return d.toString();
    }
}
