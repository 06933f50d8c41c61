package dev.agentconnector.asana.sim.model;

/** Base class of every stored Asana object: it has a globally unique numeric string id. */
public abstract class Entity {
    /** The object's globally unique id, a numeric string. */
    public final String gid;

    /** Creates an entity with the given gid. */
    protected Entity(String gid) {
        this.gid = gid;
    }

    /** The Asana {@code resource_type} of this object. */
    public abstract String resourceType();

    @Override
    public String toString() {
        return resourceType() + ":" + gid;
    }
}
