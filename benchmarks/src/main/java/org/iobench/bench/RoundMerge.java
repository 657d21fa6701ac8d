package org.iobench.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the per-slot JMH JSON files of a run made in rounds ({@link TrialSchedule}) into one JMH
 * result per benchmark and parameter combination, each round one fork: every metric's
 * {@code rawData} holds one array per round, in round order, so JMH-aware tools (jmh-visualizer)
 * still read the file and nothing measured is lost. A fork whose trial reported no value for a
 * metric gets an empty array there, which keeps rounds aligned across metrics.
 *
 * <p>Each merged result carries an {@code iobench} object (ignored by JMH tools) with the round,
 * the in-round order and the latency log (relative to the run folder) of each fork. {@code score} and {@code scoreConfidence} are rewritten by the
 * {@link Summariser} the caller gives (the run's statistics), since JMH's own mean and normal
 * interval over all iterations would treat iterations of one fork as independent samples.
 */
final class RoundMerge {
    /** How a metric's samples (one array per round) become the figure and interval JMH tools show. */
    interface Summariser {
        /** {@code rounds.get(i)} was measured by {@code parts.get(i)}; a round without the metric is an empty array. */
        Summary summarise(String metric, List<double[]> rounds, List<Part> parts);
    }

    /** A figure and its interval; NaN bounds when no interval is known. */
    record Summary(double score, double low, double high) {
    }

    /**
     * One slot's files: its JMH JSON (absent or empty when its trial produced no result) and its
     * latency interval log (null or absent when it wrote none).
     */
    record Part(TrialSchedule.Slot slot, Path json, Path hlog) {
    }

    private RoundMerge() {
    }

    static void merge(List<Part> parts, Summariser summariser, Path out) throws IOException {
        Map<String, List<Map.Entry<Part, JsonObject>>> byKey = new LinkedHashMap<>();
        List<Part> ordered = parts.stream()
                .sorted(Comparator.comparingInt((Part p) -> p.slot().round()).thenComparingInt(p -> p.slot().order())).toList();
        for (Part part : ordered) {
            // absent: the trial produced nothing; blank: JMH created the file but the trial wrote no result
            if (!Files.exists(part.json())) continue;
            String text = Files.readString(part.json(), StandardCharsets.UTF_8);
            if (text.isBlank()) continue;
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonArray()) throw new IOException(part.json() + ": not a JMH result file (expected a JSON array)");
            for (JsonElement result : root.getAsJsonArray()) {
                JsonObject object = result.getAsJsonObject();
                byKey.computeIfAbsent(key(object), k -> new ArrayList<>()).add(Map.entry(part, object));
            }
        }
        JsonArray merged = new JsonArray();
        byKey.values().forEach(forks -> merged.add(mergeForks(forks, summariser)));
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create()
                .toJson(merged) + "\n", StandardCharsets.UTF_8);
    }

    /** Benchmark and every parameter, in name order. */
    static String key(JsonObject result) {
        Map<String, String> params = new TreeMap<>();
        if (result.has("params")) result.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
        return result.get("benchmark").getAsString() + " " + params;
    }

    private static JsonObject mergeForks(List<Map.Entry<Part, JsonObject>> forks, Summariser summariser) {
        JsonObject merged = forks.get(0).getValue().deepCopy();
        merged.addProperty("forks", forks.size());
        merged.add("primaryMetric", mergeMetric("primary", forks, r -> r.getAsJsonObject("primaryMetric"), summariser));
        // every secondary metric any fork reported, in the order first seen
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (var fork : forks) {
            JsonObject secondary = fork.getValue().getAsJsonObject("secondaryMetrics");
            if (secondary != null) secondary.keySet().forEach(n -> names.put(n, true));
        }
        JsonObject secondaries = new JsonObject();
        for (String name : names.keySet()) {
            secondaries.add(name, mergeMetric(name, forks, r -> {
                JsonObject secondary = r.getAsJsonObject("secondaryMetrics");
                return secondary == null ? null : secondary.getAsJsonObject(name);
            }, summariser));
        }
        merged.add("secondaryMetrics", secondaries);
        JsonObject iobench = new JsonObject();
        JsonArray rounds = new JsonArray();
        JsonArray order = new JsonArray();
        JsonArray hlogs = new JsonArray();
        for (var fork : forks) {
            rounds.add(fork.getKey().slot().round());
            order.add(fork.getKey().slot().order());
            Path hlog = fork.getKey().hlog();
            // relative to the run folder (the part files live one level below it, in tmp/)
            hlogs.add(hlog == null || !Files.exists(hlog) ? "" : hlog.getParent().getFileName() + "/" + hlog.getFileName());
        }
        iobench.add("rounds", rounds);
        iobench.add("order", order);
        iobench.add("hlogs", hlogs);
        merged.add("iobench", iobench);
        return merged;
    }

    private interface MetricOf {
        JsonObject of(JsonObject result);
    }

    private static JsonObject mergeMetric(String name, List<Map.Entry<Part, JsonObject>> forks, MetricOf metricOf,
                                          Summariser summariser) {
        JsonObject template = null;
        JsonArray rawData = new JsonArray();
        List<double[]> rounds = new ArrayList<>();
        for (var fork : forks) {
            JsonObject metric = metricOf.of(fork.getValue());
            List<Double> values = new ArrayList<>();
            if (metric != null) {
                if (template == null) template = metric.deepCopy();
                JsonArray raw = metric.getAsJsonArray("rawData");
                if (raw != null) {
                    for (JsonElement forkData : raw) forkData.getAsJsonArray().forEach(v -> values.add(number(v)));
                }
            }
            JsonArray round = new JsonArray();
            values.forEach(round::add);
            rawData.add(round);
            rounds.add(values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        JsonObject merged = template == null ? new JsonObject() : template;
        Summary summary = summariser.summarise(name, rounds, forks.stream().map(Map.Entry::getKey).toList());
        merged.add("score", jmhNumber(summary.score()));
        merged.add("scoreError", jmhNumber((summary.high() - summary.low()) / 2));
        JsonArray confidence = new JsonArray();
        confidence.add(jmhNumber(summary.low()));
        confidence.add(jmhNumber(summary.high()));
        merged.add("scoreConfidence", confidence);
        merged.remove("scorePercentiles");
        merged.add("rawData", rawData);
        return merged;
    }

    /** As JMH writes a number: finite ones as numbers, the others as the strings "NaN", "Infinity", "-Infinity". */
    private static JsonElement jmhNumber(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : new JsonPrimitive(Double.toString(value));
    }

    /** JMH writes numbers, or the strings "NaN"/"Infinity". */
    private static double number(JsonElement element) {
        return Double.parseDouble(element.getAsString());
    }
}
