package dev.agentconnector.asana;

import dev.agentconnector.runtime.tool.ToolDescription;

/**
 * The description a model reads to call the Asana connector: every entity, action and param of {@link AsanaSpec},
 * how paging, fields, results and errors work, and example calls. Generated from the spec on first use, under
 * {@link ToolDescription#DEFAULT_BUDGET} characters.
 */
public final class AsanaToolDescription {
    private AsanaToolDescription() {
    }

    /** The description of the whole Asana surface; the same text on every call. */
    public static String get() {
        return Holder.FULL;
    }

    /** The description without create, update and delete, for read-only use; the same text on every call. */
    public static String readOnly() {
        return Holder.READ_ONLY;
    }

    private static final class Holder {
        static final String FULL = ToolDescription.generate(AsanaSpec.get(), false);
        static final String READ_ONLY = ToolDescription.generate(AsanaSpec.get(), true);
    }
}
