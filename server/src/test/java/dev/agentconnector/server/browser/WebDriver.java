package dev.agentconnector.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A small W3C WebDriver client for headless Chromium driven by Debian's chromedriver: enough to open a page, click
 * a button and read where the browser ended up.
 */
final class WebDriver implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    private final String base;
    private final String session;
    private final Path profile;

    private WebDriver(Process driver, String base, String session, Path profile) {
        this.driver = driver;
        this.base = base;
        this.session = session;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts chromedriver on a free port and opens a headless Chromium session. */
    static WebDriver start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://127.0.0.1:" + port;
        ObjectMapper m = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (m.readTree(r.body()).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            if (System.nanoTime() > deadline) {
                driver.destroyForcibly();
                throw new IllegalStateException("chromedriver did not become ready");
            }
            Thread.sleep(100);
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ObjectNode caps = m.createObjectNode();
        ObjectNode chrome = caps.putObject("capabilities").putObject("alwaysMatch").putObject("goog:chromeOptions");
        chrome.put("binary", CHROMIUM.toString());
        var args = chrome.putArray("args");
        for (String a : List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile)) {
            args.add(a);
        }
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(m.writeValueAsString(caps))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode value = m.readTree(created.body()).path("value");
        if (!value.hasNonNull("sessionId")) {
            driver.destroyForcibly();
            throw new IllegalStateException("could not start Chromium: " + value.path("message").asText(created.body()));
        }
        return new WebDriver(driver, base, value.get("sessionId").asText(), profile);
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/session/" + session + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = json.readTree(r.body()).path("value");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + ": " + value.path("message").asText());
        }
        return value;
    }

    void open(String url) throws Exception {
        call("POST", "/url", java.util.Map.of("url", url));
    }

    String currentUrl() throws Exception {
        return call("GET", "/url", null).asText();
    }

    String pageText() throws Exception {
        return call("POST", "/execute/sync", java.util.Map.of("script", "return document.body.innerText;",
                "args", List.of())).asText();
    }

    /** Clicks the element matching a CSS selector. */
    void click(String css) throws Exception {
        JsonNode el = call("POST", "/element", java.util.Map.of("using", "css selector", "value", css));
        if (!el.hasNonNull(ELEMENT)) {
            throw new IllegalStateException("no element " + css + " on " + currentUrl() + ": " + el
                    + "; page: " + pageText());
        }
        call("POST", "/element/" + el.get(ELEMENT).asText() + "/click", java.util.Map.of());
    }

    /** Waits until the current URL starts with {@code prefix}. */
    String awaitUrl(String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = currentUrl();
        while (!url.startsWith(prefix) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            url = currentUrl();
        }
        return url;
    }

    /** Saves a PNG screenshot (for looking at what a failed run showed). */
    void screenshot(Path file) throws Exception {
        Files.write(file, Base64.getDecoder().decode(call("GET", "/screenshot", null).asText()));
    }

    @Override
    public void close() {
        try {
            call("DELETE", "", null);
        } catch (Exception ignored) {
            // the driver is stopped below either way
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (Exception ignored) {
            // best effort clean-up of a temporary profile
        }
    }
}
