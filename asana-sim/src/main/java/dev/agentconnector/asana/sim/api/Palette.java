package dev.agentconnector.asana.sim.api;

import java.util.List;

/** Asana's enumerated values accepted on writes. */
final class Palette {
    /** Tag colors. */
    static final List<String> TAG_COLORS = List.of("dark-pink", "dark-green", "dark-blue", "dark-red", "dark-teal",
            "dark-brown", "dark-orange", "dark-purple", "dark-warm-gray", "light-pink", "light-green", "light-blue",
            "light-red", "light-teal", "light-brown", "light-orange", "light-purple", "light-warm-gray");
    /** Project colors (tag colors plus none). */
    static final List<String> PROJECT_COLORS;
    /** Project default views. */
    static final List<String> VIEWS = List.of("list", "board", "calendar", "timeline");
    /** Project privacy settings. */
    static final List<String> PRIVACY = List.of("public_to_workspace", "private_to_team", "private");
    /** Task subtypes. */
    static final List<String> TASK_SUBTYPES = List.of("default_task", "milestone", "approval");
    /** Approval statuses. */
    static final List<String> APPROVAL = List.of("pending", "approved", "rejected", "changes_requested");

    static {
        java.util.ArrayList<String> p = new java.util.ArrayList<>(TAG_COLORS);
        p.add("none");
        PROJECT_COLORS = List.copyOf(p);
    }

    private Palette() {
    }
}
