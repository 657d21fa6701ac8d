package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base side of an A/B run: what it accepts, and that its forks really get the base's class path. */
class BaseCheckoutTest {
    @TempDir
    Path tmp;

    @Test
    void anUnbuiltCheckoutIsRefusedWithOneLine() {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BaseCheckout.prepare(tmp, tmp, tmp.resolve("scratch")));
        assertTrue(e.getMessage().contains("is not a built iobench checkout"), e.getMessage());
    }

    @Test
    void aBaseWithAnotherJmhIsRefused() throws IOException {
        Path base = checkout("base", "jmh-core-1.36.jar");
        Path head = checkout("head", "jmh-core-1.37.jar");
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BaseCheckout.prepare(base, head, tmp.resolve("scratch")));
        assertTrue(e.getMessage().contains("jmh-core-1.36.jar but this checkout has jmh-core-1.37.jar"), e.getMessage());
    }

    @Test
    void theForkLauncherSwapsOnlyTheClassPath() throws Exception {
        Path base = checkout("base", "jmh-core-1.37.jar");
        Path head = checkout("head", "jmh-core-1.37.jar");
        BaseCheckout checkout = BaseCheckout.prepare(base, head, tmp.resolve("scratch"));
        // the launcher's java replaced by echo: it prints the command line the fork would get
        Path script = tmp.resolve("echoing-launcher");
        Files.writeString(script, BaseCheckout.launcher(Path.of("/bin/echo"), base.resolve(BaseCheckout.BENCHMARKS_LIB)));
        Process p = new ProcessBuilder("bash", script.toString(), "-Xmx2g", "-Dx=a b", "-cp", "/head/lib/a.jar:/head/lib/b.jar",
                "org.openjdk.jmh.runner.ForkedMain", "127.0.0.1", "4242").start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor());
        assertEquals("-Xmx2g -Dx=a b -cp " + base.resolve(BaseCheckout.BENCHMARKS_LIB) + "/* org.openjdk.jmh.runner.ForkedMain 127.0.0.1 4242",
                printed);
        assertTrue(Files.isExecutable(checkout.forkJvm()));
    }

    @Test
    void baseAndTargetExcludeEachOther() {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse(new String[] {"--base", tmp.toString(), "--target", "127.0.0.1:7"}, Map.of()));
        assertEquals("--base and --target exclude each other", e.getMessage());
        BenchOptions.UsageException missing = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse(new String[] {"--base", tmp.resolve("nowhere").toString()}, Map.of()));
        assertTrue(missing.getMessage().endsWith("is not a folder"), missing.getMessage());
    }

    private Path checkout(String name, String jmhJar) throws IOException {
        Path lib = tmp.resolve(name).resolve(BaseCheckout.BENCHMARKS_LIB);
        Files.createDirectories(lib);
        for (String jar : List.of("iobench-benchmarks-0.1.0-SNAPSHOT.jar", jmhJar)) Files.createFile(lib.resolve(jar));
        return tmp.resolve(name);
    }
}
