package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The results of one benchmark that share everything but impl and connections (e.g. payload 64 B,
 * depth 1): what one chart or one table shows, with connections on the x axis and one line per impl.
 */
public record Panel(String benchmark, Map<String, String> fixedParams, List<BenchResult> results) {

    static final String CONNECTIONS = "connections";

    /** Splits one benchmark's results into panels, ordered by their numeric parameters. */
    public static List<Panel> of(List<BenchResult> results, String shortBenchmarkName) {
        Map<String, List<BenchResult>> byFixed = new LinkedHashMap<>();
        Map<String, Map<String, String>> fixedByKey = new LinkedHashMap<>();
        for (BenchResult result : SummaryCsv.sorted(results)) {
            if (!result.shortName().equals(shortBenchmarkName)) {
                continue;
            }
            Map<String, String> fixed = new TreeMap<>(Panel::compareParamNames);
            fixed.putAll(result.params());
            fixed.remove(BenchResult.IMPL);
            fixed.remove(CONNECTIONS);
            String key = fixed.toString();
            byFixed.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
            fixedByKey.put(key, fixed);
        }
        return byFixed.entrySet().stream()
                .map(e -> new Panel(shortBenchmarkName, fixedByKey.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparing(Panel::sortKey))
                .toList();
    }

    /** Payload first (it is what a reader looks for), then depth and rate, then anything else. */
    private static int compareParamNames(String a, String b) {
        List<String> first = List.of("payloadBytes", "depth", "rate");
        int ia = first.contains(a) ? first.indexOf(a) : first.size();
        int ib = first.contains(b) ? first.indexOf(b) : first.size();
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    /** "payload 64 B, depth 1" for titles. */
    public String describe() {
        return fixedParams.entrySet().stream().map(e -> switch (e.getKey()) {
            case "payloadBytes" -> "payload " + e.getValue() + " B";
            case "rate" -> "offered " + Numbers.compact(Double.parseDouble(e.getValue())) + " echoes/s";
            // the classic mistake, measured on purpose: say so wherever the panel is named
            case "offloadThreads" -> e.getValue().equals("0") ? "no offload pool (blocking on the event loop: the classic mistake)"
                    : "offload pool " + e.getValue() + " threads";
            case "serverThreads" -> "server threads " + e.getValue();
            default -> e.getKey() + " " + e.getValue();
        }).collect(Collectors.joining(", "));
    }

    /** "payload64B-depth1" for file names. */
    public String slug() {
        return fixedParams.entrySet().stream().map(e -> switch (e.getKey()) {
            case "payloadBytes" -> "payload" + e.getValue() + "B";
            default -> e.getKey() + e.getValue();
        }).collect(Collectors.joining("-")).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public List<String> impls() {
        return results.stream().map(BenchResult::impl).distinct().sorted(ImplPalette.ORDER).toList();
    }

    public List<Long> connectionCounts() {
        return results.stream().map(r -> r.longParam(CONNECTIONS)).distinct().sorted().toList();
    }

    public List<BenchResult> ofImpl(String impl) {
        return results.stream().filter(r -> r.impl().equals(impl))
                .sorted(Comparator.comparingLong(r -> r.longParam(CONNECTIONS))).toList();
    }

    private String sortKey() {
        // zero-padded numbers so that payload 1024 sorts after 64
        return fixedParams.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue().matches("\\d+") ? "%012d".formatted(Long.parseLong(e.getValue())) : e.getValue()))
                .collect(Collectors.joining(","));
    }
}
