package dev.agentconnector.asana.sim.model;

import java.io.IOException;
import java.io.OutputStream;

/** The bytes of an attachment, written on demand so that large files need not be held in memory. */
public interface Content {
    /** Total length in bytes. */
    long size();

    /** Writes bytes {@code [from, toExclusive)} to {@code out}. */
    void write(OutputStream out, long from, long toExclusive) throws IOException;
}
