package dev.agentconnector.asana.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The committed facts: Asana's OpenAPI document reduced by {@link FactsExtractor#openApi} and the reference
 * connector's operation names reduced by {@link FactsExtractor#operations}, each parsed once per JVM.
 */
public final class OpenApiFacts {
    /** Classpath resource of the OpenAPI facts. */
    public static final String OPENAPI_RESOURCE = "/dev/agentconnector/asana/openapi/asana-openapi-facts.json";
    /** Classpath resource of the reference connector's operations. */
    public static final String OPERATIONS_RESOURCE = "/dev/agentconnector/asana/openapi/reference-operations.json";

    private OpenApiFacts() {
    }

    /** Asana's OpenAPI document, structural facts only, in the document's own layout. */
    public static JsonNode openApi() {
        return Holder.OPENAPI;
    }

    /** The reference connector's operations: entity, action, method, path and parameter names. */
    public static JsonNode referenceOperations() {
        return Holder.OPERATIONS;
    }

    private static final class Holder {
        static final JsonNode OPENAPI = read(OPENAPI_RESOURCE);
        static final JsonNode OPERATIONS = read(OPERATIONS_RESOURCE);
    }

    static JsonNode read(String resource) {
        try (InputStream in = OpenApiFacts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; run "
                        + "asana-openapi/extract-facts.sh to create it");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
