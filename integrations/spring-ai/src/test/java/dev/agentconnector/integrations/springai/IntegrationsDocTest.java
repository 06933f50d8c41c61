package dev.agentconnector.integrations.springai;

import org.junit.jupiter.api.Test;

import static dev.agentconnector.integrations.testsupport.DocSnippets.missingFrom;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/INTEGRATIONS.md shows the Spring AI examples exactly as the build compiles and the tests run them. */
class IntegrationsDocTest {
    private static final String SOURCE =
            "integrations/spring-ai/src/test/java/dev/agentconnector/integrations/springai/ChatClientExample.java";

    @Test
    void theDocQuotesTheCompiledExamples() {
        assertThat(missingFrom("docs/INTEGRATIONS.md", SOURCE, "spring-ai-chat-client", "spring-ai-read-only")).isEmpty();
    }

    @Test
    void theReadmeQuotesTheMainExample() {
        assertThat(missingFrom("README.md", SOURCE, "spring-ai-chat-client")).isEmpty();
    }
}
