package dev.agentconnector.server.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseTest {
    @Test
    void headersThatCouldSplitTheResponseAreRefused() {
        for (String value : List.of("a\r\nSet-Cookie: x=y", "a\u010d\u010aSet-Cookie: x=y", "\u0000", "caf\u00e9",
                "a\tb")) {
            assertThatThrownBy(() -> Response.redirect("http://h/" + value)).as(value)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Response.text(200, "x").header("X-A\r\nB", "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void visibleAsciiAndSpacesPass() {
        Response r = Response.redirect("https://app.example/done?x=%C4%8D#frag").header("X-Note", "a b ~");
        assertThat(r.headers()).containsEntry("Location", "https://app.example/done?x=%C4%8D#frag")
                .containsEntry("X-Note", "a b ~");
    }
}
