package org.iobench.conformance;

import org.iobench.api.Work;

/** {@link WorkEchoTest} under {@code cpu:20}: CPU work on each 1 KiB message, inline in every model. */
class CpuWorkTest extends WorkEchoTest {
    @Override
    Work work() {
        return new Work.Cpu(20);
    }

    @Override
    int messageBytes() {
        return 1024;
    }
}
