package dev.agentconnector.asana.sim.render;

/** Converts between Asana's plain-text fields and their {@code <body>}-wrapped rich-text twins. */
public final class Html {
    private Html() {
    }

    /** Wraps escaped plain text in {@code <body>}. */
    public static String fromText(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 13).append("<body>");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(c);
            }
        }
        return sb.append("</body>").toString();
    }

    /** Whether the value looks like Asana rich text: a single {@code <body>} element. */
    public static boolean isValid(String html) {
        String t = html.trim();
        return t.startsWith("<body>") && t.endsWith("</body>");
    }

    /** Strips tags and unescapes entities to get the plain-text twin. */
    public static String toText(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (!inTag) {
                sb.append(c);
            }
        }
        return sb.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
