package dev.agentconnector.integrations.langchain4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the code between {@code // DOCS:begin NAME} and {@code // DOCS:end NAME}, without its common indent. */
final class DocSnippets {
    private DocSnippets() {
    }

    /** A file of the repository, found by walking up from the working directory. */
    static Path repoFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }

    static String read(String repoPath) {
        try {
            return Files.readString(repoFile(repoPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named snippet of a source file, dedented. */
    static String snippet(String source, String name) {
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
}
