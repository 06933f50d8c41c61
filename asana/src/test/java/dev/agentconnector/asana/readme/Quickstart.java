package dev.agentconnector.asana.readme;

// README:quickstart:begin
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import java.util.Map;

public class Quickstart {
    public static void main(String[] args) {
        try (var asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(System.getenv("ASANA_TOKEN")))) {
            printMyTasks(asana);
        }
    }

    static void printMyTasks(AsanaConnector asana) {
        String workspace = asana.execute("workspaces", "list").orThrow().get(0).get("gid").asText();
        var tasks = asana.execute("tasks", "list", Map.of("workspace", workspace, "assignee", "me", "limit", 10));
        tasks.orThrow().forEach(task -> System.out.println(task.get("name").asText()));
    }
}
// README:quickstart:end
