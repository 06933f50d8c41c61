package dev.agentconnector.asana.sim.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields of a record to write: Asana's compact or full default, a bare reference (gid and resource_type),
 * or an explicit tree parsed from {@code opt_fields}.
 */
public final class Selection {
    /** The kinds of selection. */
    public enum Kind {
        /** The record's compact default fields. */
        COMPACT,
        /** The record's full default fields. */
        FULL,
        /** Only gid and resource_type. */
        REF,
        /** Exactly the listed fields (plus gid). */
        EXPLICIT
    }

    /** The compact default. */
    public static final Selection COMPACT = new Selection(Kind.COMPACT, Collections.emptyMap());
    /** The full default. */
    public static final Selection FULL = new Selection(Kind.FULL, Collections.emptyMap());
    /** gid and resource_type only. */
    public static final Selection REF = new Selection(Kind.REF, Collections.emptyMap());

    private final Kind kind;
    private final Map<String, Selection> children;

    private Selection(Kind kind, Map<String, Selection> children) {
        this.kind = kind;
        this.children = children;
    }

    /** The kind of this selection. */
    public Kind kind() {
        return kind;
    }

    /** Explicitly selected fields and their sub-selections (empty unless {@link Kind#EXPLICIT}). */
    public Map<String, Selection> children() {
        return children;
    }

    /** Whether this is an explicit selection with no sub-fields (a leaf of an opt_fields path). */
    public boolean isLeaf() {
        return kind == Kind.EXPLICIT && children.isEmpty();
    }

    /** An explicit selection of the given plain field names. */
    public static Selection of(String... fields) {
        Map<String, Selection> map = new LinkedHashMap<>();
        for (String f : fields) {
            map.put(f, new Selection(Kind.EXPLICIT, new LinkedHashMap<>()));
        }
        return new Selection(Kind.EXPLICIT, map);
    }

    /**
     * Parses an {@code opt_fields} value such as {@code name,assignee.email,this.(followers|projects).name}; returns
     * null when the value is null or blank.
     */
    public static Selection parse(String optFields) {
        if (optFields == null || optFields.isBlank()) {
            return null;
        }
        Selection root = new Selection(Kind.EXPLICIT, new LinkedHashMap<>());
        for (String item : splitOutsideParens(optFields, ',')) {
            for (String path : expandGroups(item.trim())) {
                if (path.startsWith("this.")) {
                    path = path.substring(5);
                }
                if (path.isEmpty() || path.equals("this")) {
                    continue;
                }
                Selection node = root;
                for (String part : path.split("\\.")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    node = node.children.computeIfAbsent(part, k -> new Selection(Kind.EXPLICIT, new LinkedHashMap<>()));
                }
            }
        }
        return root;
    }

    /** Splits on {@code separator} where it is not inside parentheses. */
    private static List<String> splitOutsideParens(String s, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == separator && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** Expands the first {@code (a|b)} group of a path recursively into plain dotted paths. */
    private static List<String> expandGroups(String path) {
        int open = path.indexOf('(');
        if (open < 0) {
            return List.of(path);
        }
        int depth = 0;
        int close = -1;
        for (int i = open; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return List.of(path.replace("(", ""));
        }
        String head = path.substring(0, open);
        String tail = path.substring(close + 1);
        List<String> out = new ArrayList<>();
        for (String alt : splitOutsideParens(path.substring(open + 1, close), '|')) {
            out.addAll(expandGroups(head + alt + tail));
        }
        return out;
    }
}
