package dev.agentconnector.asana;

import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.runtime.exec.Download;
import dev.agentconnector.runtime.exec.ExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownloadTest {
    private static AsanaSimulator sim;
    private static AsanaConnector asana;

    @BeforeAll
    static void start() {
        sim = Sim.start();
        asana = Sim.pat(sim);
    }

    @AfterAll
    static void stop() {
        asana.close();
        sim.close();
    }

    /** Checks each byte against the simulator's pattern as it streams past, keeping nothing. */
    static final class PatternCheck extends OutputStream {
        long index;
        final long start;

        PatternCheck(long start) {
            this.start = start;
        }

        @Override
        public void write(int b) {
            if ((byte) b != AsanaSimulator.expectedByte(start + index)) {
                throw new AssertionError("byte " + (start + index) + " differs");
            }
            index++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void aFileLargerThanTheHeapStreamsThrough() throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        long size = Math.max(max + (64L << 20), 320L << 20);
        String gid = sim.addLargeAttachment(sim.fixtures().taskGid(), "big.bin", size);
        ExecutionResult r = asana.execute("attachments", "download", Map.of("attachment_gid", gid));
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        try (Download d = r.download().orElseThrow()) {
            assertThat(d.contentLength()).isEqualTo(size);
            PatternCheck check = new PatternCheck(0);
            assertThat(d.transferTo(check)).isEqualTo(size);
            assertThat(check.index).isEqualTo(size);
        }
        assertThat(size).isGreaterThan(max);
    }

    @Test
    void aByteRangeReturnsExactlyThoseBytes() throws IOException {
        String gid = sim.addLargeAttachment(sim.fixtures().taskGid(), "range.bin", 10_000);
        ExecutionResult r = asana.execute("attachments", "download", Map.of("attachment_gid", gid,
                "range_header", "bytes=100-199"));
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.data().get("http_status").asInt()).isEqualTo(206);
        try (Download d = r.download().orElseThrow(); InputStream in = d.stream()) {
            byte[] bytes = in.readAllBytes();
            assertThat(bytes).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(bytes[i]).isEqualTo(AsanaSimulator.expectedByte(100 + i));
            }
            assertThat(d.contentRange()).startsWith("bytes 100-199/");
        }
    }

    @Test
    void saveToWritesAtomicallyAndRefusesToOverwrite(@TempDir Path dir) throws IOException {
        String gid = sim.addLargeAttachment(sim.fixtures().taskGid(), "doc.bin", 5_000_000);
        Path target = dir.resolve("doc.bin");
        assertThat(asana.download(gid, target, false)).isEqualTo(5_000_000);
        assertThat(Files.size(target)).isEqualTo(5_000_000);
        assertThatThrownBy(() -> asana.download(gid, target, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(asana.download(gid, target, true)).isEqualTo(5_000_000);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temporary files left behind
        }
    }

    @Test
    void theFileRequestCarriesNoAuthorization() {
        ExecutionResult r = asana.execute("attachments", "download", Map.of("attachment_gid",
                sim.fixtures().attachmentGid()));
        assertThat(r.success()).isTrue();
        r.download().orElseThrow().close();
        assertThat(sim.stats().fileRequests()).isPositive();
        assertThat(sim.stats().fileRequestsWithAuthorization()).isZero();
    }
}
