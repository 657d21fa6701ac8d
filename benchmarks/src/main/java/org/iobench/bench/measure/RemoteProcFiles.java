package org.iobench.bench.measure;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iobench.api.ServerLauncher;

/**
 * The /proc of a server's own host, read by an agent started once through the server's launcher (for
 * example {@code ssh user@host}) and asked over that one long-lived connection: one request and one
 * answer per reading, rather than one {@code ssh} per sample, which would cost a process start on both
 * hosts each time and burn the driver's CPU.
 *
 * <p>The agent is a POSIX {@code sh} loop (so the server's host needs nothing installed for it) that
 * uses only built-ins ({@code read}, {@code printf}, globbing): answering forks nothing on the server's
 * host. It ends when its standard input does, so it never outlives the JVM that started it. Protocol,
 * one request per line, paths relative to {@code /proc} and never leaving it:
 * <ul>
 *   <li>{@code r PATH}: the file's lines;
 *   <li>{@code c PATH}: the number of entries in the directory;
 *   <li>{@code t PID FILE}: {@code TID<tab>first line} of {@code PID/task/TID/FILE} for each thread;
 * </ul>
 * each answered by its lines and then {@value #END}{@code 0} (done), {@code 1} (not there) or {@code 2}
 * (refused).
 */
public final class RemoteProcFiles implements ProcFiles, AutoCloseable {
    static final String END = "@@iobench-end ";
    static final String READY = "@@iobench-agent-ready";
    /** The agent: answers requests on stdin from /proc, with shell built-ins only (see the class comment). */
    static final String AGENT = String.join("\n",
            "cd /proc || exit 1",
            "echo '" + READY + "'",
            "while IFS=' ' read -r op a b; do",
            "  case \"$a/$b\" in *..*|/*) echo '" + END + "2'; continue ;; esac",
            "  case \"$op\" in",
            "  r) if [ -r \"$a\" ] && { while IFS= read -r line || [ -n \"$line\" ]; do printf '%s\\n' \"$line\"; done < \"$a\"; } 2>/dev/null",
            "     then echo '" + END + "0'; else echo '" + END + "1'; fi ;;",
            "  c) if [ -d \"$a\" ]; then n=0; for f in \"$a\"/*; do [ \"$f\" = \"$a/*\" ] || n=$((n+1)); done",
            "     echo \"$n\"; echo '" + END + "0'; else echo '" + END + "1'; fi ;;",
            "  t) if [ -d \"$a/task\" ]; then for d in \"$a\"/task/*; do",
            "       { IFS= read -r line < \"$d/$b\" && printf '%s\\t%s\\n' \"${d##*/}\" \"$line\"; } 2>/dev/null",
            "     done; echo '" + END + "0'; else echo '" + END + "1'; fi ;;",
            "  *) echo '" + END + "2' ;;",
            "  esac",
            "done");
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final ServerLauncher launcher;
    private final Process agent;
    private final BufferedWriter requests;
    private final BufferedReader answers;

    private RemoteProcFiles(ServerLauncher launcher, Process agent) {
        this.launcher = launcher;
        this.agent = agent;
        this.requests = new BufferedWriter(new OutputStreamWriter(agent.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the agent through {@code launcher} and waits (bounded) until it answers. */
    public static RemoteProcFiles start(ServerLauncher launcher) throws IOException {
        Process agent = new ProcessBuilder(launcher.command(List.of("sh", "-c", AGENT)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        RemoteProcFiles files = new RemoteProcFiles(launcher, agent);
        // the first line comes once the launcher has connected (ssh may take a while); one that fails ends the stream
        String first = readLineWithin(files.answers, agent, READY_TIMEOUT_SECONDS);
        if (!READY.equals(first)) {
            agent.destroyForcibly();
            throw new IOException("the /proc agent started through '" + launcher + "' did not answer"
                    + (first == null ? " (it exited with status " + exitStatus(agent) + ")" : ": '" + first + "'"));
        }
        return files;
    }

    @Override
    public String read(String relative) throws IOException {
        List<String> lines = ask("r " + checked(relative), relative);
        StringBuilder text = new StringBuilder();
        for (String line : lines) text.append(line).append('\n');
        return text.toString();
    }

    @Override
    public long count(String relative) throws IOException {
        List<String> lines = ask("c " + checked(relative), relative);
        if (lines.size() != 1) throw new IOException("the /proc agent answered " + lines + " for the size of " + relative);
        return Long.parseLong(lines.get(0).strip());
    }

    @Override
    public Map<Long, String> perThread(long pid, String file) throws IOException {
        List<String> lines = ask("t " + pid + " " + checked(file), pid + "/task");
        Map<Long, String> byThread = new HashMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab > 0) byThread.put(Long.parseLong(line.substring(0, tab)), line.substring(tab + 1));
        }
        return byThread;
    }

    @Override
    public String describe() {
        return "/proc on the server's host (through '" + launcher + "')";
    }

    /** Ends the agent: its standard input closes, its loop ends. */
    @Override
    public synchronized void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // gone already
        }
        try {
            if (!agent.waitFor(5, TimeUnit.SECONDS)) agent.destroyForcibly();
        } catch (InterruptedException e) {
            agent.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** One request and its answer's lines; one at a time (the trial samples from more than one thread). */
    private synchronized List<String> ask(String request, String what) throws IOException {
        requests.write(request);
        requests.write('\n');
        requests.flush();
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = answers.readLine()) != null) {
            if (line.startsWith(END)) {
                return switch (line.substring(END.length())) {
                    case "0" -> lines;
                    case "1" -> throw new NoSuchFileException(describe() + "/" + what);
                    default -> throw new IOException("the /proc agent refused '" + request + "'");
                };
            }
            lines.add(line);
        }
        throw new IOException("the /proc agent through '" + launcher + "' has ended (status " + exitStatus(agent) + ")");
    }

    /** A path under /proc: relative, and never climbing out of it (the agent refuses the same). */
    private static String checked(String relative) {
        if (relative.startsWith("/") || relative.contains("..") || relative.contains("\n") || relative.contains(" ")) {
            throw new IllegalArgumentException("not a path under /proc: '" + relative + "'");
        }
        return relative;
    }

    /** The agent's first line, or null if it ended or said nothing within the time. */
    private static String readLineWithin(BufferedReader reader, Process agent, long seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (reader.ready()) return reader.readLine();
            if (!agent.isAlive()) return reader.ready() ? reader.readLine() : null;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static String exitStatus(Process process) {
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }
}
