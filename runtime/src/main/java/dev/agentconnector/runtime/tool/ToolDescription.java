package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The text a model reads to call a connector: every entity with its purpose, every action with its params, how
 * paging, field selection, results and errors work, and a few example calls. Generated from the spec, so it can
 * never drift from what {@code execute} accepts; compact, and with no paragraph repeated.
 *
 * <pre>{@code
 * String text = ToolDescription.generate(spec);            // the whole surface
 * String ro = ToolDescription.generate(spec, true);        // without create, update and delete
 * String tasks = ToolDescription.forEntity(spec, "tasks", false);
 * }</pre>
 */
public final class ToolDescription {
    private ToolDescription() {
    }

    /** The budget of {@link #generate(ConnectorSpec)}: descriptions are kept shorter than this many characters. */
    public static final int DEFAULT_BUDGET = 12_000;

    /** The description of every entity and action of {@code spec}, within {@link #DEFAULT_BUDGET}. */
    public static String generate(ConnectorSpec spec) {
        return generate(spec, false, DEFAULT_BUDGET);
    }

    /** The description of {@code spec}; with {@code readOnly}, write actions (and entities left empty) are left out. */
    public static String generate(ConnectorSpec spec, boolean readOnly) {
        return generate(spec, readOnly, DEFAULT_BUDGET);
    }

    /**
     * The description of {@code spec} in the fullest wording that stays under {@code budget} characters; when even
     * the tersest does not fit, the tersest.
     */
    public static String generate(ConnectorSpec spec, boolean readOnly, int budget) {
        List<EntitySpec> entities = visibleEntities(spec, readOnly);
        String text = null;
        for (Detail detail : Detail.values()) {
            DescriptionWriter w = new DescriptionWriter(spec, readOnly, detail);
            String body = w.entities(entities);
            text = w.intro() + w.notation() + w.paging() + w.fields() + w.results() + w.examples(entities)
                    + "Entities: purpose; actions: name(path params) [markers]: meaning; params:\n" + body;
            if (text.length() < budget) {
                break;
            }
        }
        return text;
    }

    /**
     * The description of one entity, for a tool that serves only that entity: its purpose, its actions and their
     * params, with the paging, field and result rules it needs. Descriptions are kept in full.
     *
     * @throws IllegalArgumentException when the entity is unknown or has no action left in read-only mode
     */
    public static String forEntity(ConnectorSpec spec, String entity, boolean readOnly) {
        EntitySpec e = spec.entities().get(entity);
        if (e == null || visibleActions(e, readOnly).isEmpty()) {
            throw new IllegalArgumentException("no " + (readOnly ? "readable " : "") + "entity '" + entity + "'");
        }
        DescriptionWriter w = new DescriptionWriter(spec, readOnly, Detail.FULL);
        String body = w.entities(List.of(e));
        return w.entityIntro(e) + w.notation() + w.paging() + w.fields() + w.results()
                + "Actions: name(path params) [markers]: meaning; params:\n" + body.substring(body.indexOf('\n') + 1);
    }

    /**
     * A short description of one entity for a tool whose input schema carries the params: the purpose, each action
     * with its markers and meaning, and one line of paging, field and result rules.
     *
     * @throws IllegalArgumentException when the entity is unknown or has no action left in read-only mode
     */
    public static String entitySummary(ConnectorSpec spec, String entity, boolean readOnly) {
        EntitySpec e = spec.entities().get(entity);
        if (e == null || visibleActions(e, readOnly).isEmpty()) {
            throw new IllegalArgumentException("no " + (readOnly ? "readable " : "") + "entity '" + entity + "'");
        }
        DescriptionWriter w = new DescriptionWriter(spec, readOnly, Detail.FULL);
        return w.summary(e);
    }

    /** Whether an action is offered: everything normally, only reads in read-only mode. */
    public static boolean isVisible(OperationSpec op, boolean readOnly) {
        return !readOnly || !op.isWrite();
    }

    /** The actions of an entity offered in the given mode, in spec order. */
    public static List<OperationSpec> visibleActions(EntitySpec entity, boolean readOnly) {
        List<OperationSpec> ops = new ArrayList<>();
        for (OperationSpec op : entity.actions().values()) {
            if (isVisible(op, readOnly)) {
                ops.add(op);
            }
        }
        return ops;
    }

    /** The entities with at least one action offered in the given mode, in spec order. */
    public static List<EntitySpec> visibleEntities(ConnectorSpec spec, boolean readOnly) {
        List<EntitySpec> list = new ArrayList<>();
        for (EntitySpec e : spec.entities().values()) {
            if (!visibleActions(e, readOnly).isEmpty()) {
                list.add(e);
            }
        }
        return list;
    }
}
