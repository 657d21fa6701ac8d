package org.iobench.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One JMH result: a benchmark at one parameter combination, with its primary score (under
 * {@link Metric#PRIMARY}) and secondary metrics. Absent metrics were not measured; never read them as 0.
 *
 * @param measuredIterations measurement iterations present in the result (all forks)
 * @param missingIterations  measurement iterations planned but absent: JMH keeps the iterations of a
 *                           trial that failed in its last iteration or its teardown (a server that
 *                           died, echoes that failed outside the measurement), so a result cut short
 *                           is a failed trial, not a smaller sample
 */
public record BenchResult(String benchmark, String mode, Map<String, String> params,
                          Map<String, Measure> metrics, int measuredIterations, int missingIterations) {

    public static final String IMPL = "impl";
    /** The work per message; its default, the plain echo, is left out of the parameters (see {@link #paramsOf}). */
    static final String WORK = "work";
    static final String NO_WORK = "none";

    /** The server's worker threads; its default, 0 (the run's setting, not swept), is left out too. */
    static final String SERVER_THREADS = "serverThreads";
    static final String RUN_SERVER_THREADS = "0";
    /** The event loops' offload pool; its default, -1 (the run's setting, not swept), is left out too. */
    static final String OFFLOAD_THREADS = "offloadThreads";
    static final String RUN_OFFLOAD_THREADS = "-1";

    /**
     * A JMH result's parameters as iobench names results by: {@code work=none}, the plain echo, and
     * {@code serverThreads=0}, the run's thread count, are dropped, so such a result keeps the key (and
     * panels, and its match in a baseline) it had before those parameters existed.
     */
    static java.util.Map<String, String> paramsOf(com.google.gson.JsonObject result) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        if (result.has("params")) {
            result.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
        }
        if (NO_WORK.equals(params.get(WORK))) params.remove(WORK);
        if (RUN_SERVER_THREADS.equals(params.get(SERVER_THREADS))) params.remove(SERVER_THREADS);
        if (RUN_OFFLOAD_THREADS.equals(params.get(OFFLOAD_THREADS))) params.remove(OFFLOAD_THREADS);
        return params;
    }
    /** Set to 1 by a trial that stopped at a limit of the machine or the model (how far it got is in its figures). */
    public static final String LIMIT_METRIC = "limit.reached";

    /** The same result judged against the run's plan: what the plan asked for, not what the JSON says it asked for. */
    public BenchResult withPlannedIterations(int planned) {
        int missing = Math.max(missingIterations, planned - measuredIterations);
        return new BenchResult(benchmark, mode, params, metrics, measuredIterations, missing);
    }

    /** "ThroughputBenchmark.echo" from "org.iobench.bench.ThroughputBenchmark.echo". */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    public String impl() {
        return params.getOrDefault(IMPL, "?");
    }

    public Optional<Measure> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** A numeric parameter such as connections or payloadBytes; -1 when absent or not a number. */
    public long longParam(String name) {
        try {
            return Long.parseLong(params.getOrDefault(name, "-1"));
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    public double errors() {
        return metric("errors").map(Measure::score).orElse(0.0);
    }

    /** Errors, a missing errors metric (then nothing says the echoes were checked) or missing iterations. */
    public boolean invalid() {
        return !invalidReason().isEmpty();
    }

    /** Why the result must not be trusted, or "" when it is valid. */
    public String invalidReason() {
        if (missingIterations > 0) {
            return missingIterations + " measurement iteration(s) missing: the trial failed before it ended (see the run's log)";
        }
        if (metric("errors").isEmpty()) {
            return "no errors metric: nothing says its echoes were checked";
        }
        return errors() > 0 ? Math.round(errors()) + " echo errors" : "";
    }

    /** A figure charts, comparisons and history can use: valid and not stopped at a limit. */
    public boolean hasFigure() {
        return !invalid() && !reachedLimit();
    }

    /** The trial stopped at a limit: a real outcome, but no figure to compare. */
    public boolean reachedLimit() {
        return metric(LIMIT_METRIC).map(m -> m.score() >= 0.5).orElse(false);
    }

    /** Benchmark and every parameter, in the form the run's plan uses: identity within a run. */
    public String trialKey() {
        return benchmark + " " + describeParams(params);
    }

    public boolean clientBound() {
        return metric("client.bound").map(m -> m.score() >= 0.5).orElse(false);
    }

    /** Identity across runs: benchmark, mode and every parameter. */
    public String key() {
        return shortName() + " " + mode + " " + describeParams(params);
    }

    /** The same identity with another implementation: the reference to divide by in relative mode. */
    public String keyWithImpl(String otherImpl) {
        Map<String, String> swapped = new LinkedHashMap<>(params);
        swapped.put(IMPL, otherImpl);
        return shortName() + " " + mode + " " + describeParams(swapped);
    }

    /** "impl=netty-nio connections=100 ..." with impl first and the rest in name order. */
    public static String describeParams(Map<String, String> params) {
        Map<String, String> rest = new TreeMap<>(params);
        String impl = rest.remove(IMPL);
        String others = rest.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return impl == null ? others : (IMPL + "=" + impl + (others.isEmpty() ? "" : " " + others));
    }
}
