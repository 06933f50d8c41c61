package dev.agentconnector.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * An {@link AsanaMcpServer} speaking MCP over a pair of streams (a client's pipes to this process): newline-delimited
 * JSON-RPC in, the same out. Nothing but protocol may be written to {@code out}; logs belong on stderr.
 */
public final class StdioServer implements AutoCloseable {
    private final McpSyncServer server;
    private final CountDownLatch endOfInput;

    private StdioServer(McpSyncServer server, CountDownLatch endOfInput) {
        this.server = server;
        this.endOfInput = endOfInput;
    }

    /** Starts serving; returns at once while a background thread reads {@code in}. */
    public static StdioServer start(AsanaMcpServer mcp, InputStream in, OutputStream out) {
        CountDownLatch end = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return ended(super.read());
                } catch (IOException e) {
                    end.countDown();
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return ended(super.read(b, off, len));
                } catch (IOException e) {
                    end.countDown();
                    throw e;
                }
            }

            private int ended(int n) {
                if (n < 0) {
                    end.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = mcp.build(new StdioServerTransportProvider(mcp.jsonMapper(), watched, out));
        return new StdioServer(server, end);
    }

    /** Blocks until the client closes its end of the input (which is how a stdio client ends a session). */
    public void awaitEndOfInput() throws InterruptedException {
        endOfInput.await();
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
