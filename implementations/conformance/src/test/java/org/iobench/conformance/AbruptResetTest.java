package org.iobench.conformance;

import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients that vanish with a TCP reset mid-stream must cost the server nothing but those sockets. */
class AbruptResetTest extends PerImplementation {
    static final int RESETS = 200;
    static final int MID_STREAM_BYTES = 64 * 1024;
    static final int CHECK_BYTES = 65537;
    static final int FD_SLACK = 10;
    static final long SETTLE_MILLIS = 10_000;

    @Test
    @Timeout(90)
    void survivesAbruptResetsMidStreamAndStillServes() throws Exception {
        SeededBytes bytes = new SeededBytes(7);
        long fdsBefore = ProcStats.openFds(server.pid());
        for (int i = 0; i < RESETS; i++) {
            Socket socket = Wire.connect(server.address());
            try {
                // Vary the moment of the reset: right after connect, mid-write with the echo unread,
                // and after part of the echo was read, so it hits the server reading and writing.
                if (i % 3 != 0) Wire.write(socket, bytes, 0, MID_STREAM_BYTES);
                if (i % 3 == 2) Wire.expectEcho(server, "reset connection " + i, socket, bytes, 0, MID_STREAM_BYTES / 2);
            } finally {
                socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                socket.close();
            }
        }
        server.assertAlive("after " + RESETS + " abrupt resets");
        try (Socket socket = Wire.connect(server.address())) {
            Wire.roundTrip(server, "echo after " + RESETS + " resets", socket, bytes, 0, CHECK_BYTES);
        }
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        long fds;
        do {
            Thread.sleep(100);
            fds = ProcStats.openFds(server.pid());
        } while (fds > fdsBefore + FD_SLACK && System.nanoTime() < deadline);
        server.check(fds <= fdsBefore + FD_SLACK, fds + " descriptors " + SETTLE_MILLIS + " ms after " + RESETS
                + " resets; " + fdsBefore + " before (+" + FD_SLACK + " allowed): reset sockets are not closed");
    }

}
