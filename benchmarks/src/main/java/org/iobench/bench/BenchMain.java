package org.iobench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.iobench.api.Availability;
import org.iobench.api.Implementation;
import org.iobench.api.IobenchHome;
import org.iobench.api.ServerCommand;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The JMH host behind {@code scripts/bench} and {@code mvn verify -Pbench}: picks the preset's
 * matrix, keeps the implementations that can run here (and says why the others cannot), leaves out
 * connection counts the descriptor limit cannot hold, runs JMH with {@link EchoMetricsProfiler}
 * (JMH's own progress and ETA stay on the console), and writes {@code results/<date>-<host>/}
 * with {@code jmh.json} and {@code env.properties}. Exit status: 0 when every planned trial produced
 * a result with 0 errors, 1 when one failed or is invalid (each is named), 2 for a bad command line.
 */
public final class BenchMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    /** Forked JVM start, server start, connecting and teardown, per trial, on this kind of machine. */
    private static final double OVERHEAD_SECONDS_PER_TRIAL = 3;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BenchOptions options;
        JmhArgs jmh;
        try {
            options = BenchOptions.parse(args, systemProperties());
            jmh = JmhArgs.parse(options.jmhArgs());
        } catch (BenchOptions.UsageException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            return EXIT_USAGE;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return EXIT_OK;
        }
        try {
            return bench(options, jmh);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            System.err.println("bench: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int bench(BenchOptions options, JmhArgs jmh) throws IOException {
        long startNanos = System.nanoTime();
        Path home = IobenchHome.get();
        Preset preset = options.preset();
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<String> notRun = new ArrayList<>();
        List<String> impls = chooseImpls(options, preset, unavailable, notRun);
        System.out.println("bench: preset " + preset.id() + (options.target() != null
                ? ", driving the server at " + options.targetText() + " (no server launched; server-side metrics absent)" : ""));
        System.out.println("bench: implementations to run: " + (impls.isEmpty() ? "none" : String.join(", ", impls)));
        unavailable.forEach((id, why) -> System.out.println("bench: skipping " + id + ": " + why));
        String notInPreset = notRun.isEmpty() ? null : "not run by the " + preset.id() + " preset (it takes "
                + preset.maxImpls + " implementations): " + String.join(", ", notRun);
        if (impls.isEmpty()) {
            System.err.println("bench: nothing to run (see the reasons above; build with ./mvnw -DskipTests package)");
            return EXIT_FAILED;
        }

        CpuPinning pinning = CpuPinning.ofThisMachine();
        int driverThreads = pinning.driverCpus().size();
        int serverThreads = pinning.serverCpus().size();
        FdLimits fd = FdLimits.ofThisProcess();
        BenchPlan all = BenchPlan.of(preset, impls, driverThreads, fd, jmh.paramOverrides());
        List<BenchPlan.Invocation> invocations = all.invocations().stream().filter(i -> jmh.selects(i.kind())).toList();
        // descriptor-limit lines only for the benchmarks the user's regexps (if any) selected
        List<String> skipped = new ArrayList<>(all.skipped().stream().filter(line -> Stream.of(Preset.Kind.values())
                .filter(kind -> line.startsWith(kind.benchmark())).allMatch(jmh::selects)).toList());
        if (notInPreset != null) skipped.add(notInPreset);
        BenchPlan plan = new BenchPlan(invocations, skipped);
        plan.skipped().forEach(line -> System.out.println("bench: " + line));
        double estimate = plan.measuredSeconds(preset.timing) + plan.trials() * OVERHEAD_SECONDS_PER_TRIAL;
        System.out.printf("bench: %d trials in %d JMH invocation(s), roughly %s (unless JMH options change the timing)%n",
                plan.trials(), invocations.size(), minutes(estimate));
        System.out.println("bench: pinning " + (pinning.pinned() ? "driver to CPUs " + pinning.driverList() + ", server to CPUs "
                + pinning.serverList() : "off (one CPU, or -Diobench.pin=false)") + "; descriptor limit " + fd);

        Path resultsRoot = options.resultsDir() != null ? options.resultsDir() : home.resolve("results");
        Path folder = ResultsFolder.create(resultsRoot, LocalDate.now(), RunEnvironment.hostname());
        Path parts = Files.createDirectories(folder.resolve(ResultsFolder.PARTS_DIR));
        System.out.println("bench: results go to " + folder);

        List<String> forkArgs = forkJvmArgs(home, pinning, serverThreads, options);
        RunEnvironment env = RunEnvironment.collect(home)
                .put("jvm.args.driver", RunEnvironment.driverJvmArgs(jmh.jvmArgsAppend(forkArgs)))
                .put("jvm.args.server", options.target() != null ? "unknown (server started elsewhere)" : String.join(" ", ServerCommand.jvmArgs()))
                .put("preset", preset.id())
                .put("pin.driver.cpus", pinning.pinned() ? pinning.driverList() : "unpinned")
                .put("pin.server.cpus", options.target() != null ? "unknown (server started elsewhere)" : pinning.pinned() ? pinning.serverList() : "unpinned")
                .put("server.threads", options.target() != null ? "unknown (server started elsewhere)" : Integer.toString(serverThreads))
                .put("driver.threads", invocations.stream().map(i -> Integer.toString(jmh.threads(i.threads()))).distinct().collect(Collectors.joining(",")))
                .put("jmh.args", JmhArgs.describe(options.jmhArgs()))
                .put("impls.available", String.join(",", impls))
                .put("impls.unavailable", unavailable.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")))
                .put("skipped", String.join("; ", plan.skipped()))
                .put("reference.impl", Implementation.NATIVE_EPOLL_ET.id)
                .put("target", options.targetText())
                .put("server.metrics", options.target() != null ? "absent: the server was started elsewhere, its /proc is not ours to read"
                        : "measured from /proc/<server pid>")
                .put("trials.planned", Integer.toString(plan.trials()));
        env.write(folder.resolve(ResultsFolder.ENV_FILE));

        RunCheck check = new RunCheck();
        List<Path> jsonParts = new ArrayList<>();
        for (int n = 0; n < invocations.size(); n++) {
            BenchPlan.Invocation invocation = invocations.get(n);
            check.expect(invocation);
            Path json = parts.resolve("jmh-" + (n + 1) + ".json");
            jsonParts.add(json);
            System.out.printf("%nbench: invocation %d of %d: %s, %d trials%n", n + 1, invocations.size(),
                    invocation.kind().benchmark(), invocation.trials());
            try {
                Collection<RunResult> results = new Runner(jmh.options(invocation, preset.timing, json, forkArgs)).run();
                check.received(invocation, results);
            } catch (RunnerException e) {
                System.err.println("bench: JMH could not run invocation " + (n + 1) + ": " + e.getMessage());
            }
        }
        ResultsFolder.joinJson(jsonParts, folder.resolve(ResultsFolder.JMH_JSON));
        deleteTree(parts);

        String wall = minutes((System.nanoTime() - startNanos) / 1e9);
        env.put("failed", String.join("; ", check.failed()))
                .put("invalid", String.join("; ", check.invalid()))
                .put("wall.time", wall)
                .write(folder.resolve(ResultsFolder.ENV_FILE));
        Path lastRun = ResultsFolder.recordLastRun(home, folder);
        System.out.printf("%nbench: %d of %d trials produced a result in %s; results in %s (path also in %s)%n",
                check.receivedCount(), plan.trials(), wall, folder, lastRun);
        check.failed().forEach(f -> System.err.println("bench: FAILED (no result): " + f));
        check.invalid().forEach(f -> System.err.println("bench: INVALID: " + f));
        return check.ok() ? EXIT_OK : EXIT_FAILED;
    }

    /** Available implementations (filtered by --impls, limited by the preset), with reasons for the rest. */
    private static List<String> chooseImpls(BenchOptions options, Preset preset, Map<String, String> unavailable,
                                            List<String> notRun) {
        if (options.target() != null) {
            // the label under which the remote server's results appear
            return options.impls().isEmpty() ? List.of("remote") : options.impls();
        }
        for (String id : options.impls()) {
            if (Implementation.byId(id).isEmpty()) {
                throw new IllegalArgumentException("unknown implementation '" + id + "' (known: " + Implementation.ids() + ")");
            }
        }
        System.out.println("bench: asking each implementation family what can run here ...");
        Map<Implementation, String> probed = Availability.probeAll();
        List<String> available = new ArrayList<>();
        probed.forEach((impl, why) -> {
            if (!options.impls().isEmpty() && !options.impls().contains(impl.id)) return;
            if (why == null) available.add(impl.id);
            else unavailable.put(impl.id, why);
        });
        if (available.size() <= preset.maxImpls) return available;
        List<String> chosen = Stream.concat(Preset.PREFERRED_IMPLS.stream().filter(available::contains), available.stream())
                .distinct().limit(preset.maxImpls).toList();
        notRun.addAll(available.stream().filter(id -> !chosen.contains(id)).toList());
        return chosen;
    }

    /** What the forked benchmark JVM must know: the checkout, the pinning, the server's threads, the target. */
    private static List<String> forkJvmArgs(Path home, CpuPinning pinning, int serverThreads, BenchOptions options) {
        List<String> args = new ArrayList<>(List.of("-Xmx2g",
                "-D" + CpuPinning.DRIVER_PROPERTY + "=" + pinning.driverList(),
                "-D" + CpuPinning.SERVER_PROPERTY + "=" + pinning.serverList(),
                "-D" + ServerTrial.SERVER_THREADS_PROPERTY + "=" + serverThreads));
        // the forked JVM inherits this JVM's flags; say where the checkout is if they do not
        if (System.getProperty("iobench.home") == null) args.add("-Diobench.home=" + home);
        if (options.target() != null) args.add("-D" + ServerTrial.TARGET_PROPERTY + "=" + options.targetText());
        for (String passed : List.of("iobench.server.jvmArgs", "iobench.server.java", "iobench.profiler.debug")) {
            String value = System.getProperty(passed);
            // JMH splits jvm args on spaces, so a value with spaces cannot be passed through this way
            if (value != null && !value.isBlank() && !value.contains(" ")) args.add("-D" + passed + "=" + value);
        }
        return args;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        return props;
    }

    static String minutes(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
