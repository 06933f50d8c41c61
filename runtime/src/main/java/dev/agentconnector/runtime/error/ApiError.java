package dev.agentconnector.runtime.error;

/**
 * One entry of the API's error list.
 *
 * @param message the API's message, e.g. {@code workspace: Missing input}
 * @param help    the API's help text, or null
 * @param phrase  the API's error phrase (on 500s), or null
 */
public record ApiError(String message, String help, String phrase) {
}
