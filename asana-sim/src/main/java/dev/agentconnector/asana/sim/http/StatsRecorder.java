package dev.agentconnector.asana.sim.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters updated by the server and read through the public stats view. */
public final class StatsRecorder {
    private final LongAdder api = new LongAdder();
    private final LongAdder token = new LongAdder();
    private final LongAdder limited = new LongAdder();
    private final LongAdder files = new LongAdder();
    private final LongAdder filesWithAuth = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final AtomicInteger maxReads = new AtomicInteger();
    private final AtomicInteger maxWrites = new AtomicInteger();
    private final List<Map<String, String>> forms = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap<String, Boolean> agentSet = new ConcurrentHashMap<>();
    private final List<String> agents = Collections.synchronizedList(new ArrayList<>());

    /** Counts one API request. */
    public void apiRequest(String method, String path, String userAgent) {
        api.increment();
        byRoute.computeIfAbsent(method + ' ' + path, k -> new LongAdder()).increment();
        userAgent(userAgent);
    }

    /** Counts one token-endpoint request with its form fields. */
    public void tokenRequest(Map<String, String> form, String userAgent) {
        token.increment();
        forms.add(Collections.unmodifiableMap(new LinkedHashMap<>(form)));
        userAgent(userAgent);
    }

    private void userAgent(String ua) {
        if (ua != null && agentSet.putIfAbsent(ua, Boolean.TRUE) == null) {
            agents.add(ua);
        }
    }

    /** Counts one request for file content, noting whether it carried an Authorization header. */
    public void fileRequest(boolean hadAuthorization) {
        files.increment();
        if (hadAuthorization) {
            filesWithAuth.increment();
        }
    }

    /** File-content requests. */
    public long fileRequests() {
        return files.sum();
    }

    /** File-content requests that carried an Authorization header. */
    public long fileRequestsWithAuthorization() {
        return filesWithAuth.sum();
    }

    /** Counts one 429 answer. */
    public void rateLimited() {
        limited.increment();
    }

    /** Records an observed number of in-flight reads. */
    public void observeReads(int inFlight) {
        maxReads.accumulateAndGet(inFlight, Math::max);
    }

    /** Records an observed number of in-flight writes. */
    public void observeWrites(int inFlight) {
        maxWrites.accumulateAndGet(inFlight, Math::max);
    }

    /** Total API requests. */
    public long apiRequests() {
        return api.sum();
    }

    /** Total token-endpoint requests. */
    public long tokenRequests() {
        return token.sum();
    }

    /** Total 429 answers. */
    public long rateLimitedCount() {
        return limited.sum();
    }

    /** API requests with the given method whose path starts with the prefix. */
    public long requests(String method, String pathPrefix) {
        long n = 0;
        String prefix = method + ' ' + pathPrefix;
        for (Map.Entry<String, LongAdder> e : byRoute.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    /** Highest in-flight reads seen for one token. */
    public int maxConcurrentReads() {
        return maxReads.get();
    }

    /** Highest in-flight writes seen for one token. */
    public int maxConcurrentWrites() {
        return maxWrites.get();
    }

    /** Token-endpoint forms in arrival order. */
    public List<Map<String, String>> tokenForms() {
        synchronized (forms) {
            return List.copyOf(forms);
        }
    }

    /** Distinct User-Agent values in first-seen order. */
    public List<String> userAgents() {
        synchronized (agents) {
            return List.copyOf(agents);
        }
    }

    /** Clears every counter. */
    public void reset() {
        api.reset();
        token.reset();
        limited.reset();
        files.reset();
        filesWithAuth.reset();
        byRoute.clear();
        maxReads.set(0);
        maxWrites.set(0);
        forms.clear();
        agentSet.clear();
        agents.clear();
    }
}
