package dev.agentconnector.integrations.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the code between {@code // DOCS:begin NAME} and {@code // DOCS:end NAME}, without its common indent. */
public final class DocSnippets {
    private DocSnippets() {
    }

    /** A file of the repository, found by walking up from the working directory. */
    public static Path repoFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** The text of a file of the repository. */
    public static String read(String repoPath) {
        try {
            return Files.readString(repoFile(repoPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named snippet of a source file, dedented. */
    public static String snippet(String source, String name) {
        String begin = "// DOCS:begin " + name + "\n";
        String end = "// DOCS:end " + name + "\n";
        int b = source.indexOf(begin);
        int e = source.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalStateException("no snippet '" + name + "' between DOCS markers");
        }
        String body = source.substring(b + begin.length(), source.lastIndexOf('\n', e) + 1);
        List<String> lines = body.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /**
     * Whether the doc at {@code docPath} quotes each named snippet of {@code sourcePath} as a java code block; returns
     * the names of the snippets it does not quote (empty when all are there).
     */
    public static List<String> missingFrom(String docPath, String sourcePath, String... names) {
        String doc = read(docPath);
        String source = read(sourcePath);
        return java.util.Arrays.stream(names)
                .filter(name -> !doc.contains("```java\n" + snippet(source, name) + "\n```"))
                .toList();
    }
}
