package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.asana.AsanaConnector;
import dev.agentconnector.asana.AsanaEnvironment;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.contextstore.StoreActions;
import dev.agentconnector.contextstore.StoreLocalActions;
import dev.agentconnector.contextstore.StoreLocation;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.exec.Download;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code asana-agent execute ENTITY ACTION}: runs one operation and prints the envelope. */
@Command(name = "execute", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one operation and print its result envelope {success, data, meta, error} as JSON on "
                + "stdout.",
                "Credentials come from ASANA_TOKEN (personal access token) or ASANA_REFRESH_TOKEN with "
                        + "ASANA_CLIENT_ID, ASANA_CLIENT_SECRET and optionally ASANA_ACCESS_TOKEN (OAuth2); "
                        + "ASANA_BASE_URL and ASANA_TOKEN_URL override Asana's endpoints.",
                "Exit codes: 0 ok, 1 Asana error or unreachable, 2 bad usage or params, 3 configuration, "
                        + "4 credentials rejected, 5 local file error."},
        footer = {"", "Examples:",
                "  asana-agent execute --sandbox workspaces list",
                "  asana-agent execute tasks get -p task_gid=1204567890123456",
                "  asana-agent execute project_tasks list -p project_gid=1204567890123456 -p limit=10",
                "  asana-agent execute tasks create --params '{\"data\":{\"name\":\"Write report\","
                        + "\"workspace\":\"1204567890123456\"}}'",
                "  asana-agent execute attachments download -p attachment_gid=1204567890123456 --output file.pdf",
                "  asana-agent execute tasks context_store_search --data-dir DIR --params "
                        + "'{\"query\":{\"filter\":{\"eq\":{\"completed\":false}}}}'"})
final class ExecuteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ENTITY", description = "Entity, e.g. tasks (see: asana-agent describe)")
    String entity;

    @Parameters(index = "1", paramLabel = "ACTION", description = "Action, e.g. list, get, create, update, delete")
    String action;

    @Option(names = "--params", paramLabel = "JSON", description = "All params as one JSON object")
    String paramsJson;

    @Option(names = "-p", paramLabel = "KEY=VALUE",
            description = "One param; repeatable. JSON values are parsed (10, true, [..], {..}); "
                    + "data.name=X sets a field of the data object")
    List<String> pairs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "For downloads: write the file here")
    Path output;

    @Option(names = "--overwrite", description = "For downloads: replace an existing file")
    boolean overwrite;

    @Option(names = "--sandbox", description = "Run against an in-process Asana simulator (no account needed)")
    boolean sandbox;

    @Option(names = "--hosted", description = "Execute through a connector execution service: AIRBYTE_CLIENT_ID, "
            + "AIRBYTE_CLIENT_SECRET, AIRBYTE_WORKSPACE_NAME or AIRBYTE_CONNECTOR_ID, optional AIRBYTE_API_URL and "
            + "AIRBYTE_ORGANIZATION_ID")
    boolean hosted;

    @Option(names = "--seed", defaultValue = "42", description = "Sandbox dataset seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "For context_store_search and context_store_aggregate: the store synced by asana-agent sync "
                    + "(default: asana-agent-data)")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "For context_store_search and "
            + "context_store_aggregate: the store's database instead of a data directory")
    String db;

    @Option(names = "--compact", description = "Print the envelope on one line")
    boolean compact;

    @Option(names = "--debug", description = "Print stack traces and request logs on stderr")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (debug) {
            Logs.enableDebug();
        }
        ObjectMapper mapper = new ObjectMapper();
        if (!compact) {
            mapper.enable(SerializationFeature.INDENT_OUTPUT);
        }
        if (StoreActions.handles(action)) {
            return storeAction(mapper);
        }
        OperationSpec op = AsanaSpec.get().operation(entity, action);
        if (op.isDownload() && output == null) {
            throw new IllegalArgumentException(op.qualifiedName() + " streams a file: add --output PATH");
        }
        ObjectNode params = new ParamParser(mapper, op.params().values().stream()
                .filter(p -> p.type() == ParamType.OBJECT).map(ParamSpec::name).collect(Collectors.toSet()))
                .parse(paramsJson, pairs);
        try (Target target = Target.choose(sandbox, hosted, seed, spec.commandLine().getErr());
             AsanaConnector asana = new AsanaConnector(target.auth(), target.options())) {
            ExecutionResult result = asana.execute(entity, action, mapper.convertValue(params, Map.class));
            ObjectNode envelope = result.toJson();
            if (result.success() && result.download().isPresent()) {
                try (Download d = result.download().get()) {
                    long bytes = d.saveTo(output, overwrite);
                    ObjectNode data = (ObjectNode) envelope.get("data");
                    data.put("saved_to", output.toAbsolutePath().toString());
                    data.put("bytes_written", bytes);
                }
            }
            spec.commandLine().getOut().println(mapper.writeValueAsString(envelope));
            spec.commandLine().getOut().flush();
            if (result.success()) {
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println("asana-agent: " + result.error());
            if (debug && result.exception() != null) {
                result.exception().printStackTrace(spec.commandLine().getErr());
            }
            return ExitCodes.of(result.exception());
        }
    }

    /** A search or aggregate on the local store: no Asana request, no credentials needed. */
    private int storeAction(ObjectMapper mapper) throws Exception {
        ObjectNode params = new ParamParser(mapper, java.util.Set.of("query", "filter")).parse(paramsJson, pairs);
        ExecutionResult result;
        if (hosted && dataDir == null && db == null) {
            // the service answers from the connector's records synced there
            try (Target target = Target.hosted();
                 AsanaConnector asana = new AsanaConnector(target.auth(), target.options())) {
                result = asana.execute(entity, action, params);
            }
        } else {
            result = StoreActions.run(StoreLocation.of(db, dataDir, false).open(), "local", entity, action, params);
        }
        spec.commandLine().getOut().println(mapper.writeValueAsString(result.toJson()));
        spec.commandLine().getOut().flush();
        if (result.success()) {
            return ExitCodes.OK;
        }
        spec.commandLine().getErr().println("asana-agent: " + result.error());
        return ExitCodes.USAGE;
    }

    /** Where calls go: Asana per the environment, an execution service, or an in-process simulator. */
    record Target(dev.agentconnector.asana.AsanaAuthConfig auth, ConnectorOptions options, Runnable onClose)
            implements AutoCloseable {

        @Override
        public void close() {
            onClose.run();
        }

        static Target fromEnv() {
            AsanaEnvironment env = AsanaEnvironment.fromSystem();
            return new Target(env.authConfig(), env.options(ConnectorOptions.builder()).build(), () -> { });
        }

        /** The simulator with --sandbox, a service with --hosted, else Asana per the environment. */
        static Target choose(boolean sandbox, boolean hosted, long seed, java.io.PrintWriter err) {
            if (sandbox && hosted) {
                throw new IllegalArgumentException("choose one of --sandbox and --hosted");
            }
            return sandbox ? sandbox(seed, err) : hosted ? hosted() : fromEnv();
        }

        static Target hosted() {
            // the service answers the store's actions from the connector's synced records
            return new Target(AsanaEnvironment.fromSystem().hostedAuthConfig(), ConnectorOptions.builder()
                    .localActions(StoreLocalActions.onTheService()).build(), () -> { });
        }

        static Target sandbox(long seed, java.io.PrintWriter err) {
            Sandbox sandbox = Sandbox.start(seed, err);
            return new Target(sandbox.auth(), sandbox.options(), sandbox::close);
        }
    }
}
