package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlameGraphsTest {
    @TempDir
    Path tmp;

    @Test
    void aProfiledRunsSummaryLinksEachForksFlameGraphOrSaysWhyThereIsNone() throws IOException, ResultsException {
        Path dir = Fixtures.writeRun(tmp.resolve("run"), "smoke", 0.02, Fixtures.NONE, UnaryOperator.identity());
        Files.writeString(dir.resolve(RunDir.ENV), "profile=cpu\nprofile.tool=async-profiler 4.2\n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("throughput-virtual-c10-64B-depth1-fork1.html"), "<html/>");
        Files.writeString(profiles.resolve("throughput-virtual-c10-64B-depth1-fork2.html"), "<html/>");
        Files.writeString(profiles.resolve("throughput-native-epoll-et-c10-64B-depth1-fork1.txt"),
                "no cpu flame graph for native-epoll-et: the server left no recording\n");
        List<String> lines = MarkdownSummary.lines(RunDir.load(dir), dir.resolve("charts"));
        assertTrue(lines.contains("## Flame graphs"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("**Profiled run** (cpu, async-profiler 4.2)")), String.join("\n", lines));
        assertTrue(lines.contains("| throughput-virtual-c10-64B-depth1 | [fork 1](profiles/throughput-virtual-c10-64B-depth1-fork1.html)"
                + " · [fork 2](profiles/throughput-virtual-c10-64B-depth1-fork2.html) |"), String.join("\n", lines));
        assertTrue(lines.contains("| throughput-native-epoll-et-c10-64B-depth1 | fork 1: none (no cpu flame graph for native-epoll-et:"
                + " the server left no recording) |"), String.join("\n", lines));
    }

    @Test
    void anUnprofiledRunHasNoSuchSection() throws IOException, ResultsException {
        Path dir = Fixtures.writeRun(tmp.resolve("run"), "smoke", 0.02, Fixtures.NONE, UnaryOperator.identity());
        Files.writeString(dir.resolve(RunDir.ENV), "profile=\n", StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        assertEquals(List.of(), FlameGraphs.lines(RunDir.load(dir)));
        assertFalse(MarkdownSummary.lines(RunDir.load(dir), dir.resolve("charts")).contains("## Flame graphs"));
    }
}
