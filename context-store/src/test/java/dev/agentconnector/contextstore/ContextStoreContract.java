package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search grammar on a real database: each operator with its edge cases (missing and null fields, arrays, nested
 * paths, dates, numbers stored as text, Unicode case), composition, sort, cursor paging, field projection, scopes
 * and the errors of bad queries. Run once on SQLite and once on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContextStoreContract {
    static final ObjectMapper JSON = new ObjectMapper();
    private ContextStore store;

    /** A fresh, empty database. */
    abstract DataSource dataSource() throws Exception;

    abstract SqlDialect dialect();

    @BeforeAll
    void fill() throws Exception {
        DataSource ds = dataSource();
        ContextStore.migrate(ds, dialect());
        store = new ContextStore(ds, dialect());
        String[] tasks = {
            "{\"gid\":\"1\",\"name\":\"Launch plan\",\"completed\":false,\"due_on\":\"2026-12-01\",\"num\":5,"
                + "\"assignee\":{\"gid\":\"u1\",\"name\":\"Ada Lovelace\"},\"tags\":[{\"gid\":\"t1\",\"name\":\"Urgent\"}],"
                + "\"labels\":[\"red\",\"blue\"],\"notes\":\"Écrire le résumé\"}",
            "{\"gid\":\"2\",\"name\":\"Budget review\",\"completed\":true,\"due_on\":\"2026-11-01\",\"num\":10,"
                + "\"assignee\":null,\"tags\":[],\"labels\":[\"green\"],\"notes\":\"ÜBER wichtig\"}",
            "{\"gid\":\"3\",\"name\":\"launch party\",\"completed\":false,\"due_on\":null,\"num\":2.5,"
                + "\"assignee\":{\"gid\":\"u2\",\"name\":\"Grace Hopper\"},\"tags\":[{\"gid\":\"t2\",\"name\":\"Fun\"},"
                + "{\"gid\":\"t1\",\"name\":\"Urgent\"}],\"labels\":[],\"notes\":\"100% sure_thing\"}",
            "{\"gid\":\"4\",\"name\":\"Misc\",\"completed\":false,\"num\":\"7\","
                + "\"assignee\":{\"gid\":\"u1\",\"name\":\"Ada Lovelace\"},\"notes\":\"quarterly report draft\"}",
        };
        for (String t : tasks) {
            store.upsert("conn-a", "tasks", JSON.readTree(t), 1_000L);
        }
        store.upsert("conn-b", "tasks", JSON.readTree("{\"gid\":\"9\",\"name\":\"Launch elsewhere\"}"), 1_000L);
        store.upsert("conn-a", "projects", JSON.readTree("{\"gid\":\"p1\",\"name\":\"Launch\"}"), 1_000L);
    }

    private List<String> gids(String paramsJson) throws Exception {
        return search(paramsJson).data().stream().map(n -> n.path("gid").asText()).collect(Collectors.toList());
    }

    private SearchResult search(String paramsJson) throws Exception {
        return store.search("conn-a", "tasks", SearchRequest.parse(JSON.readTree(paramsJson)));
    }

    private List<String> filter(String filterJson) throws Exception {
        return gids("{\"query\":{\"filter\":" + filterJson + "}}");
    }

    @Test
    void eqComparesByTypeAndNullMatchesMissing() throws Exception {
        assertThat(filter("{\"eq\":{\"completed\":false}}")).containsExactly("1", "3", "4");
        assertThat(filter("{\"eq\":{\"name\":\"Misc\"}}")).containsExactly("4");
        assertThat(filter("{\"eq\":{\"name\":\"misc\"}}")).isEmpty();
        assertThat(filter("{\"eq\":{\"num\":5}}")).containsExactly("1");
        assertThat(filter("{\"eq\":{\"num\":2.5}}")).containsExactly("3");
        assertThat(filter("{\"eq\":{\"num\":7}}")).as("a number is not the text \"7\"").isEmpty();
        assertThat(filter("{\"eq\":{\"num\":\"7\"}}")).containsExactly("4");
        assertThat(filter("{\"eq\":{\"due_on\":null}}")).containsExactly("3", "4");
        assertThat(filter("{\"eq\":{\"assignee\":null}}")).containsExactly("2");
    }

    @Test
    void neqKeepsMissingAndNullFields() throws Exception {
        assertThat(filter("{\"neq\":{\"due_on\":\"2026-12-01\"}}")).containsExactly("2", "3", "4");
        assertThat(filter("{\"neq\":{\"due_on\":null}}")).containsExactly("1", "2");
    }

    @Test
    void orderingComparesNumbersAsNumbersAndDatesAsText() throws Exception {
        assertThat(filter("{\"gt\":{\"num\":4}}")).containsExactly("1", "2");
        assertThat(filter("{\"gte\":{\"num\":5}}")).containsExactly("1", "2");
        assertThat(filter("{\"lt\":{\"num\":5}}")).containsExactly("3");
        assertThat(filter("{\"lte\":{\"num\":10}}")).containsExactly("1", "2", "3");
        assertThat(filter("{\"lt\":{\"due_on\":\"2026-11-15\"}}")).containsExactly("2");
        assertThat(filter("{\"gte\":{\"due_on\":\"2026-11-01\"},\"lte\":{\"due_on\":\"2026-12-31\"}}"))
                .containsExactly("1", "2");
    }

    @Test
    void inMatchesAnyValue() throws Exception {
        assertThat(filter("{\"in\":{\"name\":[\"Misc\",\"Budget review\",\"nothing\"]}}")).containsExactly("2", "4");
        assertThat(filter("{\"in\":{\"assignee.gid\":[\"u2\"]}}")).containsExactly("3");
    }

    @Test
    void likeIsACaseInsensitiveSubstringWithWildcardsWhenGiven() throws Exception {
        assertThat(filter("{\"like\":{\"name\":\"LAUNCH\"}}")).containsExactly("1", "3");
        assertThat(filter("{\"like\":{\"name\":\"launch%party\"}}")).containsExactly("3");
        assertThat(filter("{\"like\":{\"name\":\"m_sc\"}}")).containsExactly("4");
        assertThat(filter("{\"like\":{\"notes\":\"écrire\"}}")).as("Unicode case").containsExactly("1");
        assertThat(filter("{\"like\":{\"notes\":\"über\"}}")).containsExactly("2");
        assertThat(filter("{\"like\":{\"assignee.name\":\"lovelace\"}}")).containsExactly("1", "4");
    }

    @Test
    void keywordNeedsAnyWordAndFuzzyEveryWordInAnyOrder() throws Exception {
        assertThat(filter("{\"keyword\":{\"name\":\"budget party\"}}")).containsExactly("2", "3");
        assertThat(filter("{\"fuzzy\":{\"name\":\"plan, LAUNCH!\"}}")).containsExactly("1");
        assertThat(filter("{\"fuzzy\":{\"notes\":\"report quarter\"}}")).as("partial words").containsExactly("4");
    }

    @Test
    void containsAndAnyLookInsideArrays() throws Exception {
        assertThat(filter("{\"contains\":{\"labels\":\"blue\"}}")).containsExactly("1");
        assertThat(filter("{\"contains\":{\"labels\":\"purple\"}}")).isEmpty();
        assertThat(filter("{\"any\":{\"tags\":{\"eq\":{\"name\":\"Urgent\"}}}}")).containsExactly("1", "3");
        assertThat(filter("{\"any\":{\"tags\":{\"eq\":{\"name\":\"Fun\",\"gid\":\"t1\"}}}}")).isEmpty();
        assertThat(filter("{\"any\":{\"tags\":{\"like\":{\"name\":\"fu\"}}}}")).containsExactly("3");
        assertThat(filter("{\"not\":{\"any\":{\"tags\":{\"eq\":{\"name\":\"Urgent\"}}}}}")).containsExactly("2", "4");
    }

    @Test
    void notAndOrCompose() throws Exception {
        assertThat(filter("{\"or\":[{\"eq\":{\"completed\":true}},{\"like\":{\"name\":\"misc\"}}]}"))
                .containsExactly("2", "4");
        assertThat(filter("{\"and\":[{\"eq\":{\"completed\":false}},{\"not\":{\"like\":{\"name\":\"launch\"}}}]}"))
                .containsExactly("4");
        assertThat(filter("{\"eq\":{\"completed\":false},\"like\":{\"name\":\"launch\"}}")).containsExactly("1", "3");
        assertThat(filter("{\"not\":{\"eq\":{\"due_on\":\"2026-12-01\"}}}")).containsExactly("2", "3", "4");
    }

    @Test
    void sortsWithMissingValuesLastThenByGid() throws Exception {
        assertThat(gids("{\"query\":{\"sort\":[{\"due_on\":\"asc\"}]}}")).containsExactly("2", "1", "3", "4");
        assertThat(gids("{\"query\":{\"sort\":[{\"due_on\":\"desc\"}]}}")).startsWith("1", "2");
        assertThat(gids("{\"query\":{\"sort\":[{\"assignee.name\":\"asc\"},{\"name\":\"desc\"}]}}"))
                .containsExactly("4", "1", "3", "2");
    }

    @Test
    void aCursorWalksEveryMatchOnce() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            SearchResult page = search("{\"query\":{\"sort\":[{\"name\":\"asc\"}]},\"limit\":1"
                    + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}");
            page.data().forEach(n -> seen.add(n.path("gid").asText()));
            assertThat(page.hasMore()).isEqualTo(page.cursor() != null);
            cursor = page.cursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrder("1", "2", "3", "4").doesNotHaveDuplicates();
    }

    @Test
    void fieldsProjectDottedAndListPaths() throws Exception {
        JsonNode first = search("{\"query\":{\"filter\":{\"eq\":{\"gid\":\"3\"}}},\"fields\":[\"name\","
                + "[\"assignee\",\"name\"],\"tags.name\"]}").data().get(0);
        assertThat(first.toString()).isEqualTo("{\"gid\":\"3\",\"name\":\"launch party\",\"assignee\":{\"name\":"
                + "\"Grace Hopper\"},\"tags\":[{\"name\":\"Fun\"},{\"name\":\"Urgent\"}]}");
    }

    @Test
    void aSearchSeesOneScopeAndOneEntity() throws Exception {
        assertThat(filter("{\"like\":{\"name\":\"launch\"}}")).doesNotContain("9", "p1");
        assertThat(store.search("conn-b", "tasks", SearchRequest.parse(JSON.readTree("{\"query\":{}}"))).data())
                .extracting(n -> n.path("gid").asText()).containsExactly("9");
    }

    @Test
    void upsertReplacesAndDeleteRemoves() throws Exception {
        store.upsert("conn-z", "tasks", JSON.readTree("{\"gid\":\"5\",\"name\":\"first\"}"), 1L);
        store.upsert("conn-z", "tasks", JSON.readTree("{\"gid\":\"5\",\"name\":\"second\"}"), 2L);
        SearchRequest all = SearchRequest.parse(JSON.readTree("{\"query\":{}}"));
        assertThat(store.search("conn-z", "tasks", all).data()).extracting(n -> n.path("name").asText())
                .containsExactly("second");
        assertThat(store.delete("conn-z", "tasks", "5")).isTrue();
        assertThat(store.search("conn-z", "tasks", all).data()).isEmpty();
    }

    @Test
    void hostileTextIsOnlyEverAValue() throws Exception {
        assertThat(filter("{\"eq\":{\"name\":\"x' OR 1=1 --\"}}")).isEmpty();
        assertThat(filter("{\"like\":{\"name\":\"'); DROP TABLE cs_records; --\"}}")).isEmpty();
        assertThat(filter("{\"eq\":{\"completed\":true}}")).containsExactly("2");
    }

    @Test
    void badQueriesNameTheProblem() {
        assertThatThrownBy(() -> filter("{\"equals\":{\"name\":\"x\"}}")).isInstanceOf(QueryException.class)
                .hasMessageContaining("unknown operator 'equals'").hasMessageContaining("did you mean 'eq'");
        assertThatThrownBy(() -> filter("{\"eq\":{\"name; drop\":\"x\"}}")).isInstanceOf(QueryException.class)
                .hasMessageContaining("is not a field path");
        assertThatThrownBy(() -> filter("{\"gt\":{\"completed\":true}}")).isInstanceOf(QueryException.class)
                .hasMessageContaining("gt orders numbers and text");
        assertThatThrownBy(() -> filter("{\"in\":{\"name\":\"x\"}}")).hasMessageContaining("list of 1 to 1000");
        assertThatThrownBy(() -> filter("{\"and\":{}}")).hasMessageContaining("non-empty list");
        assertThatThrownBy(() -> filter("{\"keyword\":{\"name\":\"!!\"}}")).hasMessageContaining("no words");
        assertThatThrownBy(() -> gids("{\"query\":{},\"limit\":0}")).hasMessageContaining("limit must be");
        assertThatThrownBy(() -> gids("{\"query\":{},\"cursor\":\"nope\"}")).hasMessageContaining("cursor");
        assertThatThrownBy(() -> gids("{\"filter\":{}}")).hasMessageContaining("unknown param 'filter'");
        assertThatThrownBy(() -> gids("{}")).hasMessageContaining("query is required");
        assertThatThrownBy(() -> gids("{\"query\":{\"sort\":[{\"name\":\"up\"}]}}"))
                .hasMessageContaining("\"asc\" or \"desc\"");
    }

    private List<String> aggregate(String paramsJson) throws Exception {
        return store.aggregate("conn-a", "tasks", AggregateRequest.parse(JSON.readTree(paramsJson))).stream()
                .map(JsonNode::toString).collect(Collectors.toList());
    }

    @Test
    void aggregatesCountByGroupWithNullsAsAGroup() throws Exception {
        assertThat(aggregate("{\"group_by\":[\"completed\"]}"))
                .containsExactly("{\"completed\":false,\"count\":3}", "{\"completed\":true,\"count\":1}");
        assertThat(aggregate("{\"group_by\":[\"assignee.name\"],\"sort\":[{\"count\":\"desc\"}]}"))
                .containsExactly("{\"assignee.name\":\"Ada Lovelace\",\"count\":2}",
                        "{\"assignee.name\":\"Grace Hopper\",\"count\":1}", "{\"assignee.name\":null,\"count\":1}");
        assertThat(aggregate("{}")).containsExactly("{\"count\":4}");
    }

    @Test
    void aggregatesNumbersAndDatesWithAFilter() throws Exception {
        assertThat(aggregate("{\"filter\":{\"eq\":{\"completed\":false}},\"metrics\":[{\"count\":\"*\"},"
                + "{\"sum\":\"num\"},{\"avg\":\"num\"},{\"min\":\"num\"},{\"max\":\"due_on\"}]}"))
                .containsExactly("{\"count\":3,\"sum_num\":7.5,\"avg_num\":3.75,\"min_num\":2.5,"
                        + "\"max_due_on\":\"2026-12-01\"}");
        assertThat(aggregate("{\"group_by\":[{\"field\":\"due_on\",\"by\":\"month\"}],\"sort\":[{\"due_on:month\":"
                + "\"asc\"}]}")).containsExactly("{\"due_on:month\":\"2026-11\",\"count\":1}",
                "{\"due_on:month\":\"2026-12\",\"count\":1}", "{\"due_on:month\":null,\"count\":2}");
        assertThat(aggregate("{\"filter\":{\"eq\":{\"gid\":\"1\"}},\"group_by\":[{\"field\":\"due_on\",\"by\":"
                + "\"week\"},{\"field\":\"due_on\",\"by\":\"day\"}]}"))
                .containsExactly("{\"due_on:week\":\"2026-11-30\",\"due_on:day\":\"2026-12-01\",\"count\":1}");
    }

    @Test
    void minAndMaxPreferNumbersOverText() throws Exception {
        // task 4 holds the text "7" in num: numbers win on both databases
        assertThat(aggregate("{\"metrics\":[{\"max\":\"num\"},{\"min\":\"num\"},{\"max\":\"name\"}]}"))
                .containsExactly("{\"max_num\":10,\"min_num\":2.5,\"max_name\":\"launch party\"}");
    }

    @Test
    void badAggregatesNameTheProblem() {
        assertThatThrownBy(() -> aggregate("{\"metrics\":[{\"median\":\"num\"}]}"))
                .hasMessageContaining("unknown metric 'median'");
        assertThatThrownBy(() -> aggregate("{\"group_by\":[{\"field\":\"due_on\",\"by\":\"year\"}]}"))
                .hasMessageContaining("day, week, month");
        assertThatThrownBy(() -> aggregate("{\"sort\":[{\"total\":\"desc\"}]}")).hasMessageContaining("sort by one of");
    }
}
