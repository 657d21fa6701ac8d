package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault cases of a run as real processes: scripts/bench signalled mid-run, a server killed
 * with SIGKILL mid-trial. One implementation and the smoke preset keep each under half a minute.
 * Every process a test starts is gone when it ends.
 */
class BenchProcessesIT {
    private static final Path HOME = Path.of(System.getProperty("iobench.home", "..")).toAbsolutePath().normalize();
    private static final String IMPL = "native-epoll-et";

    @TempDir
    Path tmp;

    private Process bench;

    @AfterEach
    void leaveNothingRunning() {
        if (bench != null) {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> command = Stream.concat(Stream.of(HOME.resolve("scripts/bench").toString(), "--preset", "smoke",
                "--impls", IMPL, "--results-dir", tmp.resolve("results").toString()), Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // functional runs, not measurements: another benchmark on this machine must not refuse them
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djmh.ignoreLock=true");
        bench = builder.start();
        return bench;
    }

    private static void awaitLine(Path log, Predicate<String> line, String what) throws Exception {
        awaitText(log, text -> text.lines().anyMatch(line), what);
    }

    private static void awaitText(Path log, Predicate<String> output, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && output.test(Files.readString(log, StandardCharsets.UTF_8))) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no " + what + " within 60 s; output:\n" + Files.readString(log));
    }

    private static ProcessHandle awaitServer(Process script) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> server = script.descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("iobench-echo-server")).findFirst();
            if (server.isPresent()) return server.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no server process under scripts/bench within 60 s");
    }

    /**
     * Waits until the second fork has finished its first measured iteration: by then its server runs
     * and the short-lived helpers of its set-up (taskset pinning each driver thread) are gone, so
     * the processes a test snapshots are the ones that must stop.
     */
    private static void awaitSecondForkMeasuring(Path log) throws Exception {
        java.util.regex.Pattern measured = java.util.regex.Pattern.compile("(?m)^Iteration   1: \\d");
        awaitText(log, text -> text.contains("bench: fork 2 of ")
                && measured.matcher(text.substring(text.indexOf("bench: fork 2 of "))).find(), "the second fork's first measured iteration");
    }

    /** "org.iobench.bench.LatencyBenchmark.echo" from "bench: fork 2 of N (N > 2 when a disturbed fork is measured again): round 1 of 1, org.iobench.bench.LatencyBenchmark.echo impl=...". */
    private static String secondForksBenchmark(Path log) throws IOException {
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("bench: fork 2 of ")).findFirst().orElseThrow();
        String rest = line.substring(line.indexOf(", ") + 2);
        return rest.substring(0, rest.indexOf(' '));
    }

    /**
     * Whether the first fork was set aside to be measured again at the end (most of its iterations
     * disturbed, on a busy machine): then it is rightly not in jmh.json when the run is stopped.
     */
    private static boolean setAside(Path log) throws IOException {
        return Files.readString(log).contains("measuring it again at the end");
    }

    /** The one run folder under results/ (beside it, assets/ holds report.html's chart library). */
    private Path runFolder() throws IOException {
        try (Stream<Path> folders = Files.list(tmp.resolve("results"))) {
            return folders.filter(f -> !f.getFileName().toString().equals(ChartLibrary.DIR)).findFirst().orElseThrow();
        }
    }

    @Test
    void sigtermStopsEverythingKeepsTheFinishedTrialAndDrawsAnIncompleteReport() throws Exception {
        Path log = tmp.resolve("bench.log");
        Process script = start(log, "--rounds", "1", "--", "-r", "3s");
        // the first fork's trial has finished once the second fork has measured an iteration
        awaitSecondForkMeasuring(log);
        String second = secondForksBenchmark(log);
        awaitServer(script);
        List<ProcessHandle> started = script.descendants().toList(); // bench's java, its fork, the server
        script.destroy(); // SIGTERM to the script, as `kill <pid>` would
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "scripts/bench did not end after SIGTERM:\n" + Files.readString(log));
        assertEquals(143, script.exitValue(), Files.readString(log));
        for (ProcessHandle p : started) assertTrue(p.onExit().isDone() || !p.isAlive(), "still running: " + p.info());

        Path run = runFolder();
        RunDir dir = RunDir.load(run);
        assertEquals("interrupted", dir.env("run.status"));
        assertEquals(setAside(log) ? 0 : 1, dir.results().size(), "the first fork's finished trial is kept in jmh.json");
        assertEquals(RunValidity.Outcome.INCOMPLETE, dir.validity().outcome());
        assertTrue(dir.env("incomplete").contains(second + " impl=" + IMPL), dir.env("incomplete"));
        assertTrue(Files.notExists(run.resolve("tmp")), "no parts stranded in tmp/");
        String summary = Files.readString(run.resolve(MarkdownSummary.FILE));
        assertTrue(summary.lines().findFirst().orElseThrow().endsWith(": INCOMPLETE"), summary);
    }

    @Test
    void aBenchmarkHostKilledWithSigkillStillLeavesItsFinishedTrialsAndAnIncompleteReport() throws Exception {
        Path log = tmp.resolve("bench.log");
        Process script = start(log, "--rounds", "1", "--", "-r", "2s");
        awaitSecondForkMeasuring(log);
        awaitServer(script);
        List<ProcessHandle> started = script.descendants().toList();
        ProcessHandle host = script.children().filter(p -> p.info().commandLine().orElse("").contains("BenchMain")).findFirst().orElseThrow();
        host.destroyForcibly();
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(137, script.exitValue(), Files.readString(log));
        // the fork notices its host is gone and stops its server on the way out
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(started.stream().noneMatch(ProcessHandle::isAlive), "still running: " + started.stream().filter(ProcessHandle::isAlive).toList());
        RunDir dir = RunDir.load(runFolder());
        assertEquals("running", dir.env("run.status"));
        assertEquals(setAside(log) ? 0 : 1, dir.results().size(), "the first fork's finished trial is in jmh.json");
        assertEquals(RunValidity.Outcome.INCOMPLETE, dir.validity().outcome());
        assertTrue(Files.readString(runFolder().resolve(MarkdownSummary.FILE)).startsWith("# iobench run " + runFolder().getFileName() + ": INCOMPLETE"));
    }

    @Test
    void aRefusedTargetFailsEveryTrialAndSaysWhy() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Path log = tmp.resolve("bench.log");
        Process script = start(log, "--target", "127.0.0.1:" + closedPort);
        assertTrue(script.waitFor(90, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(1, script.exitValue(), Files.readString(log));
        String summary = Files.readString(runFolder().resolve(MarkdownSummary.FILE));
        assertTrue(summary.lines().findFirst().orElseThrow().endsWith(": INVALID"), summary);
        assertTrue(summary.contains("- INVALID: org.iobench.bench.ThroughputBenchmark.echo impl=" + IMPL + " connections=10 payloadBytes=64 depth=1"
                + " round=1: no result: java.io.IOException: connection"), summary);
        assertTrue(summary.contains("Connection refused"), summary);
    }

    @Test
    void aServerKilledMidTrialMakesTheRunInvalidAndTheGateRefuseIt() throws Exception {
        Path log = tmp.resolve("bench.log");
        Process script = start(log, "--", "-i", "3", "-r", "1s", "ThroughputBenchmark");
        awaitLine(log, l -> l.startsWith("Iteration   1:"), "first measured iteration");
        awaitServer(script).destroyForcibly(); // SIGKILL, as the OOM killer would
        assertTrue(script.waitFor(90, TimeUnit.SECONDS), "scripts/bench did not end:\n" + Files.readString(log));
        assertEquals(1, script.exitValue(), Files.readString(log));

        Path run = runFolder();
        RunDir dir = RunDir.load(run);
        assertEquals("complete", dir.env("run.status"));
        assertEquals(RunValidity.Outcome.INVALID, dir.validity().outcome(), dir.validity().headline());
        String summary = Files.readString(run.resolve(MarkdownSummary.FILE));
        assertTrue(summary.lines().findFirst().orElseThrow().endsWith(": INVALID"), summary);
        assertTrue(summary.contains("ThroughputBenchmark.echo impl=" + IMPL), summary);

        ProcessBuilder compareCommand = new ProcessBuilder(HOME.resolve("scripts/compare").toString(), run.toString(), run.toString())
                .redirectErrorStream(true);
        compareCommand.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process compare = compareCommand.start();
        String said = new String(compare.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(compare.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, compare.exitValue(), said);
        assertTrue(said.contains("unusable input: " + run.getFileName() + " is INVALID"), said);
    }
}
