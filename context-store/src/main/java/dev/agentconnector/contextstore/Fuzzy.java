package dev.agentconnector.contextstore;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code fuzzy} means, in Java: the SQLite store calls it as user functions, and the PostgreSQL store runs the
 * same steps as SQL functions ({@code cs_unaccent}, {@code cs_words}, {@code cs_osa}, {@code cs_fuzzy_word},
 * {@code cs_fuzzy} of migration V5), so both databases give the same answers.
 *
 * <ul>
 *   <li>Text is compared lower-cased (the store's folded copy) and without accents: after Unicode canonical
 *       decomposition (NFD) the combining diacritical marks U+0300–U+036F are dropped and the rest recomposed (NFC),
 *       so {@code Café} and {@code cafe} are the same word, and {@code résumé} matches {@code resume}.</li>
 *   <li>Words are the runs of characters between separators: every ASCII character other than a letter or digit,
 *       U+0080–U+00BF (controls, no-break space, Latin-1 punctuation and symbols), {@code ×} and {@code ÷},
 *       U+1680, General Punctuation U+2000–U+206F (spaces, dashes, quotes, ellipsis), Supplemental Punctuation
 *       U+2E00–U+2E7F, CJK Symbols and Punctuation U+3000–U+303F, the vertical and small forms U+FE10–U+FE1F and
 *       U+FE30–U+FE6F, U+FEFF, and the full- and half-width punctuation of U+FF00–U+FF65. Everything else (letters
 *       and digits of any script, other symbols) is part of a word.</li>
 *   <li>A query word matches a word of the text when it is a prefix of it (partial words: {@code quart} matches
 *       {@code quarterly}), or when the two are within an edit distance of 1 for query words of 4 to 7 characters
 *       and of 2 for 8 characters or more. Shorter query words (1 to 3 characters) match only as prefixes. The
 *       distance is the optimal string alignment distance (restricted Damerau–Levenshtein): inserting, deleting or
 *       replacing a character, or swapping two adjacent ones, each count as one edit, so {@code reprot} matches
 *       {@code report}. Lengths count Unicode code points.</li>
 *   <li>The text matches when every query word matches some word of it, in any order (two query words may match
 *       the same word).</li>
 * </ul>
 */
final class Fuzzy {
    private Fuzzy() {
    }

    /** Code point ranges (inclusive pairs) that separate words; the PostgreSQL functions use the same list. */
    private static final int[] SEPARATORS = {
        0x0000, 0x002F, 0x003A, 0x0040, 0x005B, 0x0060, 0x007B, 0x00BF, 0x00D7, 0x00D7, 0x00F7, 0x00F7,
        0x1680, 0x1680, 0x2000, 0x206F, 0x2E00, 0x2E7F, 0x3000, 0x303F, 0xFE10, 0xFE1F, 0xFE30, 0xFE6F,
        0xFEFF, 0xFEFF, 0xFF00, 0xFF0F, 0xFF1A, 0xFF20, 0xFF3B, 0xFF40, 0xFF5B, 0xFF65,
    };

    static boolean isSeparator(int cp) {
        if (cp < 0x80) {
            return !(cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9' || cp >= 'A' && cp <= 'Z');
        }
        for (int i = 6; i < SEPARATORS.length; i += 2) {
            if (cp < SEPARATORS[i]) {
                return false;
            }
            if (cp <= SEPARATORS[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The text without the combining diacritical marks U+0300–U+036F (decomposed, stripped, recomposed). */
    static String unaccent(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s;
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c < 0x0300 || c > 0x036F) {
                out.append(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** The words of a text (accents removed), in order. */
    static List<String> words(String text) {
        String s = unaccent(text);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSeparator(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** The words of a text joined by single spaces (what the SQLite word index holds), or null for null. */
    static String wordList(String text) {
        return text == null ? null : String.join(" ", words(text));
    }

    /** The edits a query word of {@code length} code points may differ by: 0 up to 3, 1 up to 7, else 2. */
    static int maxEdits(int length) {
        return length < 4 ? 0 : length < 8 ? 1 : 2;
    }

    /** Whether query word {@code q} matches text word {@code w}: a prefix of it, or close enough. */
    static boolean wordMatches(String q, String w) {
        if (w.startsWith(q)) {
            return true;
        }
        int[] a = q.codePoints().toArray();
        int k = maxEdits(a.length);
        if (k == 0) {
            return false;
        }
        int[] b = w.codePoints().toArray();
        return Math.abs(a.length - b.length) <= k && distance(a, b, k) <= k;
    }

    /** Whether every word of {@code query} matches some word of {@code text} (both lower-cased by the caller). */
    static boolean matches(String text, String query) {
        return matches(words(text), words(query));
    }

    static boolean matches(List<String> textWords, List<String> queryWords) {
        if (queryWords.isEmpty()) {
            return false;
        }
        for (String q : queryWords) {
            boolean found = false;
            for (String w : textWords) {
                if (wordMatches(q, w)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * The optimal string alignment distance of two code point sequences, or {@code k + 1} as soon as it must exceed
     * {@code k}.
     */
    static int distance(int[] a, int[] b, int k) {
        int n = a.length;
        int m = b.length;
        if (Math.abs(n - m) > k) {
            return k + 1;
        }
        if (n == 0 || m == 0) {
            return Math.min(Math.max(n, m), k + 1);
        }
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = i;
            for (int j = 1; j <= m; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > k) {
                return k + 1; // every later row is at least this row's minimum
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], k + 1);
    }

    /**
     * Substrings of query word {@code q} of which a word within {@code k} edits of it holds at least one: {@code k + 1}
     * pieces with one character left out between neighbours, so that no single edit (a swap of neighbours included)
     * touches two pieces. Empty when {@code k} is 0 (the word itself must then occur).
     */
    static List<String> pieces(String q, int k) {
        List<String> out = new ArrayList<>();
        if (k == 0) {
            return out;
        }
        int[] cps = q.codePoints().toArray();
        int usable = cps.length - k;
        int start = 0;
        for (int p = 0; p <= k; p++) {
            int len = usable / (k + 1) + (p < usable % (k + 1) ? 1 : 0);
            out.add(new String(cps, start, len));
            start += len + 1;
        }
        return out;
    }
}
