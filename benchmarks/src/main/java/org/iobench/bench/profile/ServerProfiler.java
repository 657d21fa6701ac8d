package org.iobench.bench.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Profiles one trial's server over the fork's measured iterations only, with async-profiler, and
 * leaves one HTML flame graph (async-profiler's own format, for Java and native servers alike) at
 * {@link #flameGraph}; when that cannot be done, a {@code .txt} beside it says why
 * ({@link FlameGraphFile#reasonFor}) and the trial goes on: a profile is an aid to reading the
 * figures, never a condition of them.
 *
 * <p>The hooks, in the order ServerTrial calls them: {@link #launchPrefix} when the server starts,
 * {@link #measuredWindowStarted} before the first measured iteration's samples,
 * {@link #measuredWindowEnded} after the last one's (before the full GC that measures the live heap),
 * {@link #serverExited} once the server has stopped. None of them throws.
 */
public abstract sealed class ServerProfiler permits AttachedProfiler, PreloadedProfiler, ServerProfiler.Unsupported {
    /** CPU sampling period: a fork measures for a second or two, so the default 10 ms gives too few samples. */
    static final String SAMPLING_INTERVAL = "1ms";

    final ProfileEvent event;
    final Path flameGraph;
    final String implId;
    private boolean failed;
    private Path scratch;

    ServerProfiler(ProfileEvent event, Path flameGraph, String implId) {
        this.event = event;
        this.flameGraph = flameGraph;
        this.implId = implId;
    }

    /**
     * The profiler for one server: attached to a JVM through the Attach API, preloaded into a native
     * server ({@code LD_PRELOAD}), or, for an event a native server does not have, none with a reason.
     */
    public static ServerProfiler of(ProfileEvent event, boolean javaServer, String implId, Path flameGraph) {
        if (javaServer) return new AttachedProfiler(event, flameGraph, implId);
        if (event.onlyInAJvm != null) {
            return new Unsupported(event, flameGraph, implId, "async-profiler's " + event.id() + " event samples "
                    + event.onlyInAJvm + ", which a native server does not have");
        }
        return new PreloadedProfiler(event, flameGraph, implId);
    }

    /**
     * What the server's command line is started behind, pinning to {@code cpuList} (taskset syntax,
     * null = unpinned) included; null when the server is started as usual.
     */
    public final List<String> launchPrefix(String cpuList) {
        try {
            return prefix(cpuList);
        } catch (IOException | RuntimeException e) {
            fail(String.valueOf(e.getMessage()));
            return null;
        }
    }

    public final void measuredWindowStarted(long pid) {
        guarded(() -> windowStarted(pid));
    }

    public final void measuredWindowEnded(long pid) {
        guarded(() -> windowEnded(pid));
    }

    /**
     * Last: a fork that ended without a flame graph and without a reason gets one (its trial failed
     * early), and the scratch folder goes.
     */
    public final void serverExited() {
        guarded(this::exited);
        if (!failed && !Files.isRegularFile(flameGraph)) fail("the trial ended before its last measured iteration did");
        if (scratch != null) {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
            } catch (IOException e) {
                System.err.println("iobench: cannot remove " + scratch + ": " + e.getMessage());
            }
        }
    }

    /**
     * A fresh temporary folder for the profiler's files, made once: async-profiler's options are
     * comma-separated, so a path given in them must hold no comma, which a user's results folder
     * might; files written here are moved into the run folder.
     */
    final Path scratch() throws IOException {
        if (scratch == null) scratch = Files.createTempDirectory("iobench-profile-");
        return scratch;
    }

    /** One step, skipped after a failure; a failure is recorded instead of thrown. */
    private void guarded(Step step) {
        if (failed) return;
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            fail(String.valueOf(e.getMessage()));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    List<String> prefix(String cpuList) throws IOException {
        return null;
    }

    abstract void windowStarted(long pid) throws IOException;

    abstract void windowEnded(long pid) throws IOException;

    void exited() throws IOException {
    }

    /** async-profiler's options for the event: CPU sampling at {@link #SAMPLING_INTERVAL}, the others at their defaults. */
    String eventOptions() {
        return "event=" + event.id() + (event == ProfileEvent.CPU ? ",interval=" + SAMPLING_INTERVAL : "");
    }

    /** The flame graph's title: what was profiled. */
    String title() {
        String name = flameGraph.getFileName().toString();
        return event.id() + " " + name.substring(0, name.length() - FlameGraphFile.EXTENSION.length());
    }

    /** Writes the reason file and says so once; the trial goes on. */
    final void fail(String why) {
        failed = true;
        String line = "no " + event.id() + " flame graph for " + implId + ": " + why;
        System.err.println("iobench: " + line);
        try {
            Files.createDirectories(flameGraph.getParent());
            Files.writeString(FlameGraphFile.reasonFor(flameGraph), line + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("iobench: cannot write " + FlameGraphFile.reasonFor(flameGraph) + ": " + e.getMessage());
        }
    }

    /** A server this event cannot profile: the reason is recorded when its window starts. */
    static final class Unsupported extends ServerProfiler {
        private final String why;

        Unsupported(ProfileEvent event, Path flameGraph, String implId, String why) {
            super(event, flameGraph, implId);
            this.why = why;
        }

        @Override
        void windowStarted(long pid) throws IOException {
            throw new IOException(why);
        }

        @Override
        void windowEnded(long pid) {
        }
    }
}
