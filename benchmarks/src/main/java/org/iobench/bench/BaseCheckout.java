package org.iobench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The other side of an A/B run ({@code --base DIR}): a built checkout of the base commit whose driver,
 * benchmarks and servers the base forks run, while this checkout's orchestrator runs both sides, so
 * that base and head results come out in one format (this checkout's) and are measured back to back.
 *
 * <p>How: JMH starts each fork as {@code <jvm> <flags> -cp <this JVM's class path> ForkedMain ...};
 * for the base side the {@code jvm} is a small script that swaps the class path for the base's
 * {@code benchmarks/target/lib/*} and runs the same java. The fork's {@code iobench.home} points at the
 * base checkout, so its servers (Java and native) are the base's too. The host and the fork talk JMH's
 * binary protocol, so both must have the same JMH version; a base older than the options or parameters
 * this orchestrator passes fails its forks, which the run then reports as failed trials.
 */
final class BaseCheckout {
    static final String BENCHMARKS_LIB = "benchmarks/target/lib";

    private final Path home;
    private final Path forkJvm;

    private BaseCheckout(Path home, Path forkJvm) {
        this.home = home;
        this.forkJvm = forkJvm;
    }

    Path home() {
        return home;
    }

    /** The executable JMH runs as the base side's JVM. */
    Path forkJvm() {
        return forkJvm;
    }

    /**
     * Checks that {@code baseHome} is a built checkout this orchestrator can drive and writes the fork
     * launcher into {@code scratch}.
     */
    static BaseCheckout prepare(Path baseHome, Path headHome, Path scratch) throws BenchOptions.UsageException, IOException {
        Path home = baseHome.toAbsolutePath().normalize();
        Path lib = home.resolve(BENCHMARKS_LIB);
        if (!Files.isDirectory(lib) || jar(lib, "iobench-benchmarks-") == null) {
            throw new BenchOptions.UsageException("--base " + baseHome + " is not a built iobench checkout (no "
                    + BENCHMARKS_LIB + "/iobench-benchmarks-*.jar; build it with ./mvnw -DskipTests package)");
        }
        String baseJmh = jar(lib, "jmh-core-");
        String headJmh = jar(headHome.resolve(BENCHMARKS_LIB), "jmh-core-");
        if (baseJmh == null || !baseJmh.equals(headJmh)) {
            throw new BenchOptions.UsageException("--base " + baseHome + " has " + (baseJmh == null ? "no JMH" : baseJmh)
                    + " but this checkout has " + headJmh + ": the JMH host and its forks must speak the same protocol;"
                    + " compare the two with separate runs and scripts/compare instead");
        }
        Files.createDirectories(scratch);
        Path script = scratch.resolve("base-fork-java");
        Files.writeString(script, launcher(Path.of(System.getProperty("java.home"), "bin", "java"), lib), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new BaseCheckout(home, script);
    }

    /** The script: the same java, every argument as given except the class path after -cp. */
    static String launcher(Path java, Path lib) {
        return String.join("\n", List.of(
                "#!/usr/bin/env bash",
                "# Written by iobench for an A/B run: JMH's fork for the base side, with the base checkout's class path.",
                "args=()",
                "while [ $# -gt 0 ]; do",
                "  if [ \"$1\" = -cp ] || [ \"$1\" = -classpath ]; then args+=(-cp " + quote(lib + "/*") + "); shift 2",
                "  else args+=(\"$1\"); shift; fi",
                "done",
                "exec " + quote(java.toString()) + " \"${args[@]}\"",
                ""));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String jar(Path lib, String prefix) throws IOException {
        if (!Files.isDirectory(lib)) return null;
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
                    .sorted().findFirst().orElse(null);
        }
    }
}
