package org.iobench.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * One run's folder (see docs/results.md): {@code jmh.json} as JMH wrote it and
 * {@code env.properties}. The run's name (its folder name) labels it in charts and comparisons.
 * Each result is judged against the run's recorded plan, and the run as a whole by {@link RunValidity}.
 */
public record RunDir(Path dir, String name, List<BenchResult> results, Properties env, RunValidity validity) {

    public static final String JMH_JSON = "jmh.json";
    public static final String ENV = "env.properties";
    /** env.properties key of a profiled run (scripts/bench --profile): the profiler's event; empty or absent otherwise. */
    public static final String PROFILE = "profile";

    public static RunDir load(Path dir) throws ResultsException {
        if (!Files.isDirectory(dir)) {
            throw new ResultsException("no run folder at " + dir);
        }
        Path json = dir.resolve(JMH_JSON);
        if (!Files.isRegularFile(json)) {
            throw new ResultsException("no " + JMH_JSON + " in " + dir + " (is it a run folder?)");
        }
        Path envFile = dir.resolve(ENV);
        if (!Files.isRegularFile(envFile)) {
            throw new ResultsException("no " + ENV + " in " + dir + " (the run's environment is needed)");
        }
        Properties env = new Properties();
        try (Reader reader = Files.newBufferedReader(envFile, StandardCharsets.ISO_8859_1)) {
            env.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResultsException("cannot read " + envFile + ": " + e.getMessage());
        }
        Path absolute = dir.toAbsolutePath().normalize();
        List<BenchResult> results = RunValidity.planned(env, JmhResults.read(json));
        return new RunDir(absolute, absolute.getFileName().toString(), results, env, RunValidity.of(env, results));
    }

    public String env(String key) {
        return env.getProperty(key, "");
    }

    /** A profiled run's figures carry the profiler's cost: they are never compared, as either side. */
    public void requireUnprofiled() throws ResultsException {
        String event = env(PROFILE);
        if (!event.isBlank()) {
            throw new ResultsException(name + " is a profiled run (profile=" + event + "): the profiler's cost is in every figure,"
                    + " so it is never compared; measure again without --profile");
        }
    }
}
