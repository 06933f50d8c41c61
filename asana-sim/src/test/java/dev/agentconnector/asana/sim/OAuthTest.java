package dev.agentconnector.asana.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The OAuth consent page, the code and refresh grants and token expiry. */
class OAuthTest extends SimTestBase {
    private static final String REDIRECT = "http://localhost:7777/callback";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    @AfterEach
    void resetKnobs() {
        sim.control().reset();
    }

    private static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private SimHttp.Resp postForm(String url, Map<String, String> fields) {
        return SimHttp.exchange(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "oauth-test-agent")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    private SimHttp.Resp token(Map<String, String> fields) {
        return postForm(sim.tokenUrl(), fields);
    }

    /** Runs the consent page like a browser and returns the redirect Location. */
    private String consent(String extraQuery, String decision) {
        SimHttp.Resp page = SimHttp.getUrl(sim.authorizeUrl() + "?client_id=" + sim.clientId() + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&response_type=code&state=st%20ate"
                + extraQuery);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("id=\"allow\"").contains("id=\"deny\"").contains("method=\"post\"");
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&"));
        }
        fields.put("decision", decision);
        SimHttp.Resp answer = postForm(sim.authorizeUrl(), fields);
        assertThat(answer.status()).isEqualTo(302);
        return answer.header("Location");
    }

    private static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : URI.create(location).getRawQuery().split("&")) {
            int eq = part.indexOf('=');
            out.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private Map<String, String> codeGrant(String code) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("client_id", sim.clientId());
        f.put("client_secret", sim.clientSecret());
        f.put("redirect_uri", REDIRECT);
        f.put("code", code);
        return f;
    }

    private Map<String, String> refreshGrant(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("client_id", sim.clientId());
        f.put("client_secret", sim.clientSecret());
        f.put("refresh_token", refreshToken);
        return f;
    }

    @Test
    void authorizationCodeFlowThenRefresh() {
        String location = consent("", "allow");
        assertThat(location).startsWith(REDIRECT + "?");
        Map<String, String> q = query(location);
        assertThat(q.get("state")).isEqualTo("st ate");
        String code = q.get("code");

        SimHttp.Resp r = token(codeGrant(code));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("token_type").asText()).isEqualTo("bearer");
        assertThat(t.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(t.get("refresh_token").asText()).isNotBlank();
        assertThat(t.get("data").get("gid").asText()).isEqualTo(fx.meGid());
        assertThat(t.get("data").get("email").asText()).isEqualTo(fx.meEmail());
        String access = t.get("access_token").asText();
        assertThat(api.withToken(access).get("/users/me").status()).isEqualTo(200);

        SimHttp.Resp reused = token(codeGrant(code));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");

        SimHttp.Resp refreshed = token(refreshGrant(t.get("refresh_token").asText()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token")).isFalse();
        String access2 = refreshed.json().get("access_token").asText();
        assertThat(access2).isNotEqualTo(access);
        assertThat(api.withToken(access2).get("/users/me").status()).isEqualTo(200);

        assertThat(sim.stats().tokenRequestForms()).anySatisfy(f ->
                assertThat(f).containsEntry("grant_type", "authorization_code").containsEntry("code", code));
        assertThat(sim.stats().userAgents()).contains("oauth-test-agent");
    }

    @Test
    void pkceIsEnforcedWhenAChallengeWasSent() throws Exception {
        String verifier = "a-long-enough-code-verifier-0123456789-abcdefghijklmnop";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String code = query(consent("&code_challenge=" + challenge + "&code_challenge_method=S256", "allow"))
                .get("code");
        Map<String, String> bad = codeGrant(code);
        bad.put("code_verifier", "wrong");
        assertThat(token(bad).json().get("error").asText()).isEqualTo("invalid_grant");
        String code2 = query(consent("&code_challenge=" + challenge + "&code_challenge_method=S256", "allow"))
                .get("code");
        Map<String, String> good = codeGrant(code2);
        good.put("code_verifier", verifier);
        assertThat(token(good).status()).isEqualTo(200);
    }

    @Test
    void denyRedirectsWithAccessDenied() {
        Map<String, String> q = query(consent("", "deny"));
        assertThat(q).containsEntry("error", "access_denied").containsEntry("state", "st ate").doesNotContainKey("code");
    }

    @Test
    void unknownClientGetsAPlainTextErrorPage() {
        SimHttp.Resp r = SimHttp.getUrl(sim.authorizeUrl() + "?client_id=123&redirect_uri=http://x/cb"
                + "&response_type=code&state=s");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.header("Location")).isNull();
    }

    @Test
    void tokenEndpointErrors() {
        SimHttp.Resp badRefresh = token(refreshGrant("2/1/2:nope"));
        assertThat(badRefresh.status()).isEqualTo(400);
        assertThat(badRefresh.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(badRefresh.json().get("error_description").asText()).isNotBlank();

        Map<String, String> wrongSecret = refreshGrant(sim.refreshToken());
        wrongSecret.put("client_secret", "wrong");
        SimHttp.Resp r401 = token(wrongSecret);
        assertThat(r401.status()).isEqualTo(401);
        assertThat(r401.json().get("error").asText()).isEqualTo("invalid_client");

        Map<String, String> noSecret = refreshGrant(sim.refreshToken());
        noSecret.remove("client_secret");
        assertThat(token(noSecret).status()).isEqualTo(401);
        sim.control().setRequireClientCredentials(false);
        assertThat(token(noSecret).status()).isEqualTo(200);

        Map<String, String> noGrant = refreshGrant(sim.refreshToken());
        noGrant.remove("grant_type");
        SimHttp.Resp r400 = token(noGrant);
        assertThat(r400.status()).isEqualTo(400);
        assertThat(r400.json().get("error").asText()).isEqualTo("invalid_request");

        assertThat(token(codeGrant("1/123:bogus")).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void revokedRefreshTokensStopWorking() {
        String refresh = token(codeGrant(query(consent("", "allow")).get("code"))).json().get("refresh_token")
                .asText();
        assertThat(token(refreshGrant(refresh)).status()).isEqualTo(200);
        sim.control().revokeRefreshToken(refresh);
        assertThat(token(refreshGrant(refresh)).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(token(refreshGrant(sim.refreshToken())).status()).isEqualTo(200);
    }

    @Test
    void expiredAccessTokensAnswer401UntilRefreshed() throws InterruptedException {
        String access = sim.issueAccessToken();
        assertThat(api.withToken(access).get("/users/me").status()).isEqualTo(200);
        sim.control().expireAllAccessTokens();
        SimHttp.Resp expired = api.withToken(access).get("/users/me");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("errors").get(0).get("message").asText()).contains("expired");
        contract().assertComponent("ErrorResponse", expired.json());
        assertThat(api.get("/users/me").status()).as("PATs do not expire").isEqualTo(200);

        sim.control().setAccessTokenTtl(Duration.ofMillis(1500));
        String shortLived = token(refreshGrant(sim.refreshToken())).json().get("access_token").asText();
        assertThat(api.withToken(shortLived).get("/users/me").status()).isEqualTo(200);
        Thread.sleep(1600);
        assertThat(api.withToken(shortLived).get("/users/me").status()).isEqualTo(401);
        SimHttp.Resp unknown = api.withToken("2/1/1:unknown").get("/users/me");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("errors").get(0).get("message").asText()).isEqualTo("Not Authorized");
    }
}
