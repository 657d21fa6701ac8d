package org.iobench.results;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Synthetic but realistic runs in the JMH 1.37 JSON layout (see docs/results.md), with a
 * simple model behind the numbers (capacity-limited throughput, latency from Little's law, thread
 * stacks for thread-per-connection). Every figure gets an interval of {@code relativeError} so tests
 * choose tight or wide intervals. Also a main, to draw a sample run and look at the charts.
 */
final class Fixtures {

    static final List<String> IMPLS = ImplPalette.CATALOGUE_IDS;
    static final List<Integer> CONNECTIONS = List.of(1, 10, 100, 1000, 10000);
    static final List<Integer> PAYLOADS = List.of(64, 1024);
    static final String THROUGHPUT = "org.iobench.bench.ThroughputBenchmark.echo";
    static final String LATENCY = "org.iobench.bench.LatencyBenchmark.echo";
    static final int LATENCY_RATE = 20_000;

    /** One fixture figure: which result (impl, benchmark, params) and metric; returns the new score. */
    interface Tweak {
        double apply(String benchmark, Map<String, String> params, String metric, double score);
    }

    static final Tweak NONE = (benchmark, params, metric, score) -> score;

    private Fixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        writeRun(dir, "standard", 0.03, NONE, UnaryOperator.identity());
        if (args.length > 1) { // a second run: 20% slower netty-nio, as a baseline to overlay
            writeRun(Path.of(args[1]), "standard", 0.03, (b, p, m, s) ->
                    p.get("impl").equals("netty-nio") && m.equals(Metric.PRIMARY) ? s * 1.2 : s, UnaryOperator.identity());
        }
    }

    /**
     * Writes jmh.json and env.properties as a complete run; {@code results} may add, drop or edit JSON
     * results after the plan was recorded (as a hand-edited or truncated jmh.json would).
     */
    static Path writeRun(Path dir, String preset, double relativeError, Tweak tweak,
                         UnaryOperator<JsonArray> results) throws IOException {
        Files.createDirectories(dir);
        JsonArray array = new JsonArray();
        for (String impl : IMPLS) {
            for (int payload : PAYLOADS) {
                for (int connections : CONNECTIONS) {
                    Map<String, String> params = params(impl, connections, payload);
                    params.put("depth", "1");
                    array.add(result(THROUGHPUT, params, relativeError, tweak));
                }
            }
            for (int connections : CONNECTIONS) {
                Map<String, String> params = params(impl, connections, 64);
                params.put("rate", Integer.toString(LATENCY_RATE));
                array.add(result(LATENCY, params, relativeError, tweak));
            }
        }
        Map<String, String> plan = plan(array);
        try (Writer writer = Files.newBufferedWriter(dir.resolve(RunDir.JMH_JSON), StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                    .toJson(results.apply(array), writer);
        }
        writeEnv(dir, preset, plan);
        return dir;
    }

    /** Rewrites env.properties with a plan that matches jmh.json as it now is (a consistent, different run). */
    static void replan(Path dir, String preset) throws IOException {
        replan(dir, preset, 3);
    }

    /** The same, for a plan of {@code measurementsPerTrial} measured iterations per trial. */
    static void replan(Path dir, String preset, int measurementsPerTrial) throws IOException {
        JsonArray array = com.google.gson.JsonParser.parseString(Files.readString(dir.resolve(RunDir.JMH_JSON))).getAsJsonArray();
        Map<String, String> plan = plan(array);
        plan.put("plan.measurements.per.trial", Integer.toString(measurementsPerTrial));
        writeEnv(dir, preset, plan);
    }

    /** env.properties' plan of these results, as BenchMain records it: one line per benchmark. */
    static Map<String, String> plan(JsonArray results) {
        Map<String, Map<String, java.util.Set<String>>> byBenchmark = new LinkedHashMap<>();
        for (var element : results) {
            JsonObject json = element.getAsJsonObject();
            Map<String, java.util.Set<String>> values = byBenchmark.computeIfAbsent(json.get("benchmark").getAsString(),
                    b -> new LinkedHashMap<>());
            json.getAsJsonObject("params").entrySet().forEach(e ->
                    values.computeIfAbsent(e.getKey(), k -> new java.util.LinkedHashSet<>()).add(e.getValue().getAsString()));
        }
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("run.status", "complete");
        plan.put("trials.planned", Integer.toString(results.size()));
        plan.put("plan.measurements.per.trial", "3");
        int n = 0;
        for (var benchmark : byBenchmark.entrySet()) {
            StringBuilder line = new StringBuilder(benchmark.getKey());
            benchmark.getValue().forEach((name, values) -> line.append(' ').append(name).append('=').append(String.join(",", values)));
            plan.put("plan." + ++n, line.toString());
        }
        plan.put("failed", "");
        plan.put("invalid", "");
        plan.put("incomplete", "");
        plan.put("wall.time", "1 min 0 s");
        return plan;
    }

    static void writeEnv(Path dir, String preset, Map<String, String> plan) throws IOException {
        Properties env = new Properties();
        plan.forEach(env::setProperty);
        env.setProperty("date", "2025-11-26T16:00:00Z");
        env.setProperty("hostname", "fixture-host");
        env.setProperty("cpu.model", "Synthetic CPU @ 3.0GHz");
        env.setProperty("cpu.cores", "2");
        env.setProperty("kernel", "6.8.0");
        env.setProperty("jdk.version", "25");
        env.setProperty("jdk.vendor", "Eclipse Adoptium");
        env.setProperty("netty41.version", "4.1.137.Final");
        env.setProperty("netty42.version", "4.2.18.Final");
        env.setProperty("git.commit", "0123456");
        env.setProperty("git.dirty", "false");
        env.setProperty("preset", preset);
        env.setProperty("pin.driver.cpus", "0");
        env.setProperty("pin.server.cpus", "1");
        env.setProperty("reference.impl", "native-epoll-et");
        env.setProperty("impls.unavailable", "");
        try (Writer writer = Files.newBufferedWriter(dir.resolve(RunDir.ENV), StandardCharsets.ISO_8859_1)) {
            env.store(writer, "fixture");
        }
    }

    static Map<String, String> params(String impl, int connections, int payload) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("connections", Integer.toString(connections));
        params.put("impl", impl);
        params.put("payloadBytes", Integer.toString(payload));
        return params;
    }

    /** One JMH result with the contract's secondary metrics, scores from a toy model of each impl. */
    static JsonObject result(String benchmark, Map<String, String> params, double relativeError, Tweak tweak) {
        String impl = params.get("impl");
        int index = IMPLS.indexOf(impl);
        int connections = Integer.parseInt(params.get("connections"));
        int payload = Integer.parseInt(params.get("payloadBytes"));
        boolean latencyRun = benchmark.equals(LATENCY);
        double capacity = (60_000 + 9_000 * index) * (payload > 100 ? 0.8 : 1.0);
        if (impl.equals("blocking") && connections >= 1000) {
            capacity *= connections >= 10000 ? 0.25 : 0.6; // thousands of threads thrash two cores
        }
        double throughput = Math.min(capacity, connections * 25_000.0);
        double echoes = latencyRun ? Math.min(LATENCY_RATE, capacity) : throughput;
        double p50 = latencyRun ? 40 + 1e6 / capacity * 2 * connections / 100.0 : connections / throughput * 1e6;
        Map<String, Double> secondary = new LinkedHashMap<>();
        secondary.put("latency.p50", p50);
        secondary.put("latency.p90", p50 * 1.6);
        secondary.put("latency.p99", p50 * 3);
        secondary.put("latency.p999", p50 * 6);
        secondary.put("latency.p9999", p50 * 12);
        secondary.put("latency.max", p50 * 40);
        secondary.put("mb.per.s", echoes * payload / 1e6);
        secondary.put("server.cpu.us.per.echo", 1e6 / capacity * 0.9);
        secondary.put("server.cpu.util", echoes / capacity * 90);
        secondary.put("driver.cpu.util", 70.0);
        double stackKib = impl.equals("blocking") ? 80 : impl.equals("virtual") ? 6 : 2 + index % 3;
        secondary.put("server.rss.kib.per.conn", stackKib + 200.0 / connections);
        secondary.put("server.memory.kib.per.conn", stackKib + 200.0 / connections);
        secondary.put("server.threads", impl.equals("blocking") ? connections + 3.0 : 4.0);
        secondary.put("errors", 0.0);
        secondary.put("client.bound", 0.0);
        if (latencyRun) {
            secondary.put("offered.rate", (double) LATENCY_RATE);
            secondary.put("achieved.rate", echoes);
        }
        JsonObject json = new JsonObject();
        json.addProperty("jmhVersion", "1.37");
        json.addProperty("benchmark", benchmark);
        json.addProperty("mode", "thrpt");
        json.addProperty("threads", 1);
        json.addProperty("forks", 1);
        json.addProperty("jvm", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        json.add("jvmArgs", new JsonArray());
        json.addProperty("jdkVersion", "25");
        json.addProperty("warmupIterations", 2);
        json.addProperty("measurementIterations", 3);
        JsonObject jsonParams = new JsonObject();
        params.forEach(jsonParams::addProperty);
        json.add("params", jsonParams);
        json.add("primaryMetric", measure(tweak.apply(benchmark, params, Metric.PRIMARY, echoes), "ops/s", relativeError));
        JsonObject secondaries = new JsonObject();
        secondary.forEach((name, value) -> secondaries.add(name,
                measure(tweak.apply(benchmark, params, name, value), Metric.unitOf(name), relativeError)));
        json.add("secondaryMetrics", secondaries);
        return json;
    }

    /** JMH's metric shape, with three iterations spread so the interval is ±relativeError. */
    static JsonObject measure(double score, String unit, double relativeError) {
        double error = Math.abs(score) * relativeError;
        JsonObject json = new JsonObject();
        json.addProperty("score", score);
        json.addProperty("scoreError", error);
        JsonArray confidence = new JsonArray();
        confidence.add(score - error);
        confidence.add(score + error);
        json.add("scoreConfidence", confidence);
        json.addProperty("scoreUnit", unit);
        JsonArray fork = new JsonArray();
        fork.add(score - error / 10);
        fork.add(score);
        fork.add(score + error / 10);
        JsonArray raw = new JsonArray();
        raw.add(fork);
        json.add("rawData", raw);
        return json;
    }
}
