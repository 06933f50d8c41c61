package dev.agentconnector.asana.spec;

import dev.agentconnector.asana.AsanaSpec;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.FieldSpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamLocation;
import dev.agentconnector.runtime.spec.ParamSpec;
import dev.agentconnector.runtime.spec.ParamType;
import dev.agentconnector.runtime.spec.Pagination;
import dev.agentconnector.runtime.spec.RecordSchema;
import dev.agentconnector.runtime.spec.StandardParams;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Asana spec loads and follows the conventions callers rely on; needs no reference files. */
class AsanaSpecTest {
    private static final Set<String> EMPTY_ANSWER_ACTIONS = Set.of("tasks.delete", "projects.delete", "tags.delete",
            "sections.delete", "section_tasks.create", "task_tags.create", "task_tags.delete", "attachments.download");

    private static Stream<OperationSpec> operations() {
        return AsanaSpec.get().entities().values().stream().flatMap(e -> e.actions().values().stream());
    }

    @Test
    void loadsWithTheConnectorSettings() {
        ConnectorSpec spec = AsanaSpec.get();
        assertThat(spec.name()).isEqualTo("asana");
        assertThat(spec.title()).isEqualTo("Asana");
        assertThat(spec.version()).isEqualTo("1.0.0");
        assertThat(spec.baseUrl()).isEqualTo("https://app.asana.com/api/1.0");
        assertThat(spec.tokenUrl()).isEqualTo("https://app.asana.com/-/oauth_token");
        assertThat(spec.fieldsParam()).isEqualTo("opt_fields");
        assertThat(spec.recordsField()).isEqualTo("data");
        assertThat(spec.nextPageField()).isEqualTo("next_page");
        assertThat(spec.entities()).hasSize(28);
        assertThat(spec.operationCount()).isEqualTo(48);
    }

    @Test
    void loadingTwiceReturnsTheSameInstance() {
        assertThat(AsanaSpec.get()).isSameAs(AsanaSpec.get());
    }

    @Test
    void everyGetExceptTheDownloadAcceptsFields() {
        List<String> without = operations()
                .filter(op -> op.method().equals("GET") && !op.isDownload() && !op.acceptsFields())
                .map(OperationSpec::qualifiedName).toList();
        assertThat(without).isEmpty();
        assertThat(operations().filter(op -> op.acceptsFields() && op.defaultFields().isEmpty())
                .map(OperationSpec::qualifiedName)).as("fields without defaults").isEmpty();
        ParamSpec fields = AsanaSpec.get().operation("tasks", "get").param(StandardParams.FIELDS);
        assertThat(fields.wireName()).isEqualTo("opt_fields");
        assertThat(fields.location()).isEqualTo(ParamLocation.QUERY);
    }

    @Test
    void recordReturningActionsNameTheirSchema() {
        for (OperationSpec op : operations().toList()) {
            String name = op.qualifiedName();
            if (EMPTY_ANSWER_ACTIONS.contains(name)) {
                assertThat(op.returns()).as("%s answers with an empty object", name).isNull();
                assertThat(op.acceptsFields()).as("%s has no record to select fields of", name).isFalse();
            } else {
                assertThat(op.returns()).as("%s returns", name).isNotNull();
                assertThat(AsanaSpec.get().schemas()).containsKey(op.returns());
                assertThat(op.acceptsFields()).as("%s accepts fields", name).isTrue();
            }
            if (op.action().equals("list")) {
                assertThat(op.returnsList()).as("%s returns a list", name).isTrue();
                assertThat(op.returns()).as("%s returns", name).isNotNull();
            } else {
                assertThat(op.returnsList()).as("%s returns one record", name).isFalse();
            }
        }
    }

    @Test
    void everythingIsDescribed() {
        List<String> missing = new ArrayList<>();
        ConnectorSpec spec = AsanaSpec.get();
        for (EntitySpec e : spec.entities().values()) {
            requireLine(missing, e.name(), e.description());
            for (OperationSpec op : e.actions().values()) {
                requireLine(missing, op.qualifiedName(), op.description());
                for (ParamSpec p : op.params().values()) {
                    describeParam(missing, op.qualifiedName() + ":" + p.name(), p);
                }
            }
        }
        for (RecordSchema s : spec.schemas().values()) {
            requireLine(missing, s.name(), s.description());
            for (FieldSpec f : s.fields().values()) {
                requireLine(missing, s.name() + "." + f.name(), f.description());
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void requiredQueryParamsAreRequired() {
        ConnectorSpec spec = AsanaSpec.get();
        assertThat(spec.operation("attachments", "list").param("parent").required()).isTrue();
        assertThat(spec.operation("user_teams", "list").param("organization").required()).isTrue();
        ParamSpec data = spec.operation("tasks", "create").param("data");
        assertThat(data.required()).isTrue();
        assertThat(data.properties().get("name").required()).isTrue();
        assertThat(data.properties().get("workspace").required()).as("implied by projects or parent").isFalse();
        assertThat(spec.operation("tasks", "create").requiresOneOf())
                .containsExactly(List.of("data.workspace"), List.of("data.projects"), List.of("data.parent"));
        assertThat(spec.operation("projects", "create").param("data").properties().get("workspace").required())
                .isTrue();
    }

    @Test
    void pathParamsAreRequiredIds() {
        for (OperationSpec op : operations().toList()) {
            for (ParamSpec p : op.params().values()) {
                if (p.location() == ParamLocation.PATH) {
                    assertThat(p.required()).as("%s %s", op.qualifiedName(), p.name()).isTrue();
                    assertThat(p.format()).as("%s %s", op.qualifiedName(), p.name())
                            .isEqualTo(p.name().equals("user_gid") ? "user" : "gid");
                }
            }
        }
    }

    @Test
    void everyParamHasAType() {
        for (OperationSpec op : operations().toList()) {
            for (ParamSpec p : op.params().values()) {
                assertThat(p.type()).as("%s %s", op.qualifiedName(), p.name()).isNotNull();
                p.properties().values().forEach(prop ->
                        assertThat(prop.type()).as("%s %s.%s", op.qualifiedName(), p.name(), prop.name()).isNotNull());
            }
        }
    }

    @Test
    void taskListingNeedsAFilter() {
        OperationSpec list = AsanaSpec.get().operation("tasks", "list");
        assertThat(list.requiresOneOf()).containsExactly(
                List.of("project"), List.of("section"), List.of("tag"), List.of("workspace", "assignee"));
        assertThat(list.pagination()).isEqualTo(Pagination.OFFSET);
    }

    @Test
    void pagedListsGetTheStandardParams() {
        for (OperationSpec op : operations().filter(op -> op.pagination() == Pagination.OFFSET).toList()) {
            assertThat(op.params()).as(op.qualifiedName()).containsKeys(StandardParams.LIMIT, StandardParams.OFFSET,
                    StandardParams.FETCH_ALL, StandardParams.MAX_RECORDS);
        }
        long paged = operations().filter(op -> op.pagination() == Pagination.OFFSET).count();
        assertThat(paged).isEqualTo(20);
    }

    @Test
    void searchPagesOnlyByLimit() {
        OperationSpec search = AsanaSpec.get().operation("workspace_task_search", "list");
        assertThat(search.pagination()).isEqualTo(Pagination.NONE);
        assertThat(search.params()).doesNotContainKeys(StandardParams.OFFSET, StandardParams.FETCH_ALL);
        ParamSpec limit = search.param("limit");
        assertThat(limit.location()).isEqualTo(ParamLocation.QUERY);
        assertThat(limit.type()).isEqualTo(ParamType.INTEGER);
        assertThat(limit.minimum()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(limit.maximum()).isEqualByComparingTo(BigDecimal.valueOf(100));
        assertThat(search.param("assignee.any").wireName()).isEqualTo("assignee.any");
    }

    @Test
    void downloadFetchesTheFileUrlOfTheMetadata() {
        OperationSpec download = AsanaSpec.get().operation("attachments", "download");
        assertThat(download.isDownload()).isTrue();
        assertThat(download.method()).isEqualTo("GET");
        assertThat(download.path()).isEqualTo("/attachments/{attachment_gid}");
        assertThat(download.downloadUrlField()).isEqualTo("download_url");
        assertThat(download.acceptsFields()).isFalse();
        ParamSpec range = download.param("range_header");
        assertThat(range.location()).isEqualTo(ParamLocation.HEADER);
        assertThat(range.wireName()).isEqualTo("Range");
        assertThat(range.type()).isEqualTo(ParamType.STRING);
        assertThat(download.params().keySet()).containsExactlyInAnyOrder("attachment_gid", "range_header");
    }

    @Test
    void writesSendOneDataEnvelope() {
        for (OperationSpec op : operations().filter(OperationSpec::isWrite).toList()) {
            List<ParamSpec> body = op.params().values().stream()
                    .filter(p -> p.location() == ParamLocation.BODY).toList();
            if (op.method().equals("DELETE")) {
                assertThat(body).as(op.qualifiedName()).isEmpty();
                continue;
            }
            assertThat(body).as(op.qualifiedName()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("data");
                assertThat(p.type()).isEqualTo(ParamType.OBJECT);
                assertThat(p.required()).isTrue();
                assertThat(p.properties()).isNotEmpty();
            });
        }
    }

    private static void describeParam(List<String> missing, String where, ParamSpec p) {
        requireLine(missing, where, p.description());
        for (ParamSpec prop : p.properties().values()) {
            describeParam(missing, where + "." + prop.name(), prop);
        }
    }

    private static void requireLine(List<String> missing, String where, String description) {
        if (description == null || description.isBlank() || description.contains("\n")) {
            missing.add(where);
        }
    }
}
