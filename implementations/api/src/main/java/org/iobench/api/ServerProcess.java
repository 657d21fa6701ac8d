package org.iobench.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One implementation running as its own process: started, awaited until it prints its ready line,
 * then stopped with SIGTERM and checked to have exited cleanly. Its output is kept (the last lines)
 * for error messages, and drained so a chatty server can never block on a full pipe.
 *
 * <p>The server is started with {@code --exit-with-stdin} and this object holds the write end of its
 * standard input for the server's whole life: if the JVM holding it dies, even by {@code kill -9},
 * the server reads end-of-file and exits instead of listening on, orphaned.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("^iobench: (\\S+) listening on \\[?([^\\]]+?)]?:(\\d+)$");
    private static final Pattern PID_LINE = Pattern.compile("^" + ServerLauncher.PID_LINE_PREFIX + "(\\d+)$");
    private static final int KEPT_LINES = 50;

    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /** For the stop grace of a server on another host: as many threads as the largest standard trial's. */
    private static final long FORWARDED_THREADS_ASSUMED = 10_000;

    private final Implementation impl;
    private final Process process;
    private final InetSocketAddress address;
    private final Deque<String> output;
    /** Never written to; closed only once the server has exited, or to stop a forwarded one (see the class comment). */
    private final OutputStream lifeline;
    /** The pid the server printed as it is known on its own host (through a launcher), else -1. */
    private final long reportedPid;

    private ServerProcess(Implementation impl, Process process, InetSocketAddress address, Deque<String> output, long reportedPid) {
        this.impl = impl;
        this.process = process;
        this.address = address;
        this.output = output;
        this.lifeline = process.getOutputStream();
        this.reportedPid = reportedPid;
    }

    /** Starts the server, pinned to {@code cpuList} if not null, and waits for its ready line. */
    public static ServerProcess start(Implementation impl, ServerConfig config, String cpuList) throws IOException {
        return start(impl, config, cpuList, List.of());
    }

    /**
     * The same, behind a command prefix that execs the server, e.g. {@code prlimit --nofile=256:256}
     * (the conformance suite starts a server under a low descriptor limit this way).
     */
    public static ServerProcess start(Implementation impl, ServerConfig config, String cpuList,
                                      List<String> commandPrefix) throws IOException {
        return start(impl, config, cpuList, commandPrefix, ServerLauncher.parse(""));
    }

    /**
     * The same, the whole command (prefix included) started through {@code launcher}: in a namespace,
     * a container or on another host ({@link ServerLauncher}).
     */
    public static ServerProcess start(Implementation impl, ServerConfig config, String cpuList,
                                      List<String> commandPrefix, ServerLauncher launcher) throws IOException {
        String notBuilt = ServerCommand.notBuiltReason(impl);
        if (notBuilt != null) throw new IOException(impl.id + ": " + notBuilt);
        List<String> server = new ArrayList<>(commandPrefix);
        server.addAll(ServerCommand.of(impl, config, cpuList));
        List<String> command = launcher.serverCommand(server);
        // stdin stays a pipe (ProcessBuilder's default): it is the server's lifeline.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> early = new ArrayDeque<>();
        CompletableFuture<InetSocketAddress> ready = new CompletableFuture<>();
        AtomicLong reportedPid = new AtomicLong(-1);
        Thread reader = Thread.ofPlatform().daemon().name("server-output-" + impl.id)
                .start(() -> pump(process.getInputStream(), early, ready, reportedPid));
        try {
            InetSocketAddress address = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(impl, process, address, early, reportedPid.get());
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            awaitQuietly(process);
            reader.interrupt();
            String why = e instanceof TimeoutException ? "did not print its ready line within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited with status " + process.exitValue() + " before it was ready";
            throw new IOException(impl.id + " " + why + "; its output:\n  " + String.join("\n  ", snapshot(early))
                    + "\ncommand: " + String.join(" ", command));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + impl.id, e);
        }
    }

    private static void pump(InputStream in, Deque<String> lines, CompletableFuture<InetSocketAddress> ready, AtomicLong reportedPid) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // printed before the ready line, so it is known when the start returns
                Matcher pid = PID_LINE.matcher(line);
                if (!ready.isDone() && pid.matches()) reportedPid.set(Long.parseLong(pid.group(1)));
                Matcher m = READY.matcher(line);
                if (!ready.isDone() && m.matches()) {
                    ready.complete(new InetSocketAddress(m.group(2), Integer.parseInt(m.group(3))));
                }
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > KEPT_LINES) lines.removeFirst();
                }
            }
        } catch (IOException ignored) {
            // the process is gone; whatever it said is kept
        }
        ready.completeExceptionally(new IOException("server output ended"));
    }

    private static List<String> snapshot(Deque<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private static void awaitQuietly(Process process) {
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Implementation implementation() {
        return impl;
    }

    public InetSocketAddress address() {
        return address;
    }

    /**
     * Whether the process started is the server itself, on this host: a JVM or the native server. A
     * launcher that execs in place (taskset, prlimit, {@code ip netns exec}, nsenter) keeps it so; one
     * that forwards the command (ssh, a container exec) leaves its own process here, whose /proc says
     * nothing about the server.
     */
    public boolean runsHere() {
        try {
            String exe = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc", Long.toString(pid()), "exe"))
                    .getFileName().toString();
            return exe.equals("java") || exe.startsWith("iobench-echo-server");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The pid of the process started here: the server itself when it {@link #runsHere()} (taskset execs too). */
    public long pid() {
        return process.pid();
    }

    /**
     * The server's pid where it runs: what it printed when started through a {@link ServerLauncher}
     * (the same as {@link #pid()} for one that execs in place), else {@link #pid()}.
     */
    public long serverPid() {
        return reportedPid > 0 ? reportedPid : process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the server printed. */
    public List<String> recentOutput() {
        return snapshot(output);
    }

    /**
     * SIGTERM, then waits for a clean exit. Returns the exit status; a server that does not stop in
     * time is killed and reported as an {@link IllegalStateException} — a hang at shutdown is a bug.
     */
    public int stop() {
        if (!process.isAlive()) return exited();
        // a forwarding launcher (ssh) passes no signal on, but it passes end-of-file: the lifeline stops the
        // server cleanly (status 0, which ssh returns as its own); its threads are not countable from here
        boolean forwarded = !runsHere();
        long threads = forwarded ? FORWARDED_THREADS_ASSUMED : threads(process.pid());
        Duration grace = stopGrace(threads);
        if (forwarded) {
            closeLifeline();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                String states = forwarded ? "not readable from here" : ThreadStates.of(process.pid());
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                throw new IllegalStateException(impl.id + " did not stop within " + grace.toSeconds() + " s of "
                        + (forwarded ? "the end of its standard input, through its launcher" : "SIGTERM")
                        + " (" + (forwarded ? "on another host" : threads + " threads") + "); killed. Its threads then: " + states + ". Last output:\n  " + String.join("\n  ", recentOutput()));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return exited();
    }

    /**
     * How long a server may take to stop: {@link #STOP_TIMEOUT}, plus a millisecond per thread. A
     * thread-per-connection server at 10,000 connections pinned to one CPU wakes and ends 10,000
     * threads, and its closing thread gets one ten-thousandth of the CPU while they run.
     */
    static Duration stopGrace(long threads) {
        return STOP_TIMEOUT.plusMillis(Math.max(0, threads));
    }

    /** The process's thread count (/proc/PID/status), or 0 when it cannot be read. */
    private static long threads(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) return Long.parseLong(line.substring("Threads:".length()).strip());
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or gone already: the base grace applies
        }
        return 0;
    }

    private int exited() {
        closeLifeline();
        return process.exitValue();
    }

    private void closeLifeline() {
        try {
            lifeline.close();
        } catch (IOException e) {
            // the server is gone; so is the other end of the pipe
        }
    }

    @Override
    public void close() {
        stop();
    }
}
