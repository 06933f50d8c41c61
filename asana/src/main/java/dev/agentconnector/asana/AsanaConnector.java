package dev.agentconnector.asana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.exec.Download;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.exec.Executor;
import dev.agentconnector.runtime.exec.LocalActions;
import dev.agentconnector.runtime.exec.LocalExecutor;
import dev.agentconnector.runtime.hosted.HostedExecutor;
import dev.agentconnector.runtime.spec.ConnectorSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Asana connector: {@code execute(entity, action, params)} over Asana's REST API. Thread-safe; create one per
 * credential and share it.
 *
 * <pre>{@code
 * try (var asana = new AsanaConnector(new AsanaPersonalAccessTokenAuthConfig(token))) {
 *     ExecutionResult r = asana.execute("tasks", "get", Map.of("task_gid", "1204567890123456"));
 * }
 * }</pre>
 */
public final class AsanaConnector implements Executor {
    private final Executor executor;
    private final java.util.concurrent.Executor async;
    private final ExecutorService ownPool;
    private volatile String description; // made on first use; a race only repeats the work
    private volatile String readOnlyDescription;

    /** A local connector with default options (Asana's own URLs). */
    public AsanaConnector(AsanaAuthConfig auth) {
        this(auth, ConnectorOptions.defaults());
    }

    /**
     * A local connector (personal access token or OAuth2) or a hosted one; {@code options} can point a local one
     * elsewhere (e.g. the simulator) and tune timeouts, retries and limits.
     */
    public AsanaConnector(AsanaAuthConfig auth, ConnectorOptions options) {
        this(executor(requireAuth(auth), options), options);
    }

    private static Executor executor(AsanaAuthConfig auth, ConnectorOptions options) {
        if (auth instanceof AsanaPersonalAccessTokenAuthConfig pat) {
            return new LocalExecutor(AsanaSpec.get(), pat.toCredentials(), options);
        }
        if (auth instanceof AsanaOauth2AuthConfig oauth) {
            return new LocalExecutor(AsanaSpec.get(), oauth.toCredentials(), options);
        }
        return new HostedExecutor(AsanaSpec.get(), ((AsanaHostedAuthConfig) auth).toHostedConfig(), options);
    }

    /** A connector over any executor (local or hosted) with the given options for async calls. */
    public AsanaConnector(Executor executor, ConnectorOptions options) {
        this.executor = executor;
        if (options.asyncExecutor() != null) {
            this.async = options.asyncExecutor();
            this.ownPool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.ownPool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "asana-agent-async-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.async = ownPool;
        }
    }

    /** Credentials and endpoints from the environment; see {@link AsanaEnvironment}. */
    public static AsanaConnector fromEnv() {
        AsanaEnvironment env = AsanaEnvironment.fromSystem();
        return new AsanaConnector(env.authConfig(), env.options(ConnectorOptions.builder()).build());
    }

    private static AsanaAuthConfig requireAuth(AsanaAuthConfig auth) {
        if (auth == null) {
            throw new ConfigurationException("an auth config is required: new AsanaPersonalAccessTokenAuthConfig(token), "
                    + "new AsanaOauth2AuthConfig(accessToken, refreshToken, clientId, clientSecret) or "
                    + "AsanaHostedAuthConfig.forWorkspace(clientId, clientSecret, workspaceName)");
        }
        return auth;
    }

    /**
     * Runs one operation. Never throws for bad params or Asana errors: they come back as {@code success == false}
     * with a message naming the problem and the typed exception in {@link ExecutionResult#exception()}.
     */
    @Override
    public ExecutionResult execute(String entity, String action, Map<String, ?> params) {
        return executor.execute(entity, action, params);
    }

    /**
     * {@link #execute(String, String, Map)} with params as a JSON object (null or a missing node = none), validated
     * as they are.
     */
    @Override
    public ExecutionResult execute(String entity, String action, JsonNode params) {
        return executor.execute(entity, action, params);
    }

    /** {@link #execute(String, String, Map)} without params. */
    public ExecutionResult execute(String entity, String action) {
        return executor.execute(entity, action, Map.of());
    }

    /** {@link #execute(String, String, Map)} on a background thread. */
    public CompletableFuture<ExecutionResult> executeAsync(String entity, String action, Map<String, ?> params) {
        return CompletableFuture.supplyAsync(() -> executor.execute(entity, action, params), async);
    }

    /** Runs one operation and returns its data, throwing the typed exception on failure. */
    public JsonNode executeOrThrow(String entity, String action, Map<String, ?> params) {
        return execute(entity, action, params).orThrow();
    }

    /**
     * Downloads an attachment to {@code target} (streamed; written to a temporary file and moved into place when
     * complete). Returns the bytes written.
     */
    public long download(String attachmentGid, Path target, boolean overwrite) throws IOException {
        ExecutionResult r = execute("attachments", "download", Map.of("attachment_gid", attachmentGid));
        r.orThrow();
        try (Download d = r.download().orElseThrow()) {
            return d.saveTo(target, overwrite);
        }
    }

    /**
     * The description a model reads to call this connector: every entity, action and param, and the actions it
     * answers without calling Asana ({@link #localActions()}, e.g. the context store's search) with their guide,
     * under 12,000 characters.
     */
    public String toolDescription() {
        return toolDescription(false);
    }

    /** {@link #toolDescription()}, or with {@code readOnly} the one without create, update and delete. */
    public String toolDescription(boolean readOnly) {
        String text = readOnly ? readOnlyDescription : description;
        if (text == null) {
            text = AsanaToolDescription.of(localActions(), readOnly);
            if (readOnly) {
                readOnlyDescription = text;
            } else {
                description = text;
            }
        }
        return text;
    }

    /**
     * The actions this connector answers without calling Asana: those of {@code ConnectorOptions.localActions}
     * (e.g. {@code context_store_search} and {@code context_store_aggregate} over a store), those its executor
     * answers itself, or {@link LocalActions#NONE}.
     */
    @Override
    public LocalActions localActions() {
        return executor.localActions();
    }

    /** The Asana spec this connector runs. */
    public ConnectorSpec spec() {
        return AsanaSpec.get();
    }

    @Override
    public void close() {
        executor.close();
        if (ownPool != null) {
            ownPool.shutdown();
        }
    }

    @Override
    public String toString() {
        return "AsanaConnector[" + executor.getClass().getSimpleName() + "]";
    }
}
