package org.iobench.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every iobench setting, declared once: a named constant with its system property, the environment
 * variable that may stand in for it, its default and one line of documentation (Aeron's benchmark
 * {@code Configuration} is the model). Code reads a setting only through its constant; {@link #all()}
 * is the whole list, which {@code scripts/bench --settings} prints and BenchMain forwards to the
 * forked benchmark JVMs (those marked {@code forwarded}).
 *
 * <p>One name per setting. The Maven-era names {@code bench.preset}, {@code bench.impls},
 * {@code bench.target}, {@code bench.args}, {@code bench.results.dir} and {@code bench.last.run.file}
 * are still read as aliases of the {@code iobench.*} names, so old command lines keep working;
 * the {@code iobench.*} name wins when both are given.
 */
public final class Settings {

    /**
     * One setting.
     *
     * @param property     the system property ({@code -Dname=value})
     * @param environment  an environment variable read when the property is absent, or null
     * @param alias        an older property name still read, or null
     * @param defaultValue the value when nothing is set ("" = none; {@code doc} says what that means)
     * @param forwarded    BenchMain passes it to the forked benchmark JVMs
     * @param doc          one line for people
     */
    public record Setting(String property, String environment, String alias, String defaultValue, boolean forwarded,
                          String doc) {
        public Setting {
            Objects.requireNonNull(property);
            Objects.requireNonNull(defaultValue);
            Objects.requireNonNull(doc);
        }

        /** The value in this JVM: the property, else its alias, else the environment variable, else the default. */
        public String value() {
            return valueIn(propertiesOfThisJvm(), System.getenv());
        }

        /** The same over given properties and environment (tests, and BenchMain's parsed command line). */
        public String valueIn(Map<String, String> properties, Map<String, String> environmentVariables) {
            String given = explicitIn(properties, environmentVariables);
            return given != null ? given : defaultValue;
        }

        /** True when someone set it (property, alias or environment), even to the default. */
        public boolean isSet() {
            return explicitIn(propertiesOfThisJvm(), System.getenv()) != null;
        }

        /** A boolean setting: "true" (any case) is true, anything else false. */
        public boolean isTrue() {
            return Boolean.parseBoolean(value().strip());
        }

        private String explicitIn(Map<String, String> properties, Map<String, String> environmentVariables) {
            for (String name : Stream.of(property, alias).filter(Objects::nonNull).toList()) {
                String v = properties.get(name);
                if (v != null && !v.isBlank()) return v;
            }
            if (environment != null) {
                String v = environmentVariables.get(environment);
                if (v != null && !v.isBlank()) return v;
            }
            return null;
        }

        /** "-Dname=value" for a forked JVM. */
        public String jvmFlag(String value) {
            return "-D" + property + "=" + value;
        }
    }

    // --- what a user sets --------------------------------------------------------------------------

    public static final Setting HOME = new Setting("iobench.home", "IOBENCH_HOME", null, "", true,
            "the checkout's root folder (the scripts and Maven set it); default: the nearest folder above the working directory holding implementations/api");
    public static final Setting PRESET = new Setting("iobench.preset", null, "bench.preset", "standard", false,
            "scripts/bench --preset: smoke, quick, standard or full");
    public static final Setting ROUNDS = new Setting("iobench.rounds", null, null, "", false,
            "scripts/bench --rounds: how many times each trial runs, one fork per round in a fresh shuffled order; default: the preset's");
    public static final Setting SEED = new Setting("iobench.seed", null, null, "", false,
            "scripts/bench --seed: the seed of the rounds' shuffled order (recorded in env.properties); default: from the clock");
    public static final Setting IMPLS = new Setting("iobench.impls", null, "bench.impls", "", false,
            "implementation ids to run, comma-separated, for the benchmarks (--impls) and the conformance suite; default: every available one");
    public static final Setting TARGET = new Setting("iobench.target", null, "bench.target", "", true,
            "host:port of a server started elsewhere to drive instead of launching one (--target); default: launch each implementation locally");
    public static final Setting ALLOW_REMOTE = new Setting("iobench.allow.remote", null, null, "false", false,
            "true lets --target name a host outside loopback (--allow-remote); load never leaves the machine otherwise");
    public static final Setting ARGS = new Setting("iobench.args", null, "bench.args", "", false,
            "extra JMH options, space-separated, as after 'scripts/bench --' (they override the preset's iterations and parameters)");
    public static final Setting RESULTS_DIR = new Setting("iobench.results.dir", null, "bench.results.dir", "", false,
            "where run folders are created (--results-dir); default: <checkout>/results");
    public static final Setting LAST_RUN_FILE = new Setting("iobench.last.run.file", null, "bench.last.run.file", "", false,
            "the file BenchMain writes the run folder's path to, for the reports; default: <checkout>/benchmarks/target/last-run.txt (scripts/bench uses a private one per run)");
    public static final Setting PIN = new Setting("iobench.pin", null, null, "true", false,
            "false turns CPU pinning off (driver and server may then share every CPU)");
    public static final Setting SERVER_JVM_ARGS = new Setting("iobench.server.jvmArgs", null, null, "", true,
            "extra JVM flags for the Java servers, space-separated (recorded in env.properties)");
    public static final Setting SERVER_JAVA = new Setting("iobench.server.java", null, null, "", true,
            "the java executable that runs the Java servers; default: the one running the caller");
    public static final Setting NATIVE_SERVER = new Setting("iobench.native.server", null, null, "", true,
            "another native server binary in place of implementations/native/target/bin/iobench-echo-server (e.g. the seed's original)");
    public static final Setting DRIVER_IO = new Setting("iobench.driver.io", null, null, "", true,
            "the Java driver's I/O: epoll (epoll_wait/recv/send through the FFM API, JDK 22+, IPv4) or nio; default: epoll where it works, else nio");
    public static final Setting PROFILE = new Setting("iobench.profile", null, null, "", true,
            "scripts/bench --profile: cpu, alloc, wall or lock profiles each trial's server over its measured iterations with async-profiler"
                    + " (flame graphs in <run>/profiles/; the run is marked profiled and never compared); default: none");
    public static final Setting PROFILER_DEBUG = new Setting("iobench.profiler.debug", null, null, "false", true,
            "true prints, per iteration, the driver's echo count beside JMH's op count");

    public static final Setting OFFLOAD_THREADS = new Setting("iobench.offload.threads", null, null,
            Integer.toString(ServerConfig.DEFAULT_OFFLOAD_THREADS), true,
            "event-loop servers under block: work: threads of the bounded offload pool (0 = block on the loop, the classic mistake)");
    public static final Setting OFFLOAD_QUEUE = new Setting("iobench.offload.queue", null, null,
            Integer.toString(ServerConfig.DEFAULT_OFFLOAD_QUEUE), true,
            "event-loop servers under block: work: tasks that may wait for an offload thread before the loop stops reading");

    // --- what BenchMain sets for its forked benchmark JVMs -----------------------------------------

    public static final Setting PIN_DRIVER = new Setting("iobench.pin.driver", null, null, "", true,
            "set by BenchMain: the driver's CPUs in taskset syntax, \"\" when unpinned");
    public static final Setting PIN_SERVER = new Setting("iobench.pin.server", null, null, "", true,
            "set by BenchMain: the server's CPUs in taskset syntax, \"\" when unpinned");
    public static final Setting SERVER_THREADS = new Setting("iobench.server.threads", "IOBENCH_SERVER_THREADS", null, "", true,
            "worker/event-loop threads of each server; default: one per server CPU");
    public static final Setting SERVER_LAUNCHER = new Setting("iobench.server.launcher", "IOBENCH_SERVER_LAUNCHER", null, "", true,
            "a command prefix each server is started through: one that execs it in place ('ip netns exec iobench-srv',"
            + " scripts/netns-pair) or one that forwards it to another host ('ssh user@host', whose /proc is then read by an"
            + " agent started the same way; see ServerLauncher); default: none");
    public static final Setting SERVER_BIND = new Setting("iobench.server.bind", "IOBENCH_SERVER_BIND", null, "127.0.0.1", true,
            "the address each launched server listens on, and the driver connects to; outside loopback only with --allow-remote");
    public static final Setting HLOG_FILE = new Setting("iobench.hlog.file", null, null, "", false,
            "set by BenchMain per fork: the HdrHistogram interval log (.hlog) the fork writes its latency histograms to");
    public static final Setting PROFILE_FILE = new Setting("iobench.profile.file", null, null, "", false,
            "set by BenchMain per fork of a profiled run: the HTML flame graph of the fork's server");

    private static final List<Setting> ALL = List.of(HOME, PRESET, ROUNDS, SEED, IMPLS, TARGET, ALLOW_REMOTE, ARGS, RESULTS_DIR,
            LAST_RUN_FILE, PIN, SERVER_JVM_ARGS, SERVER_JAVA, NATIVE_SERVER, DRIVER_IO, PROFILE, PROFILER_DEBUG, OFFLOAD_THREADS,
            OFFLOAD_QUEUE, PIN_DRIVER, PIN_SERVER, SERVER_THREADS, SERVER_LAUNCHER, SERVER_BIND, HLOG_FILE, PROFILE_FILE);

    private Settings() {
    }

    /** Every setting, in the order above. */
    public static List<Setting> all() {
        return ALL;
    }

    /** The whole list with the values in this JVM, one setting per line, for {@code scripts/bench --settings}. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Setting s : ALL) {
            String names = "-D" + s.property() + (s.environment() != null ? " | $" + s.environment() : "")
                    + (s.alias() != null ? " (old name: " + s.alias() + ")" : "");
            String value = s.isSet() ? s.value() : s.defaultValue().isEmpty() ? "(default: none)" : "(default: " + s.defaultValue() + ")";
            lines.add(names + " = " + value);
            lines.add("    " + s.doc() + (s.forwarded() ? "; passed to the forked benchmark JVMs" : ""));
        }
        return lines;
    }

    /** This JVM's system properties as a map of strings. */
    public static Map<String, String> propertiesOfThisJvm() {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        return props;
    }

    /** Prints {@link #describe()}. */
    public static void main(String[] args) {
        describe().forEach(System.out::println);
    }
}
