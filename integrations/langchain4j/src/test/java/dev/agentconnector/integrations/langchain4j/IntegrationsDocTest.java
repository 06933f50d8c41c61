package dev.agentconnector.integrations.langchain4j;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/INTEGRATIONS.md shows the LangChain4j examples exactly as the build compiles and the tests run them. */
class IntegrationsDocTest {
    private static final String SOURCE =
            "integrations/langchain4j/src/test/java/dev/agentconnector/integrations/langchain4j/AssistantExample.java";

    @Test
    void theDocQuotesTheCompiledExamples() {
        String source = DocSnippets.read(SOURCE);
        String doc = DocSnippets.read("docs/INTEGRATIONS.md");
        for (String name : new String[] {"langchain4j-assistant", "langchain4j-read-only"}) {
            assertThat(doc).as(name).contains("```java\n" + DocSnippets.snippet(source, name) + "\n```");
        }
    }

    @Test
    void theReadmeQuotesTheMainExample() {
        String source = DocSnippets.read(SOURCE);
        assertThat(DocSnippets.read("README.md")).contains("```java\n" + DocSnippets.snippet(source, "langchain4j-assistant") + "\n```");
    }
}
