package dev.agentconnector.contextstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search grammar on a real database: each operator with its edge cases (missing and null fields, arrays, nested
 * paths, dates, numbers stored as text, Unicode case), composition, sort, keyset paging (also while another thread
 * writes), fuzzy matching with typos, field projection, scopes and the errors of bad queries. Run once on SQLite and
 * once on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContextStoreContract {
    static final ObjectMapper JSON = new ObjectMapper();
    private ContextStore store;
    private DataSource data;

    /** A fresh, empty database. */
    abstract DataSource dataSource() throws Exception;

    abstract SqlDialect dialect();

    @BeforeAll
    void fill() throws Exception {
        DataSource ds = dataSource();
        data = ds;
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

    private SearchResult search(String scope, String paramsJson) throws Exception {
        return store.search(scope, "tasks", SearchRequest.parse(JSON.readTree(paramsJson)));
    }

    /** Every gid of a search, page by page at {@code limit}; each page's cursor goes into the next request. */
    private List<String> allPages(String scope, String query, int limit) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            SearchResult page = search(scope, "{\"query\":" + query + ",\"limit\":" + limit
                    + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}");
            page.data().forEach(n -> seen.add(n.path("gid").asText()));
            assertThat(page.hasMore()).isEqualTo(page.cursor() != null);
            assertThat(page.data().size()).isLessThanOrEqualTo(limit);
            cursor = page.cursor();
        } while (cursor != null);
        return seen;
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

    // ---- keyset paging ----

    /** Records with ties, missing and null values in several fields, for paging. */
    private void fillKeys() throws Exception {
        if (store.count("keys", "tasks") > 0) {
            return;
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 47; i++) {
            StringBuilder t = new StringBuilder("{\"gid\":\"k" + (char) ('a' + i % 26) + i + "\"");
            int p = rnd.nextInt(6);
            if (p == 5) {
                t.append(",\"p\":null");
            } else if (p != 4) {
                t.append(",\"p\":").append(p % 3 == 0 ? p + ".5" : String.valueOf(p));
            }
            int d = rnd.nextInt(5);
            if (d < 3) {
                t.append(",\"d\":\"2026-0").append(d + 1).append("-15\"");
            } else if (d == 3) {
                t.append(",\"d\":null");
            }
            t.append(",\"s\":\"").append((char) ('a' + rnd.nextInt(3))).append("\"");
            t.append(",\"b\":").append(rnd.nextBoolean());
            store.upsert("keys", "tasks", JSON.readTree(t.append("}").toString()), 1L);
        }
    }

    @Test
    void keysetPagesEqualTheUnpagedOrderWithTiesAndMissingValues() throws Exception {
        fillKeys();
        List<String> queries = List.of("{}", "{\"sort\":[{\"p\":\"asc\"}]}", "{\"sort\":[{\"p\":\"desc\"}]}",
                "{\"sort\":[{\"p\":\"desc\"},{\"d\":\"asc\"}]}", "{\"sort\":[{\"d\":\"desc\"},{\"p\":\"asc\"},"
                        + "{\"s\":\"desc\"}]}", "{\"sort\":[{\"b\":\"asc\"},{\"s\":\"asc\"}]}",
                "{\"filter\":{\"neq\":{\"b\":true}},\"sort\":[{\"s\":\"asc\"},{\"p\":\"asc\"}]}",
                "{\"sort\":[{\"missing_everywhere\":\"asc\"}]}");
        for (String query : queries) {
            List<String> unpaged = allPages("keys", query, 1000);
            assertThat(unpaged).as(query).doesNotHaveDuplicates().hasSizeGreaterThan(10);
            for (int limit : new int[] {1, 2, 3, 7}) {
                assertThat(allPages("keys", query, limit)).as(query + " at limit " + limit).isEqualTo(unpaged);
            }
        }
        // the order itself: each key in its direction, missing and null last, then gid
        List<JsonNode> all = search("keys", "{\"query\":{\"sort\":[{\"p\":\"desc\"},{\"d\":\"asc\"}]},\"limit\":1000}")
                .data();
        Comparator<JsonNode> byP = Comparator.comparing(n -> n.path("p").isNumber() ? n.get("p").asDouble() : null,
                Comparator.nullsLast(Comparator.reverseOrder()));
        Comparator<JsonNode> byD = Comparator.comparing(n -> n.path("d").isTextual() ? n.get("d").asText() : null,
                Comparator.nullsLast(Comparator.naturalOrder()));
        List<JsonNode> expected = new ArrayList<>(all);
        expected.sort(byP.thenComparing(byD).thenComparing(n -> n.get("gid").asText()));
        assertThat(all).isEqualTo(expected);
    }

    @Test
    void pagingWhileAnotherThreadWritesAndDeletesNeitherRepeatsNorSkips() throws Exception {
        String scope = "live";
        Set<String> stable = new LinkedHashSet<>();
        for (int i = 0; i < 40; i++) {
            String gid = "s" + (char) ('a' + i % 26) + i;
            stable.add(gid);
            store.upsert(scope, "tasks", JSON.readTree("{\"gid\":\"" + gid + "\",\"rank\":" + (i % 7)
                    + ",\"name\":\"stable " + i + "\"}"), 1L);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Random rnd = new Random(11);
            List<String> mine = new ArrayList<>();
            try {
                while (!stop.get()) {
                    // other records, sorting before, between and after the stable ones
                    String gid = (rnd.nextBoolean() ? "a" : "z") + (char) ('a' + rnd.nextInt(26)) + "-w"
                            + writes.get();
                    store.upsert(scope, "tasks", JSON.readTree("{\"gid\":\"" + gid + "\",\"rank\":"
                            + (rnd.nextInt(9) - 1) + ",\"name\":\"other\"}"), 1L);
                    mine.add(gid);
                    if (mine.size() > 5) {
                        store.delete(scope, "tasks", mine.remove(rnd.nextInt(mine.size())));
                    }
                    writes.incrementAndGet();
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "writer");
        writer.start();
        try {
            for (String query : List.of("{}", "{\"sort\":[{\"rank\":\"asc\"}]}", "{\"sort\":[{\"rank\":\"desc\"},"
                    + "{\"name\":\"asc\"}]}")) {
                int before = writes.get();
                List<String> seen = new ArrayList<>();
                String cursor = null;
                do {
                    SearchResult page = search(scope, "{\"query\":" + query + ",\"limit\":3"
                            + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}");
                    page.data().forEach(n -> seen.add(n.path("gid").asText()));
                    cursor = page.cursor();
                    Thread.sleep(2); // let the writer in between pages
                } while (cursor != null);
                assertThat(seen).as(query).doesNotHaveDuplicates();
                assertThat(seen.stream().filter(stable::contains).collect(Collectors.toList())).as(query)
                        .containsExactlyInAnyOrderElementsOf(stable);
                assertThat(writes.get() - before).as("writes while paging " + query).isGreaterThan(3);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(failed.get()).isNull();
    }

    @Test
    void aCursorBelongsToItsQuery() throws Exception {
        fillKeys();
        String cursor = search("keys", "{\"query\":{\"sort\":[{\"p\":\"asc\"}]},\"limit\":2}").cursor();
        assertThat(cursor).startsWith("cs2:");
        // limit and fields may change from page to page
        assertThat(search("keys", "{\"query\":{\"sort\":[{\"p\":\"asc\"}]},\"limit\":5,\"fields\":[\"p\"],"
                + "\"cursor\":\"" + cursor + "\"}").data()).hasSize(5);
        for (String other : List.of("{\"sort\":[{\"p\":\"desc\"}]}", "{\"sort\":[{\"d\":\"asc\"}]}",
                "{\"filter\":{\"eq\":{\"b\":true}},\"sort\":[{\"p\":\"asc\"}]}", "{}")) {
            assertThatThrownBy(() -> search("keys", "{\"query\":" + other + ",\"cursor\":\"" + cursor + "\"}"))
                    .as(other).isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.where())
                            .isEqualTo("cursor")).hasMessageContaining("different query")
                    .hasMessageContaining("leave cursor out");
        }
        assertThatThrownBy(() -> store.search("keys", "projects", SearchRequest.parse(JSON.readTree(
                "{\"query\":{\"sort\":[{\"p\":\"asc\"}]},\"cursor\":\"" + cursor + "\"}"))))
                .hasMessageContaining("different query");
        String offset = Base64.getUrlEncoder().withoutPadding().encodeToString("cs1:100".getBytes(
                StandardCharsets.US_ASCII));
        for (String bad : List.of("\"nope\"", "\"cs2:!!\"", "\"cs2:" + Base64.getUrlEncoder().encodeToString(
                "{\"q\":1}".getBytes(StandardCharsets.UTF_8)) + "\"", "42", "\"" + offset + "\"")) {
            assertThatThrownBy(() -> search("keys", "{\"query\":{},\"cursor\":" + bad + "}")).as(bad)
                    .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.where()).isEqualTo("cursor"))
                    .hasMessageContaining("leave cursor out");
        }
        assertThatThrownBy(() -> search("keys", "{\"query\":{},\"cursor\":\"" + offset + "\"}"))
                .hasMessageContaining("earlier version");
    }

    // ---- fuzzy ----

    private static final String[] FUZZY_TEXTS = {
        "Quarterly report draft", "Café menu: résumé of prices", "Launch-plan (v2), final!", "Über wichtig, Straße",
        "Document the API", "Mobile app v2 launch", "Internationalization rollout", "cat dog", "naïve approach",
        "東京 office move", "Budget review — Q3", "Roadmap slides for the board",
    };

    /** Records whose name (text index) and summary (no index) hold the same text. */
    private void fillFuzzy() throws Exception {
        if (store.count("fz", "tasks") > 0) {
            return;
        }
        for (int i = 0; i < FUZZY_TEXTS.length; i++) {
            String text = JSON.writeValueAsString(FUZZY_TEXTS[i]);
            store.upsert("fz", "tasks", JSON.readTree("{\"gid\":\"f" + (i + 10) + "\",\"name\":" + text
                    + ",\"notes\":" + text + ",\"summary\":" + text + "}"), 1L);
        }
    }

    /** The texts a fuzzy query matches, the same through name, notes (indexed) and summary (not indexed). */
    private List<String> fuzzy(String query) throws Exception {
        return fuzzy(query, List.of("name", "notes", "summary"));
    }

    private List<String> fuzzy(String query, List<String> fields) throws Exception {
        fillFuzzy();
        List<String> byName = null;
        for (String field : fields) {
            List<String> found = search("fz", "{\"query\":{\"filter\":{\"fuzzy\":{\"" + field + "\":"
                    + JSON.writeValueAsString(query) + "}}},\"limit\":100}").data().stream()
                    .map(n -> n.path("summary").asText()).collect(Collectors.toList());
            if (byName == null) {
                byName = found;
            } else {
                assertThat(found).as(query + " on " + field).isEqualTo(byName);
            }
        }
        return byName;
    }

    @Test
    void fuzzyToleratesTyposByWordLength() throws Exception {
        assertThat(fuzzy("quartarly")).as("one replaced letter").containsExactly("Quarterly report draft");
        assertThat(fuzzy("raport")).containsExactly("Quarterly report draft");
        assertThat(fuzzy("reportt")).as("one added").containsExactly("Quarterly report draft");
        assertThat(fuzzy("lunch")).as("one missing").containsExactly("Launch-plan (v2), final!",
                "Mobile app v2 launch");
        assertThat(fuzzy("rapurt")).as("two edits in a 6-letter word").isEmpty();
        assertThat(fuzzy("quartrly rport")).as("8+ letters: two edits; each word one").containsExactly(
                "Quarterly report draft");
        assertThat(fuzzy("internationalisatoin")).as("two edits in a long word").containsExactly(
                "Internationalization rollout");
        assertThat(fuzzy("intarnationalisatoin")).as("three edits").isEmpty();
    }

    @Test
    void fuzzyCountsASwapOfNeighboursAsOneEdit() throws Exception {
        assertThat(fuzzy("reprot")).containsExactly("Quarterly report draft");
        assertThat(fuzzy("qaurterly")).containsExactly("Quarterly report draft");
        assertThat(fuzzy("bugdet")).as("a swap and nothing else").containsExactly("Budget review — Q3");
        assertThat(fuzzy("ubdgte")).as("two swaps in a 6-letter word").isEmpty();
    }

    @Test
    void fuzzyMatchesPartialWordsShortWordsOnlyAsPrefixes() throws Exception {
        assertThat(fuzzy("quart")).containsExactly("Quarterly report draft");
        assertThat(fuzzy("intern")).containsExactly("Internationalization rollout");
        assertThat(fuzzy("doc")).containsExactly("Document the API");
        assertThat(fuzzy("cat")).containsExactly("cat dog");
        assertThat(fuzzy("cot")).as("3 letters: no typo allowed").isEmpty();
        assertThat(fuzzy("dgo")).isEmpty();
        assertThat(fuzzy("ca")).containsExactly("Café menu: résumé of prices", "cat dog");
        assertThat(fuzzy("v2")).containsExactly("Launch-plan (v2), final!", "Mobile app v2 launch");
    }

    @Test
    void fuzzyIgnoresCaseAccentsPunctuationAndWordOrder() throws Exception {
        assertThat(fuzzy("cafe")).containsExactly("Café menu: résumé of prices");
        assertThat(fuzzy("CAFÉ RESUME")).containsExactly("Café menu: résumé of prices");
        assertThat(fuzzy("naive")).containsExactly("naïve approach");
        assertThat(fuzzy("uber")).containsExactly("Über wichtig, Straße");
        assertThat(fuzzy("strasse")).as("ß is a letter of its own, not ss: two edits").isEmpty();
        assertThat(fuzzy("plan, launch! FINAL")).containsExactly("Launch-plan (v2), final!");
        assertThat(fuzzy("draft quarterly")).containsExactly("Quarterly report draft");
        assertThat(fuzzy("quarterly launch")).as("every word must match").isEmpty();
        assertThat(fuzzy("東京")).containsExactly("東京 office move");
        assertThat(fuzzy("q3 budget")).containsExactly("Budget review — Q3");
    }

    @Test
    void fuzzyAgreesWithTheReferenceOnEverySingleEdit() throws Exception {
        fillFuzzy();
        List<String> queries = new ArrayList<>();
        for (String word : List.of("quarterly", "report", "launch", "plan", "café", "internationalization")) {
            String w = word;
            for (int i = 0; i <= w.length(); i++) {
                if (i < w.length()) {
                    queries.add(w.substring(0, i) + "x" + w.substring(i + 1)); // replace
                    queries.add(w.substring(0, i) + w.substring(i + 1)); // delete
                }
                if (i + 1 < w.length()) {
                    queries.add(w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2)); // swap
                }
                queries.add(w.substring(0, i) + "y" + w.substring(i)); // insert
            }
            queries.add(w.substring(0, Math.max(1, w.length() / 2))); // prefix
            if (w.length() >= 8) {
                queries.add("x" + w.substring(1, w.length() - 1) + "x"); // two replaced
                queries.add(w.substring(1, 4) + w.substring(5)); // two deleted
            }
        }
        Set<String> checked = new HashSet<>();
        for (String q : queries) {
            if (Fuzzy.words(q).isEmpty() || !checked.add(q)) {
                continue;
            }
            List<String> expected = new ArrayList<>();
            for (String text : FUZZY_TEXTS) {
                if (Fuzzy.matches(text.toLowerCase(java.util.Locale.ROOT), q.toLowerCase(java.util.Locale.ROOT))) {
                    expected.add(text);
                }
            }
            assertThat(fuzzy(q, List.of("name", "summary"))).as(q).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(checked).hasSizeGreaterThan(150);
    }

    @Test
    void textIndexesFollowUpdatesAndDeletes() throws Exception {
        store.upsert("idx", "tasks", JSON.readTree("{\"gid\":\"i1\",\"name\":\"Prepare the offsite agenda\","
                + "\"notes\":\"Room for twelve\"}"), 1L);
        assertThat(search("idx", "{\"query\":{\"filter\":{\"fuzzy\":{\"name\":\"ofsite\"}}}}").data()).hasSize(1);
        assertThat(search("idx", "{\"query\":{\"filter\":{\"like\":{\"notes\":\"twelve\"}}}}").data()).hasSize(1);
        store.upsert("idx", "tasks", JSON.readTree("{\"gid\":\"i1\",\"name\":\"Book the venue\",\"notes\":7}"), 2L);
        assertThat(search("idx", "{\"query\":{\"filter\":{\"fuzzy\":{\"name\":\"ofsite\"}}}}").data()).isEmpty();
        assertThat(search("idx", "{\"query\":{\"filter\":{\"fuzzy\":{\"name\":\"venu\"}}}}").data()).hasSize(1);
        assertThat(search("idx", "{\"query\":{\"filter\":{\"like\":{\"notes\":\"7\"}}}}").data())
                .as("notes is no longer text").isEmpty();
        assertThat(search("idx", "{\"query\":{\"filter\":{\"keyword\":{\"name\":\"venue zzz\"}}}}").data()).hasSize(1);
        store.delete("idx", "tasks", "i1");
        assertThat(search("idx", "{\"query\":{\"filter\":{\"fuzzy\":{\"name\":\"venue\"}}}}").data()).isEmpty();
        assertThat(search("idx", "{\"query\":{\"filter\":{\"like\":{\"name\":\"venue\"}}}}").data()).isEmpty();
    }

    @Test
    void anyProjectIsExactWhereverItsIndexApplies() throws Exception {
        String[] projects = {"Website Relaunch", "website relaunch", "Say \\\"hi\\\"", "100% done", "Relaunch"};
        for (int i = 0; i < projects.length; i++) {
            store.upsert("prj", "tasks", JSON.readTree("{\"gid\":\"p" + i + "\",\"projects\":[{\"gid\":\"x\","
                    + "\"name\":\"Other\"},{\"gid\":\"" + i + "\",\"name\":\"" + projects[i] + "\"}]}"), 1L);
        }
        store.upsert("prj", "tasks", JSON.readTree("{\"gid\":\"p9\",\"projects\":\"Website Relaunch\"}"), 1L);
        for (int i = 0; i < projects.length; i++) {
            assertThat(search("prj", "{\"query\":{\"filter\":{\"any\":{\"projects\":{\"eq\":{\"name\":"
                    + JSON.writeValueAsString(JSON.readTree("\"" + projects[i] + "\"").asText()) + "}}}}}}").data())
                    .extracting(n -> n.path("gid").asText()).as(projects[i]).containsExactly("p" + i);
        }
        assertThat(search("prj", "{\"query\":{\"filter\":{\"any\":{\"projects\":{\"eq\":{\"name\":\"Other\"}}}}}}")
                .data()).hasSize(projects.length);
        assertThat(search("prj", "{\"query\":{\"filter\":{\"not\":{\"any\":{\"projects\":{\"eq\":{\"name\":"
                + "\"Relaunch\"}}}}}}}").data()).hasSize(projects.length);
    }

    @Test
    void textConditionsManyRecordsMeetGiveTheSameAnswersAsRareOnes() throws Exception {
        // enough records, with statistics taken, that a common word is checked record by record in order and a
        // rare one through the text indexes: both must give exactly the records the grammar says
        String[] names = {"Quarterly report draft", "Launch plan review", "Quarterly launch", "Budget — Q3"};
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            String name = i % 97 == 0 ? "Rare résumé item " + i : names[i % names.length];
            records.add(JSON.readTree("{\"gid\":\"b" + (100_000 + i) + "\",\"name\":" + JSON.writeValueAsString(name)
                    + ",\"notes\":\"n" + (i % 3) + " shared notes\",\"completed\":" + (i % 2 == 0)
                    + ",\"projects\":[{\"gid\":\"p\",\"name\":\"" + (i % 5 == 0 ? "Small" : "Big project") + "\"}]}"));
        }
        store.upsertAll("bulk", "tasks", records, 1L);
        store.markSynced("bulk", "tasks", 1L); // SQLite takes its statistics here
        if (dialect() == SqlDialect.POSTGRES) {
            try (Connection c = data.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("ANALYZE cs_records");
            }
        }
        List<String> filters = List.of("{\"like\":{\"name\":\"quarterly\"}}", "{\"like\":{\"name\":\"rare résumé\"}}",
                "{\"keyword\":{\"notes\":\"shared zzz\"}}", "{\"keyword\":{\"name\":\"rare\"}}",
                "{\"fuzzy\":{\"name\":\"quartrly\"}}", "{\"fuzzy\":{\"name\":\"resume itme\"}}",
                "{\"fuzzy\":{\"name\":\"lanch quarterly\"}}", "{\"fuzzy\":{\"notes\":\"sharde\"}}",
                "{\"any\":{\"projects\":{\"eq\":{\"name\":\"Big project\"}}},\"eq\":{\"completed\":true}}",
                "{\"any\":{\"projects\":{\"eq\":{\"name\":\"Small\"}}}}",
                "{\"not\":{\"fuzzy\":{\"name\":\"quarterly\"}}}");
        for (String filter : filters) {
            JsonNode f = JSON.readTree(filter);
            Set<String> expected = new HashSet<>();
            for (JsonNode r : records) {
                if (matches(f, r)) {
                    expected.add(r.path("gid").asText());
                }
            }
            List<String> found = allPages("bulk", "{\"filter\":" + filter + "}", 1000);
            assertThat(found).as(filter).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(allPages("bulk", "{\"filter\":" + filter + "}", 37)).as(filter).isEqualTo(found);
        }
    }

    /** The grammar's meaning for the filters of the test above, in Java. */
    private static boolean matches(JsonNode f, JsonNode r) {
        String op = f.fieldNames().next();
        JsonNode arg = f.get(op);
        switch (op) {
            case "not":
                return !matches(arg, r);
            case "eq":
                return f.properties().stream().allMatch(e -> e.getKey().equals("eq")
                        ? r.path("completed").equals(e.getValue().get("completed"))
                        : matches(JSON.createObjectNode().set(e.getKey(), e.getValue()), r));
            case "any": {
                boolean any = false;
                for (JsonNode p : r.path("projects")) {
                    any |= p.path("name").asText().equals(arg.path("projects").path("eq").path("name").asText());
                }
                return any && (!f.has("eq") || r.path("completed").equals(f.path("eq").path("completed")));
            }
            default: {
                String field = arg.fieldNames().next();
                String text = r.path(field).asText().toLowerCase(java.util.Locale.ROOT);
                String q = arg.get(field).asText().toLowerCase(java.util.Locale.ROOT);
                if (op.equals("like")) {
                    return text.contains(q);
                }
                if (op.equals("keyword")) {
                    return java.util.Arrays.stream(q.split(" ")).anyMatch(text::contains);
                }
                return Fuzzy.matches(text, q);
            }
        }
    }

    @Test
    void recordsWrittenBeforeTheIndexesAreFoundAfterTheUpgrade() throws Exception {
        DataSource old = dataSource();
        org.flywaydb.core.Flyway.configure(ContextStore.class.getClassLoader()).dataSource(old)
                .locations(dialect().migrations()).table(ContextStore.HISTORY_TABLE).target("2").load().migrate();
        String cast = dialect() == SqlDialect.POSTGRES ? "CAST(? AS jsonb)" : "?";
        try (Connection c = old.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO cs_records "
                + "(scope, entity, gid, doc, folded, synced_at) VALUES ('up', 'tasks', ?, " + cast + ", " + cast
                + ", 1)")) {
            for (int i = 0; i < 5; i++) {
                JsonNode doc = JSON.readTree("{\"gid\":\"u" + i + "\",\"name\":\"Résumé draft " + i + "\","
                        + "\"completed\":" + (i % 2 == 0) + ",\"due_on\":\"2026-0" + (i + 1) + "-01\"}");
                ps.setString(1, "u" + i);
                ps.setString(2, doc.toString());
                ps.setString(3, ContextStore.fold(doc).toString());
                ps.executeUpdate();
            }
        }
        ContextStore.migrate(old, dialect());
        ContextStore upgraded = new ContextStore(old, dialect());
        SearchRequest typo = SearchRequest.parse(JSON.readTree("{\"query\":{\"filter\":{\"fuzzy\":{\"name\":"
                + "\"resume draf\"},\"like\":{\"name\":\"sumé\"}},\"sort\":[{\"due_on\":\"desc\"}]},\"limit\":2}"));
        SearchResult first = upgraded.search("up", "tasks", typo);
        assertThat(first.data()).extracting(n -> n.path("gid").asText()).containsExactly("u4", "u3");
        assertThat(upgraded.aggregate("up", "tasks", AggregateRequest.parse(JSON.readTree(
                "{\"group_by\":[\"completed\"]}"))).toString()).isEqualTo("[{\"completed\":false,\"count\":2}, "
                + "{\"completed\":true,\"count\":3}]");
        upgraded.upsert("up", "tasks", JSON.readTree("{\"gid\":\"u9\",\"name\":\"Resume drafting\"}"), 2L);
        assertThat(upgraded.search("up", "tasks", SearchRequest.parse(JSON.readTree("{\"query\":{\"filter\":"
                + "{\"fuzzy\":{\"name\":\"resume draf\"}}},\"limit\":100}"))).data()).hasSize(6);
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
