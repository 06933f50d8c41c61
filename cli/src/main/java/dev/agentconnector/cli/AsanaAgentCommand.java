package dev.agentconnector.cli;

import dev.agentconnector.runtime.Version;
import picocli.CommandLine.Command;

/** The root command: only dispatches to subcommands. */
@Command(name = "asana-agent", mixinStandardHelpOptions = true,
        versionProvider = AsanaAgentCommand.VersionProvider.class,
        description = "Work in Asana from the command line: run any operation of the connector, inspect the "
                + "operations, run the connector execution service, or start the Asana simulator.",
        subcommands = {ExecuteCommand.class, DescribeCommand.class, SimCommand.class, ServeCommand.class,
                AdminCommand.class, McpCommand.class, ToolDescriptionCommand.class,
                picocli.CommandLine.HelpCommand.class})
public final class AsanaAgentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Prints the library version. */
    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"asana-agent " + Version.VERSION};
        }
    }
}
