package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.asana.sim.AsanaSimulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link StdioTestServer} child process spoken to line by line, as a client that may send anything would: raw lines
 * in, each line of stdout parsed as JSON (a line that is not JSON fails the test).
 */
final class StdioProcess implements AutoCloseable {
    static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EOF = "<end of stdout>";

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final Queue<String> stderr = new ConcurrentLinkedQueue<>();

    private StdioProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        pump("stdout", new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                stdout, true);
        pump("stderr", new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                stderr, false);
    }

    /** Starts a server on {@code sim} with these extra arguments (see {@link StdioTestServer}). */
    static StdioProcess start(AsanaSimulator sim, String... extraArgs) throws IOException {
        return start(sim.baseUrl(), sim.tokenUrl(), sim.personalAccessToken(), extraArgs);
    }

    /** Starts a server whose connector uses these URLs and token. */
    static StdioProcess start(String baseUrl, String tokenUrl, String token, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), StdioTestServer.class.getName(), baseUrl, tokenUrl, token));
        command.addAll(List.of(extraArgs));
        return new StdioProcess(new ProcessBuilder(command).start());
    }

    private static void pump(String name, BufferedReader reader, Queue<String> into, boolean markEnd) {
        Thread t = new Thread(() -> {
            try (reader) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                if (markEnd) {
                    into.add(EOF);
                }
            }
        }, "test-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Writes these bytes as they are, then a newline. */
    StdioProcess sendRaw(byte[] line) throws IOException {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
        return this;
    }

    /** Writes one line. */
    StdioProcess send(String line) throws IOException {
        return sendRaw(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code initialize} for this protocol version, checks the answer, then sends the initialized notice. */
    StdioProcess initialize(String protocolVersion) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + protocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        JsonNode init = next();
        assertThat(init.path("id").asText()).isEqualTo("init");
        assertThat(init.path("result").path("protocolVersion").asText()).isEqualTo(protocolVersion);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return this;
    }

    /** The next line of stdout as JSON; fails when none comes within {@link #ANSWER_WAIT} or stdout ended. */
    JsonNode next() throws Exception {
        String line = stdout.poll(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("an answer within %s (stderr: %s)", ANSWER_WAIT, stderr).isNotNull();
        assertThat(line).as("an answer before stdout ended (stderr: %s)", stderr).isNotEqualTo(EOF);
        return JSON.readTree(line);
    }

    /** Asserts stdout ends (after the lines it still had) within the wait, and returns those lines. */
    List<String> restOfStdout(Duration wait) throws InterruptedException {
        List<String> rest = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String line = stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("stdout ended within %s (stderr: %s)", wait, stderr).isNotNull();
            if (line.equals(EOF)) {
                return rest;
            }
            rest.add(line);
        }
    }

    /** Sends tools/list with this id and asserts it is answered with the tool list. */
    void assertStillServes(String id) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/list\"}");
        JsonNode answer = next();
        assertThat(answer.path("id").asText()).as(answer.toString()).isEqualTo(id);
        assertThat(answer.path("result").path("tools").isArray()).as(answer.toString()).isTrue();
        assertThat(answer.path("result").path("tools")).isNotEmpty();
    }

    /** Closes the server's stdin, as a client ending the session does. */
    void closeInput() throws IOException {
        stdin.close();
    }

    /** Waits for the process to exit; returns its exit code, or null when it did not exit in time. */
    Integer awaitExit(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    Queue<String> stderr() {
        return stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
