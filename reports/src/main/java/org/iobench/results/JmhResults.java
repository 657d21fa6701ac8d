package org.iobench.results;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON JMH writes with {@code -rf json} (JMH 1.37 layout) into {@link BenchResult}s. */
public final class JmhResults {

    private JmhResults() {
    }

    public static List<BenchResult> read(Path jsonFile) throws ResultsException {
        try (Reader reader = Files.newBufferedReader(jsonFile, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonArray()) {
                throw new ResultsException(jsonFile + ": not a JMH result file (expected a JSON array)");
            }
            List<BenchResult> results = new ArrayList<>();
            for (JsonElement element : root.getAsJsonArray()) {
                results.add(toResult(element.getAsJsonObject()));
            }
            return results;
        } catch (IOException e) {
            throw new ResultsException("cannot read " + jsonFile + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException | NullPointerException | NumberFormatException e) {
            // Gson signals malformed or unexpected shapes with unchecked exceptions; one line is enough.
            throw new ResultsException(jsonFile + ": malformed JMH JSON (" + e.getMessage() + ")");
        }
    }

    private static BenchResult toResult(JsonObject json) {
        Map<String, String> params = BenchResult.paramsOf(json);
        Map<String, Measure> metrics = new LinkedHashMap<>();
        metrics.put(Metric.PRIMARY, toMeasure(json.getAsJsonObject("primaryMetric")));
        if (json.has("secondaryMetrics")) {
            json.getAsJsonObject("secondaryMetrics").entrySet()
                    .forEach(e -> metrics.put(e.getKey(), toMeasure(e.getValue().getAsJsonObject())));
        }
        int present = presentIterations(json);
        int planned = json.has("forks") && json.has("measurementIterations")
                ? json.get("forks").getAsInt() * json.get("measurementIterations").getAsInt() : present;
        return new BenchResult(json.get("benchmark").getAsString(), json.get("mode").getAsString(),
                params, metrics, present, Math.max(0, planned - present));
    }

    /** The iterations present in the primary metric's raw data, over all forks (0 when there is none). */
    private static int presentIterations(JsonObject json) {
        JsonObject primary = json.getAsJsonObject("primaryMetric");
        if (!primary.has("rawData")) {
            return 0;
        }
        int present = 0;
        for (JsonElement fork : primary.getAsJsonArray("rawData")) {
            present += fork.getAsJsonArray().size();
        }
        return present;
    }

    private static Measure toMeasure(JsonObject json) {
        double score = number(json.get("score"));
        double error = number(json.get("scoreError"));
        double low = Double.NaN;
        double high = Double.NaN;
        if (json.has("scoreConfidence")) {
            JsonArray confidence = json.getAsJsonArray("scoreConfidence");
            low = number(confidence.get(0));
            high = number(confidence.get(1));
        }
        return new Measure(score, error, low, high, json.get("scoreUnit").getAsString());
    }

    /** JMH writes numbers, or the strings "NaN"/"Infinity" where there is no number. */
    private static double number(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return Double.NaN;
        }
        return Double.parseDouble(element.getAsString());
    }
}
