package dev.agentconnector.asana.openapi;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Re-extracts the committed facts from the source documents.
 *
 * <p>Usage: {@code ExtractFacts OPENAPI_YAML OPERATIONS_JSON OUTPUT_DIR} (what {@code extract-facts.sh} runs).
 */
public final class ExtractFacts {
    private static final int MAX_CODE_POINTS = 20 * 1024 * 1024;

    private ExtractFacts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ExtractFacts OPENAPI_YAML OPERATIONS_JSON OUTPUT_DIR");
            System.exit(2);
        }
        Path openApi = Path.of(args[0]);
        Path operations = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        write(FactsExtractor.openApi(readYaml(openApi)), out.resolve("asana-openapi-facts.json"));
        write(FactsExtractor.operations(new ObjectMapper().readTree(operations.toFile())),
                out.resolve("reference-operations.json"));
    }

    /** Parses an OpenAPI document in YAML (Asana's is about 3 MB, over SnakeYAML's default size limit). */
    public static JsonNode readYaml(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        return new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build()).readTree(file.toFile());
    }

    /** The text a facts file holds: two-space indented JSON with a final newline, stable across runs. */
    public static String render(JsonNode facts) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        ObjectWriter writer = new ObjectMapper().writer(printer);
        return writer.writeValueAsString(facts) + "\n";
    }

    private static void write(JsonNode facts, Path file) throws IOException {
        Files.writeString(file, render(facts), StandardCharsets.UTF_8);
        System.err.println("wrote " + file + " (" + Files.size(file) + " bytes)");
    }
}
