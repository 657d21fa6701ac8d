package org.iobench.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iobench.api.Family;
import org.iobench.api.IobenchHome;

/**
 * Everything a reader needs to judge a run: machine, kernel, JDK and flags on both sides, library
 * versions, git commit, descriptor limits, preset, pinning and what was left out. Written as
 * {@code env.properties}, keys in a fixed order (the results contract lists them).
 */
final class RunEnvironment {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** The facts of this machine and checkout; BenchMain adds the run's own ({@link #put}). */
    static RunEnvironment collect(Path home) {
        RunEnvironment env = new RunEnvironment();
        env.put("date", OffsetDateTime.now().withNano(0).toString());
        env.put("hostname", hostname());
        env.put("cpu.model", cpuModel());
        env.put("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("kernel", readFirstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")));
        env.put("os.arch", System.getProperty("os.arch"));
        env.put("jdk.version", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        env.put("jdk.vendor", System.getProperty("java.vendor"));
        env.put("jmh.version", jarVersion(home.resolve("benchmarks/target/lib"), "jmh-core"));
        env.put("netty41.version", jarVersion(IobenchHome.familyLib(Family.NETTY), "netty-transport"));
        env.put("netty42.version", jarVersion(IobenchHome.familyLib(Family.NETTY42), "netty-transport"));
        env.put("git.commit", git(home, "rev-parse", "HEAD").strip());
        String status = gitStatus(home);
        env.put("git.dirty", dirty(status));
        env.put("git.dirty.paths", dirtyPaths(status));
        FdLimits fd = FdLimits.ofThisProcess();
        env.put("fd.soft.limit", fd.soft() < 0 ? "unlimited" : Long.toString(fd.soft()));
        env.put("fd.hard.limit", fd.hard() < 0 ? "unlimited" : Long.toString(fd.hard()));
        return env;
    }

    RunEnvironment put(String key, String value) {
        values.put(key, value == null ? "" : value);
        return this;
    }

    RunEnvironment putAll(java.util.Map<String, String> more) {
        more.forEach(this::put);
        return this;
    }

    /** The JVM flags of the forked benchmark JVM: JMH gives it this JVM's flags, then the appended ones. */
    static String driverJvmArgs(List<String> appended) {
        List<String> own = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return String.join(" ", own) + (appended.isEmpty() ? "" : " " + String.join(" ", appended));
    }

    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder("# iobench run environment\n");
        for (Map.Entry<String, String> e : values.entrySet()) {
            // one-entry Properties per key: java.util.Properties escaping, our key order
            Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            StringWriter w = new StringWriter();
            one.store(w, null);
            w.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
        }
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    }

    static String hostname() {
        String name = readFirstLine(Path.of("/proc/sys/kernel/hostname"), System.getenv("HOSTNAME"));
        return name == null || name.isBlank() ? "unknown-host" : name.strip();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /** The version in a jar name such as netty-transport-4.1.137.Final.jar, or why it is unknown. */
    static String jarVersion(Path lib, String artifact) {
        Pattern name = Pattern.compile(Pattern.quote(artifact) + "-(\\d[^-]*(?:-SNAPSHOT)?)\\.jar");
        if (!Files.isDirectory(lib)) return "unknown (" + lib + " not built)";
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                Matcher m = name.matcher(jar.getFileName().toString());
                if (m.matches()) return m.group(1);
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown (no " + artifact + " jar in " + lib + ")";
    }

    /**
     * Run folders are written into the tree: an earlier run not yet committed would make every later
     * one call itself dirty (the reference quick run once did, the standard run's folder beside it).
     * Dirty means the code, scripts or documents differ from the commit.
     */
    private static final String RESULTS_FOLDER = "results";
    private static final int DIRTY_PATHS_SHOWN = 10;

    /** {@code git status --porcelain} of everything but the results folder: "unknown (...)" without git. */
    static String gitStatus(Path home) {
        return git(home, "status", "--porcelain", "--", ".", ":(exclude)" + RESULTS_FOLDER);
    }

    /** true, false or unknown, from {@link #gitStatus}'s output. */
    static String dirty(String porcelainStatus) {
        return porcelainStatus.startsWith("unknown") ? "unknown" : Boolean.toString(!porcelainStatus.isBlank());
    }

    /** The first changed paths (a reader judges whether they touch what was measured), and how many more. */
    static String dirtyPaths(String porcelainStatus) {
        if (porcelainStatus.startsWith("unknown")) return "";
        List<String> paths = porcelainStatus.lines().filter(l -> l.length() > 3).map(l -> l.substring(3).strip()).toList();
        String shown = String.join(", ", paths.subList(0, Math.min(paths.size(), DIRTY_PATHS_SHOWN)));
        return paths.size() > DIRTY_PATHS_SHOWN ? shown + " and " + (paths.size() - DIRTY_PATHS_SHOWN) + " more" : shown;
    }

    private static String git(Path home, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", home.toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) return out;
            return "unknown (" + out.strip() + ")";
        } catch (IOException e) {
            return "unknown (no git)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    private static String readFirstLine(Path file, String fallback) {
        try {
            return Files.readAllLines(file).get(0).strip();
        } catch (IOException | IndexOutOfBoundsException e) {
            return fallback;
        }
    }
}
