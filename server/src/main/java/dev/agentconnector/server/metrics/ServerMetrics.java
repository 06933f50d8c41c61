package dev.agentconnector.server.metrics;

import dev.agentconnector.server.http.RequestObserver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics, in a registry of its own (several servers may share a JVM). Label values come from fixed
 * sets (route templates, spec entity and action names, error types), never from raw input or secrets.
 */
public final class ServerMetrics implements RequestObserver {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Counter executes;
    private final Histogram executeLatency;
    private final Counter refreshes;
    private final Counter asanaErrors;
    private final Counter rateLimitRefusals;
    private final Counter syncs;
    private final Histogram syncDuration;
    private final Counter syncRecords;
    private final Counter syncRequests;

    public ServerMetrics() {
        requests = Counter.builder().name("asana_agent_http_requests_total")
                .help("HTTP requests by method, route template and status").labelNames("method", "route", "status")
                .register(registry);
        latency = Histogram.builder().name("asana_agent_http_request_duration_seconds")
                .help("HTTP request latency by method, route template and status")
                .labelNames("method", "route", "status").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        executes = Counter.builder().name("asana_agent_executes_total")
                .help("Operations executed, by entity, action and status (success, error, validation_error)")
                .labelNames("entity", "action", "status").register(registry);
        executeLatency = Histogram.builder().name("asana_agent_execute_duration_seconds")
                .help("Time spent running operations against Asana, by entity and action")
                .labelNames("entity", "action").classicOnly()
                .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
        refreshes = Counter.builder().name("asana_agent_oauth_refreshes_total")
                .help("OAuth access-token renewals: refreshed (asked Asana), reused (another instance had renewed), "
                        + "failed").labelNames("outcome").register(registry);
        asanaErrors = Counter.builder().name("asana_agent_asana_errors_total")
                .help("Failed operations by error type").labelNames("type").register(registry);
        rateLimitRefusals = Counter.builder().name("asana_agent_rate_limit_refusals_total")
                .help("Operations answered 429 by the service's own per-connector limiter, never sent to Asana")
                .register(registry);
        syncs = Counter.builder().name("asana_agent_context_store_syncs_total")
                .help("Context-store sync passes run on this instance, by outcome (succeeded, failed, lease_lost)")
                .labelNames("outcome").register(registry);
        syncDuration = Histogram.builder().name("asana_agent_context_store_sync_duration_seconds")
                .help("Time a context-store sync pass took, by outcome").labelNames("outcome").classicOnly()
                .classicUpperBounds(0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600).register(registry);
        syncRecords = Counter.builder().name("asana_agent_context_store_sync_records_total")
                .help("Records written to or removed from the context store by sync passes").labelNames("change")
                .register(registry);
        syncRequests = Counter.builder().name("asana_agent_context_store_sync_requests_total")
                .help("Requests to Asana made by context-store sync passes").register(registry);
    }

    /** A finished sync pass: its outcome, duration, the records it wrote and removed, and its requests to Asana. */
    public void sync(String outcome, long nanos, long written, long removed, long requests) {
        syncs.labelValues(outcome).inc();
        syncDuration.labelValues(outcome).observe(nanos / 1e9);
        syncRecords.labelValues("written").inc(written);
        syncRecords.labelValues("removed").inc(removed);
        syncRequests.inc(requests);
    }

    @Override
    public void completed(String method, String route, int status, long nanos) {
        String s = Integer.toString(status);
        requests.labelValues(method, route, s).inc();
        latency.labelValues(method, route, s).observe(nanos / 1e9);
    }

    /** One execute with its outcome. */
    public void execute(String entity, String action, String status, long nanos) {
        executes.labelValues(entity, action, status).inc();
        executeLatency.labelValues(entity, action).observe(nanos / 1e9);
    }

    /** An OAuth renewal: {@code refreshed}, {@code reused} or {@code failed}. */
    public void oauthRefresh(String outcome) {
        refreshes.labelValues(outcome).inc();
    }

    /** A failed operation, by {@code errorType()}. */
    public void asanaError(String type) {
        asanaErrors.labelValues(type).inc();
    }

    /** An operation the service's own limiter refused (it is also counted as a failed {@code rate_limited}). */
    public void rateLimitRefusal() {
        rateLimitRefusals.inc();
    }

    /** Registers a gauge read at scrape time. */
    public void gauge(String name, String help, DoubleSupplier value) {
        registry.register(() -> GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value.getAsDouble()).build())
                .build());
    }

    /** Content type of {@link #scrape()}. */
    public String contentType() {
        return writer.getContentType();
    }

    /** All metrics in the Prometheus text format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
