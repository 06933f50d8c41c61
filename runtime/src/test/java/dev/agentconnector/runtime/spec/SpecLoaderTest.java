package dev.agentconnector.runtime.spec;

import dev.agentconnector.runtime.TestSpecs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecLoaderTest {
    private static final String HEAD = """
            connector: x
            version: "1"
            base_url: http://h/api/
            schemas:
              R: {description: r, fields: {gid: {type: string}}}
            entities:
              things:
                description: things
                actions:
            """;

    @Test
    void loadsAndAddsStandardParams() {
        ConnectorSpec spec = TestSpecs.demo();
        OperationSpec list = spec.operation("items", "list");
        assertThat(list.params()).containsKeys("fields", "limit", "offset", "fetch_all", "max_records");
        assertThat(list.param("limit").minimum()).isEqualByComparingTo("1");
        assertThat(list.param("limit").maximum()).isEqualByComparingTo("100");
        assertThat(list.param("fields").wireName()).isEqualTo("opt_fields");
        assertThat(list.param("fetch_all").location()).isEqualTo(ParamLocation.CLIENT);
        assertThat(list.returnsList()).isTrue();
        assertThat(spec.operation("items", "create").returnsList()).isFalse();
        assertThat(spec.operation("items", "create").isWrite()).isTrue();
        assertThat(spec.title()).isEqualTo("Demo");
    }

    @Test
    void stripsTrailingSlashOfBaseUrl() {
        ConnectorSpec spec = TestSpecs.parse(HEAD + """
                      get: {description: d, method: GET, path: /t, returns: R}
                """);
        assertThat(spec.baseUrl()).isEqualTo("http://h/api");
    }

    @Test
    void unknownKeyIsNamedWithSuggestion() {
        assertThatThrownBy(() -> TestSpecs.parse(HEAD + """
                      get: {description: d, method: GET, path: /t, retuns: R}
                """)).isInstanceOf(SpecException.class)
                .hasMessageContaining("things.get: unknown key 'retuns' (did you mean 'returns'?)");
    }

    @Test
    void pathPlaceholderNeedsPathParam() {
        assertThatThrownBy(() -> TestSpecs.parse(HEAD + """
                      get: {description: d, method: GET, path: "/t/{id}"}
                """)).hasMessageContaining("path placeholder {id} has no 'in: path' param");
    }

    @Test
    void pathParamMustBeRequired() {
        assertThatThrownBy(() -> TestSpecs.parse(HEAD + """
                      get:
                        description: d
                        method: GET
                        path: /t/{id}
                        params:
                          id: {in: path, type: string, description: id}
                """)).hasMessageContaining("path param 'id' must be required");
    }

    @Test
    void unknownTypeAndMissingDescriptionFail() {
        assertThatThrownBy(() -> TestSpecs.parse(HEAD + """
                      get:
                        description: d
                        method: GET
                        path: /t
                        params:
                          q: {in: query, type: str, description: q}
                """)).hasMessageContaining("param 'q': unknown type 'str'");
        assertThatThrownBy(() -> TestSpecs.parse(HEAD + """
                      get:
                        description: d
                        method: GET
                        path: /t
                        params:
                          q: {in: query, type: string}
                """)).hasMessageContaining("param 'q': 'description' is required");
    }

    @Test
    void unknownSchemaReferenceFails() {
        assertThatThrownBy(() -> TestSpecs.parse(HEAD + """
                      get: {description: d, method: GET, path: /t, returns: Nope}
                """)).hasMessageContaining("returns unknown schema 'Nope'");
    }

    @Test
    void unknownEntityAndActionSuggest() {
        ConnectorSpec spec = TestSpecs.demo();
        assertThatThrownBy(() -> spec.operation("itemz", "list"))
                .hasMessageContaining("unknown entity 'itemz' (did you mean 'items'?)")
                .hasMessageContaining("valid entities: items");
        assertThatThrownBy(() -> spec.operation("items", "lst"))
                .hasMessageContaining("items.lst: entity 'items' has no action 'lst' (did you mean 'list'?)")
                .hasMessageContaining("it supports: list, create");
    }

    @Test
    void scalarWhereAListBelongsFails() {
        assertThatThrownBy(() -> TestSpecs.parse(HEAD + """
                      get: {description: d, method: GET, path: /t, default_fields: name}
                """)).hasMessageContaining("things.get: 'default_fields' must be a list");
    }
}
