package dev.agentconnector.server;

import dev.agentconnector.server.crypto.MasterKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hosted API on the default store: a SQLite file in a fresh data directory, with a generated key file. */
class SqliteHostedApiTest extends HostedApiContract {
    private Path dataDir;

    @Override
    protected String prepareDatabase() throws IOException {
        dataDir = Files.createTempDirectory("asana-agent-sqlite-");
        return null;
    }

    @Override
    protected ServerConfig.Builder database(ServerConfig.Builder b) {
        return b.dataDir(dataDir);
    }

    @Override
    protected byte[] storedBytes() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(ServerConfig.SQLITE_FILE)).toList()) {
                all.write(Files.readAllBytes(f));
            }
        }
        return all.toByteArray();
    }

    @Override
    protected String masterKeyBase64() throws IOException {
        String fromEnv = System.getenv(MasterKey.ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip()
                : Files.readString(dataDir.resolve(MasterKey.FILE), StandardCharsets.US_ASCII).strip();
    }

    @Override
    protected void dropDatabase() throws IOException {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void theDatabaseAndAnOwnerOnlyKeyFileLiveInTheDataDirectory() throws IOException {
        assertThat(dataDir.resolve(ServerConfig.SQLITE_FILE)).exists();
        if (System.getenv(MasterKey.ENV) == null) {
            Path key = dataDir.resolve(MasterKey.FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(java.util.Base64.getDecoder().decode(masterKeyBase64())).hasSize(32);
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .allMatch(n -> List.of(MasterKey.FILE).contains(n) || n.startsWith(ServerConfig.SQLITE_FILE));
        }
        assertThat(Files.exists(dataDir.resolve(ServerConfig.SQLITE_FILE + "-wal"))).as("WAL mode").isTrue();
    }
}
