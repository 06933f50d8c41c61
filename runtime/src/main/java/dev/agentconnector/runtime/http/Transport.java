package dev.agentconnector.runtime.http;

/**
 * Sends one request and returns the response, whatever its status. Implementations are small decorators stacked
 * over {@link JdkHttpTransport}: auth → retry → limiter → HTTP. I/O failures surface as
 * {@link dev.agentconnector.runtime.error.TransportException}.
 */
@FunctionalInterface
public interface Transport {
    ApiResponse send(ApiRequest request);
}
