package dev.agentconnector.asana.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.spec.FieldSpec;
import dev.agentconnector.runtime.spec.ParamType;
import dev.agentconnector.runtime.spec.RecordSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the record schemas of the Asana spec against the OpenAPI schemas they describe: every field exists there
 * with a compatible type, nested record schemas fit the nested OpenAPI objects, and the full and compact records
 * list every property Asana defines (Task against TaskResponse in particular).
 */
class RecordSchemaConformanceTest {

    /** Our schema name to the OpenAPI schema it describes. */
    private static final Map<String, Function<OpenApiDocument, JsonNode>> COUNTERPARTS = Map.ofEntries(
            component("Task", "TaskResponse"),
            component("TaskCompact", "TaskCompact"),
            component("Project", "ProjectResponse"),
            component("ProjectCompact", "ProjectCompact"),
            component("Workspace", "WorkspaceResponse"),
            component("WorkspaceCompact", "WorkspaceCompact"),
            component("User", "UserResponse"),
            component("UserCompact", "UserCompact"),
            component("Team", "TeamResponse"),
            component("TeamCompact", "TeamCompact"),
            component("Attachment", "AttachmentResponse"),
            component("AttachmentCompact", "AttachmentCompact"),
            component("Tag", "TagResponse"),
            component("TagCompact", "TagCompact"),
            component("Section", "SectionResponse"),
            component("SectionCompact", "SectionCompact"),
            component("Story", "StoryResponse"),
            component("Event", "EventResponse"),
            component("AsanaResource", "AsanaResource"),
            component("Like", "Like"),
            component("EnumOption", "EnumOption"),
            component("CustomFieldValue", "CustomFieldCompact"),
            entry("Membership", doc -> doc.items(doc.properties(doc.schema("TaskResponse")).get("memberships"))));

    /** Schemas that deliberately carry only the useful part of their counterpart. */
    private static final Set<String> PARTIAL = Set.of("CustomFieldValue");

    private static Map.Entry<String, Function<OpenApiDocument, JsonNode>> component(String ours, String theirs) {
        return entry(ours, doc -> doc.schema(theirs));
    }

    static Stream<Arguments> schemas() {
        return AsanaSpec.get().schemas().values().stream().map(s -> Arguments.of(s.name(), s));
    }

    @Test
    void everySchemaHasACounterpart() {
        assertThat(COUNTERPARTS.keySet()).containsAll(AsanaSpec.get().schemas().keySet());
    }

    @Test
    void taskCoversEveryTaskResponseProperty() {
        OpenApiDocument doc = OpenApiDocument.get();
        Set<String> apiFields = new TreeSet<>(doc.properties(doc.schema("TaskResponse")).keySet());
        assertThat(apiFields).hasSizeGreaterThan(30);
        assertThat(AsanaSpec.get().schemas().get("Task").fields().keySet()).containsAll(apiFields);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void fieldsExistInTheOpenApiSchema(String name, RecordSchema schema) {
        OpenApiDocument doc = OpenApiDocument.get();
        Function<OpenApiDocument, JsonNode> counterpart = COUNTERPARTS.get(name);
        assertThat(counterpart).as("no OpenAPI counterpart mapped for schema %s", name).isNotNull();
        Map<String, JsonNode> apiFields = doc.properties(counterpart.apply(doc));
        assertThat(apiFields).as("OpenAPI counterpart of %s has no properties", name).isNotEmpty();

        List<String> problems = new ArrayList<>();
        for (FieldSpec field : schema.fields().values()) {
            JsonNode apiField = apiFields.get(field.name());
            if (apiField == null) {
                problems.add("field '" + field.name() + "' is not a property of the OpenAPI schema");
                continue;
            }
            checkField(doc, field, apiField, problems);
        }
        if (!PARTIAL.contains(name)) {
            Set<String> missing = new TreeSet<>(apiFields.keySet());
            missing.removeAll(schema.fields().keySet());
            if (!missing.isEmpty()) {
                problems.add("lacks OpenAPI properties " + missing);
            }
        }
        assertThat(problems).as("schema %s does not match the OpenAPI document", name).isEmpty();
    }

    private static void checkField(OpenApiDocument doc, FieldSpec field, JsonNode apiField, List<String> problems) {
        String where = "field '" + field.name() + "'";
        Optional<String> apiType = doc.type(apiField);
        if (apiType.isPresent() && !apiType.get().equals(field.type().label())
                && !(field.type() == ParamType.NUMBER && "integer".equals(apiType.get()))) {
            problems.add(where + ": type " + field.type().label() + " but Asana says " + apiType.get());
        }
        if (field.type() == ParamType.ARRAY && field.itemType() != null) {
            Optional<String> itemType = doc.type(doc.items(apiField));
            if (itemType.isPresent() && !itemType.get().equals(field.itemType().label())) {
                problems.add(where + ": items " + field.itemType().label() + " but Asana says " + itemType.get());
            }
        }
        if (field.schema() != null) {
            RecordSchema nested = AsanaSpec.get().schemas().get(field.schema());
            JsonNode apiNested = field.type() == ParamType.ARRAY ? doc.items(apiField) : apiField;
            Set<String> apiNestedFields = doc.properties(apiNested).keySet();
            for (String nestedField : nested.fields().keySet()) {
                if (!apiNestedFields.contains(nestedField)) {
                    problems.add(where + ": schema " + field.schema() + " has '" + nestedField
                            + "', which the nested OpenAPI object lacks " + apiNestedFields);
                }
            }
        }
    }
}
