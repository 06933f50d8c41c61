package dev.agentconnector.server.http;

/** Checks and quoting of text that arrives from callers and operators. */
public final class Texts {
    private Texts() {
    }

    /** The index of the first control character (NUL, CR, LF, …) in {@code s}, or -1 when it has none. */
    public static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Input quoted in a message: control characters shown as {@code ?}, cut to {@code max} characters. */
    public static String clip(String s, int max) {
        String one = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > max ? one.substring(0, max) + "…" : one;
    }
}
