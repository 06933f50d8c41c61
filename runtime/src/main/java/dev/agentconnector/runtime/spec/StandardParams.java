package dev.agentconnector.runtime.spec;

/** Names of the parameters the loader adds to operations by trait, so every connector spells them the same. */
public final class StandardParams {
    /** Fields to return, sent as the API's field-selection query parameter. */
    public static final String FIELDS = "fields";
    /** Page size. */
    public static final String LIMIT = "limit";
    /** Opaque page token from {@code meta.next_page.offset}. */
    public static final String OFFSET = "offset";
    /** Client option: follow {@code next_page} until exhausted or {@link #MAX_RECORDS} is reached. */
    public static final String FETCH_ALL = "fetch_all";
    /** Client option: the record cap for {@link #FETCH_ALL}. */
    public static final String MAX_RECORDS = "max_records";

    /** Default cap on records gathered by {@link #FETCH_ALL}. */
    public static final int DEFAULT_MAX_RECORDS = 1000;
    /** Highest accepted {@link #MAX_RECORDS}. */
    public static final int MAX_MAX_RECORDS = 100_000;

    private StandardParams() {
    }
}
