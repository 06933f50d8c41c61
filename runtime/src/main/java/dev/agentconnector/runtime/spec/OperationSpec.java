package dev.agentconnector.runtime.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action of one entity: how to call it and what it returns.
 *
 * @param entity        entity name
 * @param action        action name ({@code list}, {@code get}, {@code create}, …)
 * @param description   one line a model can act on
 * @param method        HTTP method
 * @param path          path template relative to the base URL, with {@code {name}} placeholders
 * @param params        all parameters (including the standard ones the loader adds), by name
 * @param pagination    how it pages
 * @param defaultFields fields requested when the caller gives none (empty: the API's default)
 * @param returns       record schema name of one returned record, or null
 * @param returnsList   whether {@code data} is an array
 * @param requiresOneOf alternative groups of params of which at least one group must be complete
 * @param downloadUrlField for downloads, the field of the metadata record holding the file URL, or null
 * @param metaFields    top-level response fields copied into {@code meta} (also from an error's body), e.g. a sync
 *                      token
 */
public record OperationSpec(
        String entity,
        String action,
        String description,
        String method,
        String path,
        Map<String, ParamSpec> params,
        Pagination pagination,
        List<String> defaultFields,
        String returns,
        boolean returnsList,
        List<List<String>> requiresOneOf,
        String downloadUrlField,
        List<String> metaFields) {

    public OperationSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        defaultFields = List.copyOf(defaultFields);
        metaFields = metaFields == null ? List.of() : List.copyOf(metaFields);
        requiresOneOf = requiresOneOf.stream().map(List::copyOf).toList();
    }

    /** {@code entity.action}, the name used in messages. */
    public String qualifiedName() {
        return entity + "." + action;
    }

    /** True for calls that change data on the server. */
    public boolean isWrite() {
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    /** True for the download action, which streams a file instead of returning JSON records. */
    public boolean isDownload() {
        return downloadUrlField != null;
    }

    /** True when the operation accepts a {@code fields} selection. */
    public boolean acceptsFields() {
        return params.containsKey(StandardParams.FIELDS);
    }

    /** The parameter with this name, or null. */
    public ParamSpec param(String name) {
        return params.get(name);
    }
}
