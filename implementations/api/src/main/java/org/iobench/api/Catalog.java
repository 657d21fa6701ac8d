package org.iobench.api;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Behind {@code scripts/echo-server}: {@code --list} prints every implementation with its
 * availability here; any other arguments are validated as a server command line and the command
 * that runs that server is printed, NUL-separated, for the script to exec.
 */
public final class Catalog {
    private Catalog() {
    }

    public static void main(String[] args) {
        ServerArgs parsed;
        try {
            parsed = ServerArgs.parse(args);
        } catch (ServerArgs.UsageException e) {
            System.err.println("iobench: " + e.getMessage());
            System.err.println(ServerArgs.USAGE);
            System.exit(ServerMain.EXIT_USAGE);
            return;
        }
        if (parsed.help()) {
            System.out.println(ServerArgs.USAGE);
        } else if (parsed.list()) {
            printAvailability(System.out);
        } else {
            String notBuilt = ServerCommand.notBuiltReason(parsed.impl());
            if (notBuilt != null) {
                System.err.println("iobench: " + parsed.impl().id + " is unavailable: " + notBuilt);
                System.exit(ServerMain.EXIT_RUNTIME);
            }
            byte[] command = encode(ServerCommand.of(parsed.impl(), parsed.config(), null, parsed.exitWithStdin()));
            System.out.write(command, 0, command.length);
            System.out.flush();
        }
    }

    /**
     * The command as the script reads it ({@code mapfile -d ''}): UTF-8, each word NUL-terminated.
     * Its length is counted in bytes, never in characters: a path with a non-ASCII character is
     * longer in bytes than in chars, and counting chars cut the command's tail off.
     */
    static byte[] encode(List<String> command) {
        return (String.join("\0", command) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    static void printAvailability(PrintStream out) {
        for (Map.Entry<Implementation, String> e : Availability.probeAll().entrySet()) {
            Implementation impl = e.getKey();
            String status = e.getValue() == null ? "available" : "unavailable: " + e.getValue();
            out.printf("%-18s %-8s %s%n", impl.id, impl.family.module, status);
        }
    }
}
