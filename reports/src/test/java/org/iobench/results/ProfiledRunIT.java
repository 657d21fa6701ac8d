package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/bench --profile cpu} as a user runs it, on one Java and one native server (one round
 * of the smoke preset's closed loop, about half a minute): each fork's server leaves an HTML flame
 * graph with samples from the server's own code, summary.md links it, and the run is marked profiled.
 * Whether the figures are valid is not asked: the machine may be busy, and that is not the point here.
 */
class ProfiledRunIT {
    private static final Path HOME = Path.of(System.getProperty("iobench.home", "..")).toAbsolutePath().normalize();
    private static final Path SERVER_NATIVE = HOME.resolve("implementations/native/target/bin/iobench-echo-server");

    @TempDir
    Path tmp;

    @Test
    void aCpuProfiledSmokeRunWritesAFlameGraphPerServerAndLinksIt() throws Exception {
        boolean nativeBuilt = Files.isExecutable(SERVER_NATIVE);
        String impls = nativeBuilt ? "nio-selector,native-epoll-et" : "nio-selector";
        Path log = tmp.resolve("bench.log");
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("scripts/bench").toString(), "--preset", "smoke", "--rounds", "1",
                "--impls", impls, "--profile", "cpu", "--results-dir", tmp.resolve("results").toString(), "--", "ThroughputBenchmark")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djmh.ignoreLock=true");
        Process bench = builder.start();
        try {
            assertTrue(bench.waitFor(5, TimeUnit.MINUTES), "scripts/bench did not end within 5 minutes");
        } finally {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("results"))) {
            // beside the run folder, assets/ holds report.html's chart library
            run = runs.filter(f -> !f.getFileName().toString().equals(ChartLibrary.DIR)).findFirst()
                    .orElseThrow(() -> new AssertionError("no run folder; output:\n" + output));
        }
        assertTrue(Files.readString(run.resolve(RunDir.ENV)).contains("profile=cpu"), "the run is marked profiled");
        String summary = Files.readString(run.resolve(MarkdownSummary.FILE));
        // the servers' own frames (the JDK's selector; the C server's worker loop), and both wait in epoll
        expectFlameGraph(run, summary, "throughput-nio-selector-c10-64B-depth1-fork1.html", List.of("epoll_wait", "SelectorImpl"), output);
        if (nativeBuilt) {
            expectFlameGraph(run, summary, "throughput-native-epoll-et-c10-64B-depth1-fork1.html", List.of("epoll_wait", "worker_run"), output);
        }
    }

    private static void expectFlameGraph(Path run, String summary, String name, List<String> frames, String output) throws IOException {
        Path html = run.resolve("profiles").resolve(name);
        assertTrue(Files.isRegularFile(html), "no " + html + "; output:\n" + output);
        String graph = Files.readString(html);
        for (String frame : frames) assertTrue(graph.contains(frame), name + " has no frame " + frame);
        assertTrue(summary.contains("(profiles/" + name + ")"), "summary.md does not link " + name + ":\n" + summary);
    }
}
