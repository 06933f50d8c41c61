package dev.agentconnector.integrations.springai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/INTEGRATIONS.md shows the Spring AI examples exactly as the build compiles and the tests run them. */
class IntegrationsDocTest {
    private static final String SOURCE =
            "integrations/spring-ai/src/test/java/dev/agentconnector/integrations/springai/ChatClientExample.java";

    @Test
    void theDocQuotesTheCompiledExamples() {
        String source = DocSnippets.read(SOURCE);
        String doc = DocSnippets.read("docs/INTEGRATIONS.md");
        for (String name : new String[] {"spring-ai-chat-client", "spring-ai-read-only"}) {
            assertThat(doc).as(name).contains("```java\n" + DocSnippets.snippet(source, name) + "\n```");
        }
    }

    @Test
    void theReadmeQuotesTheMainExample() {
        String source = DocSnippets.read(SOURCE);
        assertThat(DocSnippets.read("README.md")).contains("```java\n" + DocSnippets.snippet(source, "spring-ai-chat-client") + "\n```");
    }
}
