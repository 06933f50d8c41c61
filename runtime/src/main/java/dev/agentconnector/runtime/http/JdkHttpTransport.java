package dev.agentconnector.runtime.http;

import dev.agentconnector.runtime.error.TransportException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** The bottom of the stack: one {@link HttpClient} (connection reuse, HTTP/1.1 keep-alive) and a per-request timeout. */
public final class JdkHttpTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(JdkHttpTransport.class.getName());
    private final Supplier<HttpClient> client;
    private final Duration requestTimeout;

    /**
     * @param client         a shared client (its connect timeout and redirect policy apply)
     * @param requestTimeout time allowed for the response headers to arrive
     */
    public JdkHttpTransport(HttpClient client, Duration requestTimeout) {
        this(() -> client, requestTimeout);
    }

    /**
     * @param client         gives the client on each request; may create it on first use
     * @param requestTimeout time allowed for the response headers to arrive
     */
    public JdkHttpTransport(Supplier<HttpClient> client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Runs the client's completion steps on the thread that completes them (its selector thread) instead of handing
     * each one to a pool thread: API answers are small byte arrays, and every hand-off costs a thread wake-up on the
     * way back to the caller blocked in {@code send}.
     */
    private static final java.util.concurrent.Executor IN_PLACE = Runnable::run;

    /** A client for API calls: HTTP/1.1, no redirects (auth must never follow one elsewhere). */
    public static HttpClient apiClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .executor(IN_PLACE)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * An API client for endpoints that are all plain {@code http} (a local simulator or test server): as
     * {@link #apiClient(Duration)}, but without TLS. Building a JDK client otherwise sets up the default TLS context,
     * trust store included, which is most of the cost of a client in a fresh JVM. It cannot open {@code https}
     * connections: they fail with an {@link IOException} naming this.
     */
    public static HttpClient plainHttpApiClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .executor(IN_PLACE)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(NoTls.CONTEXT)
                .sslParameters(new SSLParameters())
                .build();
    }

    /** A client for unauthenticated file downloads, which may redirect to storage hosts. */
    public static HttpClient downloadClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(requestTimeout);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        b.method(request.method(), publisher);
        long start = System.nanoTime();
        try {
            ApiResponse response;
            if (request.streamBody()) {
                HttpResponse<java.io.InputStream> r = client.get().send(b.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                response = ApiResponse.ofStream(r.statusCode(), r.headers(), r.body());
            } else {
                HttpResponse<byte[]> r = client.get().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                response = ApiResponse.ofBytes(r.statusCode(), r.headers(), r.body());
            }
            // path only: queries can carry user text, and nothing here may carry credentials
            LOG.log(System.Logger.Level.DEBUG, () -> request.operation() + ": " + request.method() + " "
                    + request.uri().getRawPath() + " -> " + response.status() + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            return response;
        } catch (IOException e) {
            boolean neverSent = neverConnected(e);
            throw new TransportException(describe(request, e, neverSent), !neverSent, e);
        } catch (UnresolvedAddressException e) {
            throw new TransportException(request.operation() + ": cannot resolve host " + request.uri().getHost(),
                    false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(request.operation() + ": interrupted while waiting for "
                    + request.uri().getHost(), true, e);
        }
    }

    /** True when the failure happened before a connection existed, so the server cannot have seen the request. */
    static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ApiRequest request, IOException e, boolean neverSent) {
        String where = request.uri().getHost() + (request.uri().getPort() > 0 ? ":" + request.uri().getPort() : "");
        String what;
        if (neverSent) {
            what = "could not connect to " + where;
        } else if (e instanceof HttpTimeoutException) {
            what = "no answer from " + where + " in time";
        } else {
            what = "connection to " + where + " failed before a complete answer arrived";
        }
        String detail = reason(e);
        String hint = !neverSent && request.isWrite()
                ? "; the change may or may not have been applied, so check before repeating it"
                : "";
        return request.operation() + ": " + what + (detail == null ? "" : " (" + detail + ")") + hint;
    }

    /** Why the exchange failed, in words: never the exception's class name, which callers cannot act on. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof HttpTimeoutException) {
                return "request timed out";
            }
        }
        String m = e.getMessage();
        // JDK messages are words ("Connection reset", "header parser received no bytes"); class names are not
        return m == null || m.isBlank() || m.matches("(?s).*\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*.*")
                || m.contains("Exception") ? null : m;
    }

    /** The TLS context of {@link #plainHttpApiClient}: one that refuses to make TLS connections. */
    private static final class NoTls extends SSLContextSpi {
        static final SSLContext CONTEXT = new SSLContext(new NoTls(), null, "none") {
        };

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("this HTTP client is for plain http endpoints only; "
                    + "https needs a client with TLS");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
