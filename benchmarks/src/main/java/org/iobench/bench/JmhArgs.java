package org.iobench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The user's extra JMH options, merged with what a preset and the plan need. The user's settings
 * win (iterations, times, forks, threads, parameters, profilers, JVM flags); the result file and
 * format, the benchmark selection and {@link EchoMetricsProfiler} are BenchMain's, because the run
 * folder and the results contract depend on them. Benchmark regexps in the user's options select
 * which of the preset's benchmarks run.
 */
final class JmhArgs {
    /** JMH's options that take no value (listing and help); they make no sense inside a run. */
    private static final Set<String> LISTING_FLAGS = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");
    /** Options BenchMain must own: where and how the results are written. */
    private static final Set<String> RESERVED = Set.of("-rf", "-rff", "-o");

    private final CommandLineOptions user;
    private final List<String> includes;
    private final List<String> paramNames;

    private JmhArgs(CommandLineOptions user, List<String> includes, List<String> paramNames) {
        this.user = user;
        this.includes = includes;
        this.paramNames = paramNames;
    }

    static JmhArgs parse(List<String> args) throws BenchOptions.UsageException {
        List<String> withoutRegexps = new ArrayList<>();
        List<String> regexps = new ArrayList<>();
        List<String> paramNames = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (LISTING_FLAGS.contains(arg)) throw new BenchOptions.UsageException("JMH option " + arg + " is not supported by BenchMain");
            if (RESERVED.contains(arg)) throw new BenchOptions.UsageException("JMH option " + arg + " is set by BenchMain (results go to the run folder)");
            if (arg.equals("-p") && i + 1 < args.size()) {
                String param = args.get(i + 1);
                paramNames.add(param.contains("=") ? param.substring(0, param.indexOf('=')) : param);
            }
            if (arg.startsWith("-")) {
                withoutRegexps.add(arg);
                if (i + 1 < args.size()) withoutRegexps.add(args.get(++i));
            } else {
                regexps.add(arg);
            }
        }
        try {
            return new JmhArgs(new CommandLineOptions(withoutRegexps.toArray(String[]::new)), List.copyOf(regexps),
                    List.copyOf(paramNames));
        } catch (CommandLineOptionException e) {
            throw new BenchOptions.UsageException("bad JMH options " + args + ": " + e.getMessage());
        }
    }

    /** Does a user regexp (if any) select this benchmark? */
    boolean selects(Preset.Kind kind) {
        return includes.isEmpty() || includes.stream().anyMatch(r -> Pattern.compile(r).matcher(kind.benchmark()).find());
    }

    /** The names the user gave with -p, as given (known or not). */
    List<String> paramNames() {
        return paramNames;
    }

    /**
     * Options JMH accepts (it refuses non-positive counts itself) but a run cannot use: no forks runs
     * the benchmark in the host JVM (no pinning, the server's shutdown hook in the wrong JVM), and
     * "-t max" gives every CPU a driver thread, the server's too.
     */
    void checkIterationOptions() throws BenchOptions.UsageException {
        if (user.getForkCount().hasValue() && user.getForkCount().get() < 1) {
            throw new BenchOptions.UsageException("-f " + user.getForkCount().get() + ": every trial needs its own JVM (forks >= 1)");
        }
        if (user.getThreads().hasValue() && user.getThreads().get() < 1) {
            throw new BenchOptions.UsageException("-t max: give a number of driver threads (at most the driver's CPUs)");
        }
    }

    /**
     * The timing the forks actually run: the preset's, with the user's -i and -r in its place, so that
     * the estimate and the run's description ({@code measurement} in env.properties, "How measured" in
     * summary.md) state what was measured rather than what the preset would have measured.
     */
    Preset.Timing timing(Preset.Timing preset) {
        int iterations = user.getMeasurementIterations().hasValue() ? user.getMeasurementIterations().get() : preset.measurementIterations();
        String time = user.getMeasurementTime().hasValue() ? user.getMeasurementTime().get().convertTo(TimeUnit.MILLISECONDS) + "ms" : preset.measurementTime();
        return new Preset.Timing(preset.rounds(), iterations, time);
    }

    /** Rounds x forks per round x measurement iterations: the iterations a complete (merged) result holds. */
    int measurementsPerTrial(Preset.Timing timing) {
        int forks = timing.rounds() * (user.getForkCount().hasValue() ? user.getForkCount().get() : 1);
        int iterations = user.getMeasurementIterations().hasValue() ? user.getMeasurementIterations().get() : timing.measurementIterations();
        return forks * iterations;
    }

    /** The unmeasured JMH iterations the forks run after warming up, for env.properties' measurement: "" when none. */
    String warmupIterations(List<BenchPlan.Invocation> invocations, Preset.Timing timing) {
        String time = user.getWarmupTime().hasValue() ? user.getWarmupTime().get().toString() : timing.measurementTime();
        if (user.getWarmupIterations().hasValue()) {
            int n = user.getWarmupIterations().get();
            return n == 0 ? "" : ", then " + n + " x " + time + " unmeasured JMH iterations";
        }
        StringBuilder note = new StringBuilder();
        invocations.stream().map(BenchPlan.Invocation::kind).distinct().filter(k -> k.warmupIterations > 0)
                .forEach(k -> note.append(", then ").append(k.warmupIterations).append(" x ").append(time)
                        .append(" unmeasured JMH iterations (").append(k.className.substring(k.className.lastIndexOf('.') + 1)).append(")"));
        return note.toString();
    }

    /** Parameter values the user gave with -p, by name. */
    Map<String, List<String>> paramOverrides() {
        Map<String, List<String>> overrides = new LinkedHashMap<>();
        for (String name : ParamCheck.KNOWN_PARAMS) {
            if (user.getParameter(name).hasValue()) overrides.put(name, List.copyOf(user.getParameter(name).get()));
        }
        return overrides;
    }

    /** JMH's -t, or the plan's. */
    int threads(int planned) {
        return user.getThreads().hasValue() ? user.getThreads().get() : planned;
    }

    /** JVM flags appended to the forked benchmark JVM: BenchMain's, then the user's -jvmArgsAppend. */
    List<String> jvmArgsAppend(List<String> ours) {
        List<String> all = new ArrayList<>(ours);
        if (user.getJvmArgsAppend().hasValue()) all.addAll(user.getJvmArgsAppend().get());
        return all;
    }

    /** The options of one JMH run (one trial of one round, under the rounds orchestration). */
    /** {@code jvm} null: JMH's default (this JVM's java); else the executable the fork runs as (an A/B run's base side). */
    Options options(BenchPlan.Invocation invocation, Preset.Timing timing, Path resultFile, List<String> jvmArgsAppend, Path jvm) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(user)
                .include("^" + Pattern.quote(invocation.kind().benchmark()) + "$")
                .resultFormat(ResultFormatType.JSON)
                .result(resultFile.toString())
                .addProfiler(EchoMetricsProfiler.class)
                .jvmArgsAppend(jvmArgsAppend(jvmArgsAppend).toArray(String[]::new))
                .shouldFailOnError(false);
        if (jvm != null) b.jvm(jvm.toString());
        invocation.params().forEach((name, values) -> b.param(name, values.toArray(String[]::new)));
        if (!user.getThreads().hasValue()) b.threads(invocation.threads());
        // each fork warms up until steady before JMH's first iteration (WarmUp); JMH's own warm-up iterations
        // only where the first iteration boundaries showed in the figures (Preset.Kind#warmupIterations)
        if (!user.getWarmupIterations().hasValue()) b.warmupIterations(invocation.kind().warmupIterations);
        if (!user.getWarmupTime().hasValue()) b.warmupTime(TimeValue.fromString(timing.measurementTime()));
        if (!user.getMeasurementIterations().hasValue()) b.measurementIterations(timing.measurementIterations());
        if (!user.getMeasurementTime().hasValue()) b.measurementTime(TimeValue.fromString(timing.measurementTime()));
        if (!user.getForkCount().hasValue()) b.forks(1); // the rounds repeat the trial
        return b.build();
    }

    /** The user's options as given (for the env file). */
    static String describe(Collection<String> args) {
        return String.join(" ", args);
    }
}
