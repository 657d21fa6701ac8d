package org.iobench.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.iobench.api.Availability;
import org.iobench.api.Implementation;
import org.iobench.api.IobenchHome;
import org.iobench.api.ServerCommand;
import org.iobench.api.ServerLauncher;
import org.iobench.api.Settings;
import org.iobench.bench.driver.DriverIoKind;
import org.iobench.bench.driver.SourceAddresses;
import org.iobench.bench.measure.CoreDistance;
import org.iobench.bench.measure.IterationInterference;
import org.iobench.bench.profile.AsyncProfilerLibrary;
import org.iobench.bench.profile.FlameGraphFile;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH host behind {@code scripts/bench} and {@code mvn verify -Pbench}: picks the preset's
 * matrix, keeps the implementations that can run here (and says why the others cannot), leaves out
 * connection counts the descriptor limit cannot hold, runs JMH with {@link EchoMetricsProfiler}
 * (JMH's own progress and ETA stay on the console), and writes {@code results/<date>-<host>/}
 * with {@code jmh.json} and {@code env.properties}. Every option and JMH parameter is checked before
 * the folder is created and the first JVM forks. However the run ends (normally, after an error,
 * or on SIGINT/SIGTERM, when {@link RunRecord} stops the forks and their servers first), the
 * finished trials are kept in jmh.json and env.properties gets {@code run.status} (see
 * {@link RunStatus}) with the failed, invalid and incomplete trials named.
 *
 * <p>Exit status: 0 when every planned trial produced a result with 0 errors; 1 when one failed, is
 * invalid or every trial was skipped (each is named); 2 for bad input (one line, no folder); 128 +
 * the signal's number when interrupted.
 */
public final class BenchMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            BenchOptions options = BenchOptions.parse(args, Settings.propertiesOfThisJvm());
            if (options.help()) {
                System.out.println(BenchOptions.USAGE);
                return EXIT_OK;
            }
            if (options.settings()) {
                Settings.describe().forEach(System.out::println);
                return EXIT_OK;
            }
            JmhArgs jmh = JmhArgs.parse(options.jmhArgs());
            ParamCheck.check(jmh, options.target() != null);
            checkServerBind(Settings.SERVER_BIND.value(), options.allowRemote());
            return bench(options, jmh);
        } catch (BenchOptions.UsageException e) {
            System.err.println("bench: " + e.getMessage() + " (scripts/bench --help for usage)");
            return EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException | IllegalStateException e) {
            // e.g. the checkout cannot be found (IobenchHome), the environment cannot be written
            System.err.println("bench: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /**
     * A launched server listens on loopback unless the user said otherwise: an address outside
     * 127.0.0.0/8 and ::1 (a network namespace's, from scripts/netns-pair) needs --allow-remote too.
     */
    static void checkServerBind(String bind, boolean allowRemote) throws BenchOptions.UsageException {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind.strip());
        } catch (java.net.UnknownHostException e) {
            throw new BenchOptions.UsageException(Settings.SERVER_BIND.property() + " '" + bind + "' does not resolve");
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new BenchOptions.UsageException("the servers would listen on " + address.getHostAddress() + " ("
                    + Settings.SERVER_BIND.environment() + "), outside loopback: load goes off loopback only with --allow-remote");
        }
    }

    private static int bench(BenchOptions options, JmhArgs jmh) throws IOException, BenchOptions.UsageException {
        long startNanos = System.nanoTime();
        Path home = IobenchHome.get();
        // a previous run's record must not stand in for this one (the reports would draw that run)
        Files.deleteIfExists(ResultsFolder.lastRunFile(home));
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
        requireAvailable(jmh, options, unavailable);

        CpuPinning pinning = CpuPinning.ofThisMachine();
        int driverThreads = pinning.driverCpus().size();
        int serverThreads = Settings.SERVER_THREADS.isSet() ? ParamCheck.serverThreads(Settings.SERVER_THREADS.value())
                : pinning.serverCpus().size();
        FdLimits fd = FdLimits.ofThisProcess();
        BenchPlan all = BenchPlan.of(preset, impls, driverThreads, fd, jmh.paramOverrides());
        List<BenchPlan.Invocation> invocations = all.invocations().stream().filter(i -> jmh.selects(i.kind())).toList();
        for (BenchPlan.Invocation invocation : invocations) ParamCheck.checkThreads(jmh.threads(invocation.threads()), invocation.connections());
        // descriptor-limit lines only for the benchmarks the user's regexps (if any) selected
        List<String> skipped = new ArrayList<>(all.skipped().stream().filter(line -> Stream.of(Preset.Kind.values())
                .filter(kind -> line.startsWith(kind.benchmark())).allMatch(jmh::selects)).toList());
        if (notInPreset != null) skipped.add(notInPreset);
        BenchPlan plan = new BenchPlan(invocations, skipped);
        plan.skipped().forEach(line -> System.out.println("bench: " + line));
        if (plan.trials() == 0) {
            System.err.println("bench: nothing to run: every trial was skipped or deselected (see the lines above); no run folder written");
            return EXIT_FAILED;
        }
        Preset.Timing timing = jmh.timing(options.timing());
        long seed = options.seed() != null ? options.seed() : System.currentTimeMillis();
        List<TrialSchedule.Slot> schedule = TrialSchedule.shuffled(TrialSchedule.trials(plan), timing.rounds(), seed);
        double estimate = plan.estimatedSeconds(timing);
        System.out.printf("bench: %d trials x %d rounds = %d forks (each round in a fresh shuffled order, seed %d), roughly %s%n",
                plan.trials(), timing.rounds(), schedule.size(), seed, minutes(estimate));
        System.out.println("bench: pinning " + (pinning.pinned() ? "driver to CPUs " + pinning.driverList() + ", server to CPUs "
                + pinning.serverList() : "off (one CPU, or -Diobench.pin=false)") + "; descriptor limit " + fd);

        // before the folder: a machine async-profiler has no library for is told so at once
        if (options.profile() != null) AsyncProfilerLibrary.path();
        String profiler = options.profile() == null ? "" : "async-profiler " + AsyncProfilerLibrary.version();
        Path resultsRoot = options.resultsDir() != null ? options.resultsDir() : home.resolve("results");
        Path folder;
        try {
            folder = ResultsFolder.create(resultsRoot, LocalDate.now(), RunEnvironment.hostname());
        } catch (IOException e) {
            throw new BenchOptions.UsageException(e.getMessage());
        }
        System.out.println("bench: results go to " + folder);
        if (options.profile() != null) {
            System.out.println("bench: profiling each server's measured iterations (" + options.profile().id() + ") with " + profiler
                    + ": every figure of this run carries the profiler's cost, so the run is marked profiled and never compared;"
                    + " flame graphs go to " + folder.resolve(FlameGraphFile.PROFILES_DIR));
        }

        Map<String, String> common = new LinkedHashMap<>();
        common.put("jvm.args.server", options.target() != null ? "unknown (server started elsewhere)" : String.join(" ", ServerCommand.jvmArgs()));
        common.put("results.format", RESULTS_FORMAT);
        common.put("preset", preset.id());
        common.put("pin.driver.cpus", pinning.pinned() ? pinning.driverList() : "unpinned");
        common.put("pin.server.cpus", options.target() != null ? "unknown (server started elsewhere)" : pinning.pinned() ? pinning.serverList() : "unpinned");
        common.put("server.threads", options.target() != null ? "unknown (server started elsewhere)" : Integer.toString(serverThreads));
        common.put("driver.threads", invocations.stream().map(i -> Integer.toString(jmh.threads(i.threads()))).distinct().collect(Collectors.joining(",")));
        common.put("driver.io", DriverIoKind.preferred().name().toLowerCase(java.util.Locale.ROOT)
                + " (IPv6 targets: nio; -D" + Settings.DRIVER_IO.property() + ")");
        common.put("driver.thread.cpus", pinning.pinned() ? "thread i on driver CPU i mod " + pinning.driverCpus().size()
                + " of " + pinning.driverList() : "unpinned");
        common.put("driver.source.addresses", describeSources(plan, options));
        common.put("jmh.args", JmhArgs.describe(options.jmhArgs()));
        common.put("impls.available", String.join(",", impls));
        common.put("impls.unavailable", unavailable.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        common.put("skipped", String.join("; ", plan.skipped()));
        common.put("reference.impl", Implementation.NATIVE_EPOLL_ET.id);
        common.put("target", options.targetText());
        common.put("server.launcher", options.target() != null ? "" : Settings.SERVER_LAUNCHER.value().strip());
        common.put("server.bind", options.target() != null ? "" : Settings.SERVER_BIND.value().strip());
        // the pool size of results that do not sweep it (charts place them on the pool-size axis)
        common.put("offload.threads", Settings.OFFLOAD_THREADS.value().strip());
        // a profiled run's figures are never compared (scripts/compare refuses it): docs/results.md
        common.put(PROFILE, options.profile() == null ? "" : options.profile().id());
        common.put("profile.tool", profiler);
        common.put("server.metrics", serverMetrics(options.target() != null, ServerLauncher.parse(Settings.SERVER_LAUNCHER.value())));
        common.put("trials.planned", Integer.toString(plan.trials()));
        common.put("rounds", Integer.toString(timing.rounds()));
        common.put("rounds.seed", Long.toString(seed));
        common.put("measurement", timing.measurementIterations() + " x " + timing.measurementTime() + " per fork, after warming up until steady"
                + jmh.warmupIterations(invocations, timing));
        common.put(PLAN_MEASUREMENTS, Integer.toString(jmh.measurementsPerTrial(timing)));
        for (int n = 0; n < invocations.size(); n++) common.put(PLAN_PREFIX + (n + 1), describe(invocations.get(n)));

        SideFactory sideOf = (name, sideHome, forkJvm, sideFolder) -> {
            List<String> forkArgs = forkJvmArgs(sideHome, pinning, serverThreads, options);
            RunEnvironment env = RunEnvironment.collect(sideHome).putAll(common)
                    .put("jvm.args.driver", RunEnvironment.driverJvmArgs(jmh.jvmArgsAppend(forkArgs)));
            if (name != null) {
                env.put(AB_SIDE, name).put(AB_SESSION, folder.getFileName() + " seed " + seed)
                        .put("ab.order", "each fork of the base and of the head back to back, A B then B A");
            }
            RunCheck check = new RunCheck();
            schedule.forEach(slot -> check.expect(slot.trial(), slot.round()));
            RunRecord record = new RunRecord(sideFolder, env, check, ResultsFolder.lastRunFile(home), startNanos);
            return new Side(name, sideFolder, env, record, check, forkArgs, forkJvm);
        };
        List<Side> sides = new ArrayList<>();
        if (options.base() != null) {
            BaseCheckout base = BaseCheckout.prepare(options.base(), home, folder.resolve("base").resolve(ResultsFolder.PARTS_DIR));
            System.out.println("bench: A/B run: every fork twice, back to back in alternating order: base = " + base.home()
                    + ", head = " + home);
            sides.add(sideOf.create("base", base.home(), base.forkJvm(), folder.resolve("base")));
            sides.add(sideOf.create("head", home, null, folder.resolve("head")));
        } else {
            sides.add(sideOf.create(null, home, null, folder));
        }
        OutputFormat console = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL);
        List<TrialSchedule.Slot> forks = new ArrayList<>(schedule);
        int remeasureBudget = Math.max(1, schedule.size() / 10);
        // a round's own slots are numbered 1..trialsPerRound; a fork measured again gets a number above that
        int trialsPerRound = schedule.size() / timing.rounds();
        List<String> remeasured = new ArrayList<>();
        // forks in another CPU placement are common on a VM (a quarter of them here), so they get their own budget
        PlacementWatch placement = new PlacementWatch(Math.max(1, schedule.size() / 4), sides.size() == 2);
        List<String> replaced = new ArrayList<>();
        try {
            for (int n = 0; n < forks.size() && !stopping(sides); n++) {
                TrialSchedule.Slot slot = forks.get(n);
                // A B, then B A: a drift of the machine within a pair falls on both sides alike
                List<Side> order = n % 2 == 0 ? sides : sides.reversed();
                Map<Side, RoundMerge.Part> parts = new LinkedHashMap<>();
                double disturbed = 0;
                List<Double> distances = new ArrayList<>();
                for (Side side : order) {
                    if (stopping(sides)) break;
                    RoundMerge.Part part = side.record().nextPart(slot);
                    parts.put(side, part);
                    System.out.printf("%nbench: fork %d of %d: round %d of %d, %s%s%n", n + 1, forks.size(), slot.round(),
                            timing.rounds(), describe(slot.trial()), side.name() == null ? "" : " [" + side.name() + "]");
                    ForkOutcome outcome = runFork(side, slot, part, jmh, timing, console, n + 1, options.profile() != null);
                    disturbed = Math.max(disturbed, outcome.disturbedShare());
                    distances.add(outcome.cpuDistanceNanos());
                }
                if (stopping(sides)) break;
                String what = describe(slot.trial()) + " round " + slot.round();
                boolean firstAttempt = slot.order() <= trialsPerRound;
                // a fork the interference probe flagged in most of its iterations is measured again (with its
                // A/B partner), once, within a budget
                if (disturbed > MAX_DISTURBED_SHARE) {
                    if (firstAttempt && remeasured.size() < remeasureBudget) {
                        System.out.printf("bench: %.0f%% of the fork's iterations were disturbed: measuring it again at the end%n", 100 * disturbed);
                        for (Map.Entry<Side, RoundMerge.Part> entry : parts.entrySet()) entry.getKey().record().discard(entry.getValue(), RunRecord.DISTURBED);
                        remeasured.add(what);
                        forks.add(new TrialSchedule.Slot(slot.round(), trialsPerRound + remeasured.size() + replaced.size(), slot.trial()));
                    } else {
                        for (Side side : parts.keySet()) {
                            side.check().tooDisturbed(RunCheck.withRound(RunCheck.key(slot.trial()), slot.round()), disturbed);
                        }
                    }
                } else if (firstAttempt) {
                    Map<Side, RoundMerge.Part> measured = Map.copyOf(parts);
                    Runnable discard = () -> measured.forEach((side, part) -> side.record().discard(part, RunRecord.FAR));
                    for (PlacementWatch.Fork far : placement.judge(new PlacementWatch.Fork(slot, List.copyOf(distances), discard))) {
                        String which = describe(far.slot().trial()) + " round " + far.slot().round();
                        System.out.printf(Locale.ROOT, "bench: %s ran in another CPU placement (%s ns between the driver's and the"
                                + " server's CPUs): measuring it again at the end%n", which, far.distances().stream()
                                .map(d -> String.format(Locale.ROOT, "%.0f", d)).collect(Collectors.joining(" vs ")));
                        far.discard().run();
                        replaced.add(which);
                        forks.add(new TrialSchedule.Slot(far.slot().round(), trialsPerRound + remeasured.size() + replaced.size(),
                                far.slot().trial()));
                    }
                }
            }
            for (Side side : sides) {
                side.env().put("remeasured", String.join("; ", remeasured));
                side.env().put("remeasured.placement", String.join("; ", replaced));
            }
        } catch (RuntimeException | Error e) {
            System.err.println("bench: the run ended early: " + e);
            sides.forEach(side -> side.record().finish(RunStatus.FAILED));
            return EXIT_FAILED;
        }
        RunStatus status = stopping(sides) ? RunStatus.INTERRUPTED : RunStatus.COMPLETE;
        int exit = EXIT_OK;
        for (Side side : sides) exit = Math.max(exit, side.record().finish(status));
        return exit;
    }

    /** Where the server-side figures come from, for env.properties (ServerTrial does the reading). */
    static String serverMetrics(boolean target, ServerLauncher launcher) {
        String agent = "read from the server host's /proc by an agent started through the launcher: CPU, memory, threads and"
                + " descriptors; GC pauses, live heap and the interference and CPU-distance probes are absent";
        if (target) return "absent: the server was started elsewhere, its /proc is not ours to read";
        if (launcher.isEmpty()) return "measured from /proc/<server pid>";
        if (launcher.isRemoteShell()) return agent;
        return "measured from /proc/<server pid> when the launcher execs the server in place; else " + agent;
    }

    /**
     * Where one side's forks run and record: this checkout in a normal run; in an A/B run ({@code --base})
     * the base checkout and this one, each with its own run folder. {@code forkJvm} null: JMH's default.
     */
    private record Side(String name, Path folder, RunEnvironment env, RunRecord record, RunCheck check, List<String> forkArgs,
                        Path forkJvm) {
    }

    private static boolean stopping(List<Side> sides) {
        return sides.stream().anyMatch(side -> side.record().stopping());
    }

    /** Of one fork: the share of its iterations the interference probe flagged, and its CPU distance (NaN: unknown). */
    private record ForkOutcome(double disturbedShare, double cpuDistanceNanos) {
    }

    /** Runs one fork. */
    private static ForkOutcome runFork(Side side, TrialSchedule.Slot slot, RoundMerge.Part part, JmhArgs jmh, Preset.Timing timing,
                                       OutputFormat console, int forkNumber, boolean profiled) {
        TrialRecorder recorder = new TrialRecorder(console, slot.trial(), slot.round(), side.check(), part.json(),
                side.record()::stopping, side.record()::trialEnded);
        List<String> slotArgs = new ArrayList<>(side.forkArgs());
        slotArgs.add(Settings.HLOG_FILE.jvmFlag(part.hlog().toString()));
        if (profiled) slotArgs.add(Settings.PROFILE_FILE.jvmFlag(flameGraph(side.folder(), slot).toString()));
        try {
            new Runner(jmh.options(slot.trial(), timing, part.json(), slotArgs, side.forkJvm()), recorder).run();
        } catch (RunnerException | TrialRecorder.Stopping e) {
            if (!side.record().stopping()) {
                String why = e.getMessage().strip().lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
                System.err.println("bench: JMH could not run fork " + forkNumber + ": " + why);
                side.check().couldNotRun(slot.trial(), "JMH refused its invocation: " + why);
            }
        }
        return new ForkOutcome(recorder.disturbedShare(), recorder.cpuDistanceNanos());
    }

    /** Where the fork's server flame graph goes: the trial's own file in the run folder's profiles/. */
    static Path flameGraph(Path folder, TrialSchedule.Slot slot) {
        BenchPlan.Invocation trial = slot.trial();
        String work = trial.works().getFirst();
        // a worked-on trial's graph is its own (work kinds such as cpu:20 become cpu20 in the name)
        int serverThreads = trial.serverThreads().getFirst();
        int offloadThreads = trial.offloadThreads().getFirst();
        String impl = trial.impls().getFirst() + (work.equals("none") ? "" : "-" + work.replaceAll("[^A-Za-z0-9.]", ""))
                + (serverThreads == 0 ? "" : "-" + serverThreads + "threads")
                + (offloadThreads < 0 ? "" : "-offload" + offloadThreads);
        return FlameGraphFile.of(folder, trial.kind().benchmark(), impl, trial.connections().getFirst(),
                trial.payloadBytes().getFirst(), trial.kind().loadParam, trial.loads().getFirst(), slot.round());
    }

    /** Creates one side: its environment record, plan check and run record (which creates its folder). */
    @FunctionalInterface
    private interface SideFactory {
        Side create(String name, Path sideHome, Path forkJvm, Path folder) throws IOException;
    }

    /** env.properties key of a profiled run: the async-profiler event, "" when not profiled (results contract). */
    static final String PROFILE = "profile";

    /** env.properties keys of an A/B run: which side this folder is, and the session both sides share. */
    static final String AB_SIDE = "ab.side";
    static final String AB_SESSION = "ab.session";

    /** See {@link IterationInterference#MAX_DISTURBED_SHARE}. */
    static final double MAX_DISTURBED_SHARE = IterationInterference.MAX_DISTURBED_SHARE;

    /** The version of the run folder's format (docs/results.md), recorded with every run. */
    static final String RESULTS_FORMAT = "3";

    /** env.properties keys of the plan the reports check jmh.json against (results contract). */
    static final String PLAN_PREFIX = "plan.";
    static final String PLAN_MEASUREMENTS = "plan.measurements.per.trial";

    /** "org.iobench.bench.ThroughputBenchmark.echo impl=a,b connections=10,100 payloadBytes=64 depth=1". */
    static String describe(BenchPlan.Invocation invocation) {
        StringBuilder line = new StringBuilder(invocation.kind().benchmark());
        invocation.params().forEach((name, values) -> line.append(' ').append(name).append('=').append(String.join(",", values)));
        return line.toString();
    }

    /** -p impl=... names implementations directly: each must be able to run here. */
    private static void requireAvailable(JmhArgs jmh, BenchOptions options, Map<String, String> unavailable)
            throws BenchOptions.UsageException {
        if (options.target() != null) return;
        for (String id : jmh.paramOverrides().getOrDefault("impl", List.of())) {
            String why = unavailable.get(id.strip());
            if (why != null) throw new BenchOptions.UsageException("-p impl=" + id + " cannot run here: " + why);
        }
    }

    /** Available implementations (filtered by --impls, limited by the preset), with reasons for the rest. */
    private static List<String> chooseImpls(BenchOptions options, Preset preset, Map<String, String> unavailable,
                                            List<String> notRun) throws BenchOptions.UsageException {
        if (options.target() != null) {
            // the label under which the remote server's results appear
            return options.impls().isEmpty() ? List.of("remote") : options.impls();
        }
        for (String id : options.impls()) {
            if (Implementation.byId(id).isEmpty()) {
                throw new BenchOptions.UsageException("unknown implementation '" + id + "' (known: " + Implementation.ids() + ")");
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

    /**
     * What the forked benchmark JVM must know: every forwarded setting that is set here, then the
     * pinning, the server's threads and the target BenchMain decided. JMH also gives each fork this
     * JVM's own flags; the later flag wins.
     */
    private static List<String> forkJvmArgs(Path home, CpuPinning pinning, int serverThreads, BenchOptions options) {
        Map<Settings.Setting, String> values = new LinkedHashMap<>();
        for (Settings.Setting setting : Settings.all()) {
            if (setting.forwarded() && setting.isSet()) values.put(setting, setting.value());
        }
        values.put(Settings.HOME, home.toString());
        if (pinning.pinned()) {
            values.put(Settings.PIN_DRIVER, pinning.driverList());
            values.put(Settings.PIN_SERVER, pinning.serverList());
        } else {
            values.put(Settings.PIN, "false");
        }
        if (!Settings.SERVER_THREADS.isSet()) values.put(Settings.SERVER_THREADS, Integer.toString(serverThreads));
        if (options.target() != null) values.put(Settings.TARGET, options.targetText());
        if (options.profile() != null) values.put(Settings.PROFILE, options.profile().id());
        List<String> args = new ArrayList<>(List.of("-Xmx2g"));
        // the epoll driver calls epoll_wait/recv/send through the FFM API (a restricted method on JDK 22+)
        if (Runtime.version().feature() >= 22) args.add("--enable-native-access=ALL-UNNAMED");
        values.forEach((setting, value) -> args.add(setting.jvmFlag(value)));
        return args;
    }

    /** Which loopback source addresses each planned connection count spreads over (one unless ports run short). */
    private static String describeSources(BenchPlan plan, BenchOptions options) {
        java.net.InetSocketAddress server = options.target() != null ? options.target()
                : new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 1);
        return plan.invocations().stream().flatMap(i -> i.connections().stream()).distinct().sorted()
                .map(c -> c + ": " + SourceAddresses.forTarget(server, c).describe()).collect(Collectors.joining("; "));
    }

    static String minutes(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }

}
