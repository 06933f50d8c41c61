package dev.agentconnector.asana.sim;

import dev.agentconnector.asana.sim.http.StatsRecorder;

import java.util.List;
import java.util.Map;

/** Request counters of a running simulator; every method is thread-safe. */
public final class SimStats {
    private final StatsRecorder r;

    SimStats(StatsRecorder r) {
        this.r = r;
    }

    /** Number of requests under {@code /api/1.0} (including failed, limited and dropped ones). */
    public long apiRequests() {
        return r.apiRequests();
    }

    /** Number of requests to the OAuth token endpoint. */
    public long tokenRequests() {
        return r.tokenRequests();
    }

    /** Number of API requests with the method whose path below {@code /api/1.0} starts with the prefix. */
    public long requests(String method, String pathPrefix) {
        return r.requests(method, pathPrefix);
    }

    /** Number of requests for attachment content at download URLs. */
    public long fileRequests() {
        return r.fileRequests();
    }

    /** Number of requests for attachment content that carried an Authorization header (clients should send none). */
    public long fileRequestsWithAuthorization() {
        return r.fileRequestsWithAuthorization();
    }

    /** Number of 429 answers sent. */
    public long rateLimited() {
        return r.rateLimitedCount();
    }

    /** The highest number of simultaneous GET requests seen for one token. */
    public int maxConcurrentReads() {
        return r.maxConcurrentReads();
    }

    /** The highest number of simultaneous write requests seen for one token. */
    public int maxConcurrentWrites() {
        return r.maxConcurrentWrites();
    }

    /** The form fields received by the token endpoint, in arrival order. */
    public List<Map<String, String>> tokenRequestForms() {
        return r.tokenForms();
    }

    /** Distinct User-Agent header values seen, in first-seen order. */
    public List<String> userAgents() {
        return r.userAgents();
    }

    /** Clears every counter. */
    public void reset() {
        r.reset();
    }
}
