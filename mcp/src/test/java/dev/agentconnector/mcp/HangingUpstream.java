package dev.agentconnector.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An "Asana" that reads each request and never answers: it reports each request it receives and each connection its
 * client gives up (closes or resets) while waiting, which is how a cancelled HTTP/1.1 request looks from the server.
 */
final class HangingUpstream implements AutoCloseable {
    private final ServerSocket server;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> abandoned = new LinkedBlockingQueue<>();

    HangingUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hanging-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The base URL to point a connector at. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/1.0";
    }

    /** The request line of the next request received, or null when none arrives in time. */
    String awaitRequest(long millis) throws InterruptedException {
        return requests.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The request line of the next request whose client gave up, or null when none does in time. */
    String awaitAbandoned(long millis) throws InterruptedException {
        return abandoned.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> hold(s), "hanging-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void hold(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String line = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            requests.add(line);
            try {
                while (in.read() >= 0) {
                    // a client that sends more is still there
                }
            } catch (IOException reset) {
                // reset by the client: it gave up as well
            }
            abandoned.add(line);
        } catch (IOException e) {
            // the test is over
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
