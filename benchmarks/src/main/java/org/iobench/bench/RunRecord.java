package org.iobench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run folder from creation to its end marker, whichever way the run ends. The trials finished
 * so far are merged into jmh.json ({@link RoundMerge}: each trial's rounds become its forks, its
 * figures get the run's statistics, {@link RoundSummary}) and env.properties gets {@code run.status} and the lists of
 * failed, invalid, incomplete and limited trials, exactly once: at the normal end, after an unexpected
 * error, or from the shutdown hook on SIGINT/SIGTERM/SIGHUP, which first stops the forked JVMs and
 * their servers so nothing keeps running.
 */
final class RunRecord {
    /** How long forks get to stop their servers on SIGTERM before everything left is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * How long the hook then waits for the main thread to finish the folder itself: JMH may still be
     * writing a part file, which must not be joined half-written. Only a stuck main thread is overtaken.
     */
    static final Duration MAIN_THREAD_GRACE = Duration.ofSeconds(30);

    private final Path folder;
    private final RunEnvironment env;
    private final RunCheck check;
    private final Path lastRunFile;
    private final long startNanos;
    private final List<RoundMerge.Part> parts = new ArrayList<>();
    private volatile boolean stopping;
    private boolean finished;
    private final Thread onSignal = new Thread(this::interrupted, "iobench-interrupted");

    RunRecord(Path folder, RunEnvironment env, RunCheck check, Path lastRunFile, long startNanos) throws IOException {
        this.folder = folder;
        this.env = env;
        this.check = check;
        this.lastRunFile = lastRunFile;
        this.startNanos = startNanos;
        Files.createDirectories(partsDir());
        env.put(RunStatus.KEY, RunStatus.RUNNING.id()).write(folder.resolve(ResultsFolder.ENV_FILE));
        // from the start, so that even a run killed with SIGKILL leaves a folder the reports can draw
        // (they find run.status=running: INCOMPLETE) holding every trial finished until then
        Files.createDirectories(histogramsDir());
        joinParts(false);
        ResultsFolder.recordLastRun(lastRunFile, folder);
        Runtime.getRuntime().addShutdownHook(onSignal);
    }

    /** The files of the slot about to run: its JMH result file and its latency log. */
    synchronized RoundMerge.Part nextPart(TrialSchedule.Slot slot) {
        String name = slot.partName();
        RoundMerge.Part part = new RoundMerge.Part(slot, partsDir().resolve(name),
                histogramsDir().resolve(name.replace(".json", ".hlog")));
        parts.add(part);
        return part;
    }

    /** What a discarded fork's files are renamed with: measured again because it was disturbed, or far apart. */
    static final String DISTURBED = "disturbed";
    static final String FAR = "far";

    /**
     * A fork to measure again (too disturbed, or in another CPU placement): its files are renamed
     * {@code *-<why>.*}, kept for inspection and left out of jmh.json.
     */
    synchronized void discard(RoundMerge.Part part, String why) {
        try {
            discardFiles(part, why);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot set aside " + part.json() + ": " + e.getMessage(), e);
        }
    }

    private void discardFiles(RoundMerge.Part part, String why) throws IOException {
        parts.remove(part);
        for (Path file : List.of(part.json(), part.hlog())) {
            if (Files.exists(file)) {
                String name = file.getFileName().toString();
                int dot = name.lastIndexOf('.');
                Files.move(file, file.resolveSibling(name.substring(0, dot) + "-" + why + name.substring(dot)));
            }
        }
        joinParts(false);
    }

    /**
     * @param atTheEnd the run's end: latency percentiles from the merged histogram logs. During the run
     *               (after every trial, so that even a killed run keeps what it finished) the cheap
     *               per-iteration summary only: reading every log after every fork would put seconds
     *               of CPU in this unpinned JVM while the next fork measures, which the interference
     *               probe then rightly counts as other work on the pinned CPUs.
     */
    private void joinParts(boolean atTheEnd) throws IOException {
        RoundMerge.merge(parts, new RoundSummary(atTheEnd), folder.resolve(ResultsFolder.JMH_JSON));
    }

    boolean stopping() {
        return stopping;
    }

    /** A trial ended: jmh.json gets it at once (on the main thread, like every write of a part). */
    synchronized void trialEnded() {
        if (finished) return;
        try {
            joinParts(false);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: could not update " + folder.resolve(ResultsFolder.JMH_JSON) + ": " + e.getMessage());
        }
    }

    /** The end of the run (normal or after an error); returns BenchMain's exit status. */
    int finish(RunStatus status) {
        if (!finishOnce(status)) return BenchMain.EXIT_FAILED;
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // a signal arrived meanwhile; its hook finds the run finished and returns
        }
        boolean ok = status == RunStatus.COMPLETE && check.failed(false).isEmpty() && check.invalid().isEmpty();
        return ok ? BenchMain.EXIT_OK : BenchMain.EXIT_FAILED;
    }

    /** The shutdown hook: a signal (or System.exit before finish) ends the run here. */
    private void interrupted() {
        synchronized (this) {
            if (finished) return;
            stopping = true;
        }
        System.err.println("\nbench: interrupted: stopping the forked JVM and its server, keeping the finished trials ...");
        int killed = ForkReaper.stopAll(STOP_GRACE);
        if (killed > 0) System.err.println("bench: " + killed + " process(es) did not stop within " + STOP_GRACE.toSeconds() + " s and were killed");
        awaitMainThread();
        finishOnce(RunStatus.INTERRUPTED);
    }

    /** The main thread sees {@link #stopping()} once JMH returns, and finishes; wait for that, bounded. */
    private synchronized void awaitMainThread() {
        long deadline = System.nanoTime() + MAIN_THREAD_GRACE.toNanos();
        while (!finished && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized boolean finishOnce(RunStatus status) {
        if (finished) return false;
        finished = true;
        notifyAll();
        boolean cutShort = status != RunStatus.COMPLETE;
        String wall = BenchMain.minutes((System.nanoTime() - startNanos) / 1e9);
        try {
            joinParts(true);
            deleteTree(partsDir());
            env.put(RunStatus.KEY, status.id())
                    .put("failed", String.join("; ", check.failed(cutShort)))
                    .put("invalid", String.join("; ", check.invalid()))
                    .put("incomplete", String.join("; ", check.incomplete(cutShort)))
                    .put("limits", String.join("; ", check.limits()))
                    .put("wall.time", wall)
                    .write(folder.resolve(ResultsFolder.ENV_FILE));
            ResultsFolder.recordLastRun(lastRunFile, folder);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: could not finish the run folder " + folder + ": " + e.getMessage());
        }
        System.out.printf("%nbench: run %s: %d of %d trials produced a result in %s; results in %s%n",
                status.id(), check.receivedCount(), check.plannedCount(), wall, folder);
        check.failed(cutShort).forEach(f -> System.err.println("bench: FAILED (no result): " + f));
        check.invalid().forEach(f -> System.err.println("bench: INVALID: " + f));
        check.incomplete(cutShort).forEach(f -> System.err.println("bench: INCOMPLETE: " + f));
        check.limits().forEach(f -> System.out.println("bench: reached a limit (an outcome, not an error): " + f));
        return true;
    }

    /** The runs' latency logs stay: one .hlog per round and trial, named as its part (results contract). */
    private Path histogramsDir() {
        return folder.resolve(ResultsFolder.HISTOGRAMS_DIR);
    }

    private Path partsDir() {
        return folder.resolve(ResultsFolder.PARTS_DIR);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
