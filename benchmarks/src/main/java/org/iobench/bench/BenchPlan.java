package org.iobench.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iobench.api.Implementation;
import org.iobench.api.Work;

/**
 * What a run will do: the preset's matrices turned into JMH invocations for the chosen
 * implementations, with connection counts the descriptor limit cannot hold left out (and said so).
 *
 * <p>A JMH thread is a driver thread and needs at least one connection, so connection counts below
 * the driver thread count run in their own invocation with as many threads as connections; on a
 * 2-core machine (one driver CPU) every matrix is a single invocation.
 *
 * @param invocations one JMH run each
 * @param skipped     human-readable lines: what was left out and why
 */
public record BenchPlan(List<Invocation> invocations, List<String> skipped) {

    /** The plain echo: a run without work kinds names none (its trials' keys are as before work existed). */
    static final List<String> NO_WORK = List.of("none");
    /**
     * Per fork, besides its measured iterations: the forked JVM's and the server's start, connecting,
     * warm-up until steady (1.5-4 s) and teardown. Measured on the 2-vCPU development VM as wall time
     * over forks, less their measured iterations: 3.8 s (quick, results/2026-11-28-vm-7), 4.4 s
     * (standard, results/2026-11-28-vm-5), 4.8 s (workloads, results/2026-11-28-vm-2: 1,000 connections
     * and 64 KiB messages take longer to set up and warm up).
     */
    static final double OVERHEAD_SECONDS_PER_FORK = 4.3;
    /** Forks measured again (CPU placement, interference), as a share of the planned ones: 12-19% in those runs. */
    static final double REMEASURED_SHARE = 0.13;

    /**
     * One JMH invocation: a benchmark over the product of its parameter values.
     *
     * @param loads depth values (throughput) or offered rates (latency)
     * @param works work kinds per message ({@link org.iobench.api.Work}); {@link #NO_WORK} for the plain echo
     * @param serverThreads the server's worker threads, when swept; {@link #RUN_SERVER_THREADS} otherwise
     * @param offloadThreads the event loops' offload pool, when swept; {@link #RUN_OFFLOAD_THREADS} otherwise
     */
    public record Invocation(Preset.Kind kind, List<String> impls, List<Integer> connections, List<Integer> payloadBytes,
                             List<Integer> loads, List<String> works, List<Integer> serverThreads, List<Integer> offloadThreads,
                             int threads) {
        public Invocation(Preset.Kind kind, List<String> impls, List<Integer> connections, List<Integer> payloadBytes,
                          List<Integer> loads, int threads) {
            this(kind, impls, connections, payloadBytes, loads, NO_WORK, threads);
        }

        public Invocation(Preset.Kind kind, List<String> impls, List<Integer> connections, List<Integer> payloadBytes,
                          List<Integer> loads, List<String> works, int threads) {
            this(kind, impls, connections, payloadBytes, loads, works, RUN_SERVER_THREADS, RUN_OFFLOAD_THREADS, threads);
        }

        public int trials() {
            return impls.size() * connections.size() * payloadBytes.size() * loads.size() * works.size() * serverThreads.size()
                    * offloadThreads.size();
        }

        /** JMH's -p values of this invocation, by parameter name. */
        public Map<String, List<String>> params() {
            Map<String, List<String>> params = new LinkedHashMap<>();
            params.put("impl", impls);
            params.put("connections", connections.stream().map(String::valueOf).toList());
            params.put("payloadBytes", payloadBytes.stream().map(String::valueOf).toList());
            params.put(kind.loadParam, loads.stream().map(String::valueOf).toList());
            if (!works.equals(NO_WORK)) params.put(WORK, works);
            if (!serverThreads.equals(RUN_SERVER_THREADS)) params.put(SERVER_THREADS, serverThreads.stream().map(String::valueOf).toList());
            if (!offloadThreads.equals(RUN_OFFLOAD_THREADS)) params.put(OFFLOAD_THREADS, offloadThreads.stream().map(String::valueOf).toList());
            return params;
        }
    }

    /**
     * @param overrides parameter values given on the command line ({@code -p name=v1,v2}); they
     *                  replace the preset's values for that parameter (and are filtered the same way)
     */
    public static BenchPlan of(Preset preset, List<String> impls, int driverThreads, FdLimits fdLimits,
                               Map<String, List<String>> overrides) {
        List<Invocation> invocations = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> runImpls = overrides.getOrDefault("impl", impls);
        for (Preset.Matrix matrix : preset.matrices) {
            List<String> matrixImpls = matrix.onlyImpls().isEmpty() ? runImpls
                    : runImpls.stream().filter(matrix.onlyImpls()::contains).toList();
            // -p offloadThreads applies to every blocking-work matrix, so the preset's own pool sweeps (whose points
            // the work matrices then cover) are left out: otherwise those trials would run twice
            if (matrixImpls.isEmpty() || overrides.containsKey(OFFLOAD_THREADS) && !matrix.offloadThreads().equals(RUN_OFFLOAD_THREADS)) {
                continue;
            }
            List<Integer> connections = ints(overrides.get("connections"), matrix.connections());
            List<Integer> payloads = ints(overrides.get("payloadBytes"), matrix.payloadBytes());
            List<Integer> loads = ints(overrides.get(matrix.kind().loadParam), matrix.loads());
            List<String> works = overrides.getOrDefault(WORK, matrix.works());
            List<Integer> serverThreads = ints(overrides.get(SERVER_THREADS), RUN_SERVER_THREADS);
            List<Integer> offloadThreads = ints(overrides.get(OFFLOAD_THREADS), matrix.offloadThreads());
            // by thread count: counts >= driverThreads use them all, smaller counts one thread per connection
            Map<Integer, List<Integer>> byThreads = new TreeMap<>();
            for (int c : connections) {
                String why = fdLimits.whyNot(c);
                if (why != null) {
                    String line = matrix.kind().benchmark() + " connections=" + c + " skipped: " + why;
                    if (!skipped.contains(line)) skipped.add(line);
                    continue;
                }
                byThreads.computeIfAbsent(Math.min(driverThreads, c), t -> new ArrayList<>()).add(c);
            }
            if (works.equals(NO_WORK)) {
                byThreads.forEach((threads, counts) -> invocations.add(
                        new Invocation(matrix.kind(), matrixImpls, counts, payloads, loads, works, serverThreads, RUN_OFFLOAD_THREADS, threads)));
                continue;
            }
            // one invocation per work kind, without the models that cannot do it (said once, with why)
            for (String work : works) {
                List<String> able = new ArrayList<>();
                boolean poolSwept = !offloadThreads.equals(RUN_OFFLOAD_THREADS) && Work.parse(work) instanceof Work.Block;
                for (String impl : matrixImpls) {
                    String why = Implementation.byId(impl).map(i -> i.workUnavailable(Work.parse(work))).orElse(null);
                    if (why == null && poolSwept && Implementation.byId(impl).map(i -> !i.offloadsBlockingWork()).orElse(false)) {
                        why = "it has no offload pool to size (offloadThreads=" + offloadThreads.stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(",")) + " is swept for the event loops only)";
                    }
                    if (why == null) {
                        able.add(impl);
                    } else {
                        String line = matrix.kind().benchmark() + " impl=" + impl + " work=" + work + " skipped: " + why;
                        if (!skipped.contains(line)) skipped.add(line);
                    }
                }
                if (able.isEmpty()) continue;
                List<Integer> pools = poolSwept ? offloadThreads : RUN_OFFLOAD_THREADS;
                byThreads.forEach((threads, counts) -> invocations.add(
                        new Invocation(matrix.kind(), able, counts, payloads, loads, List.of(work), serverThreads, pools, threads)));
            }
        }
        return new BenchPlan(List.copyOf(invocations), List.copyOf(skipped));
    }

    /** The JMH parameter of the work per message (EchoBenchmark.work). */
    static final String WORK = "work";

    /** The JMH parameter of the server's worker threads (EchoBenchmark.serverThreads), swept with -p only. */
    static final String SERVER_THREADS = "serverThreads";
    /** Not swept: every trial takes the run's setting, and results are named without the parameter. */
    static final List<Integer> RUN_SERVER_THREADS = List.of(0);

    /** The JMH parameter of the event loops' offload pool (EchoBenchmark.offloadThreads), swept for blocking work only. */
    static final String OFFLOAD_THREADS = "offloadThreads";
    /** Not swept: the run's setting (-Diobench.offload.threads), and results are named without the parameter. */
    static final List<Integer> RUN_OFFLOAD_THREADS = List.of(-1);

    private static List<Integer> ints(List<String> override, List<Integer> preset) {
        if (override == null || override.isEmpty()) return preset;
        return override.stream().map(v -> {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter value '" + v + "' is not a whole number");
            }
        }).toList();
    }

    public int trials() {
        return invocations.stream().mapToInt(Invocation::trials).sum();
    }

    /** Seconds the trials spend measuring over all rounds (JVM and server start-up and warm-up come on top). */
    public double measuredSeconds(Preset.Timing timing) {
        return timing.rounds() * timing.measurementIterations() * seconds(timing.measurementTime()) * trials();
    }

    /**
     * What a run of this plan takes on the 2-vCPU development VM: every fork's measured iterations and
     * its {@link #OVERHEAD_SECONDS_PER_FORK}, plus the forks measured again for CPU placement or
     * interference ({@link #REMEASURED_SHARE}).
     */
    public double estimatedSeconds(Preset.Timing timing) {
        double forks = (double) trials() * timing.rounds();
        return (measuredSeconds(timing) + warmupIterationSeconds(timing) + forks * OVERHEAD_SECONDS_PER_FORK) * (1 + REMEASURED_SHARE);
    }

    /** Seconds of the unmeasured JMH iterations some kinds run before the measured ones ({@link Preset.Kind#warmupIterations}). */
    double warmupIterationSeconds(Preset.Timing timing) {
        return timing.rounds() * seconds(timing.measurementTime())
                * invocations.stream().mapToInt(i -> i.kind().warmupIterations * i.trials()).sum();
    }

    static double seconds(String jmhTime) {
        String t = jmhTime.strip();
        if (t.endsWith("ms")) return Double.parseDouble(t.substring(0, t.length() - 2)) / 1000;
        if (t.endsWith("s")) return Double.parseDouble(t.substring(0, t.length() - 1));
        if (t.endsWith("m")) return Double.parseDouble(t.substring(0, t.length() - 1)) * 60;
        return Double.parseDouble(t);
    }
}
