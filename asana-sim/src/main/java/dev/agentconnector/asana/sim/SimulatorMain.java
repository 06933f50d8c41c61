package dev.agentconnector.asana.sim;

import dev.agentconnector.asana.sim.data.DatasetGenerator;
import dev.agentconnector.asana.sim.render.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulator from the command line and prints one JSON line with its URLs and credentials when ready.
 *
 * <p>Options: {@code --port P} (default 8089; 0 picks a free port), {@code --seed N}, {@code --scale S},
 * {@code --tasks-per-project N}, {@code --host H}, {@code --help}.
 */
public final class SimulatorMain {
    /** Default port of the standalone server. */
    public static final int DEFAULT_PORT = 8089;

    private SimulatorMain() {
    }

    /** Starts the simulator and serves until the process is terminated. */
    public static void main(String[] args) throws InterruptedException {
        AsanaSimulator.Builder b = AsanaSimulator.builder().port(DEFAULT_PORT);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help":
                    case "-h":
                        usage(System.out);
                        return;
                    case "--port":
                        b.port(Integer.parseInt(value(args, ++i)));
                        break;
                    case "--seed":
                        b.seed(Long.parseLong(value(args, ++i)));
                        break;
                    case "--scale":
                        b.scale(Integer.parseInt(value(args, ++i)));
                        break;
                    case "--tasks-per-project":
                        b.tasksPerProject(Integer.parseInt(value(args, ++i)));
                        break;
                    case "--host":
                        b.host(value(args, ++i));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        AsanaSimulator sim;
        try {
            sim = b.start();
        } catch (IllegalArgumentException e) { // sizes that are valid alone but not together
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            done.countDown();
        }, "asana-sim-shutdown"));
        System.err.println("Asana simulator listening on " + sim.baseUrl());
        System.out.println(readyLine(sim));
        System.out.flush();
        done.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(PrintStream out) {
        out.println("Usage: SimulatorMain [--port P] [--seed N] [--scale S] [--tasks-per-project N] [--host H] "
                + "[--help]");
        out.println("  --port P   port to listen on (default " + DEFAULT_PORT + "; 0 picks a free port)");
        out.println("  --seed N   dataset seed (default 42)");
        out.println("  --scale S  dataset size multiplier (default 1)");
        out.println("  --tasks-per-project N  top-level tasks in each project (default "
                + DatasetGenerator.DEFAULT_TASKS_PER_PROJECT + "; at most " + DatasetGenerator.MAX_GENERATED_TASKS
                + " over all projects)");
        out.println("  --host H   address to bind (default 127.0.0.1)");
        out.println("When ready, one JSON line with the URLs and credentials is printed on stdout.");
    }

    /** The one-line JSON announcing a started simulator's URLs and credentials. */
    public static String readyLine(AsanaSimulator sim) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("base_url", sim.baseUrl());
        m.put("token_url", sim.tokenUrl());
        m.put("authorize_url", sim.authorizeUrl());
        m.put("personal_access_token", sim.personalAccessToken());
        m.put("client_id", sim.clientId());
        m.put("client_secret", sim.clientSecret());
        m.put("refresh_token", sim.refreshToken());
        m.put("workspace_gid", sim.workspaceGid());
        try {
            return Json.MAPPER.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
