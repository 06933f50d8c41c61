package dev.agentconnector.asana;

import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.SpecLoader;

/** The Asana connector spec, read from {@code asana.yaml} and checked on first use, then shared. */
public final class AsanaSpec {
    private AsanaSpec() {
    }

    /** The loaded spec; the same instance on every call. */
    public static ConnectorSpec get() {
        return Holder.SPEC;
    }

    private static final class Holder {
        static final ConnectorSpec SPEC = SpecLoader.fromResource(AsanaSpec.class, "asana.yaml");
    }
}
