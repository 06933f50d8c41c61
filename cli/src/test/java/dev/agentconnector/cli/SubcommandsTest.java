package dev.agentconnector.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering only the subcommand the arguments name must not change what that subcommand does or prints. */
class SubcommandsTest {
    private static final String[] NO_ARGS = new String[0];

    @Test
    void everyNameCreatesTheCommandOfThatName() {
        for (String name : AsanaAgentCommand.SUBCOMMANDS) {
            assertThat(new CommandLine(AsanaAgentCommand.subcommand(name)).getCommandName()).isEqualTo(name);
        }
    }

    @Test
    void rootOptionsHelpAndUnknownNamesGetAllSubcommandsInOrder() {
        for (String[] args : new String[][] {NO_ARGS, {"--help"}, {"-V"}, {"help", "execute"}, {"exectue"},
                {"@args.txt"}, {"--", "execute"}}) {
            assertThat(new ArrayList<>(AsanaAgentCommand.commandLine(args).getSubcommands().keySet()))
                    .as(String.join(" ", args)).isEqualTo(AsanaAgentCommand.SUBCOMMANDS);
        }
    }

    @Test
    void aNamedSubcommandIsRegisteredAloneAndReadsAsInTheFullTree() {
        Map<String, CommandLine> all = AsanaAgentCommand.commandLine(NO_ARGS).getSubcommands();
        for (String name : AsanaAgentCommand.SUBCOMMANDS) {
            if ("help".equals(name)) {
                continue;
            }
            CommandLine root = AsanaAgentCommand.commandLine(new String[] {name, "--help"});
            assertThat(root.getSubcommands().keySet()).containsExactly(name);
            CommandLine alone = root.getSubcommands().get(name);
            assertThat(alone.getUsageMessage()).isEqualTo(all.get(name).getUsageMessage());
            assertThat(alone.getCommandSpec().qualifiedName()).isEqualTo("asana-agent " + name);
            for (Map.Entry<String, CommandLine> nested : all.get(name).getSubcommands().entrySet()) {
                assertThat(alone.getSubcommands().get(nested.getKey()).getUsageMessage())
                        .isEqualTo(nested.getValue().getUsageMessage());
            }
        }
    }

    @Test
    void usageErrorsOfASubcommandAreUnchanged() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"execute", "tasks"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("Missing required parameter: 'ACTION'")
                .contains("Usage: asana-agent execute [-hV]");
    }

    @Test
    void serveRefusesABadHttpLimitNamingTheFlag() {
        for (String[] args : new String[][] {{"serve", "--header-timeout", "ten"}, {"serve", "--idle-timeout", "0s"},
                {"serve", "--max-connections", "0"}}) {
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(String.join(" ", args))
                    .containsAnyOf("--header-timeout: expected a duration such as 500ms, 10s, 2m or 1h, got 'ten'",
                            "idleTimeout must be a positive duration", "maxConnections must be at least 1");
        }
    }
}
