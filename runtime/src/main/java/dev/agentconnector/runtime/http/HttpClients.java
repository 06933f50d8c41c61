package dev.agentconnector.runtime.http;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The pair of JDK HTTP clients an executor uses: one for API calls (no redirects, so auth never follows one) and one
 * for file downloads (redirects followed, never authenticated). Share one pair across many executors (a service
 * holding many connectors) so that they share connection pools and selector threads.
 *
 * @param api      client for API calls
 * @param download client for file downloads
 */
public record HttpClients(HttpClient api, HttpClient download) {

    /** A new pair with the given connect timeout. */
    public static HttpClients create(Duration connectTimeout) {
        return new HttpClients(JdkHttpTransport.apiClient(connectTimeout), JdkHttpTransport.downloadClient(connectTimeout));
    }
}
