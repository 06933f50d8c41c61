package dev.agentconnector.asana.sim.api;

import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.QueryString;
import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A page reads the items around it, not the whole list: walking n items costs O(n), not O(n * pages). */
class PaginationCostTest {
    private static final int N = 100_000;

    /** The gids "0".."n-1", counting the items read. */
    private static final class CountingList extends AbstractList<String> implements RandomAccess {
        long reads;

        @Override
        public String get(int index) {
            reads++;
            return Integer.toString(index);
        }

        @Override
        public int size() {
            return N;
        }
    }

    private static ApiRequest request(String query) {
        return new ApiRequest("GET", "/projects/1/tasks", QueryString.parse(query), "1", "http://127.0.0.1:1", null,
                null, null);
    }

    /** Walks every page; returns the items seen, and checks that no page read more than it should. */
    private static Set<String> walk(CountingList all, Predicate<String> keep, String filterQuery, int maxReadsPerPage) {
        Pagination pagination = new Pagination(42);
        Set<String> seen = new HashSet<>();
        String offset = null;
        int pages = 0;
        do {
            long before = all.reads;
            Pagination.Page<String> page = pagination.page(request("limit=100" + filterQuery
                    + (offset == null ? "" : "&offset=" + offset)), all, keep, s -> s);
            assertThat(all.reads - before).as("items read for page %d", pages).isLessThanOrEqualTo(maxReadsPerPage);
            for (String s : page.items) {
                assertThat(seen.add(s)).as("served twice: %s", s).isTrue();
            }
            offset = page.nextOffset;
            pages++;
        } while (offset != null);
        return seen;
    }

    @Test
    void pagesOfAHundredThousandItemsReadOnlyTheirNeighbourhood() {
        CountingList all = new CountingList();
        Set<String> seen = walk(all, null, "", 100 + 1 + 5);
        assertThat(seen).hasSize(N);
        assertThat(all.reads).isLessThan(2L * N);
    }

    @Test
    void filteredPagesReadOnlyUpToTheNextKeptItem() {
        CountingList all = new CountingList();
        // keeps one item in three: a page of 100 spans about 300 items
        Set<String> seen = walk(all, s -> Integer.parseInt(s) % 3 == 0, "&completed_since=now", 3 * 100 + 3 + 5);
        assertThat(seen).hasSize((N + 2) / 3).allMatch(s -> Integer.parseInt(s) % 3 == 0);
        assertThat(all.reads).isLessThan(2L * N);
    }

    @Test
    void aPageEndingOnTheLastKeptItemHasNoNextPage() {
        List<String> items = List.of("a", "b", "c", "d", "e");
        Pagination.Page<String> page = new Pagination(42).page(request("limit=2"), items, s -> !s.equals("e")
                && !s.equals("d"), s -> s);
        assertThat(page.items).containsExactly("a", "b");
        assertThat(page.nextOffset).isNotNull();
        Pagination.Page<String> last = new Pagination(42).page(request("limit=2&offset=" + page.nextOffset), items,
                s -> !s.equals("e") && !s.equals("d"), s -> s);
        assertThat(last.items).containsExactly("c");
        assertThat(last.nextOffset).isNull();
    }
}
