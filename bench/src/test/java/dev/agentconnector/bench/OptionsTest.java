package dev.agentconnector.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {
    private static Options options() {
        return new Options("bench", "What it measures.")
                .option("seconds", "S", "2", "time per side")
                .option("rounds", "N", "7", "rounds")
                .option("db", "URL", null, "database (default: SQLite)");
    }

    @Test
    void defaultsValuesAndBothSpellings() throws Exception {
        Options o = options();
        assertThat(o.parse(new String[] {"--rounds", "3", "--seconds=0.5"})).isFalse();
        assertThat(o.integer("rounds", 1, 10)).isEqualTo(3);
        assertThat(o.decimal("seconds", 0.1, 10)).isEqualTo(0.5);
        assertThat(o.string("db")).isNull();
        assertThat(o.settings()).isEqualTo("seconds=0.5 rounds=3 db=(none)");
        assertThat(options().parse(new String[] {"--rounds", "3", "-h"})).isTrue();
        assertThat(options().parse(new String[] {"--help"})).isTrue();
    }

    @Test
    void badCommandLinesAreOneLineErrors() throws Exception {
        assertThatThrownBy(() -> options().parse(new String[] {"--bogus", "1"})).hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> options().parse(new String[] {"--rounds"}))
                .hasMessage("--rounds needs a value (N)");
        assertThatThrownBy(() -> options().parse(new String[] {"3"})).hasMessage("unexpected argument '3'");
        Options o = options();
        o.parse(new String[] {"--rounds", "x", "--seconds", "0"});
        assertThatThrownBy(() -> o.integer("rounds", 1, 10)).hasMessage("--rounds must be a whole number, got 'x'");
        assertThatThrownBy(() -> o.decimal("seconds", 0.1, 10))
                .hasMessage("--seconds must be between 0.1 and 10, got 0");
    }

    @Test
    void usageListsEveryOptionWithItsDefault() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        options().usage(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String usage = bytes.toString(StandardCharsets.UTF_8);
        assertThat(usage).contains("Usage: bench [options]").contains("--seconds S").contains("(default: 2)")
                .contains("--rounds N").contains("(default: 7)").contains("--db URL").contains("-h, --help");
    }

    @Test
    void mainsExitWithTwoOnABadOptionAndZeroOnHelp() throws Exception {
        for (String main : new String[] {Bench.class.getName(), ServiceBench.class.getName()}) {
            Result bad = java(main, "--nope");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err().strip()).doesNotContain("\n").contains("unknown option --nope");
            Result help = java(main, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("--seconds S").contains("--rounds N").contains("--warmup S")
                    .contains("--threads N").contains("(default: ");
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result java(String main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }
}
