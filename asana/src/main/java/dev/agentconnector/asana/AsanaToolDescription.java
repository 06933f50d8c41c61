package dev.agentconnector.asana;

import dev.agentconnector.runtime.exec.LocalActions;
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

    /**
     * The description for a connector that also answers {@code local} actions without calling Asana (such as the
     * context store's search and aggregate): the spec's part, then those actions with their guide, under the same
     * budget; {@link #get()} or {@link #readOnly()} when there are none.
     */
    public static String of(LocalActions local, boolean readOnly) {
        if (local == null || ToolDescription.visibleLocalActions(AsanaSpec.get(), local, readOnly).isEmpty()) {
            return readOnly ? readOnly() : get();
        }
        return ToolDescription.generate(AsanaSpec.get(), readOnly, local);
    }

    private static final class Holder {
        static final String FULL = ToolDescription.generate(AsanaSpec.get(), false);
        static final String READ_ONLY = ToolDescription.generate(AsanaSpec.get(), true);
    }
}
