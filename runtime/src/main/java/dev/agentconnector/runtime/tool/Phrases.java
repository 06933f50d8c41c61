package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.spec.ParamSpec;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drops from a param's description what its type word already says in the notation line (a date's
 * {@code (YYYY-MM-DD)}, a user's {@code a user gid, an email or me}), so the description keeps only its meaning.
 */
final class Phrases {
    private static final Map<String, List<Pattern>> BY_FORMAT = Map.of(
            "date", List.of(Pattern.compile("\\s*\\(YYYY-MM-DD\\)")),
            "date-time", List.of(Pattern.compile("ISO 8601 (?=date-time)"), Pattern.compile(",? ISO 8601(?= in UTC)")),
            "user", List.of(Pattern.compile(" - (a )?user gids?, (an )?emails? or me"),
                    Pattern.compile(" \\((a )?user gids?, (an )?emails? or me\\)")));

    private Phrases() {
    }

    /** The description without the phrases its format word makes redundant. */
    static String withoutNotation(ParamSpec p) {
        String d = p.description();
        String format = ParamNotation.formatOf(p);
        if (d == null || format == null) {
            return d;
        }
        for (Pattern pattern : BY_FORMAT.getOrDefault(format, List.of())) {
            d = pattern.matcher(d).replaceAll("");
        }
        return d;
    }
}
