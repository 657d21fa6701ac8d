package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary names the forks that ran with the driver's and server's CPUs far apart. */
class CpuPlacementTest {
    @TempDir
    Path tmp;

    @Test
    void forksMoreThanTwiceTheNearestAreFar() throws IOException, ResultsException {
        RunDir run = runWithDistances(tmp, new double[][] {{95, 97, 96}, {98, 101, 99}}, new double[][] {{94, 96}, {390, 402}});
        CpuPlacement.Outcome outcome = CpuPlacement.of(run).orElseThrow();
        assertEquals(95, outcome.nearestNanos());   // a round is the median of its iterations
        assertEquals(1, outcome.farForks());
        assertEquals(4, outcome.forks());
        List<String> lines = CpuPlacement.lines(run);
        assertTrue(lines.getFirst().contains("nearest 95 ns; 1 of 4 forks ran more than 2× farther apart"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("- ") && l.endsWith(": round 2")), lines.toString());
    }

    @Test
    void aRunWithoutTheFigureSaysNothing() throws IOException, ResultsException {
        RunDir run = RunDir.load(Fixtures.writeRun(tmp.resolve("run"), "quick", 0.03, Fixtures.NONE, r -> r));
        assertTrue(CpuPlacement.lines(run).isEmpty());
    }

    @Test
    void compareSaysWhenTwoRunsMeasuredDifferentPlacements() throws IOException, ResultsException {
        RunDir near = runWithDistances(tmp.resolve("a"), new double[][] {{95, 97}, {96, 99}});
        RunDir far = runWithDistances(tmp.resolve("b"), new double[][] {{390, 402}, {396, 399}});
        String line = CpuPlacement.comparison(near, far).orElseThrow();
        assertTrue(line.startsWith("CPU placement (cpu.distance.ns, nearest per run): baseline 96 ns (0 of 2 forks far),"
                + " current 396 ns (0 of 2 forks far). **The runs measured different CPU placements**"), line);
        assertTrue(!CpuPlacement.comparison(near, near).orElseThrow().contains("different"));
    }

    /** A copy of the fixture run whose first result gets the given per-round, per-iteration distances. */
    private static RunDir runWithDistances(Path tmp, double[][]... perResult) throws IOException, ResultsException {
        Path dir = Fixtures.writeRun(tmp.resolve("run"), "quick", 0.03, Fixtures.NONE, r -> r);
        Path json = dir.resolve(RunDir.JMH_JSON);
        JsonArray results = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        for (int i = 0; i < perResult.length; i++) {
            JsonArray forks = new JsonArray();
            for (double[] round : perResult[i]) {
                JsonArray iterations = new JsonArray();
                for (double v : round) iterations.add(v);
                forks.add(iterations);
            }
            JsonObject metric = new JsonObject();
            metric.addProperty("score", 0.0);
            metric.addProperty("scoreUnit", "ns");
            metric.add("rawData", forks);
            results.get(i).getAsJsonObject().getAsJsonObject("secondaryMetrics").add(CpuPlacement.METRIC, metric);
        }
        Files.writeString(json, results.toString(), StandardCharsets.UTF_8);
        return RunDir.load(dir);
    }
}
