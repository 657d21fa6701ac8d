package org.iobench.results;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Input for github-action-benchmark's custom tools: an array of {name, unit, value, range?, extra?}.
 * Two files, because one action step takes one direction: echoes/s go to the bigger-is-better file
 * (tool: customBiggerIsBetter; its "jmh" tool would judge every score smaller-is-better), latency, CPU
 * and memory to the smaller-is-better one (tool: customSmallerIsBetter). Invalid results are left out.
 */
public final class ActionBenchmarkExport {

    public static final String BIGGER_FILE = "github-action-benchmark-bigger.json";
    public static final String SMALLER_FILE = "github-action-benchmark-smaller.json";

    private static final List<String> BIGGER = List.of(Metric.PRIMARY);
    private static final List<String> SMALLER = List.of("latency.p50", "latency.p99", "latency.p999",
            "server.cpu.us.per.echo", Metric.MEMORY_PER_CONNECTION);

    private ActionBenchmarkExport() {
    }

    public static List<Path> write(List<BenchResult> results, Path dir) throws IOException {
        Path bigger = dir.resolve(BIGGER_FILE);
        Path smaller = dir.resolve(SMALLER_FILE);
        Files.writeString(bigger, toJson(entries(results, BIGGER)), StandardCharsets.UTF_8);
        Files.writeString(smaller, toJson(entries(results, SMALLER)), StandardCharsets.UTF_8);
        return List.of(bigger, smaller);
    }

    static JsonArray entries(List<BenchResult> results, List<String> metrics) {
        JsonArray array = new JsonArray();
        for (BenchResult result : SummaryCsv.sorted(results)) {
            if (!result.hasFigure()) {
                continue;
            }
            for (String metric : metrics) {
                Optional<Measure> measure = result.metric(metric);
                if (measure.isEmpty() || !Double.isFinite(measure.get().score())) {
                    continue;
                }
                array.add(entry(result, Metric.of(metric), measure.get()));
            }
        }
        return array;
    }

    private static JsonObject entry(BenchResult result, Metric metric, Measure measure) {
        JsonObject entry = new JsonObject();
        // The name is the series' identity in the action's history: stable, params in name order.
        entry.addProperty("name", result.shortName() + " " + BenchResult.describeParams(result.params())
                + ": " + metric.label());
        entry.addProperty("unit", metric.name().equals(Metric.PRIMARY) ? "echoes/s" : measure.unit());
        entry.addProperty("value", measure.score());
        if (Double.isFinite(measure.error())) {
            entry.addProperty("range", String.format(Locale.ROOT, "± %.4g", measure.error()));
        }
        String extra = measure.hasInterval()
                ? String.format(Locale.ROOT, "95%% interval over rounds [%.6g, %.6g]", measure.ciLow(), measure.ciHigh())
                : "no interval (a single round of a single iteration)";
        entry.addProperty("extra", extra + (result.clientBound() ? "; client-bound (driver saturated)" : ""));
        return entry;
    }

    private static String toJson(JsonArray array) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array) + "\n";
    }
}
