package dev.agentconnector.mcp;

/**
 * How an {@link AsanaMcpServer} offers the connector. Immutable; start from {@link #defaults()}.
 *
 * @param tools          one tool, or one tool per entity
 * @param readOnly       hide and refuse every create, update and delete
 * @param maxResultChars results longer than this (as JSON text) are cut to fit, with a note saying how to narrow
 *                       the call
 */
public record McpServerOptions(ToolMode tools, boolean readOnly, int maxResultChars) {
    /** The default result budget: about 5,000 tokens, well under what MCP clients accept from one tool call. */
    public static final int DEFAULT_MAX_RESULT_CHARS = 20_000;
    /** The smallest budget accepted: room for an envelope, one small record and the note. */
    public static final int MIN_MAX_RESULT_CHARS = 1_000;

    public McpServerOptions {
        if (tools == null) {
            throw new IllegalArgumentException("tools mode is required (single or per-entity)");
        }
        if (maxResultChars < MIN_MAX_RESULT_CHARS) {
            throw new IllegalArgumentException("max result chars must be at least " + MIN_MAX_RESULT_CHARS
                    + ", got " + maxResultChars);
        }
    }

    /** One tool, reads and writes, results up to {@link #DEFAULT_MAX_RESULT_CHARS}. */
    public static McpServerOptions defaults() {
        return new McpServerOptions(ToolMode.SINGLE, false, DEFAULT_MAX_RESULT_CHARS);
    }

    /** These options with another tool mode. */
    public McpServerOptions withTools(ToolMode mode) {
        return new McpServerOptions(mode, readOnly, maxResultChars);
    }

    /** These options, read-only or not. */
    public McpServerOptions withReadOnly(boolean value) {
        return new McpServerOptions(tools, value, maxResultChars);
    }

    /** These options with another result budget. */
    public McpServerOptions withMaxResultChars(int value) {
        return new McpServerOptions(tools, readOnly, value);
    }
}
