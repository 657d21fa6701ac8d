package org.iobench.bench.profile;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a fork's server flame graph goes in the run folder: {@code profiles/}, one HTML file per
 * trial and round, named after what was measured so that a listing reads as the matrix, e.g.
 * {@code profiles/throughput-nio-selector-c100-16384B-depth1-fork2.html} (ThroughputBenchmark,
 * 100 connections, 16 KiB messages, one in flight, the trial's fork of round 2). A fork measured
 * again (too disturbed) writes the same name: the flame graph is always the kept fork's. When a
 * server cannot be profiled, a {@code .txt} of the same name says why.
 */
public final class FlameGraphFile {
    /** The run folder's sub-folder of flame graphs (results contract, docs/results.md). */
    public static final String PROFILES_DIR = "profiles";
    public static final String EXTENSION = ".html";
    /** Beside a missing flame graph: why there is none. */
    public static final String REASON_EXTENSION = ".txt";

    private FlameGraphFile() {
    }

    /**
     * @param benchmark    the JMH benchmark, e.g. {@code org.iobench.bench.ThroughputBenchmark.echo}
     * @param loadParam    the workload's third parameter ({@code depth}, {@code rate})
     * @param round        the round, counted from 1: the trial's fork in that round
     */
    public static Path of(Path runFolder, String benchmark, String impl, int connections, int payloadBytes, String loadParam,
                          long load, int round) {
        return runFolder.resolve(PROFILES_DIR).resolve(name(benchmark, impl, connections, payloadBytes, loadParam, load, round));
    }

    static String name(String benchmark, String impl, int connections, int payloadBytes, String loadParam, long load, int round) {
        return workload(benchmark) + "-" + impl + "-c" + connections + "-" + payloadBytes + "B-" + loadParam + load + "-fork" + round
                + EXTENSION;
    }

    /** The reason file beside a flame graph that could not be made. */
    public static Path reasonFor(Path flameGraph) {
        String name = flameGraph.getFileName().toString();
        String stem = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        return flameGraph.resolveSibling(stem + REASON_EXTENSION);
    }

    /** "org.iobench.bench.ThroughputBenchmark.echo" -> "throughput". */
    static String workload(String benchmark) {
        String[] parts = benchmark.split("\\.");
        String className = parts.length >= 2 ? parts[parts.length - 2] : benchmark;
        return className.replaceFirst("Benchmark$", "").toLowerCase(Locale.ROOT);
    }
}
