package org.iobench.conformance;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.iobench.api.ServerConfig;
import org.iobench.api.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Work per message keeps the echo byte-exact: several connections at once, each writing its stream
 * in chunks that cut across message boundaries (so reads hold parts of messages and several at
 * once), ending with a shorter last message and a half-close; every byte must come back, in order,
 * then EOF. One subclass per work kind; a server that does not do that kind says so and is skipped.
 */
abstract class WorkEchoTest extends PerImplementation {
    static final int CONNECTIONS = 20;
    static final int MESSAGES_PER_CONNECTION = 30;
    static final int TAIL_BYTES = 37;
    /** Not a divisor of any message size used: the writes straddle message boundaries. */
    static final int WRITE_CHUNK_BYTES = 700;

    abstract Work work();

    abstract int messageBytes();

    /** The offload pool of the event loops (threads, queue); the default one unless a kind says otherwise. */
    int[] offload() {
        return new int[] {ServerConfig.DEFAULT_OFFLOAD_THREADS, ServerConfig.DEFAULT_OFFLOAD_QUEUE};
    }

    @Override
    ServerConfig config() {
        return ServerConfig.defaults().withWork(work(), messageBytes()).withOffload(offload()[0], offload()[1]);
    }

    @Test
    @Timeout(90)
    void echoesPipelinedMessagesByteExactThenEof() throws Exception {
        long streamBytes = (long) MESSAGES_PER_CONNECTION * messageBytes() + TAIL_BYTES;
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                SeededBytes bytes = new SeededBytes(500 + c);
                String what = work().text() + " connection " + c;
                clients.add(pool.submit(() -> {
                    try (Socket socket = Wire.connect(server.address())) {
                        Background writer = Background.start("writer " + what, () -> {
                            for (long from = 0; from < streamBytes; from += WRITE_CHUNK_BYTES) {
                                Wire.write(socket, bytes, from, Math.min(WRITE_CHUNK_BYTES, streamBytes - from));
                            }
                            socket.shutdownOutput();
                        });
                        Wire.expectEcho(server, what, socket, bytes, 0, streamBytes);
                        Wire.expectEof(server, what, socket);
                        writer.join(server, "writer " + what, 10_000);
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) client.get(80, TimeUnit.SECONDS);
        }
    }
}
