package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BenchMain refuses bad input before it creates a folder or forks a JVM: one line, exit 2. */
class BenchMainTest {
    @TempDir
    Path results;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private int bench(String... args) {
        String[] all = Stream.concat(Stream.of("--preset", "smoke", "--results-dir", results.toString()), Stream.of(args))
                .toArray(String[]::new);
        return BenchMain.run(all);
    }

    private void assertRefused(String expected, String... args) throws IOException {
        err.reset();
        assertEquals(BenchMain.EXIT_USAGE, bench(args), err.toString());
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.contains(expected), text);
        try (Stream<Path> made = Files.list(results)) {
            assertEquals(0, made.count(), "no run folder for refused input");
        }
    }

    @Test
    void badParametersAndOptionsAreRefusedBeforeAnythingStarts() throws IOException {
        assertRefused("-p connections=0", "--", "-p", "connections=0");
        assertRefused("-p payloadBytes=0", "--", "-p", "payloadBytes=0");
        assertRefused("-p depth=0", "--", "-p", "depth=0");
        assertRefused("-p impl=nosuch: unknown implementation", "--", "-p", "impl=nosuch");
        assertRefused("unknown argument '--bogus'", "--bogus");
        assertRefused("not a loopback address", "--target", "192.0.2.1:9");
        assertRefused("--profile 'x' is not one of cpu|alloc|wall|lock", "--profile", "x");
    }

    @Test
    void anUnusableResultsDirSaysWhy() throws IOException {
        Path file = Files.writeString(results.resolve("a-file"), "x");
        err.reset();
        assertEquals(BenchMain.EXIT_USAGE, BenchMain.run(new String[] {"--preset", "smoke", "--impls", "native-epoll-et",
                "--results-dir", file.resolve("sub").toString()}), err.toString());
        assertTrue(err.toString().contains("cannot create a run folder under " + file.resolve("sub") + ": Not a directory"), err.toString());
        err.reset();
        assertEquals(BenchMain.EXIT_USAGE, BenchMain.run(new String[] {"--preset", "smoke", "--impls", "native-epoll-et",
                "--results-dir", "/proc/iobench-x"}), err.toString());
        assertTrue(err.toString().contains("cannot create a run folder under /proc/iobench-x: "), err.toString());
    }

    @Test
    void aRunWhoseEveryTrialIsSkippedFailsWithoutAFolder() throws IOException {
        // far above any descriptor limit here, within what the check accepts
        org.junit.jupiter.api.Assumptions.assumeTrue(FdLimits.ofThisProcess().whyNot(9_000_000) != null, "no descriptor limit here");
        assertEquals(BenchMain.EXIT_FAILED, bench("--impls", "native-epoll-et", "--", "-p", "connections=9000000"), err.toString());
        assertTrue(err.toString().contains("nothing to run: every trial was skipped"), err.toString());
        try (Stream<Path> made = Files.list(results)) {
            assertEquals(0, made.count());
        }
    }
}
