package dev.agentconnector.runtime.spec;

/** How a list operation pages. */
public enum Pagination {
    /** One response holds everything. */
    NONE,
    /** {@code limit} plus an opaque {@code offset} token taken from {@code next_page.offset}. */
    OFFSET
}
