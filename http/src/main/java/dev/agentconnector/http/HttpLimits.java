package dev.agentconnector.http;

import java.time.Duration;

/**
 * The limits a server on a public address needs. The defaults suit an API answered in milliseconds; see
 * {@link Builder} for each.
 *
 * @param headerTimeout         time a connection has to deliver a complete request head (request line and
 *                              headers), counted from its opening or from the end of its previous answer; a slow or
 *                              silent client is disconnected after it, so it cannot hold a connection slot
 * @param idleTimeout           longest silence (nothing read, nothing written) during a request before the
 *                              connection is closed
 * @param maxConnections        most connections open at once; beyond it new ones wait in the listen backlog
 * @param maxRequestHeaderBytes largest request head (request line plus headers); beyond it the answer is 431
 * @param maxThreads            most threads handling requests at once
 * @param stopTimeout           how long a stop waits for requests in flight to finish
 */
public record HttpLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections, int maxRequestHeaderBytes,
                         int maxThreads, Duration stopTimeout) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_THREADS = 200;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    public HttpLimits {
        positive("headerTimeout", headerTimeout);
        positive("idleTimeout", idleTimeout);
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must be zero or more");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if (maxRequestHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxRequestHeaderBytes must be at least 1024, got "
                    + maxRequestHeaderBytes);
        }
        if (maxThreads < 8) {
            throw new IllegalArgumentException("maxThreads must be at least 8, got " + maxThreads);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }

    /** The defaults: 10 s to send a request head, 30 s idle, 1,000 connections, 16 KiB of headers, 200 threads. */
    public static HttpLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().headerTimeout(headerTimeout).idleTimeout(idleTimeout).maxConnections(maxConnections)
                .maxRequestHeaderBytes(maxRequestHeaderBytes).maxThreads(maxThreads).stopTimeout(stopTimeout);
    }

    /** Builds {@link HttpLimits}; every setting starts at its default. */
    public static final class Builder {
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxRequestHeaderBytes = DEFAULT_MAX_REQUEST_HEADER_BYTES;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

        private Builder() {
        }

        public Builder headerTimeout(Duration d) {
            this.headerTimeout = d;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = n;
            return this;
        }

        public Builder maxRequestHeaderBytes(int n) {
            this.maxRequestHeaderBytes = n;
            return this;
        }

        public Builder maxThreads(int n) {
            this.maxThreads = n;
            return this;
        }

        public Builder stopTimeout(Duration d) {
            this.stopTimeout = d;
            return this;
        }

        public HttpLimits build() {
            return new HttpLimits(headerTimeout, idleTimeout, maxConnections, maxRequestHeaderBytes, maxThreads,
                    stopTimeout);
        }
    }
}
