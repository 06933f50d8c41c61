package dev.agentconnector.asana.sim.http;

/** An Asana error answer: an HTTP status and the message placed in {@code errors[0].message}. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** Creates an error with the given status and message. */
    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** A 400 error. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** A 400 {@code <field>: Missing input} error. */
    public static ApiException missing(String field) {
        return new ApiException(400, field + ": Missing input");
    }

    /** A 404 {@code Unknown object: <gid>} error. */
    public static ApiException unknownObject(String gid) {
        return new ApiException(404, "Unknown object: " + gid);
    }

    /** A 400 {@code <field>: Not a recognized ID: <value>} error. */
    public static ApiException notAnId(String field, String value) {
        return new ApiException(400, field + ": Not a recognized ID: " + value);
    }
}
