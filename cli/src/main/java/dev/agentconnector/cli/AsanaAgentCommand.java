package dev.agentconnector.cli;

import dev.agentconnector.runtime.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The root command: only dispatches to subcommands. */
@Command(name = "asana-agent", mixinStandardHelpOptions = true,
        versionProvider = AsanaAgentCommand.VersionProvider.class,
        description = "Work in Asana from the command line: run any operation of the connector, inspect the "
                + "operations, run the connector execution service, or start the Asana simulator.")
public final class AsanaAgentCommand implements Runnable {
    /** The subcommands' names, in the order the usage help lists them. */
    static final List<String> SUBCOMMANDS = List.of("execute", "describe", "sync", "sim", "serve", "admin", "mcp",
            "tool-description", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /**
     * The command line for these arguments. When the first argument names a subcommand (other than help) only that
     * one is registered: picocli reads every registered command's annotations up front, and no other subcommand can
     * take part in parsing the rest of the arguments. Anything else (root options, help, a typo to suggest a
     * correction for, no arguments) gets them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new AsanaAgentCommand());
        String first = args.length > 0 ? args[0] : "";
        if (SUBCOMMANDS.contains(first) && !"help".equals(first)) {
            cli.addSubcommand(subcommand(first));
        } else {
            for (String name : SUBCOMMANDS) {
                cli.addSubcommand(subcommand(name));
            }
        }
        return cli;
    }

    /** A new instance of the named subcommand. */
    static Object subcommand(String name) {
        switch (name) {
            case "execute": return new ExecuteCommand();
            case "describe": return new DescribeCommand();
            case "sync": return new SyncCommand();
            case "sim": return new SimCommand();
            case "serve": return new ServeCommand();
            case "admin": return new AdminCommand();
            case "mcp": return new McpCommand();
            case "tool-description": return new ToolDescriptionCommand();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException("no subcommand " + name);
        }
    }

    /** Prints the library version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"asana-agent " + Version.VERSION};
        }
    }
}
