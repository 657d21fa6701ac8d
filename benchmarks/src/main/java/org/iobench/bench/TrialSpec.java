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
 */
record TrialSpec(String implId, int connections, int payloadBytes, double offeredRate, String work) {
}
