package org.iobench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Can the run be trusted? Each planned trial has one of three outcomes: <b>valid</b>; <b>reached a
 * limit</b> (a model that could not go further, e.g. open all its connections: a real finding, kept
 * out of comparisons that need a figure); or <b>invalid</b> (errors, a dead or stalled server, a trial
 * that did not finish). Only invalid trials make the run invalid; a run that did not record a normal
 * end is <b>incomplete</b>, which is never valid either.
 *
 * <p>Two sources, each checked on its own so that neither can hide the other: the markers
 * BenchMain wrote into env.properties ({@code run.status}, {@code failed}, {@code invalid},
 * {@code incomplete}, {@code limits}), and jmh.json itself against the plan env.properties recorded ({@code plan.N},
 * {@code plan.measurements.per.trial}): a hand-edited or truncated jmh.json fails the second even
 * when the first is clean. Runs written before the plan was recorded are checked against
 * {@code trials.planned} and their {@code wall.time} end marker.
 *
 * @param outcome    the run's verdict
 * @param invalid    "trial: why" for each invalid trial
 * @param incomplete why the run is incomplete, and the trials it left out
 * @param limits     "trial: why" for each trial that reached a limit or was skipped for one
 */
public record RunValidity(Outcome outcome, List<String> invalid, List<String> incomplete, List<String> limits) {

    public enum Outcome {
        VALID, INVALID, INCOMPLETE
    }

    static final String STATUS = "run.status";
    static final String COMPLETE = "complete";
    static final String PLAN_PREFIX = "plan.";
    static final String PLAN_MEASUREMENTS = "plan.measurements.per.trial";

    public boolean valid() {
        return outcome == Outcome.VALID;
    }

    /** One line: the verdict and the first reason. */
    public String headline() {
        return switch (outcome) {
            case VALID -> "valid" + (limits.isEmpty() ? "" : " (" + limits.size() + " trial(s) reached a limit)");
            case INVALID -> "INVALID: " + invalid.size() + " trial(s), e.g. " + invalid.getFirst();
            case INCOMPLETE -> "INCOMPLETE: " + incomplete.getFirst()
                    + (invalid.isEmpty() ? "" : "; and " + invalid.size() + " invalid trial(s)");
        };
    }

    /** Judges the results as read from jmh.json; {@code results} should already be {@link #planned} ones. */
    static RunValidity of(Properties env, List<BenchResult> results) {
        List<String> invalid = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        // trials the plan left out because the machine cannot hold them (descriptor limit)
        List<String> limits = new ArrayList<>(Arrays.stream(env.getProperty("skipped", "").split(";\\s+"))
                .filter(line -> line.contains(" skipped: ")).toList());
        String status = env.getProperty(STATUS);
        if (status == null) {
            if (env.getProperty("wall.time", "").isBlank()) {
                incomplete.add("the run recorded no end (no run.status or wall.time in env.properties): it was interrupted or killed");
            }
        } else if (!status.strip().equals(COMPLETE)) {
            incomplete.add("run.status=" + status.strip() + (status.strip().equals("running")
                    ? ": the run never recorded its end (killed?)" : ""));
        }
        // what BenchMain saw
        Set<String> named = new LinkedHashSet<>();
        for (String entry : entries(env.getProperty("failed", ""))) {
            invalid.add(entry);
            named.add(keyOf(entry));
        }
        for (String entry : entries(env.getProperty("invalid", ""))) {
            invalid.add(entry);
            named.add(keyOf(entry));
        }
        for (String entry : entries(env.getProperty("incomplete", ""))) {
            incomplete.add(entry);
            named.add(keyOf(entry));
        }
        // a limit explains a missing result, never an invalid one: kept apart so a limits= entry cannot hide errors
        Set<String> atLimit = new LinkedHashSet<>();
        for (String entry : entries(env.getProperty("limits", ""))) {
            limits.add(entry);
            atLimit.add(keyOf(entry));
        }
        // what jmh.json holds, against the plan
        Map<String, Integer> seen = new HashMap<>();
        for (BenchResult r : results) {
            String key = r.trialKey();
            if (seen.merge(key, 1, Integer::sum) == 2) invalid.add(key + ": appears more than once in jmh.json");
            if (r.invalid() && !named.contains(key)) invalid.add(key + ": " + r.invalidReason());
            if (!r.invalid() && r.reachedLimit()) limits.add(key + ": reached a limit (see its figures and the run's log)");
        }
        List<String> planned = plannedTrials(env);
        if (planned != null) {
            for (String key : planned) {
                if (!seen.containsKey(key) && !named.contains(key) && !atLimit.contains(key)) {
                    invalid.add(key + ": planned but not in jmh.json");
                }
            }
            Set<String> plannedSet = new LinkedHashSet<>(planned);
            for (String key : seen.keySet()) {
                if (!plannedSet.contains(key)) invalid.add(key + ": in jmh.json but not in the run's plan");
            }
        } else {
            String count = env.getProperty("trials.planned", "").strip();
            if (count.isEmpty()) {
                invalid.add("env.properties records no plan (plan.N or trials.planned): jmh.json cannot be checked against it");
            } else if (!count.equals(Integer.toString(results.size())) && invalid.isEmpty() && incomplete.isEmpty()) {
                invalid.add(count + " trials planned but " + results.size() + " results in jmh.json");
            }
        }
        Outcome outcome = !incomplete.isEmpty() ? Outcome.INCOMPLETE : !invalid.isEmpty() ? Outcome.INVALID : Outcome.VALID;
        return new RunValidity(outcome, List.copyOf(invalid), List.copyOf(incomplete), List.copyOf(limits));
    }

    /** Each result judged against the iterations the plan asked for, not those jmh.json says it asked for. */
    static List<BenchResult> planned(Properties env, List<BenchResult> results) {
        String measurements = env.getProperty(PLAN_MEASUREMENTS, "").strip();
        if (!measurements.matches("\\d+")) return results;
        int perTrial = Integer.parseInt(measurements);
        return results.stream().map(r -> r.withPlannedIterations(perTrial)).toList();
    }

    /**
     * Every trial of the plan, as {@link BenchResult#trialKey()}; null when the run recorded none.
     * A plan line is "benchmark name=v1,v2 name=v1 ...": the trials are the product of the values.
     */
    static List<String> plannedTrials(Properties env) {
        List<String> lines = new ArrayList<>();
        for (int n = 1; env.getProperty(PLAN_PREFIX + n) != null; n++) lines.add(env.getProperty(PLAN_PREFIX + n));
        if (lines.isEmpty()) return null;
        List<String> keys = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            List<Map<String, String>> trials = List.of(new LinkedHashMap<>());
            for (String word : Arrays.asList(words).subList(1, words.length)) {
                int eq = word.indexOf('=');
                if (eq <= 0) continue;
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> trial : trials) {
                    for (String value : word.substring(eq + 1).split(",")) {
                        Map<String, String> more = new LinkedHashMap<>(trial);
                        more.put(word.substring(0, eq), value);
                        next.add(more);
                    }
                }
                trials = next;
            }
            trials.forEach(params -> keys.add(words[0] + " " + BenchResult.describeParams(params)));
        }
        return keys;
    }

    /** "a: why; b: why" into its entries; an entry starts with a benchmark's full name. */
    static List<String> entries(String joined) {
        if (joined.isBlank()) return List.of();
        return Arrays.stream(joined.split(";\\s+(?=[\\w$.]+\\.\\w+ )")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The trial an entry names, as {@link BenchResult#trialKey()}: "benchmark name=value ...: why". */
    static String keyOf(String entry) {
        int colon = entry.indexOf(": ");
        String[] words = (colon < 0 ? entry : entry.substring(0, colon)).strip().split("\\s+");
        Map<String, String> params = new LinkedHashMap<>();
        for (String word : Arrays.asList(words).subList(1, words.length)) {
            int eq = word.indexOf('=');
            if (eq > 0) params.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return words[0] + " " + BenchResult.describeParams(params);
    }
}
