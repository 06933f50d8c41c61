package dev.agentconnector.integrations.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaPersonalAccessTokenAuthConfig;
import dev.agentconnector.asana.sim.AsanaSimulator;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.StoreLocalActions;
import dev.agentconnector.contextstore.StoreLocation;
import dev.agentconnector.runtime.ConnectorOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A context store on a temporary SQLite file holding six synced tasks, and a connector to a simulator that answers
 * {@code context_store_search} and {@code context_store_aggregate} from it (everything else goes to the simulator).
 *
 * <p>The tasks, as {@code name (assignee, due_on, completed)}: {@link #NAMES}; the open ones due before 2026-01-05
 * are Ada's 2 and Grace's 1.
 *
 * @param dataDir   the data directory holding the store's SQLite file, as {@code asana-agent sync --data-dir} leaves it
 * @param store     the store
 * @param connector the connector with the store's actions
 */
public record StoredTasks(Path dataDir, ContextStore store, AsanaConnector connector) implements AutoCloseable {
    /** The names of the stored tasks, in gid order. */
    public static final List<String> NAMES = List.of("Launch plan", "Launch review", "Write release notes",
            "Fix login bug", "Launch party", "Archive old tickets");
    private static final String[] ASSIGNEES = {"Ada", "Grace", "Ada", "Grace", "Ada", "Linus"};
    private static final String[] DUE = {"2026-01-02", "2026-01-03", "2026-01-04", "2026-01-09", "2026-01-10",
            "2026-01-01"};
    private static final boolean[] COMPLETED = {false, false, false, false, false, true};

    /** Fills a new store and builds the connector to {@code sim} with its actions. */
    public static StoredTasks start(AsanaSimulator sim) {
        Path dir;
        try {
            dir = Files.createTempDirectory("integrations-context-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ContextStore store = StoreLocation.dataDir(dir, true).open();
        ObjectMapper json = new ObjectMapper();
        long now = System.currentTimeMillis();
        for (int i = 0; i < NAMES.size(); i++) {
            ObjectNode task = json.createObjectNode().put("gid", String.valueOf(9001 + i)).put("name", NAMES.get(i))
                    .put("completed", COMPLETED[i]).put("due_on", DUE[i])
                    .put("notes", NAMES.get(i) + ": what to do, who to ask and where the files are. " + "-".repeat(120));
            task.putObject("assignee").put("name", ASSIGNEES[i]);
            store.upsert("local", "tasks", task, now);
        }
        store.markSynced("local", "tasks", now);
        return new StoredTasks(dir, store, new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(
                sim.personalAccessToken()), ConnectorOptions.builder().baseUrl(sim.baseUrl())
                .localActions(new StoreLocalActions(store, "local")).build()));
    }

    @Override
    public void close() {
        connector.close();
    }
}
