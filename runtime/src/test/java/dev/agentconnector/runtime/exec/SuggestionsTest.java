package dev.agentconnector.runtime.exec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    @Test
    void suggestsCloseNamesOnly() {
        List<String> names = List.of("limit", "offset", "project", "workspace", "assignee");
        assertThat(Suggestions.closest("limt", names)).isEqualTo("limit");
        assertThat(Suggestions.closest("Workspace", names)).isEqualTo("workspace");
        assertThat(Suggestions.closest("asignee", names)).isEqualTo("assignee");
        assertThat(Suggestions.closest("zebra", names)).isNull();
        assertThat(Suggestions.closest("taks", List.of("tags", "tasks"))).isEqualTo("tasks");
        assertThat(Suggestions.didYouMean("zebra", names)).isEmpty();
        assertThat(Suggestions.didYouMean("projct", names)).isEqualTo(" (did you mean 'project'?)");
    }

    @Test
    void distanceIsLevenshtein() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
