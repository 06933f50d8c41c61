package dev.agentconnector.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of the {@code asana-agent} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        stopHttpSelectors();
        System.exit(code);
    }

    /**
     * The JDK 17 HttpClient keeps a selector thread waiting in native code until the client is garbage collected,
     * and the JVM holds its exit for about 300 ms for such threads. The command is done with every client here, so
     * it stops those threads (interrupting one ends its loop) to exit at once.
     */
    static void stopHttpSelectors() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
                t.interrupt();
            }
        }
    }

    /** Runs the command with the given streams and returns its exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Logs.quietLibraries();
        CommandLine cli = AsanaAgentCommand.commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug");
            commandLine.getErr().println("asana-agent: " + ExitCodes.message(e));
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ExitCodes.of(e);
        });
        return cli.execute(args);
    }
}
