package org.iobench.results;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run in Bencher Metric Format ({@code bencher run --adapter json --file bencher.json}): one object
 * per result (benchmark and parameters), one measure per figure with its value and, where the run has
 * one, its 95% interval over rounds as {@code lower_value} / {@code upper_value}. Echoes/s go to
 * Bencher's built-in {@code throughput} measure (operations per second); the rest get measures of
 * their own whose slug names the unit, since Bencher's built-in {@code latency} is in nanoseconds and
 * says nothing about the percentile. Results without a figure (invalid, at a limit) are left out.
 */
public final class BencherExport {

    public static final String FILE = "bencher.json";

    /** iobench metric → Bencher measure slug. */
    static final Map<String, String> MEASURES = measures();

    private BencherExport() {
    }

    private static Map<String, String> measures() {
        Map<String, String> measures = new LinkedHashMap<>();
        measures.put(Metric.PRIMARY, "throughput");
        measures.put("latency.p50", "latency-p50-us");
        measures.put("latency.p99", "latency-p99-us");
        measures.put("latency.p999", "latency-p999-us");
        measures.put("server.cpu.us.per.echo", "server-cpu-us-per-echo");
        measures.put(Metric.MEMORY_PER_CONNECTION, "server-memory-kib-per-connection");
        return measures;
    }

    public static Path write(RunDir run, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(run)) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    static JsonObject toJson(RunDir run) {
        JsonObject root = new JsonObject();
        for (BenchResult result : SummaryCsv.sorted(run.results())) {
            if (!result.hasFigure()) continue;
            JsonObject benchmark = new JsonObject();
            MEASURES.forEach((metric, slug) -> {
                Optional<Measure> measure = result.metric(metric);
                if (measure.isEmpty() || !Double.isFinite(measure.get().score())) return;
                JsonObject values = new JsonObject();
                values.addProperty("value", measure.get().score());
                if (measure.get().hasInterval() && Double.isFinite(measure.get().ciLow()) && Double.isFinite(measure.get().ciHigh())) {
                    values.addProperty("lower_value", measure.get().ciLow());
                    values.addProperty("upper_value", measure.get().ciHigh());
                }
                benchmark.add(slug, values);
            });
            if (!benchmark.isEmpty()) root.add(result.shortName() + " " + BenchResult.describeParams(result.params()), benchmark);
        }
        return root;
    }
}
