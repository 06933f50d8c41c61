package dev.agentconnector.runtime.tool;

/**
 * How much of the spec's wording a description keeps, from everything to the essentials. The generator uses the
 * fullest level that fits its budget, so a small surface (one entity, or read-only) keeps every word and a large
 * one stays under the budget. Each level keeps all that the next one drops.
 */
enum Detail {
    /** Every description in full (minus what the notation already says). */
    FULL,
    /** Drops the {@code e.g. {…}} of an object param whose properties are listed under it anyway. */
    NO_OBJECT_EXAMPLES,
    /**
     * Writes an entity with one action with one description: the longer of the entity's and the action's,
     * which then serves as the purpose.
     */
    ONE_ACTION_ONE_LINE,
    /** Drops param descriptions that only restate the name, such as {@code project gid: Gid of the project …}. */
    NO_RESTATED,
    /** Leaves out the default fields of actions that return one record (lists still show theirs). */
    LIST_DEFAULTS_ONLY,
    /**
     * Keeps a param description up to its first {@code ;} outside brackets (the meaning, not the usage notes), and
     * none for an object whose properties are listed.
     */
    PARAM_MEANING,
    /**
     * Lists the optional params of a read with a long list of them (a search's filters, at least
     * {@link ParamLines#LONG_FILTER_LIST}) by name and type only: such filters are named for what they filter.
     */
    FILTER_LISTS_BY_NAME,
    /** Cuts action descriptions to their first clause. */
    ACTION_MEANING,
    /** Cuts entity descriptions to their first clause. */
    ENTITY_MEANING,
    /**
     * Lists the optional params of every read by name and type only. This level and the next are reached when a
     * description holds more than the spec (the actions a store answers, with their guide).
     */
    READ_FILTERS_BY_NAME,
    /** Leaves out the example calls of the spec's actions. */
    NO_EXAMPLES;

    boolean atLeast(Detail other) {
        return ordinal() >= other.ordinal();
    }

    /** The text up to its first {@code ;} that is outside brackets, or the whole text. */
    static String firstClause(String text) {
        if (text == null) {
            return null;
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ';' && depth == 0) {
                return text.substring(0, i);
            }
        }
        return text;
    }
}
