package org.iobench.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What every server is told. The defaults are what the benchmarks use unless a preset says otherwise.
 *
 * @param bindAddress where to listen; loopback by default, never the wildcard unless asked
 * @param port        0 for an ephemeral port (the real one is returned by {@link EchoServer#start()})
 * @param threads     worker / event-loop threads (for {@code virtual}: carrier threads; for
 *                    {@code blocking}: ignored, it is one thread per connection by definition)
 * @param bufferBytes per-connection read buffer and the bound on bytes a connection may have
 *                    pending towards its client before the server stops reading from it. A server
 *                    admits at most as many connections as these buffers fit in the JVM's memory
 *                    limits and refuses the rest ({@link ConnectionBudget}); {@code blocking} and
 *                    {@code virtual} read in chunks of at most 128 KiB, all the JDK's socket
 *                    streams move per call
 */
public record ServerConfig(InetAddress bindAddress, int port, int threads, int bufferBytes) {

    public static final int DEFAULT_BUFFER_BYTES = 16 * 1024;
    public static final int DEFAULT_BACKLOG = 4096;

    public ServerConfig {
        if (bindAddress == null) throw new IllegalArgumentException("bind address is required");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (bufferBytes < 1) throw new IllegalArgumentException("buffer bytes must be >= 1, got " + bufferBytes);
    }

    /** Loopback, ephemeral port, one thread per available core, the default buffer. */
    public static ServerConfig defaults() {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, defaultThreads(), DEFAULT_BUFFER_BYTES);
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, threads, bufferBytes);
    }

    public ServerConfig withThreads(int newThreads) {
        return new ServerConfig(bindAddress, port, newThreads, bufferBytes);
    }

    public ServerConfig withBindAddress(String host) throws UnknownHostException {
        return new ServerConfig(InetAddress.getByName(host), port, threads, bufferBytes);
    }
}
