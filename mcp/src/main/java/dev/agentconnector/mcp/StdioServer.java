package dev.agentconnector.mcp;

import io.modelcontextprotocol.server.McpSyncServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * An {@link AsanaMcpServer} speaking MCP over a pair of streams (a client's pipes to this process): newline-delimited
 * JSON-RPC in, the same out. Nothing but protocol may be written to {@code out}; logs belong on stderr.
 *
 * <p>No input stops the server: blank lines are skipped, anything that is not a JSON-RPC message is answered with a
 * JSON-RPC error and reading goes on (see {@link StdioTransport}). When the client closes the input, the requests in
 * progress are given up to the drain timeout to be answered before {@link #awaitEndOfInput()} returns.
 */
public final class StdioServer implements AutoCloseable {
    /** How long requests in progress when the input closes may take to be answered: 10 s. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final McpSyncServer server;
    private final StdioTransport transport;

    private StdioServer(McpSyncServer server, StdioTransport transport) {
        this.server = server;
        this.transport = transport;
    }

    /** Starts serving with the default drain timeout; returns at once while background threads read and write. */
    public static StdioServer start(AsanaMcpServer mcp, InputStream in, OutputStream out) {
        return start(mcp, in, out, DEFAULT_DRAIN_TIMEOUT);
    }

    /**
     * Starts serving; returns at once while background threads read and write.
     *
     * @param drainTimeout how long requests in progress when {@code in} ends may take to be answered; those still
     *                     running then are answered with an error
     */
    public static StdioServer start(AsanaMcpServer mcp, InputStream in, OutputStream out, Duration drainTimeout) {
        if (mcp == null || in == null || out == null) {
            throw new IllegalArgumentException("a server, an input and an output are required");
        }
        StdioTransport transport = new StdioTransport(mcp.jsonMapper(), in, out, drainTimeout,
                StdioTransport.MAX_LINE_BYTES, mcp.cancellations(), mcp.toolNames());
        return new StdioServer(mcp.build(transport), transport);
    }

    /**
     * Blocks until the client closes its end of the input (which is how a stdio client ends a session) and the
     * requests then in progress are answered or the drain timeout has passed, or until the output fails.
     */
    public void awaitEndOfInput() throws InterruptedException {
        transport.awaitFinished();
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
