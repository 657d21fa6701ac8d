package org.iobench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "Flame graphs" section of a profiled run's summary ({@code scripts/bench --profile}): one row
 * per trial, linking the HTML flame graph of each of its forks in {@code profiles/}
 * ({@code <workload>-<impl>-c<connections>-<bytes>B-<load>-fork<round>.html}), or quoting why a
 * fork has none (the {@code .txt} of the same name). Empty for a run that was not profiled.
 */
public final class FlameGraphs {
    static final String PROFILES_DIR = "profiles";
    private static final Pattern FORK_FILE = Pattern.compile("(.+)-fork(\\d+)\\.(html|txt)");

    private FlameGraphs() {
    }

    static List<String> lines(RunDir run) {
        String event = run.env(RunDir.PROFILE);
        Path dir = run.dir().resolve(PROFILES_DIR);
        if (event.isBlank() && !Files.isDirectory(dir)) return List.of();
        List<String> out = new ArrayList<>();
        out.add("## Flame graphs");
        out.add("");
        out.add("**Profiled run** (" + (event.isBlank() ? "event unknown" : event) + ", " + run.env("profile.tool")
                + "): each fork's server was profiled over its measured iterations only (not the warm-up), so every figure"
                + " above carries the profiler's cost; use them to see where the time goes, not to compare"
                + " (`scripts/compare` refuses this run).");
        out.add("");
        Map<String, List<String>> byTrial = forks(dir);
        if (byTrial.isEmpty()) {
            out.add("No flame graph was written (see the run's output).");
        } else {
            out.add("| trial | server flame graph per fork |");
            out.add("|---|---|");
            byTrial.forEach((trial, forks) -> out.add("| " + trial + " | " + String.join(" · ", forks) + " |"));
        }
        out.add("");
        return out;
    }

    /** Trial name -> "[fork N](profiles/...html)" or "fork N: none (why)", in file-name order. */
    private static Map<String, List<String>> forks(Path dir) {
        Map<String, List<String>> byTrial = new TreeMap<>();
        if (!Files.isDirectory(dir)) return byTrial;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = FORK_FILE.matcher(file.getFileName().toString());
                if (!m.matches()) continue;
                String fork = "fork " + m.group(2);
                String entry = m.group(3).equals("html") ? "[" + fork + "](" + PROFILES_DIR + "/" + file.getFileName() + ")"
                        : fork + ": none (" + Files.readString(file, StandardCharsets.UTF_8).strip().replace("|", "\\|") + ")";
                byTrial.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(entry);
            }
        } catch (IOException e) {
            byTrial.put("(cannot list " + dir + ": " + e.getMessage() + ")", List.of());
        }
        return byTrial;
    }
}
