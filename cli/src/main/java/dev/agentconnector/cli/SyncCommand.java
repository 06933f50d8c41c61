package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.contextstore.ContextStore;
import dev.agentconnector.contextstore.StoreLocation;
import dev.agentconnector.contextstore.asana.AsanaSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code asana-agent sync}: copies Asana into the local context store for context_store_search. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy Asana into the context store (an SQLite file in the data directory, or the database of "
                + "--db), for context_store_search and context_store_aggregate (asana-agent execute ENTITY "
                + "context_store_search --data-dir DIR ...).",
                "Credentials as for execute: ASANA_* variables, --sandbox or --hosted. The first run lists "
                        + "everything; later runs read only what changed since (Asana's events, one request per "
                        + "project plus one per changed task), and records deleted in Asana disappear from the store. "
                        + "A run that stops (a failure, Ctrl-C) keeps what it wrote; the next one resumes."},
        footer = {"", "Examples:",
                "  asana-agent sync --sandbox --data-dir /tmp/store",
                "  asana-agent sync --db 'jdbc:postgresql://localhost:5432/agents?user=me' --entities tasks,projects",
                "  asana-agent sync --data-dir /tmp/store --full      # list everything anew"})
final class SyncCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the SQLite store (default: asana-agent-data, as serve)")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "The store's database instead: jdbc:postgresql:... "
            + "or jdbc:sqlite:...")
    String db;

    @Option(names = "--workspace", paramLabel = "GID", description = "Only this workspace; repeatable (default: every "
            + "workspace the credentials see)")
    List<String> workspaces = new ArrayList<>();

    @Option(names = "--entities", paramLabel = "LIST", split = ",",
            description = "Entities to sync (default: workspaces, users, teams, projects, tags, sections, tasks; "
                    + "attachments take a request per task and are synced when named)")
    List<String> entities = new ArrayList<>();

    @Option(names = "--full", description = "List everything anew instead of reading the changes since the last "
            + "run, and remove whatever Asana no longer has")
    boolean full;

    @Option(names = "--sandbox", description = "Sync from an in-process Asana simulator (no account needed)")
    boolean sandbox;

    @Option(names = "--hosted", description = "Sync through a connector execution service (AIRBYTE_* variables)")
    boolean hosted;

    @Option(names = "--seed", defaultValue = "42", description = "Sandbox dataset seed (default: ${DEFAULT-VALUE})")
    long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Set<String> wanted = new LinkedHashSet<>();
        for (String e : entities.isEmpty() ? AsanaSync.DEFAULT_ENTITIES : entities) {
            if (!AsanaSync.ENTITIES.contains(e.trim())) {
                throw new IllegalArgumentException("--entities: unknown entity '" + e + "'; choose from "
                        + String.join(", ", AsanaSync.ENTITIES));
            }
            wanted.add(e.trim());
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        long[] lastLine = {0};
        try (ExecuteCommand.Target target = ExecuteCommand.Target.choose(sandbox, hosted, seed, err);
             AsanaConnector asana = new AsanaConnector(target.auth(), target.options())) {
            StoreLocation where = StoreLocation.of(db, dataDir, true);
            ContextStore store = where.open();
            err.println("asana-agent sync: into " + where.describe());
            err.flush();
            AsanaSync.Report report;
            try {
                report = new AsanaSync(asana, store, "local", Clock.systemUTC()).run(workspaces,
                        wanted, full, line -> {
                            long now = System.nanoTime();
                            if (terminal && now - lastLine[0] > 250_000_000L) {
                                lastLine[0] = now;
                                err.print("\r\033[K" + line);
                                err.flush();
                            }
                        });
            } catch (AsanaSync.SyncException e) {
                err.println((terminal ? "\r\033[K" : "") + "asana-agent: " + e.getMessage());
                return ExitCodes.API_ERROR;
            }
            if (terminal) {
                err.print("\r\033[K");
                err.flush();
            }
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode out = mapper.createObjectNode();
            out.put("store", where.describe());
            out.set("written", mapper.valueToTree(report.written()));
            out.set("removed", mapper.valueToTree(report.removed()));
            out.put("projects_listed", report.projectsListed());
            out.put("projects_incremental", report.projectsIncremental());
            out.put("changes", report.changes());
            out.put("requests", report.requests());
            out.put("took_ms", report.tookMillis());
            spec.commandLine().getOut().println(mapper.writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

}
