package org.iobench.bench;

/**
 * What one trial measures, as the benchmark's parameters give it: the one record a benchmark hands
 * to {@link ServerTrial#start} (a new parameter is a new component here, not a new argument everywhere).
 *
 * @param implId       the implementation id
 * @param connections  connections open at once (churn: lifecycles in flight)
 * @param payloadBytes bytes per message
 * @param offeredRate  offered echoes/s of an open loop; NaN for a closed loop
 * @param work         what the server does with each message ({@link org.iobench.api.Work}): "none" for the plain echo
 * @param serverThreads the server's worker threads; 0 for the run's setting ({@link EchoBenchmark#serverThreads})
 * @param offloadThreads the event loops' offload pool; -1 for the run's setting, 0 to block on the loop ({@link EchoBenchmark#offloadThreads})
 */
record TrialSpec(String implId, int connections, int payloadBytes, double offeredRate, String work, int serverThreads,
                 int offloadThreads) {
    TrialSpec {
        if (serverThreads < 0) throw new IllegalArgumentException("serverThreads must be 0 (the run's setting) or more: " + serverThreads);
        if (offloadThreads < -1) throw new IllegalArgumentException("offloadThreads must be -1 (the run's setting) or more: " + offloadThreads);
    }
}
