package org.iobench.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FlameGraphFileTest {

    @Test
    void aFlameGraphIsNamedAfterItsTrialAndRoundInTheRunsProfilesFolder() {
        assertEquals(Path.of("/r/run/profiles/throughput-nio-selector-c100-16384B-depth1-fork2.html"),
                FlameGraphFile.of(Path.of("/r/run"), "org.iobench.bench.ThroughputBenchmark.echo", "nio-selector", 100, 16_384,
                        "depth", 1, 2));
        assertEquals(Path.of("/r/run/profiles/latency-netty-epoll-et-c10000-64B-rate10000-fork1.html"),
                FlameGraphFile.of(Path.of("/r/run"), "org.iobench.bench.LatencyBenchmark.echo", "netty-epoll-et", 10_000, 64,
                        "rate", 10_000, 1));
    }

    @Test
    void theReasonForAMissingFlameGraphSitsBesideIt() {
        assertEquals(Path.of("/r/profiles/throughput-blocking-c1-64B-depth1-fork3.txt"),
                FlameGraphFile.reasonFor(Path.of("/r/profiles/throughput-blocking-c1-64B-depth1-fork3.html")));
    }
}
