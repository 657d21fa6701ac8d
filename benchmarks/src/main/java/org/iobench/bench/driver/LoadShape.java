package org.iobench.bench.driver;

/**
 * What a {@link LoadDriver} offers its connections: a closed loop (each connection keeps
 * {@code depth} messages in flight, a new one is sent as soon as one comes back) or an open loop
 * (messages are sent on a fixed schedule whatever the server does, and latency is measured from the
 * intended send time, as wrk2 does, so a stalled server shows up in the tail).
 */
public sealed interface LoadShape permits LoadShape.ClosedLoop, LoadShape.OpenLoop {

    /** Largest message; bounded so one message always fits the driver's receive buffer window. */
    int MAX_PAYLOAD_BYTES = 1 << 20;

    int payloadBytes();

    /**
     * Closed loop: throughput.
     *
     * @param payloadBytes bytes per message (1..{@link #MAX_PAYLOAD_BYTES})
     * @param depth        messages in flight per connection; 1 = ping-pong
     */
    record ClosedLoop(int payloadBytes, int depth) implements LoadShape {
        public ClosedLoop {
            checkPayload(payloadBytes);
            if (depth < 1 || depth > 1024) throw new IllegalArgumentException("depth must be 1..1024, got " + depth);
        }
    }

    /**
     * Open loop at a fixed offered rate: latency. Message {@code k} of this driver is intended to be
     * sent at {@code start + k / echoesPerSecond} on connection {@code k mod N}. A connection that
     * already has {@code maxInFlightPerConnection} messages unanswered holds further messages back
     * (only counted, their intended times are implied by the schedule) and sends them as soon as it
     * can; their latency still starts at the intended time.
     *
     * @param payloadBytes             bytes per message
     * @param echoesPerSecond          offered rate for THIS driver (its share of the total)
     * @param maxInFlightPerConnection bound on unanswered messages per connection (memory and socket
     *                                 buffers stay bounded when the server stalls)
     */
    record OpenLoop(int payloadBytes, double echoesPerSecond, int maxInFlightPerConnection) implements LoadShape {
        public OpenLoop {
            checkPayload(payloadBytes);
            if (!(echoesPerSecond > 0) || echoesPerSecond > 1e9) {
                throw new IllegalArgumentException("echoesPerSecond must be > 0 and <= 1e9, got " + echoesPerSecond);
            }
            if (maxInFlightPerConnection < 1 || maxInFlightPerConnection > 1024) {
                throw new IllegalArgumentException("maxInFlightPerConnection must be 1..1024, got " + maxInFlightPerConnection);
            }
        }
    }

    static ClosedLoop closedLoop(int payloadBytes, int depth) {
        return new ClosedLoop(payloadBytes, depth);
    }

    /** Open loop with at most 64 unanswered messages per connection. */
    static OpenLoop openLoop(int payloadBytes, double echoesPerSecond) {
        return new OpenLoop(payloadBytes, echoesPerSecond, 64);
    }

    private static void checkPayload(int payloadBytes) {
        if (payloadBytes < 1 || payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payloadBytes must be 1.." + MAX_PAYLOAD_BYTES + ", got " + payloadBytes);
        }
    }
}
