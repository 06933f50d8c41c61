package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.exec.LocalAction;
import dev.agentconnector.runtime.exec.LocalActions;
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
 * String more = ToolDescription.generate(spec, false, executor.localActions()); // with the actions answered locally
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
        return generate(spec, readOnly, LocalActions.NONE, budget);
    }

    /**
     * The description of {@code spec} followed by the actions {@code local} answers without the API (those offered
     * in this mode) and their guide, within {@link #DEFAULT_BUDGET}; with {@link LocalActions#NONE}, the same text as
     * {@link #generate(ConnectorSpec, boolean)}.
     */
    public static String generate(ConnectorSpec spec, boolean readOnly, LocalActions local) {
        return generate(spec, readOnly, local, DEFAULT_BUDGET);
    }

    /**
     * As {@link #generate(ConnectorSpec, boolean, LocalActions)} under {@code budget} characters: the local actions'
     * part is kept whole, and the spec's part takes the fullest wording that fits beside it.
     */
    public static String generate(ConnectorSpec spec, boolean readOnly, LocalActions local, int budget) {
        List<EntitySpec> entities = visibleEntities(spec, readOnly);
        List<LocalAction> more = visibleLocalActions(spec, local, readOnly);
        String text = null;
        for (Detail detail : Detail.values()) {
            DescriptionWriter w = new DescriptionWriter(spec, readOnly, detail);
            String body = w.entities(entities);
            String examples = detail.atLeast(Detail.NO_EXAMPLES) ? "" : w.examples(entities);
            text = w.intro() + w.notation() + w.paging() + w.fields() + w.results() + examples
                    + "Entities: purpose; actions: name(path params) [markers]: meaning; params:\n" + body
                    + w.localActions(more, local.guide());
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
        return entitySummary(spec, entity, readOnly, LocalActions.NONE);
    }

    /**
     * As {@link #entitySummary(ConnectorSpec, String, boolean)}, listing also the entity's actions that
     * {@code local} answers without the API.
     *
     * @throws IllegalArgumentException when the entity is unknown or has no action in this mode
     */
    public static String entitySummary(ConnectorSpec spec, String entity, boolean readOnly, LocalActions local) {
        EntitySpec e = spec.entities().get(entity);
        List<LocalAction> more = visibleLocalActions(spec, entity, local, readOnly);
        if (e == null || (visibleActions(e, readOnly).isEmpty() && more.isEmpty())) {
            throw new IllegalArgumentException("no " + (readOnly ? "readable " : "") + "entity '" + entity + "'");
        }
        DescriptionWriter w = new DescriptionWriter(spec, readOnly, Detail.FULL);
        return w.summary(e, more);
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

    /**
     * The local actions offered in the given mode (only those that read when {@code readOnly}) on entities of the
     * spec whose names the spec's actions do not already use there, in their own order.
     */
    public static List<LocalAction> visibleLocalActions(ConnectorSpec spec, LocalActions local, boolean readOnly) {
        List<LocalAction> list = new ArrayList<>();
        for (LocalAction a : local == null ? List.<LocalAction>of() : local.actions()) {
            EntitySpec e = spec.entities().get(a.entity());
            if (e != null && !e.actions().containsKey(a.action()) && (!readOnly || a.readOnly())) {
                list.add(a);
            }
        }
        return list;
    }

    /** The local actions of one entity offered in the given mode. */
    public static List<LocalAction> visibleLocalActions(ConnectorSpec spec, String entity, LocalActions local,
                                                        boolean readOnly) {
        return visibleLocalActions(spec, local, readOnly).stream().filter(a -> a.entity().equals(entity)).toList();
    }

    /**
     * The entities with at least one action offered in the given mode, counting the local ones, in spec order.
     */
    public static List<EntitySpec> visibleEntities(ConnectorSpec spec, boolean readOnly, LocalActions local) {
        List<LocalAction> more = visibleLocalActions(spec, local, readOnly);
        List<EntitySpec> list = new ArrayList<>();
        for (EntitySpec e : spec.entities().values()) {
            if (!visibleActions(e, readOnly).isEmpty()
                    || more.stream().anyMatch(a -> a.entity().equals(e.name()))) {
                list.add(e);
            }
        }
        return list;
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
