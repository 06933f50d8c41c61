package dev.agentconnector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.sim.AsanaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the stdio transport does with input no well-behaved client sends: each bad line gets its JSON-RPC error and the
 * server goes on serving; requests in progress when the input closes are answered; the process always exits then.
 * Spoken to line by line through a real child process's pipes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StdioTransportTest {
    private static final String LATEST = "2025-06-18";
    private static final String TOOL_CALL = "\"method\":\"tools/call\",\"params\":{\"name\":\"asana_execute\","
            + "\"arguments\":{\"entity\":\"workspaces\",\"action\":\"list\",\"params\":{}}}}";

    private final AtomicInteger ids = new AtomicInteger();
    private AsanaSimulator sim;
    /** One initialized server for the bad-line tests: each must leave it serving for the next. */
    private StdioProcess shared;

    @BeforeAll
    void start() throws Exception {
        sim = AsanaSimulator.builder().seed(42).build().start();
        shared = StdioProcess.start(sim).initialize(LATEST);
    }

    @AfterAll
    void stop() {
        if (shared != null) {
            shared.close();
        }
        sim.close();
    }

    // ---- lines that are not JSON ----

    @Test
    void blankLinesAreSkipped() throws Exception {
        shared.send("").send("   ").send("\t").sendRaw("\r".getBytes(StandardCharsets.US_ASCII));
        // the next line out is the answer to tools/list: nothing answered the blank lines
        shared.assertStillServes(nextId());
    }

    @Test
    void textIsAParseError() throws Exception {
        assertAnswered("hello", -32700, null, "Parse error: line ", "is not valid JSON");
    }

    @Test
    void aTruncatedObjectIsAParseError() throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":3,\"meth", -32700, null, "is not valid JSON");
    }

    @Test
    void textAfterTheObjectIsAParseError() throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"} and more", -32700, null,
                "is not valid JSON");
    }

    @Test
    void bytesThatAreNotUtf8AreAParseError() throws Exception {
        shared.sendRaw(new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertError(shared.next(), -32700, null, "is not valid UTF-8");
        shared.assertStillServes(nextId());
    }

    @Test
    void aLineOverTheCapIsSkippedAndRefused() throws Exception {
        byte[] line = new byte[StdioTransport.MAX_LINE_BYTES + 1];
        Arrays.fill(line, (byte) ' ');
        byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"ping\",\"params\":{\"pad\":\""
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, line, 0, head.length);
        line[line.length - 2] = '"';
        line[line.length - 1] = '}';
        shared.sendRaw(line);
        assertError(shared.next(), -32600, null, "is longer than the limit of 16 MiB");
        shared.assertStillServes(nextId());
    }

    // ---- JSON that is not a JSON-RPC message ----

    @Test
    void aNumberIsAnInvalidRequest() throws Exception {
        assertAnswered("42", -32600, null, "a JSON-RPC message is a JSON object, got a number");
    }

    @Test
    void anEmptyObjectIsAnInvalidRequest() throws Exception {
        assertAnswered("{}", -32600, null, "Invalid Request: ");
    }

    @Test
    void aMessageWithoutJsonrpcIsAnInvalidRequestAnsweredWithItsId() throws Exception {
        assertAnswered("{\"id\":6,\"method\":\"ping\"}", -32600, "6", "\"jsonrpc\" must be \"2.0\"");
        assertAnswered("{\"jsonrpc\":\"1.0\",\"id\":\"six\",\"method\":\"ping\"}", -32600, "\"six\"",
                "\"jsonrpc\" must be \"2.0\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}", "[1]", "true"})
    void anIdThatIsNeitherAStringNorANumberIsAnInvalidRequest(String id) throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}", -32600, null,
                "\"id\" must be a string or a number");
    }

    @Test
    void aMethodThatIsNotAStringIsAnInvalidRequest() throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":42}", -32600, "7", "\"method\" must be a string");
    }

    @Test
    void aResponseWithoutAnIdIsAnInvalidRequest() throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"result\":{}}", -32600, null, "needs the \"id\"");
    }

    @Test
    void aBatchIsRefusedInAVersionWithoutBatches() throws Exception {
        assertAnswered("[{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"ping\"}]", -32600, null,
                "batches are not supported in protocol version 2025-06-18");
    }

    @Test
    void paramsThatAreNotAnObjectAreInvalidParams() throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":[1]}", -32602, "8",
                "\"params\" must be a JSON object");
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\"}", -32602, "9",
                "\"tools/call\" needs \"params\"");
    }

    @Test
    void toolCallArgumentsThatAreNotAnObjectAreInvalidParams() throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"asana_execute\","
                + "\"arguments\":\"not an object\"}}", -32602, "10", "\"params.arguments\" must be a JSON object");
    }

    @Test
    void aRetryIsToldAsALogMessageBeforeTheAnswer() throws Exception {
        String id = nextId();
        sim.control().failNext(1, 503);
        shared.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\"," + TOOL_CALL);
        JsonNode log = shared.next();
        assertThat(log.path("method").asText()).as(log.toString()).isEqualTo("notifications/message");
        assertThat(log.path("params").path("level").asText()).isEqualTo("warning");
        assertThat(log.path("params").path("data").asText()).contains("workspaces.list: retry 1 of")
                .contains("status 503");
        JsonNode answer = shared.next();
        assertThat(answer.path("id").asText()).isEqualTo(id);
        assertThat(answer.path("result").path("isError").asBoolean(true)).as(answer.toString()).isFalse();
    }

    @Test
    void anUnknownToolIsInvalidParamsNamingIt() throws Exception {
        assertAnswered("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"asana_tasks\",\"arguments\":{}}}", -32602, "12", "unknown tool 'asana_tasks': this server offers "
                + "asana_execute");
    }

    @Test
    void anInternalErrorSaysNothingOfTheImplementation() throws Exception {
        // params the SDK cannot read: it fails with a message naming its classes, which stays in the log
        shared.send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + LATEST + "\",\"capabilities\":5,\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        JsonNode answer = shared.next();
        assertError(answer, -32603, "11", "Internal error: \"initialize\" failed; the server's log (stderr) has the "
                + "details");
        assertThat(answer.toString()).doesNotContain("java", "Exception", "jackson", "modelcontextprotocol",
                "Cannot ");
        assertThat(answer.path("error").has("data")).isFalse();
        shared.assertStillServes(nextId());
    }

    // ---- the session's lifecycle ----

    @Test
    void aRequestBeforeInitializeIsAnswered() throws Exception {
        try (StdioProcess p = StdioProcess.start(sim)) {
            p.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            assertError(p.next(), -32600, "1", "the session is not initialized; send \"initialize\"");
            p.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
            JsonNode pong = p.next();
            assertThat(pong.path("id").asInt()).isEqualTo(2);
            assertThat(pong.path("result").isObject()).as(pong.toString()).isTrue();
            p.initialize(LATEST).assertStillServes("after");
        }
    }

    @Test
    void batchesAreServedInProtocolVersion20250326() throws Exception {
        try (StdioProcess p = StdioProcess.start(sim).initialize("2025-03-26")) {
            p.send("[{\"jsonrpc\":\"2.0\",\"id\":\"b1\",\"method\":\"ping\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"b2\",\"method\":\"tools/list\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,"
                    + "\"progress\":1}},"
                    + "42,"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"b3\"," + TOOL_CALL + "]");
            JsonNode batch = p.next();
            assertThat(batch.isArray()).as(batch.toString()).isTrue();
            assertThat(batch).hasSize(4);
            JsonNode ping = find(batch, "b1");
            assertThat(ping.path("result").isObject()).isTrue();
            assertThat(find(batch, "b2").path("result").path("tools")).isNotEmpty();
            assertThat(find(batch, "b3").path("result").path("isError").asBoolean(true)).isFalse();
            JsonNode invalid = find(batch, null);
            assertError(invalid, -32600, null, "got a number");

            p.send("[]");
            assertError(p.next(), -32600, null, "the batch is empty");
            // a batch of notifications only has no answer: the next line out answers tools/list
            p.send("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,"
                    + "\"progress\":2}}]");
            p.assertStillServes("after");
        }
    }

    @Test
    void requestsInProgressAtTheEndOfInputAreAnsweredBeforeExit() throws Exception {
        try (StdioProcess p = StdioProcess.start(sim).initialize(LATEST)) {
            sim.control().setLatency(Duration.ofSeconds(2));
            p.send("{\"jsonrpc\":\"2.0\",\"id\":\"slow\"," + TOOL_CALL);
            Thread.sleep(300); // the call has reached the simulator
            p.closeInput();
            JsonNode answer = p.next();
            assertThat(answer.path("id").asText()).isEqualTo("slow");
            assertThat(answer.path("result").path("isError").asBoolean(true)).as(answer.toString()).isFalse();
            assertThat(p.restOfStdout(Duration.ofSeconds(20))).isEmpty();
            assertThat(p.awaitExit(Duration.ofSeconds(20))).isZero();
        } finally {
            sim.control().setLatency(Duration.ZERO);
        }
    }

    @Test
    void aRequestStillRunningAfterTheDrainTimeoutGetsAnErrorAndTheProcessExits() throws Exception {
        try (StdioProcess p = StdioProcess.start(sim, "--drain-timeout-ms", "300").initialize(LATEST)) {
            sim.control().setLatency(Duration.ofSeconds(10));
            p.send("{\"jsonrpc\":\"2.0\",\"id\":\"stuck\"," + TOOL_CALL);
            Thread.sleep(300);
            long closed = System.nanoTime();
            p.closeInput();
            assertError(p.next(), -32603, "\"stuck\"", "\"tools/call\" did not finish within 300 ms of the input "
                    + "closing");
            assertThat(p.awaitExit(Duration.ofSeconds(8))).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(8));
        } finally {
            sim.control().setLatency(Duration.ZERO);
        }
    }

    @Test
    void aCancelledToolCallAbortsItsAsanaRequestAndIsNotAnswered() throws Exception {
        try (HangingUpstream asana = new HangingUpstream();
             StdioProcess p = StdioProcess.start(asana.baseUrl(), sim.tokenUrl(), sim.personalAccessToken())
                     .initialize(LATEST)) {
            p.send("{\"jsonrpc\":\"2.0\",\"id\":\"doomed\"," + TOOL_CALL);
            assertThat(asana.awaitRequest(10_000)).as("the call reached Asana").startsWith("GET ");
            p.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                    + "\"doomed\",\"reason\":\"the user changed their mind\"}}");
            assertThat(asana.awaitAbandoned(5_000)).as("the request to Asana is abandoned").startsWith("GET ");
            // the next line out answers tools/list: nothing was sent for the cancelled call
            p.assertStillServes("after-cancel");
            // and the engine did not try again
            assertThat(asana.awaitRequest(500)).isNull();
            p.closeInput();
            assertThat(p.restOfStdout(Duration.ofSeconds(15))).isEmpty();
        }
    }

    @Test
    void aCancellationOfAnUnknownOrFinishedRequestIsIgnored() throws Exception {
        String id = nextId();
        shared.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\"," + TOOL_CALL);
        assertThat(shared.next().path("id").asText()).isEqualTo(id);
        shared.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\""
                + id + "\"}}");
        shared.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":12345}}");
        shared.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{}}");
        shared.assertStillServes(nextId());
    }

    @Test
    void theProcessExitsWhenInputClosesAfterABlankLine() throws Exception {
        try (StdioProcess p = StdioProcess.start(sim).initialize(LATEST)) {
            p.send("").send("hello");
            assertError(p.next(), -32700, null, "is not valid JSON");
            p.closeInput();
            assertThat(p.restOfStdout(Duration.ofSeconds(15))).isEmpty();
            assertThat(p.awaitExit(Duration.ofSeconds(15))).isZero();
        }
    }

    // ---- helpers ----

    private String nextId() {
        return "list-" + ids.incrementAndGet();
    }

    /** Sends the line, asserts the error answering it, then that the server still answers tools/list. */
    private void assertAnswered(String line, int code, String idJson, String... messageParts) throws Exception {
        shared.send(line);
        assertError(shared.next(), code, idJson, messageParts);
        shared.assertStillServes(nextId());
    }

    /** Asserts a JSON-RPC error with this code and id (as JSON text; null for {@code "id": null}). */
    private static void assertError(JsonNode answer, int code, String idJson, String... messageParts) {
        assertThat(answer.path("jsonrpc").asText()).as(answer.toString()).isEqualTo("2.0");
        assertThat(answer.has("id")).as("id present in %s", answer).isTrue();
        assertThat(answer.get("id").toString()).as(answer.toString()).isEqualTo(idJson == null ? "null" : idJson);
        assertThat(answer.has("result")).as(answer.toString()).isFalse();
        assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.path("error").path("message").asText()).as(answer.toString()).contains(messageParts);
    }

    private static JsonNode find(JsonNode batch, String id) {
        for (JsonNode answer : batch) {
            if (id == null ? answer.path("id").isNull() : answer.path("id").asText().equals(id)) {
                return answer;
            }
        }
        throw new AssertionError("no answer with id " + id + " in " + batch);
    }
}
