package dev.agentconnector.runtime.error;

/** Bad input caught before any HTTP call: unknown names, wrong types, missing or out-of-range values. */
public class ValidationException extends ConnectorException {
    private final String entity;
    private final String action;
    private final String param;

    /**
     * @param entity entity name, or null when unknown
     * @param action action name, or null when unknown
     * @param param  the offending parameter (dotted for nested fields), or null
     * @param detail what is wrong and how to fix it
     */
    public ValidationException(String entity, String action, String param, String detail) {
        super(prefix(entity, action) + detail);
        this.entity = entity;
        this.action = action;
        this.param = param;
    }

    private static String prefix(String entity, String action) {
        if (entity != null && action != null) {
            return entity + "." + action + ": ";
        }
        return entity != null ? entity + ": " : "";
    }

    /** Entity named in the call, or null. */
    public String entity() {
        return entity;
    }

    /** Action named in the call, or null. */
    public String action() {
        return action;
    }

    /** The offending parameter, or null. */
    public String param() {
        return param;
    }

    @Override
    public String errorType() {
        return "validation_error";
    }
}
