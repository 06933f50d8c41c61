package dev.agentconnector.server.e2e;

import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;

import java.nio.file.Path;
import java.util.Base64;

/**
 * Runs the service in its own JVM for tests that kill it: args are data dir, master key (base64), Asana base URL,
 * token URL, authorize URL. Prints {@code PORT <n>} when ready, then serves until killed.
 */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        AsanaAgentServer server = AsanaAgentServer.start(ServerConfig.builder().port(0).dataDir(Path.of(args[0]))
                .masterKey(Base64.getDecoder().decode(args[1])).asanaBaseUrl(args[2]).asanaTokenUrl(args[3])
                .asanaAuthorizeUrl(args[4]).build());
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
