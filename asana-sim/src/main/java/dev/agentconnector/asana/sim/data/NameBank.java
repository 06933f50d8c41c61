package dev.agentconnector.asana.sim.data;

import java.util.List;
import java.util.Random;

/** Word lists from which the dataset's names, titles and texts are drawn. */
final class NameBank {
    static final List<String> FIRST = List.of("Priya", "Jonas", "Mei", "Carlos", "Amara", "Lukas", "Sofia", "Kenji",
            "Fatima", "Noah", "Elena", "Omar", "Hannah", "Mateo", "Aisha", "Liam", "Yuki", "Grace", "Diego", "Zara",
            "Ravi", "Chloe", "Tomas", "Ingrid", "Malik", "Lena", "Arjun", "Nora", "Felix", "Leila");
    static final List<String> LAST = List.of("Patel", "Becker", "Chen", "Ramirez", "Okafor", "Schmidt", "Rossi",
            "Tanaka", "Haddad", "Williams", "Petrova", "Farouk", "Meyer", "Silva", "Bello", "O'Brien", "Sato",
            "Kim", "Moreno", "Khan", "Iyer", "Dubois", "Novak", "Larsen", "Mensah", "Vogel", "Rao", "Lindqvist",
            "Costa", "Nasser");
    static final List<String> TEAMS = List.of("Engineering", "Marketing", "Design", "Operations", "Sales",
            "Customer Success", "Finance", "People");
    static final List<String> PROJECTS = List.of("Website Relaunch", "Mobile App v2", "Q3 Campaign",
            "Brand Refresh", "Data Platform Migration", "Customer Onboarding", "Office Move", "Annual Planning",
            "Support Playbook", "Partner Portal", "Security Audit", "Pricing Update");
    static final List<String> PERSONAL_PROJECTS = List.of("Home Renovation", "Reading List", "Garden Plan",
            "Travel Prep");
    static final List<List<String>> SECTION_SETS = List.of(
            List.of("To do", "In progress", "Review", "Done"),
            List.of("Backlog", "This sprint", "Shipped"),
            List.of("Ideas", "Planned", "Doing", "Finished"),
            List.of("Inbox", "Next up", "Later"));
    static final List<String> VERBS = List.of("Draft", "Review", "Update", "Design", "Test", "Plan", "Publish",
            "Fix", "Prepare", "Research", "Organize", "Finalize", "Schedule", "Document", "Audit", "Migrate");
    static final List<String> OBJECTS = List.of("landing page copy", "onboarding checklist", "budget forecast",
            "release notes", "API documentation", "customer survey", "hiring plan", "launch email",
            "quarterly report", "pricing table", "dashboard mockups", "vendor contract", "test plan",
            "style guide", "roadmap slides", "support macros", "analytics events", "sign-up flow",
            "press kit", "team offsite agenda");
    static final List<String> TAGS = List.of("urgent", "blocked", "quick-win", "needs-review", "customer",
            "bug", "idea", "waiting", "design", "backend", "follow-up", "research");
    static final List<String> COLORS = List.of("dark-pink", "dark-green", "dark-blue", "dark-red", "dark-teal",
            "dark-brown", "dark-orange", "dark-purple", "dark-warm-gray", "light-pink", "light-green", "light-blue",
            "light-red", "light-teal", "light-brown", "light-orange", "light-purple", "light-warm-gray");
    static final List<String> SENTENCES = List.of("Please check the latest numbers before sharing.",
            "This depends on feedback from the review meeting.", "Keep the scope small for the first iteration.",
            "Link any related documents in the comments.", "Coordinate with the owners of the adjacent work.",
            "The draft is in the shared folder.", "Target the end of the month if possible.",
            "Add screenshots once the build is ready.", "Loop in legal before publishing.",
            "Numbers should match the finance sheet.");
    static final List<String> COMMENTS = List.of("Looks good to me.", "I added a few notes, see above.",
            "Can we push this to next week?", "Done on my side.", "Who owns the final sign-off?",
            "Updated with the latest feedback.", "Blocked until the data arrives.", "Great progress, thanks!",
            "I'll take a look tomorrow morning.", "Shared with the stakeholders.");

    private NameBank() {
    }

    /** A uniformly random element. */
    static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
