package dev.agentconnector.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of a benchmark: {@code --name value} options, each declared with a default and a description,
 * plus {@code --help}/{@code -h}. {@link #parseOrExit} prints the usage and exits 0 for help, and prints one line
 * and exits 2 for anything it cannot use (unknown option, missing or malformed value, value out of range).
 */
final class Options {
    /** Exit status for a bad command line. */
    static final int USAGE = 2;

    private record Option(String name, String valueLabel, String defaultValue, String description) {
    }

    /** A bad command line: the message is the whole error. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final String command;
    private final String summary;
    private final Map<String, Option> declared = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** Declares {@code --name VALUE}; {@code defaultValue} null means "not set" (described in the text). */
    Options option(String name, String valueLabel, String defaultValue, String description) {
        declared.put(name, new Option(name, valueLabel, defaultValue, description));
        return this;
    }

    /** Parses {@code args}; on {@code --help} prints the usage and exits 0, on a bad command line exits 2. */
    Options parseOrExit(String[] args) {
        try {
            if (parse(args)) {
                usage(System.out);
                System.exit(0);
            }
            return this;
        } catch (UsageException e) {
            System.err.println(command + ": " + e.getMessage() + " (--help lists the options)");
            System.exit(USAGE);
            return this;
        }
    }

    /** Parses {@code args}; returns true when help was asked for. */
    boolean parse(String[] args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) { // --name=value
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--") && arg.length() > 2) {
                name = arg.substring(2);
                value = null;
            } else {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            if (!declared.containsKey(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value (" + declared.get(name).valueLabel() + ")");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        return false;
    }

    /** The value given, else the default (null when neither). */
    String string(String name) {
        Option o = declared.get(name);
        if (o == null) {
            throw new IllegalArgumentException("undeclared option " + name);
        }
        return values.getOrDefault(name, o.defaultValue());
    }

    /** An integer option in {@code [min, max]}. */
    int integer(String name, int min, int max) throws UsageException {
        String v = string(name);
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    /** A decimal option in {@code [min, max]}. */
    double decimal(String name, double min, double max) throws UsageException {
        String v = string(name);
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new UsageException(String.format(Locale.ROOT, "--%s must be between %s and %s, got %s", name,
                    plain(min), plain(max), v));
        }
        return d;
    }

    /** Runs {@code body}, turning a {@link UsageException} into one line on stderr and exit status 2. */
    <T> T orExit(Checked<T> body) {
        try {
            return body.get();
        } catch (UsageException e) {
            System.err.println(command + ": " + e.getMessage() + " (--help lists the options)");
            System.exit(USAGE);
            return null;
        }
    }

    /** Runs the benchmark; a failure prints one line naming it and exits 1, never a stack trace. */
    void runOrExit(Benchmark body) {
        try {
            body.run();
        } catch (Exception e) {
            System.err.println(command + ": failed: " + e);
            System.exit(1);
        }
    }

    /** The measuring part of a benchmark main. */
    @FunctionalInterface
    interface Benchmark {
        void run() throws Exception;
    }

    /** A value computed from the options that may reject them. */
    @FunctionalInterface
    interface Checked<T> {
        T get() throws UsageException;
    }

    /** The settings in effect, one {@code name=value} per option, for the output header. */
    String settings() {
        List<String> out = new ArrayList<>();
        for (Option o : declared.values()) {
            String v = string(o.name());
            out.add(o.name() + "=" + (v == null ? "(none)" : v));
        }
        return String.join(" ", out);
    }

    void usage(PrintStream out) {
        out.println("Usage: " + command + " [options]");
        out.println(summary);
        out.println();
        out.println("Options:");
        int width = 0;
        for (Option o : declared.values()) {
            width = Math.max(width, o.name().length() + o.valueLabel().length() + 3);
        }
        for (Option o : declared.values()) {
            String left = "--" + o.name() + " " + o.valueLabel();
            String dflt = o.defaultValue() == null ? "" : " (default: " + o.defaultValue() + ")";
            out.printf(Locale.ROOT, "  %-" + width + "s  %s%s%n", left, o.description(), dflt);
        }
        out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", "-h, --help", "print this help and exit");
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
