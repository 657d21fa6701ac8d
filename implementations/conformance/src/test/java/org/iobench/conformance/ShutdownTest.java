package org.iobench.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGTERM with clients connected: a clean exit (status 0) and the port free for the next server. */
class ShutdownTest extends PerImplementation {

    @Test
    @Timeout(60)
    void sigtermExitsZeroAndReleasesThePort() throws IOException {
        InetSocketAddress address = server.address();
        SeededBytes bytes = new SeededBytes(9);
        try (Socket busy = Wire.connect(address); Socket idle = Wire.connect(address)) {
            Wire.roundTrip(server, "connection before shutdown", busy, bytes, 0, 4096);
            Wire.write(busy, bytes, 4096, 1024); // left in flight when SIGTERM arrives
            int status = server.stop(); // fails the test itself if the server hangs
            server.check(status == 0, "exited with status " + status + " on SIGTERM, expected 0");
        }
        try (ServerSocket again = new ServerSocket()) {
            // SO_REUSEADDR forgives connections in TIME_WAIT, not a listener still open.
            again.setReuseAddress(true);
            again.bind(address);
        } catch (IOException e) {
            // Either a listener outlived the process, or the server's closed connections (TIME_WAIT on
            // its port) block the bind because it did not set SO_REUSEADDR: a restart would fail too.
            throw server.failure("port " + address.getPort() + " cannot be bound again after the server exited ("
                    + e.getMessage() + "): a listener is still open, or its sockets lacked SO_REUSEADDR");
        }
    }
}
