package dev.agentconnector.runtime.exec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean" hints for misspelt names. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * A hint such as {@code  (did you mean 'limit'?)} naming the closest candidate, or an empty string when none is
     * close enough to be a likely typo.
     */
    public static String didYouMean(String given, Collection<String> candidates) {
        String best = closest(given, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** The candidate closest to {@code given}, or null when none is within a typo's distance. */
    public static String closest(String given, Collection<String> candidates) {
        if (given == null || candidates.isEmpty()) {
            return null;
        }
        String g = given.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> {
                    String lc = c.toLowerCase(Locale.ROOT);
                    int d = distance(g, lc);
                    return d <= Math.max(2, Math.min(g.length(), lc.length()) / 3)
                            || (g.length() >= 3 && (lc.startsWith(g) || g.startsWith(lc) || lc.contains(g)));
                })
                .min(Comparator.comparingInt((String c) -> distance(g, c.toLowerCase(Locale.ROOT)))
                        // on a tie, a dropped letter ("taks" for "tasks") is likelier than a changed one ("tags")
                        .thenComparing(c -> !isSubsequence(g, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .orElse(null);
    }

    /** True when every character of {@code a} appears in {@code b} in order. */
    static boolean isSubsequence(String a, String b) {
        int i = 0;
        for (int j = 0; i < a.length() && j < b.length(); j++) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
            }
        }
        return i == a.length();
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
