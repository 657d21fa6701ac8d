package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The plain echo's work=none is not part of a result's name; any other work kind is. */
class WorkParamTest {
    @Test
    void thePlainEchoKeepsTheKeyItHadBeforeWorkExisted() {
        var none = JsonParser.parseString("{\"params\":{\"impl\":\"a\",\"connections\":\"100\",\"work\":\"none\"}}").getAsJsonObject();
        var cpu = JsonParser.parseString("{\"params\":{\"impl\":\"a\",\"connections\":\"100\",\"work\":\"cpu:20\"}}").getAsJsonObject();
        assertEquals(java.util.Map.of("impl", "a", "connections", "100"), BenchResult.paramsOf(none));
        assertEquals("cpu:20", BenchResult.paramsOf(cpu).get("work"));
    }
}
