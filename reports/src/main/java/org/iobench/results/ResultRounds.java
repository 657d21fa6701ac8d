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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a result's rounds left in jmh.json beyond its summary (docs/results.md): the primary metric's
 * iterations per round ({@code rawData}, one array per fork = round), the round number of each fork
 * ({@code iobench.rounds}) and its latency log ({@code iobench.hlogs}, relative to the run folder). The
 * ratio charts pair rounds with these; the percentile spectrum merges the logs. Runs before
 * results.format 2 have no {@code iobench} object: every fork then counts as round 1, 2, ... and there
 * are no logs.
 *
 * @param rounds      round number of each fork, in rawData order
 * @param primary     measured iterations of each fork (may be empty for a fork that reported nothing)
 * @param hlogs       each fork's latency log relative to the run folder ("" where it has none)
 */
record ResultRounds(int[] rounds, double[][] primary, List<String> hlogs) {

    /** Every result of a run's jmh.json, by {@link BenchResult#key()}. */
    static Map<String, ResultRounds> read(Path jmhJson) throws ResultsException {
        try (Reader reader = Files.newBufferedReader(jmhJson, StandardCharsets.UTF_8)) {
            Map<String, ResultRounds> byKey = new HashMap<>();
            for (JsonElement element : JsonParser.parseReader(reader).getAsJsonArray()) {
                JsonObject json = element.getAsJsonObject();
                byKey.put(keyOf(json), of(json));
            }
            return byKey;
        } catch (IOException e) {
            throw new ResultsException("cannot read " + jmhJson + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException | NullPointerException | NumberFormatException e) {
            throw new ResultsException(jmhJson + ": malformed JMH JSON (" + e.getMessage() + ")");
        }
    }

    /** The same identity as the result JmhResults reads from this object. */
    private static String keyOf(JsonObject json) {
        Map<String, String> params = new LinkedHashMap<>();
        if (json.has("params")) {
            json.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
        }
        return new BenchResult(json.get("benchmark").getAsString(), json.get("mode").getAsString(), params,
                Map.of(), 0, 0).key();
    }

    private static ResultRounds of(JsonObject json) {
        JsonObject primaryMetric = json.getAsJsonObject("primaryMetric");
        JsonArray raw = primaryMetric.has("rawData") ? primaryMetric.getAsJsonArray("rawData") : new JsonArray();
        double[][] primary = new double[raw.size()][];
        for (int fork = 0; fork < raw.size(); fork++) {
            JsonArray iterations = raw.get(fork).getAsJsonArray();
            primary[fork] = new double[iterations.size()];
            for (int i = 0; i < iterations.size(); i++) {
                primary[fork][i] = iterations.get(i).getAsDouble();
            }
        }
        JsonObject iobench = json.has("iobench") ? json.getAsJsonObject("iobench") : new JsonObject();
        int[] rounds = new int[primary.length];
        JsonArray recorded = iobench.has("rounds") ? iobench.getAsJsonArray("rounds") : new JsonArray();
        for (int fork = 0; fork < rounds.length; fork++) {
            rounds[fork] = fork < recorded.size() ? recorded.get(fork).getAsInt() : fork + 1;
        }
        List<String> hlogs = new ArrayList<>();
        if (iobench.has("hlogs")) {
            iobench.getAsJsonArray("hlogs").forEach(h -> hlogs.add(h.getAsString()));
        }
        return new ResultRounds(rounds, primary, List.copyOf(hlogs));
    }

    /** The primary metric's iterations in round {@code round}, if that round measured any. */
    Optional<double[]> primaryInRound(int round) {
        for (int fork = 0; fork < rounds.length; fork++) {
            if (rounds[fork] == round && primary[fork].length > 0) {
                return Optional.of(primary[fork]);
            }
        }
        return Optional.empty();
    }

    /** The latency logs of every fork, resolved against the run folder; forks without one are left out. */
    List<Path> hlogPaths(Path runDir) {
        return hlogs.stream().filter(h -> !h.isBlank()).map(runDir::resolve).toList();
    }
}
