package dev.agentconnector.server.db;

import dev.agentconnector.server.Admin;
import dev.agentconnector.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service writes on disk is readable by its owner only. */
class DataFilesTest {
    @Test
    void dataDirectoryDatabaseAndKeyAreOwnerOnly(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("fresh").resolve("asana-agent-data");
        try (Admin admin = Admin.open(ServerConfig.builder().dataDir(dataDir).build())) {
            admin.createOrganization("acme");
        }
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.getParent())).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dataDir)) {
            var list = files.toList();
            assertThat(list).extracting(p -> p.getFileName().toString()).contains(ServerConfig.SQLITE_FILE);
            for (Path f : list) {
                assertThat(mode(f)).as(f.getFileName().toString()).isEqualTo("rw-------");
            }
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
