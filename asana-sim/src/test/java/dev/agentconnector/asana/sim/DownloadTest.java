package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Attachment download URLs: unauthenticated, expiring, ranged and streamed. */
class DownloadTest extends SimTestBase {

    private JsonNode attachment(String gid) {
        return api.get("/attachments/" + gid).data();
    }

    @Test
    void downloadsNeedNoCredentialsAndIgnoreAuthorization() {
        JsonNode a = attachment(fx.attachmentGid());
        String url = a.get("download_url").asText();
        assertThat(url).startsWith(sim.origin() + "/__files/" + fx.attachmentGid() + "?exp=").contains("&sig=");
        SimHttp.Resp plain = SimHttp.getUrl(url);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Content-Length")).isEqualTo(a.get("size").asText());
        SimHttp.Resp withJunkAuth = SimHttp.getUrl(url, "Authorization", "Bearer definitely-not-valid");
        assertThat(withJunkAuth.status()).isEqualTo(200);
        assertThat(withJunkAuth.body()).isEqualTo(plain.body());
        assertThat(sim.stats().requests("GET", "/__files")).isZero();
    }

    @Test
    void everyFetchOfTheAttachmentMintsANewUrl() {
        String first = attachment(fx.attachmentGid()).get("download_url").asText();
        String second = attachment(fx.attachmentGid()).get("download_url").asText();
        assertThat(first).isNotEqualTo(second);
        assertThat(SimHttp.getUrl(first).status()).isEqualTo(200);
        assertThat(SimHttp.getUrl(second).status()).isEqualTo(200);
    }

    @Test
    void tamperedUrlsAreForbidden() {
        String url = attachment(fx.attachmentGid()).get("download_url").asText();
        String later = url.replaceFirst("exp=(\\d+)", "exp=9$1");
        assertThat(SimHttp.getUrl(later).status()).isEqualTo(403);
        assertThat(SimHttp.getUrl(url.substring(0, url.indexOf("&sig="))).status()).isEqualTo(403);
        assertThat(SimHttp.getUrl(sim.origin() + "/__files/" + fx.attachmentGid()).status()).isEqualTo(403);
    }

    @Test
    void rangesGive206WithExactBytes() {
        JsonNode a = attachment(fx.attachmentGid());
        long size = a.get("size").asLong();
        String full = SimHttp.getUrl(a.get("download_url").asText()).body();
        String url = attachment(fx.attachmentGid()).get("download_url").asText();

        SimHttp.Resp head = SimHttp.getUrl(url, "Range", "bytes=0-9");
        assertThat(head.status()).isEqualTo(206);
        assertThat(head.header("Content-Range")).isEqualTo("bytes 0-9/" + size);
        assertThat(head.header("Content-Length")).isEqualTo("10");
        assertThat(head.body()).isEqualTo(full.substring(0, 10));

        SimHttp.Resp tail = SimHttp.getUrl(url, "Range", "bytes=" + (size - 5) + "-");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(full.substring((int) size - 5));

        SimHttp.Resp suffix = SimHttp.getUrl(url, "Range", "bytes=-3");
        assertThat(suffix.body()).isEqualTo(full.substring((int) size - 3));

        SimHttp.Resp beyond = SimHttp.getUrl(url, "Range", "bytes=" + size + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + size);
    }

    @Test
    void largeAttachmentIsStreamedAndMatchesThePattern() throws IOException, InterruptedException {
        long size = 64L * 1024 * 1024;
        String gid = sim.addLargeAttachment(fx.taskGid(), "big.bin", size);
        JsonNode a = attachment(gid);
        assertThat(a.get("size").asLong()).isEqualTo(size);
        HttpResponse<InputStream> r = SimHttp.CLIENT.send(
                HttpRequest.newBuilder(URI.create(a.get("download_url").asText())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/octet-stream");
        long index = 0;
        long mismatches = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = r.body()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != AsanaSimulator.expectedByte(index + i)) {
                        mismatches++;
                    }
                }
                index += n;
            }
        }
        assertThat(index).isEqualTo(size);
        assertThat(mismatches).isZero();

        long from = 50_000_001L;
        HttpResponse<byte[]> middle = SimHttp.CLIENT.send(HttpRequest.newBuilder(
                URI.create(attachment(gid).get("download_url").asText()))
                .header("Range", "bytes=" + from + "-" + (from + 99)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(middle.statusCode()).isEqualTo(206);
        byte[] got = middle.body();
        assertThat(got).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(got[i]).isEqualTo(AsanaSimulator.expectedByte(from + i));
        }
    }

    @Test
    void urlsExpire() throws InterruptedException {
        try (AsanaSimulator quick = AsanaSimulator.builder().downloadUrlTtl(Duration.ofSeconds(1)).build().start()) {
            SimHttp client = new SimHttp(quick.baseUrl(), quick.personalAccessToken());
            String url = client.get("/attachments/" + quick.fixtures().attachmentGid()).data().get("download_url")
                    .asText();
            assertThat(SimHttp.getUrl(url).status()).isEqualTo(200);
            long exp = Long.parseLong(url.replaceFirst(".*exp=(\\d+).*", "$1"));
            while (System.currentTimeMillis() / 1000 <= exp) {
                Thread.sleep(100);
            }
            SimHttp.Resp expired = SimHttp.getUrl(url);
            assertThat(expired.status()).isEqualTo(403);
            assertThat(expired.body()).contains("expired");
        }
    }
}
