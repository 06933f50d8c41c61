package dev.agentconnector.integrations.langchain4j;

import org.junit.jupiter.api.Test;

import static dev.agentconnector.integrations.testsupport.DocSnippets.missingFrom;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/INTEGRATIONS.md shows the LangChain4j examples exactly as the build compiles and the tests run them. */
class IntegrationsDocTest {
    private static final String SOURCE =
            "integrations/langchain4j/src/test/java/dev/agentconnector/integrations/langchain4j/AssistantExample.java";

    @Test
    void theDocQuotesTheCompiledExamples() {
        assertThat(missingFrom("docs/INTEGRATIONS.md", SOURCE, "langchain4j-assistant", "langchain4j-read-only",
                "langchain4j-context-store")).isEmpty();
    }

    @Test
    void theReadmeQuotesTheMainExample() {
        assertThat(missingFrom("README.md", SOURCE, "langchain4j-assistant")).isEmpty();
    }
}
