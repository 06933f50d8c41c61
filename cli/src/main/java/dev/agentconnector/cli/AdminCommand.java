package dev.agentconnector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentconnector.server.Admin;
import dev.agentconnector.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code asana-agent admin}: bootstraps tenants of the execution service, without any other tool. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Create, list and revoke organizations' applications in the execution service's database "
                + "(safe while `asana-agent serve` runs on it). Each prints its JSON result on stdout.",
        subcommands = {AdminCommand.CreateOrganization.class, AdminCommand.CreateApplication.class,
                AdminCommand.ListApplications.class, AdminCommand.RevokeApplication.class,
                AdminCommand.RotateSecret.class, AdminCommand.RedirectHosts.class})
final class AdminCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getErr());
    }

    /** The database options shared with {@code serve}. */
    static final class Database {
        @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database, as given to serve")
        String db;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory, as given to serve")
        Path dataDir;

        Admin open() {
            ServerConfig.Builder config = ServerConfig.fromEnv().toBuilder();
            if (db != null) {
                config.dbUrl(db);
            }
            if (dataDir != null) {
                config.dataDir(dataDir);
            }
            return Admin.open(config.build());
        }
    }

    /** One admin action: opens the database, runs, prints its JSON result on stdout. */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        Database database = new Database();

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec command;

        abstract JsonNode run(Admin admin);

        @Override
        public Integer call() throws Exception {
            JsonNode result;
            try (Admin admin = database.open()) {
                result = run(admin);
            }
            command.commandLine().getOut().println(new ObjectMapper().writeValueAsString(result));
            command.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "create-organization", mixinStandardHelpOptions = true,
            description = "Create an organization; prints {\"organization_id\", \"name\"}.")
    static final class CreateOrganization extends Action {
        @Parameters(index = "0", paramLabel = "NAME", description = "Organization name (unique)")
        String name;

        @Override
        JsonNode run(Admin admin) {
            return admin.createOrganization(name);
        }
    }

    @Command(name = "create-application", mixinStandardHelpOptions = true,
            description = "Create an application (client id and secret) in an organization; prints "
                    + "{\"client_id\", \"client_secret\", \"organization_id\", \"application_id\"}. The secret is "
                    + "shown once and stored hashed.")
    static final class CreateApplication extends Action {
        @Option(names = "--organization", required = true, paramLabel = "NAME", description = "Organization name")
        String organization;

        @Option(names = "--name", paramLabel = "NAME", description = "Application name")
        String name;

        @Override
        JsonNode run(Admin admin) {
            return admin.createApplication(organization, name);
        }
    }

    @Command(name = "list-applications", mixinStandardHelpOptions = true,
            description = "List applications (never their secrets), oldest first; prints a JSON array of "
                    + "{\"application_id\", \"organization_id\", \"name\", \"client_id\", \"created_at\", "
                    + "\"status\", \"revoked_at\"}.")
    static final class ListApplications extends Action {
        @Option(names = "--organization", paramLabel = "NAME", description = "Only this organization's")
        String organization;

        @Override
        JsonNode run(Admin admin) {
            return admin.listApplications(organization);
        }
    }

    @Command(name = "revoke-application", mixinStandardHelpOptions = true,
            description = "Revoke an application: its secret and every token issued to it (application and "
                    + "workspace-scoped) stop working on every server instance within seconds.")
    static final class RevokeApplication extends Action {
        @Parameters(index = "0", paramLabel = "APPLICATION_ID", description = "As printed by list-applications")
        String id;

        @Override
        JsonNode run(Admin admin) {
            return admin.revokeApplication(id);
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Give an application a new client secret (printed once); the old secret and every token "
                    + "issued before now stop working.")
    static final class RotateSecret extends Action {
        @Parameters(index = "0", paramLabel = "APPLICATION_ID", description = "As printed by list-applications")
        String id;

        @Override
        JsonNode run(Admin admin) {
            return admin.rotateSecret(id);
        }
    }

    @Command(name = "redirect-hosts", mixinStandardHelpOptions = true,
            description = "Show or change the hosts an organization's OAuth consent flows may send the browser back "
                    + "to (loopback hosts are always allowed); prints {\"organization_id\", \"hosts\"}.")
    static final class RedirectHosts extends Action {
        @Option(names = "--organization", required = true, paramLabel = "NAME", description = "Organization name")
        String organization;

        @Option(names = "--add", paramLabel = "HOST", description = "Allow this host, e.g. app.example.com")
        List<String> add = new ArrayList<>();

        @Option(names = "--remove", paramLabel = "HOST", description = "No longer allow this host")
        List<String> remove = new ArrayList<>();

        @Override
        JsonNode run(Admin admin) {
            return admin.redirectHosts(organization, add, remove);
        }
    }
}
