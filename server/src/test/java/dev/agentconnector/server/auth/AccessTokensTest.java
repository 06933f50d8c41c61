package dev.agentconnector.server.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class AccessTokensTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final AccessTokens tokens = new AccessTokens(new byte[32], CLOCK);
    private final String valid = tokens.issue(new Principal("org-1", "app-1", "customer-42"), Duration.ofMinutes(15));

    @Test
    void verifiesWhatItIssued() {
        Principal p = tokens.verify(valid);
        assertThat(p.organizationId()).isEqualTo("org-1");
        assertThat(p.applicationId()).isEqualTo("app-1");
        assertThat(p.workspaceName()).isEqualTo("customer-42");
    }

    @Test
    void truncatedAndHandMadeTokensAreInvalidNotErrors() {
        String claims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"org\":\"o\",\"app\":\"a\",\"exp\":99999999999}".getBytes(StandardCharsets.UTF_8));
        for (String token : List.of("v1.", "v1.e30", "v1..", "v1.e30.", "v1..abc", ".", "v1", "v1.=.=",
                "v1." + claims + ".", "v1." + claims + ".AAAA", "v1.e30.e30.e30", "v2." + claims + ".x",
                "v1.\u00e9.x", "v1.e30.\u0000")) {
            assertThatThrownBy(() -> tokens.verify(token)).as(token).isInstanceOf(TokenException.class)
                    .hasMessage("the access token is invalid");
        }
    }

    @Test
    void randomStringsAndMutationsOfValidTokensOnlyEverFailAsInvalid() {
        Random random = new Random(7);
        String alphabet = "v1.-_=+/ \u0000\u00e9AZaz09e30";
        for (int i = 0; i < 20_000; i++) {
            String candidate;
            if (i % 2 == 0) {
                StringBuilder sb = new StringBuilder(random.nextBoolean() ? "v1." : "");
                int n = random.nextInt(40);
                for (int j = 0; j < n; j++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                candidate = sb.toString();
            } else {
                StringBuilder sb = new StringBuilder(valid);
                int edits = 1 + random.nextInt(3);
                for (int j = 0; j < edits && sb.length() > 0; j++) {
                    int at = random.nextInt(sb.length());
                    switch (random.nextInt(3)) {
                        case 0 -> sb.deleteCharAt(at);
                        case 1 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        default -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                candidate = sb.toString();
            }
            if (candidate.equals(valid)) {
                continue;
            }
            String token = candidate;
            Throwable thrown = catchThrowable(() -> tokens.verify(token));
            if (thrown == null) {
                // base64 ignores the unused low bits of a last character: such a twin decodes to the same token
                assertThat(tokens.verify(token)).as("verify(%s)", token).isEqualTo(tokens.verify(valid));
            } else {
                assertThat(thrown).as("verify(%s)", token).isInstanceOf(TokenException.class);
            }
        }
    }

    @Test
    void expiredTokensSaySo() {
        AccessTokens later = new AccessTokens(new byte[32], Clock.offset(CLOCK, Duration.ofMinutes(16)));
        assertThatThrownBy(() -> later.verify(valid)).isInstanceOf(TokenException.class).hasMessageContaining("expired");
    }
}
