package dev.agentconnector.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.ConnectorOptions;
import dev.agentconnector.runtime.Version;
import dev.agentconnector.runtime.auth.AuthenticatingTransport;
import dev.agentconnector.runtime.auth.Authenticator;
import dev.agentconnector.runtime.auth.BearerTokenAuthenticator;
import dev.agentconnector.runtime.auth.Credentials;
import dev.agentconnector.runtime.auth.OAuth2Authenticator;
import dev.agentconnector.runtime.auth.OAuth2Credentials;
import dev.agentconnector.runtime.error.ApiError;
import dev.agentconnector.runtime.error.ApiException;
import dev.agentconnector.runtime.error.ConfigurationException;
import dev.agentconnector.runtime.error.ConnectorException;
import dev.agentconnector.runtime.http.ApiRequest;
import dev.agentconnector.runtime.http.ApiResponse;
import dev.agentconnector.runtime.http.HttpClients;
import dev.agentconnector.runtime.http.JdkHttpTransport;
import dev.agentconnector.runtime.http.LimitingTransport;
import dev.agentconnector.runtime.http.RequestLimiter;
import dev.agentconnector.runtime.http.RetryingTransport;
import dev.agentconnector.runtime.http.Transport;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.Pagination;
import dev.agentconnector.runtime.spec.StandardParams;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Executes operations by calling the API directly: validate → build request → auth → retry → limiter → HTTP →
 * records. Thread-safe; share one instance per credential.
 */
public final class LocalExecutor implements Executor {
    private final ConnectorSpec spec;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ParamValidator validator = new ParamValidator(mapper);
    private final RequestBuilder requests;
    private final ResponseReader responses;
    private final Transport api;
    private final Transport files;
    private final HttpClient apiClient;
    private final LazyClient downloadClient;
    private final String userAgent;
    private final LocalActions localActions;

    /**
     * @param spec        the connector spec
     * @param credentials how to authenticate
     * @param options     URLs, timeouts, retry and rate limits
     */
    public LocalExecutor(ConnectorSpec spec, Credentials credentials, ConnectorOptions options) {
        this.spec = spec;
        this.localActions = options.localActions();
        String base = stripSlash(options.baseUrl() != null ? options.baseUrl() : spec.baseUrl());
        URI baseUri = checkUrl(base, "base URL");
        this.userAgent = Version.userAgent(spec.name(), options.userAgentSuffix());
        HttpClients shared = options.httpClients();
        HttpClient apiClient;
        if (shared != null) {
            apiClient = shared.api();
            this.downloadClient = new LazyClient(shared::download, false);
        } else {
            // TLS is set up only where it can be used: downloads follow redirects to any (https) host, but API calls
            // only ever go to the base and token URLs, and when both are plain http their client needs none
            apiClient = plainHttp(baseUri, credentials, options)
                    ? JdkHttpTransport.plainHttpApiClient(options.connectTimeout())
                    : JdkHttpTransport.apiClient(options.connectTimeout());
            this.downloadClient = new LazyClient(() -> JdkHttpTransport.downloadClient(options.connectTimeout()), true);
        }
        this.apiClient = shared == null ? apiClient : null; // shared ones outlive us
        Transport http = new JdkHttpTransport(apiClient, options.requestTimeout());
        Transport limited = new LimitingTransport(http, new RequestLimiter(options.rateLimits(),
                options.requestWindow(), options.maxRateLimitWait(), options.maxRateLimitWaiting(), options.clock(),
                options.sleeper()));
        Transport retrying = new RetryingTransport(limited, options.retryPolicy(), options.sleeper(),
                () -> ThreadLocalRandom.current().nextDouble());
        Authenticator authenticator = authenticator(credentials, options, http);
        this.api = new AuthenticatingTransport(retrying, authenticator, baseUri);
        this.files = new RetryingTransport(
                new JdkHttpTransport(downloadClient::get, options.requestTimeout()),
                options.retryPolicy(), options.sleeper(), () -> ThreadLocalRandom.current().nextDouble());
        this.requests = new RequestBuilder(spec, base, userAgent, mapper);
        this.responses = new ResponseReader(spec, mapper);
    }

    /** True when every URL the API client can be sent to (base URL, OAuth token URL) is plain http. */
    private boolean plainHttp(URI baseUri, Credentials credentials, ConnectorOptions options) {
        if (!"http".equalsIgnoreCase(baseUri.getScheme())) {
            return false;
        }
        if (credentials instanceof Credentials.OAuth2) {
            String tokenUrl = options.tokenUrl() != null ? options.tokenUrl() : spec.tokenUrl();
            return tokenUrl != null && tokenUrl.regionMatches(true, 0, "http:", 0, 5);
        }
        return true;
    }

    private Authenticator authenticator(Credentials credentials, ConnectorOptions options, Transport http) {
        if (credentials instanceof Credentials.Bearer b) {
            return new BearerTokenAuthenticator(b.token());
        }
        if (credentials instanceof Credentials.OAuth2 o) {
            String tokenUrl = options.tokenUrl() != null ? options.tokenUrl() : spec.tokenUrl();
            if (tokenUrl == null) {
                throw new ConfigurationException("OAuth2 needs a token URL and the " + spec.name()
                        + " spec has none; set tokenUrl in the options");
            }
            return new OAuth2Authenticator(new OAuth2Credentials(checkUrl(tokenUrl, "token URL"), o.refreshToken(),
                    o.clientId(), o.clientSecret(), o.accessToken(), o.accessTokenExpiresAt(), null),
                    http, options.clock(), options.tokenListener(), spec.title(), options.refreshCoordinator());
        }
        throw new ConfigurationException("credentials are required: a bearer token or OAuth2 credentials");
    }

    /** The spec this executor runs. */
    public ConnectorSpec spec() {
        return spec;
    }

    /** The actions answered here instead of by the API: those of {@code ConnectorOptions.localActions}, or none. */
    @Override
    public LocalActions localActions() {
        return localActions == null ? LocalActions.NONE : localActions;
    }

    /** The User-Agent sent with every request. */
    public String userAgent() {
        return userAgent;
    }

    @Override
    public ExecutionResult execute(String entity, String action, Map<String, ?> params) {
        return run(entity, action, params);
    }

    /** As {@link #execute(String, String, Map)}, validating the JSON tree directly. */
    @Override
    public ExecutionResult execute(String entity, String action, JsonNode params) {
        return run(entity, action, params);
    }

    private ExecutionResult run(String entity, String action, Object params) {
        if (localActions != null && localActions.handles(entity, action)) {
            if (localActions.answeredByService()) {
                return ExecutionResult.failure(new ConfigurationException(entity + "." + action + " is answered by a "
                        + "connector execution service, and this connector is local: use a hosted connector, or "
                        + "give this one a store synced here (asana-agent sync; --data-dir or --db)"));
            }
            return localActions.run(entity, action, params instanceof JsonNode n ? n : mapper.valueToTree(params));
        }
        try {
            OperationSpec op = spec.operation(entity, action);
            ObjectNode p = validator.validate(op, params);
            if (op.isDownload()) {
                return download(op, p);
            }
            if (op.pagination() == Pagination.OFFSET && p.path(StandardParams.FETCH_ALL).asBoolean(false)) {
                return fetchAll(op, p);
            }
            return responses.read(op, api.send(requests.build(op, p)));
        } catch (ConnectorException e) {
            return ExecutionResult.failure(e);
        }
    }

    /** Follows {@code next_page} until the records run out or {@code max_records} is reached. */
    private ExecutionResult fetchAll(OperationSpec op, ObjectNode params) {
        int max = params.path(StandardParams.MAX_RECORDS).asInt(StandardParams.DEFAULT_MAX_RECORDS);
        int pageSize = params.path(StandardParams.LIMIT).asInt(100);
        ArrayNode all = mapper.createArrayNode();
        ObjectNode page = params.deepCopy();
        JsonNode next;
        int pages = 0;
        do {
            page.put(StandardParams.LIMIT, Math.min(pageSize, max - all.size()));
            ExecutionResult r = responses.read(op, api.send(requests.build(op, page)));
            r.data().forEach(all::add);
            pages++;
            next = r.meta().get("next_page");
            if (next != null && next.hasNonNull("offset")) {
                page.put(StandardParams.OFFSET, next.get("offset").asText());
            }
        } while (next != null && next.hasNonNull("offset") && all.size() < max);
        ObjectNode meta = mapper.createObjectNode();
        meta.set("next_page", next == null ? mapper.nullNode() : next);
        meta.put("pages", pages);
        meta.put("truncated", next != null && next.hasNonNull("offset"));
        return ExecutionResult.success(all, meta);
    }

    /** Reads the record's file URL, then streams the file from it without any auth header. */
    private ExecutionResult download(OperationSpec op, ObjectNode params) {
        ObjectNode metaParams = mapper.createObjectNode();
        Map<String, String> fileHeaders = new LinkedHashMap<>();
        fileHeaders.put("User-Agent", userAgent);
        fileHeaders.put("Accept", "*/*");
        for (ParamSpec p : op.params().values()) {
            JsonNode v = params.get(p.name());
            if (v == null) {
                continue;
            }
            if (p.location() == ParamLocation.HEADER) {
                fileHeaders.put(p.wireName(), v.asText());
            } else {
                metaParams.set(p.name(), v);
            }
        }
        OperationSpec metaOp = op;
        JsonNode record = responses.read(metaOp, api.send(requests.build(metaOp, metaParams))).data();
        String url = record.path(op.downloadUrlField()).asText(null);
        if (url == null || url.isBlank()) {
            throw new ApiException(op.qualifiedName(), spec.title(), 404, List.of(new ApiError(
                    "this record has no " + op.downloadUrlField() + " (files hosted outside " + spec.title()
                            + ", such as Box or external links, must be opened at their view_url)", null, null)),
                    null);
        }
        URI fileUri = checkUrl(url, op.downloadUrlField());
        ApiResponse file = files.send(new ApiRequest(op.qualifiedName(), "GET", fileUri, fileHeaders, null, true));
        if (file.status() != 200 && file.status() != 206) {
            byte[] body;
            try (file) {
                body = file.stream().readNBytes(4096);
            } catch (java.io.IOException e) {
                body = new byte[0];
            }
            throw responses.error(op.qualifiedName(), file, body);
        }
        long length = file.header("Content-Length").map(Long::parseLong).orElse(-1L);
        Download download = new Download(file.stream(), file.status(),
                file.header("Content-Type").orElse("application/octet-stream"), length,
                file.header("Content-Range").orElse(null), record.path("name").asText(null));
        ObjectNode data = mapper.createObjectNode();
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(op.downloadUrlField())) {
                data.set(e.getKey(), e.getValue()); // the URL is a short-lived capability: keep it out of results
            }
        });
        data.put("http_status", file.status());
        data.put("content_type", download.contentType());
        data.put("content_length", length);
        if (download.contentRange() != null) {
            data.put("content_range", download.contentRange());
        }
        return ExecutionResult.download(data, download);
    }

    /** Releases the HTTP clients' connections and threads where the JDK allows it (Java 21 and later). */
    @Override
    public void close() {
        close(apiClient);
        close(downloadClient.created());
    }

    private static void close(HttpClient c) {
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is best effort; the client is unusable either way
            }
        }
    }

    /** The download client, created on the first download: most calls never need one. */
    private static final class LazyClient {
        private final Supplier<HttpClient> factory;
        private final boolean owned;
        private volatile HttpClient client;

        LazyClient(Supplier<HttpClient> factory, boolean owned) {
            this.factory = factory;
            this.owned = owned;
        }

        HttpClient get() {
            HttpClient c = client;
            if (c == null) {
                synchronized (this) {
                    c = client;
                    if (c == null) {
                        c = factory.get();
                        client = c;
                    }
                }
            }
            return c;
        }

        /** The client if this executor created (and so owns) it, else null. */
        HttpClient created() {
            return owned ? client : null;
        }
    }

    private static URI checkUrl(String url, String what) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                    || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new ConfigurationException("the " + what + " must be an absolute http(s) URL, got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("the " + what + " is not a valid URL: '" + url + "'");
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
