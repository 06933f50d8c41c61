package dev.agentconnector.runtime.tool;

import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the clauses a description has written, so that a usage note the spec repeats on several actions or
 * params (such as {@code give notes or html_notes, not both}) is written once.
 */
final class Clauses {
    private final Set<String> written = new HashSet<>();

    /**
     * The text without the clauses (split at {@code ;} or {@code .} outside brackets) of five words or more that an
     * earlier description already said, such as a usage note the spec repeats on several actions.
     */
    String fresh(String text) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ';';
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if ((c == ';' || c == '.') && depth == 0
                    && (i + 1 >= text.length() || text.charAt(i + 1) == ' ')) {
                String clause = text.substring(start, Math.min(i + 1, text.length()));
                String key = clause.trim().replaceAll("[.;]$", "");
                if (key.split("\\s+").length < 5 || written.add(key)) {
                    out.append(clause);
                }
                start = i + 1;
            }
        }
        return out.toString().trim().replaceAll(";$", "");
    }

    /** A param line's {@code type: description} with the description's repeated clauses dropped. */
    String freshBody(String body) {
        int colon = body.indexOf(": ");
        if (colon < 0) {
            return body;
        }
        String description = fresh(body.substring(colon + 2));
        return description.isEmpty() ? body.substring(0, colon) : body.substring(0, colon + 2) + description;
    }
}
