package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The plain echo's work=none and the run's own serverThreads=0 are not part of a result's name; other values are. */
class WorkParamTest {
    @Test
    void thePlainEchoKeepsTheKeyItHadBeforeWorkExisted() {
        var none = JsonParser.parseString("{\"params\":{\"impl\":\"a\",\"connections\":\"100\",\"work\":\"none\"}}").getAsJsonObject();
        var cpu = JsonParser.parseString("{\"params\":{\"impl\":\"a\",\"connections\":\"100\",\"work\":\"cpu:20\"}}").getAsJsonObject();
        assertEquals(java.util.Map.of("impl", "a", "connections", "100"), BenchResult.paramsOf(none));
        assertEquals("cpu:20", BenchResult.paramsOf(cpu).get("work"));
    }

    @Test
    void theRunsServerThreadCountIsNoParameterButASweptOneIs() {
        var run = JsonParser.parseString("{\"params\":{\"impl\":\"a\",\"serverThreads\":\"0\",\"offloadThreads\":\"-1\","
                + "\"work\":\"none\"}}").getAsJsonObject();
        var swept = JsonParser.parseString("{\"params\":{\"impl\":\"a\",\"serverThreads\":\"4\"}}").getAsJsonObject();
        assertEquals(java.util.Map.of("impl", "a"), BenchResult.paramsOf(run));
        assertEquals(java.util.Map.of("impl", "a", "serverThreads", "4"), BenchResult.paramsOf(swept));
        var noPool = JsonParser.parseString("{\"params\":{\"impl\":\"a\",\"offloadThreads\":\"0\"}}").getAsJsonObject();
        assertEquals(java.util.Map.of("impl", "a", "offloadThreads", "0"), BenchResult.paramsOf(noPool));
    }
}
