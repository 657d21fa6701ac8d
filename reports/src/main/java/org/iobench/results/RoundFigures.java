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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.iobench.bench.stats.FigureInterval;
import org.iobench.bench.stats.HistogramLogs;
import org.iobench.bench.stats.IntervalEstimate;
import org.iobench.bench.stats.LatencyPercentiles;
import org.iobench.bench.stats.RoundSamples;

/**
 * One figure of every result, round by round, read from a run folder's jmh.json (results format 2:
 * each JMH fork is one round, {@code iobench.rounds} says which, {@code iobench.hlogs} names its
 * latency log). A round's figure is the median of its measured iterations, except for latency
 * percentiles, which come from the round's own histogram log (every measured message of the fork):
 * the percentile of a whole round, never a median of per-iteration percentiles.
 */
public final class RoundFigures {
    private static final double NANOS_PER_MICRO = 1_000;
    private static final Map<String, java.util.function.ToLongFunction<LatencyPercentiles>> FROM_LOG = Map.of(
            "latency.p50", LatencyPercentiles::p50,
            "latency.p90", LatencyPercentiles::p90,
            "latency.p99", LatencyPercentiles::p99,
            "latency.p999", LatencyPercentiles::p999);

    /** result key ({@link BenchResult#key()}) → round number (from 1) → the figure in that round. */
    private final Map<String, Map<Integer, Double>> byKey;
    /** result key → each fork's latency log, relative to the run folder. */
    private final Map<String, List<String>> hlogsByKey;

    private RoundFigures(Map<String, Map<Integer, Double>> byKey, Map<String, List<String>> hlogsByKey) {
        this.byKey = byKey;
        this.hlogsByKey = hlogsByKey;
    }

    /** Figures given directly (tests): result key → round → figure. */
    static RoundFigures of(Map<String, Map<Integer, Double>> byKey) {
        return new RoundFigures(Map.copyOf(byKey), Map.of());
    }

    /** {@code metric} of every result in {@code run}, by round. */
    public static RoundFigures read(Path run, String metric) throws ResultsException {
        Path json = run.resolve(RunDir.JMH_JSON);
        RoundFigures figures = new RoundFigures(new LinkedHashMap<>(), new LinkedHashMap<>());
        try (Reader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonArray()) throw new ResultsException(json + ": not a JMH result file (expected a JSON array)");
            for (JsonElement element : root.getAsJsonArray()) {
                JsonObject result = element.getAsJsonObject();
                Map<Integer, Double> rounds = roundsOf(run, result, metric);
                if (!rounds.isEmpty()) figures.byKey.put(keyOf(result), rounds);
                if (result.has("iobench") && result.getAsJsonObject("iobench").has("hlogs")) {
                    List<String> hlogs = new java.util.ArrayList<>();
                    result.getAsJsonObject("iobench").getAsJsonArray("hlogs").forEach(h -> hlogs.add(h.getAsString()));
                    figures.hlogsByKey.put(keyOf(result), List.copyOf(hlogs));
                }
            }
        } catch (IOException e) {
            throw new ResultsException("cannot read " + json + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
            throw new ResultsException(json + ": malformed JMH JSON (" + e.getMessage() + ")");
        }
        return figures;
    }

    /** The result's figure by round number; empty when the run has no such result or figure. */
    public Map<Integer, Double> of(String key) {
        return byKey.getOrDefault(key, Map.of());
    }

    /** The result's latency logs (every fork's that exists), resolved against the run folder. */
    List<Path> hlogPaths(String key, Path run) {
        return hlogsByKey.getOrDefault(key, List.of()).stream().filter(h -> !h.isBlank()).map(run::resolve)
                .filter(Files::isRegularFile).toList();
    }

    /**
     * {@code result}'s figure ÷ {@code otherImpl}'s at the same parameters, formed round by round (each
     * round ran both, so whatever slowed the machine in that round slowed both and cancels) and
     * summarised as the median of the ratios with the interval over rounds ({@link FigureInterval});
     * empty when fewer than {@code minRounds} rounds measured both.
     */
    Optional<IntervalEstimate> pairedRatio(BenchResult result, String otherImpl, int minRounds) {
        Map<Integer, Double> own = of(result.key());
        Map<Integer, Double> other = of(result.keyWithImpl(otherImpl));
        double[] ratios = own.keySet().stream().filter(other::containsKey).sorted()
                .mapToDouble(r -> own.get(r) / other.get(r)).filter(Double::isFinite).toArray();
        return ratios.length < Math.max(1, minRounds) ? Optional.empty() : Optional.of(FigureInterval.ofRoundValues(ratios));
    }

    private static Map<Integer, Double> roundsOf(Path run, JsonObject result, String metric) {
        JsonObject figure = metric.equals(Metric.PRIMARY) ? result.getAsJsonObject("primaryMetric")
                : result.has("secondaryMetrics") ? result.getAsJsonObject("secondaryMetrics").getAsJsonObject(metric) : null;
        if (figure == null || !figure.has("rawData")) return Map.of();
        JsonArray forks = figure.getAsJsonArray("rawData");
        JsonObject iobench = result.has("iobench") ? result.getAsJsonObject("iobench") : null;
        Map<Integer, Double> rounds = new LinkedHashMap<>();
        for (int fork = 0; fork < forks.size(); fork++) {
            // without the iobench object (a plain JMH file), fork i is round i + 1
            int round = iobench != null && iobench.has("rounds") ? iobench.getAsJsonArray("rounds").get(fork).getAsInt() : fork + 1;
            OptionalDouble value = FROM_LOG.containsKey(metric) ? fromLog(run, iobench, fork, metric) : OptionalDouble.empty();
            if (value.isEmpty()) value = median(forks.get(fork).getAsJsonArray());
            if (value.isPresent()) rounds.put(round, value.getAsDouble());
        }
        return rounds;
    }

    private static OptionalDouble fromLog(Path run, JsonObject iobench, int fork, String metric) {
        if (iobench == null || !iobench.has("hlogs")) return OptionalDouble.empty();
        Path log = run.resolve(iobench.getAsJsonArray("hlogs").get(fork).getAsString());
        if (!Files.isRegularFile(log)) return OptionalDouble.empty();
        LatencyPercentiles percentiles = HistogramLogs.percentiles(List.of(log));
        return percentiles.count() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(FROM_LOG.get(metric).applyAsLong(percentiles) / NANOS_PER_MICRO);
    }

    private static OptionalDouble median(JsonArray iterations) {
        double[] values = new double[iterations.size()];
        for (int i = 0; i < values.length; i++) values[i] = iterations.get(i).getAsDouble();
        values = Arrays.stream(values).filter(Double::isFinite).toArray();
        return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(RoundSamples.of(values).medianOfRoundMedians());
    }

    private static String keyOf(JsonObject result) {
        return new BenchResult(result.get("benchmark").getAsString(), result.get("mode").getAsString(), BenchResult.paramsOf(result),
                Map.of(), 0, 0).key();
    }
}
