package org.iobench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The tidy table: one row per result x metric (implementation x connections x payload x ... x metric),
 * primary score included, so any tool (spreadsheet, pandas, R) can pivot it without knowing JMH.
 * Absent metrics have no row; {@code valid=false} marks results with errors, {@code client_bound=true}
 * those where the driver, not the server, was the limit.
 */
public final class SummaryCsv {

    public static final String FILE = "summary.csv";
    public static final String HEADER = "benchmark,mode,impl,connections,payload_bytes,depth,rate,"
            + "other_params,metric,value,error,ci_low,ci_high,unit,valid,client_bound";

    /** Parameters with their own column; any other parameter lands in other_params as k=v;k=v. */
    private static final Set<String> OWN_COLUMNS = Set.of("impl", "connections", "payloadBytes", "depth", "rate");

    private SummaryCsv() {
    }

    public static Path write(List<BenchResult> results, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Files.write(file, lines(results), StandardCharsets.UTF_8);
        return file;
    }

    public static List<String> lines(List<BenchResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (BenchResult result : sorted(results)) {
            List<Map.Entry<String, Measure>> metrics = result.metrics().entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<String, Measure> e) -> Metric.of(e.getKey()).order())
                            .thenComparing(Map.Entry::getKey))
                    .toList();
            for (Map.Entry<String, Measure> entry : metrics) {
                lines.add(row(result, entry.getKey(), entry.getValue()));
            }
        }
        return lines;
    }

    /** Benchmark, then catalogue order of impl, then the numeric parameters ascending. */
    public static List<BenchResult> sorted(List<BenchResult> results) {
        return results.stream().sorted(Comparator.comparing(BenchResult::shortName)
                .thenComparing(BenchResult::impl, ImplPalette.ORDER)
                .thenComparingLong(r -> r.longParam("payloadBytes"))
                .thenComparingLong(r -> r.longParam("depth"))
                .thenComparingLong(r -> r.longParam("rate"))
                .thenComparingLong(r -> r.longParam("connections"))
                .thenComparing(BenchResult::key)).toList();
    }

    private static String row(BenchResult result, String metric, Measure measure) {
        Map<String, String> params = result.params();
        String others = new TreeMap<>(params).entrySet().stream()
                .filter(e -> !OWN_COLUMNS.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
        return String.join(",", List.of(
                csv(result.shortName()), csv(result.mode()), csv(result.impl()),
                csv(params.getOrDefault("connections", "")), csv(params.getOrDefault("payloadBytes", "")),
                csv(params.getOrDefault("depth", "")), csv(params.getOrDefault("rate", "")), csv(others),
                csv(metric), Numbers.plain(measure.score()), Numbers.plain(measure.error()),
                Numbers.plain(measure.ciLow()), Numbers.plain(measure.ciHigh()), csv(measure.unit()),
                Boolean.toString(!result.invalid()), Boolean.toString(result.clientBound())));
    }

    /** RFC 4180 quoting, only where needed. */
    static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
