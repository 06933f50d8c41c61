package dev.agentconnector.contextstore;

/** A search query that cannot be run: names the part at fault ({@link #where()}) and what would be valid. */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String where;

    public QueryException(String where, String message) {
        super(message);
        this.where = where;
    }

    /** The part of the query at fault, e.g. {@code query.filter.eq}; null when it is the query as a whole. */
    public String where() {
        return where;
    }
}
