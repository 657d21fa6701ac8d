package org.iobench.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.iobench.api.Settings;
import org.iobench.bench.profile.ProfileEvent;

/**
 * BenchMain's command line. Each option may also come from its setting in {@link Settings}
 * ({@code -Diobench.preset=quick}, which is how {@code mvn verify -Pbench} reaches it); the command
 * line wins.
 *
 * @param preset      the matrix to run
 * @param rounds      --rounds, or null for the preset's
 * @param seed        --seed of the rounds' order, or null for one from the clock
 * @param impls       implementation ids to run (empty = every available one)
 * @param target      a server started elsewhere to drive instead of launching one, or null
 * @param allowRemote the target may be outside loopback
 * @param resultsDir  where the run folder goes (null = results/ under the checkout)
 * @param base        an A/B run's base: a built checkout whose code runs every fork a second time (null = none)
 * @param profile     what to profile in each trial's server over its measured iterations (null = nothing)
 * @param jmhArgs     extra JMH options, passed through (they override the preset's settings)
 * @param help        print the usage and stop
 * @param settings    print every setting and stop
 */
public record BenchOptions(Preset preset, Integer rounds, Long seed, List<String> impls, InetSocketAddress target, boolean allowRemote,
                           Path resultsDir, Path base, ProfileEvent profile, List<String> jmhArgs, boolean help, boolean settings) {

    public static final String USAGE = """
            usage: scripts/bench [--preset smoke|quick|standard|full|gate|c100k|workloads|capacity] [--rounds N] [--seed S] [--impls a,b] [--target host:port [--allow-remote]]
                                 [--results-dir DIR] [--base DIR] [--profile cpu|alloc|wall|lock] [--settings] [-- JMH options]
              --preset P         the matrix (default: standard; or -Diobench.preset=P)
              --rounds N         run each trial N times, one fork per round, rounds shuffled (default: the preset's)
              --seed S           seed of the rounds' order (default: from the clock; recorded in env.properties)
              --impls a,b        only these implementation ids (default: every available one; -Diobench.impls)
              --target h:p       drive a server started elsewhere; no server is launched and server-side
                                 metrics are absent (-Diobench.target); loopback only unless --allow-remote
              --allow-remote     let --target name a host outside 127.0.0.0/8 and ::1 (-Diobench.allow.remote=true)
              --results-dir DIR  where the run folder is created (default: <checkout>/results; -Diobench.results.dir)
              --base DIR         A/B run: also run every fork with the driver, benchmarks and servers of the
                                 built checkout DIR, back to back with this checkout's; writes <run>/base and
                                 <run>/head (scripts/compare-refs does this for two git refs)
              --profile E        profile each trial's server over its measured iterations with async-profiler:
                                 cpu, alloc, wall or lock (alloc and lock: Java servers only); one HTML flame
                                 graph per fork in <run>/profiles/ (-Diobench.profile). The profiler's cost is in
                                 every figure of the run, so the run is marked profile=E and never compared
              --settings         print every iobench setting (system property / environment variable) and exit
              -- ...             JMH options, e.g. -- -wi 1 -i 3 -f 2 (also -Diobench.args="..."); they
                                 override the preset's iteration settings and parameters""";

    /** Thrown for a bad command line; the message is meant for the user. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses the command line, falling back to the settings in the given system properties. */
    public static BenchOptions parse(String[] args, Map<String, String> properties) throws UsageException {
        Map<String, String> noEnvironment = Map.of();
        String preset = Settings.PRESET.valueIn(properties, noEnvironment);
        String rounds = Settings.ROUNDS.valueIn(properties, noEnvironment);
        String seed = Settings.SEED.valueIn(properties, noEnvironment);
        String impls = Settings.IMPLS.valueIn(properties, noEnvironment);
        String target = Settings.TARGET.valueIn(properties, noEnvironment);
        boolean allowRemote = Boolean.parseBoolean(Settings.ALLOW_REMOTE.valueIn(properties, noEnvironment).strip());
        String resultsDir = Settings.RESULTS_DIR.valueIn(properties, noEnvironment);
        String base = "";
        String profile = Settings.PROFILE.valueIn(properties, noEnvironment);
        List<String> jmhArgs = new ArrayList<>(splitWords(Settings.ARGS.valueIn(properties, noEnvironment)));
        boolean help = false;
        boolean settings = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--" -> {
                    jmhArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                case "--preset" -> preset = value(args, ++i, arg);
                case "--rounds" -> rounds = value(args, ++i, arg);
                case "--seed" -> seed = value(args, ++i, arg);
                case "--impls" -> impls = value(args, ++i, arg);
                case "--target" -> target = value(args, ++i, arg);
                case "--allow-remote" -> allowRemote = true;
                case "--results-dir" -> resultsDir = value(args, ++i, arg);
                case "--base" -> base = value(args, ++i, arg);
                case "--profile" -> profile = value(args, ++i, arg);
                case "--settings" -> settings = true;
                case "-h", "--help" -> help = true;
                default -> throw new UsageException("unknown argument '" + arg + "' (JMH options go after '--')");
            }
        }
        Preset parsedPreset;
        try {
            parsedPreset = preset.isBlank() ? Preset.STANDARD : Preset.byId(preset);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        InetSocketAddress parsedTarget = target.isBlank() ? null : parseTarget(target);
        if (parsedTarget != null && !allowRemote) requireLoopback(parsedTarget);
        Integer parsedRounds = rounds.isBlank() ? null : positive("--rounds", rounds, 1000);
        Long parsedSeed;
        try {
            parsedSeed = seed.isBlank() ? null : Long.parseLong(seed.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed '" + seed + "' is not a whole number");
        }
        if (!base.isBlank() && parsedTarget != null) throw new UsageException("--base and --target exclude each other");
        if (!base.isBlank() && !Files.isDirectory(Path.of(base))) throw new UsageException("--base " + base + " is not a folder");
        ProfileEvent parsedProfile = profile.isBlank() ? null : profileEvent(profile);
        if (parsedProfile != null && parsedTarget != null) {
            throw new UsageException("--profile profiles the server a run launches; with --target there is none");
        }
        if (parsedProfile != null && !base.isBlank()) {
            throw new UsageException("--profile and --base exclude each other: an A/B run is gated, a profiled run never is");
        }
        return new BenchOptions(parsedPreset, parsedRounds, parsedSeed, splitList(impls), parsedTarget, allowRemote,
                resultsDir.isBlank() ? null : Path.of(resultsDir), base.isBlank() ? null : Path.of(base), parsedProfile,
                List.copyOf(jmhArgs), help, settings);
    }

    private static ProfileEvent profileEvent(String id) throws UsageException {
        try {
            return ProfileEvent.byId(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int positive(String option, String text, int max) throws UsageException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " '" + text + "' must be a whole number from 1 to " + max);
    }

    /** The preset's timing, with --rounds applied. */
    public Preset.Timing timing() {
        Preset.Timing preset = this.preset.timing;
        return rounds == null ? preset : new Preset.Timing(rounds, preset.measurementIterations(), preset.measurementTime());
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) throw new UsageException(option + " needs a value");
        return args[i];
    }

    /**
     * Load only leaves the machine when asked: every address the host name resolves to must be
     * loopback (127.0.0.0/8, ::1). The one guard for every target; a launcher that places the server
     * in a namespace or on another host passes --allow-remote explicitly.
     */
    static void requireLoopback(InetSocketAddress target) throws UsageException {
        String host = target.getHostString();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException("--target host '" + host + "' does not resolve: " + e.getMessage());
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new UsageException("--target " + host + " (" + address.getHostAddress() + ") is not a loopback address;"
                        + " load goes off this machine only with --allow-remote");
            }
        }
    }
    /** "host:port" or "[v6]:port". */
    static InetSocketAddress parseTarget(String target) throws UsageException {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) throw new UsageException("--target must be host:port, got '" + target + "'");
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--target port must be a number, got '" + target.substring(colon + 1) + "'");
        }
        if (port < 1 || port > 65535) throw new UsageException("--target port must be 1..65535, got " + port);
        return InetSocketAddress.createUnresolved(host, port);
    }

    static List<String> splitList(String commaList) {
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static List<String> splitWords(String words) {
        return Arrays.stream(words.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** host:port as given. */
    public String targetText() {
        if (target == null) return "";
        String host = target.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + target.getPort();
    }
}
