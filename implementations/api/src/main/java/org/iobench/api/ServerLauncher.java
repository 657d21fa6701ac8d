package org.iobench.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command prefix a server is started through ({@link Settings#SERVER_LAUNCHER}), for example
 * {@code ip netns exec iobench-srv} (a namespace on this host), {@code docker exec box} or
 * {@code ssh user@host} (another host). Two kinds behave differently, and both are handled:
 * <ul>
 *   <li>a launcher that execs the server in place (ip netns exec, nsenter, taskset, prlimit) leaves the
 *       server itself as the process started here, whose /proc is read directly;
 *   <li>one that forwards the command (ssh, a container exec) leaves only its own process here. The
 *       server's figures are then read on its host by an agent started through the same launcher
 *       (see {@code RemoteProcFiles} in the benchmarks), for which the server first prints its own pid as
 *       it is known there: {@value #PID_LINE_PREFIX}N.
 * </ul>
 * ssh hands its remote shell one string, not a list of words, so after {@code ssh} the command is
 * shell-quoted word by word (a class path ending in {@code /*} must reach java unexpanded).
 */
public record ServerLauncher(List<String> prefix) {
    /** What the wrapped server prints first: its pid on the host that runs it. */
    public static final String PID_LINE_PREFIX = "iobench-pid ";
    /** Prints the shell's pid, then execs the server in its place: the same process, so the same pid. */
    private static final String PID_THEN_EXEC = "echo \"" + PID_LINE_PREFIX + "$$\"; exec \"$@\"";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    public ServerLauncher {
        prefix = List.copyOf(prefix);
    }

    /** From the setting's text: words separated by white space; empty for none. */
    public static ServerLauncher parse(String words) {
        String stripped = words == null ? "" : words.strip();
        return new ServerLauncher(stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+")));
    }

    public boolean isEmpty() {
        return prefix.isEmpty();
    }

    /** Whether the launcher is ssh, which passes its remote shell one string (so words are quoted). */
    public boolean isRemoteShell() {
        return !prefix.isEmpty() && Path.of(prefix.get(0)).getFileName().toString().equals("ssh");
    }

    /** The full command that starts {@code server} through this launcher, printing its pid first. */
    public List<String> serverCommand(List<String> server) {
        if (prefix.isEmpty()) return List.copyOf(server);
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", PID_THEN_EXEC, "sh"));
        wrapped.addAll(server);
        return command(wrapped);
    }

    /** {@code words} run through this launcher: appended, or for ssh appended as one quoted string. */
    public List<String> command(List<String> words) {
        List<String> command = new ArrayList<>(prefix);
        if (isRemoteShell()) {
            command.add(String.join(" ", words.stream().map(ServerLauncher::shellQuote).toList()));
        } else {
            command.addAll(words);
        }
        return command;
    }

    /** One word as a POSIX shell reads it back unchanged: bare when plain, else single-quoted. */
    static String shellQuote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return String.join(" ", prefix);
    }
}
