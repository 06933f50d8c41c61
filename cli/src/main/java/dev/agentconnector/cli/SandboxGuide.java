package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.AsanaAgentServer;
import dev.agentconnector.server.ServerConfig;

import java.io.PrintWriter;
import java.nio.file.Path;

/** What {@code serve --sandbox} prints: a ready organization and application, and the calls to try. */
final class SandboxGuide {
    private SandboxGuide() {
    }

    /** The organization every sandbox run on one data directory shares. */
    static final String ORGANIZATION = "sandbox";

    static void print(PrintWriter out, AsanaAgentServer server, AsanaSimulator sim, ServerConfig config,
                      Path throwaway) throws Exception {
        JsonNode app;
        JsonNode org;
        try (Admin admin = Admin.open(config)) {
            org = admin.ensureOrganization(ORGANIZATION);
            app = admin.createApplication(ORGANIZATION, "sandbox");
        }
        ObjectNode ready = new ObjectMapper().createObjectNode();
        ready.put("api_url", server.baseUrl());
        ready.put("organization_id", org.get("organization_id").asText());
        ready.put("client_id", app.get("client_id").asText());
        ready.put("client_secret", app.get("client_secret").asText());
        ready.put("data_dir", throwaway == null ? config.dataDir().toAbsolutePath().toString()
                : throwaway + " (removed at exit)");
        ready.put("asana_base_url", sim.baseUrl());
        ready.put("asana_personal_access_token", sim.personalAccessToken());
        ready.put("asana_workspace_gid", sim.workspaceGid());
        ready.put("asana_oauth_client_id", sim.clientId());
        ready.put("asana_oauth_client_secret", sim.clientSecret());
        ready.put("asana_oauth_refresh_token", sim.refreshToken());
        out.println(new ObjectMapper().writeValueAsString(ready));
        String api = server.baseUrl();
        out.println();
        out.println("# Try it (simulated Asana; nothing leaves this machine):");
        out.println("TOKEN=$(curl -s -X POST " + api + "/api/v1/account/applications/token -H 'Content-Type: application/json' \\");
        out.println("  -d '{\"client_id\":\"" + app.get("client_id").asText() + "\",\"client_secret\":\""
                + app.get("client_secret").asText() + "\"}' | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
        out.println("curl -s -X POST " + api + "/v1/integrations/connectors -H \"Authorization: Bearer $TOKEN\" "
                + "-H 'Content-Type: application/json' \\");
        out.println("  -d '{\"external_user_id\":\"demo\",\"connector_type\":\"Asana\",\"name\":\"My Asana Connector\","
                + "\"credentials\":{\"token\":\"" + sim.personalAccessToken() + "\"}}'");
        out.println("curl -s -X POST " + api + "/api/v1/connectors/sources/<connector id from above>/execute "
                + "-H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\");
        out.println("  -d '{\"entity\":\"workspaces\",\"action\":\"list\",\"params\":{}}'");
        out.flush();
    }
}
