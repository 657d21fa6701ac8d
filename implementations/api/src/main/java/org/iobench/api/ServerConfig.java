package org.iobench.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What every server is told. The defaults are what the benchmarks use unless a preset says otherwise.
 *
 * @param bindAddress    where to listen; loopback by default, never the wildcard unless asked
 * @param port           0 for an ephemeral port (the real one is returned by {@link EchoServer#start()})
 * @param threads        worker / event-loop threads (for {@code virtual}: carrier threads; for
 *                       {@code blocking}: ignored, it is one thread per connection by definition)
 * @param bufferBytes    per-connection read buffer and the bound on bytes a connection may have
 *                       pending towards its client before the server stops reading from it. A server
 *                       admits at most as many connections as these buffers fit in the JVM's memory
 *                       limits and refuses the rest ({@link ConnectionBudget}); {@code blocking} and
 *                       {@code virtual} read in chunks of at most 128 KiB, all the JDK's socket
 *                       streams move per call
 * @param work           what the server does with each message before echoing it; {@link Work#NONE}
 *                       is the plain echo, which frames nothing
 * @param messageBytes   the size of one message, so that work is done per message, not per read;
 *                       required (> 0) with work, 0 without
 * @param offloadThreads event loops: the threads of the bounded pool blocking work is handed to; 0 =
 *                       block inline on the event loop, the classic mistake, shown on purpose
 * @param offloadQueue   event loops: tasks that may wait for a pool thread; beyond that, the loop
 *                       stops reading the connection until a slot frees
 */
public record ServerConfig(InetAddress bindAddress, int port, int threads, int bufferBytes,
                           Work work, int messageBytes, int offloadThreads, int offloadQueue) {

    public static final int DEFAULT_BUFFER_BYTES = 16 * 1024;
    public static final int DEFAULT_BACKLOG = 4096;
    /**
     * Blocking work's pool, when nothing says otherwise: with {@code block:1} it carries at most
     * 64 x 1,000 = 64,000 messages/s, and the queue lets 1,024 more wait; the workloads sweep it
     * ({@link Settings#OFFLOAD_THREADS}), because the pool size decides which model wins.
     */
    public static final int DEFAULT_OFFLOAD_THREADS = 64;
    public static final int DEFAULT_OFFLOAD_QUEUE = 1024;
    /** The largest message a server frames: it holds one whole message per connection. */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    public ServerConfig {
        if (bindAddress == null) throw new IllegalArgumentException("bind address is required");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (bufferBytes < 1) throw new IllegalArgumentException("buffer bytes must be >= 1, got " + bufferBytes);
        if (work == null) throw new IllegalArgumentException("work is required (Work.NONE for none)");
        if (!(work instanceof Work.None) && (messageBytes < 1 || messageBytes > MAX_MESSAGE_BYTES)) {
            throw new IllegalArgumentException("work " + work.text() + " needs --message-bytes 1.." + MAX_MESSAGE_BYTES
                    + " (work is per message), got " + messageBytes);
        }
        if (offloadThreads < 0) throw new IllegalArgumentException("offload threads must be >= 0, got " + offloadThreads);
        if (offloadQueue < 0) throw new IllegalArgumentException("offload queue must be >= 0, got " + offloadQueue);
    }

    /** No work: the plain echo, as before work existed. */
    public ServerConfig(InetAddress bindAddress, int port, int threads, int bufferBytes) {
        this(bindAddress, port, threads, bufferBytes, Work.NONE, 0, DEFAULT_OFFLOAD_THREADS, DEFAULT_OFFLOAD_QUEUE);
    }

    /** Loopback, ephemeral port, one thread per available core, the default buffer, no work. */
    public static ServerConfig defaults() {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, defaultThreads(), DEFAULT_BUFFER_BYTES);
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Whether the server does anything per message (false: the plain echo path). */
    public boolean hasWork() {
        return !(work instanceof Work.None);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, threads, bufferBytes, work, messageBytes, offloadThreads, offloadQueue);
    }

    public ServerConfig withThreads(int newThreads) {
        return new ServerConfig(bindAddress, port, newThreads, bufferBytes, work, messageBytes, offloadThreads, offloadQueue);
    }

    public ServerConfig withBufferBytes(int newBufferBytes) {
        return new ServerConfig(bindAddress, port, threads, newBufferBytes, work, messageBytes, offloadThreads, offloadQueue);
    }

    public ServerConfig withBindAddress(String host) throws UnknownHostException {
        return new ServerConfig(InetAddress.getByName(host), port, threads, bufferBytes, work, messageBytes, offloadThreads, offloadQueue);
    }

    /** Work per message of {@code newMessageBytes} bytes; {@link Work#NONE} keeps the plain echo (and no framing). */
    public ServerConfig withWork(Work newWork, int newMessageBytes) {
        return new ServerConfig(bindAddress, port, threads, bufferBytes, newWork,
                newWork instanceof Work.None ? 0 : newMessageBytes, offloadThreads, offloadQueue);
    }

    /** The offload pool of event loops: {@code newThreads} (0 = block inline) and {@code newQueue}. */
    public ServerConfig withOffload(int newThreads, int newQueue) {
        return new ServerConfig(bindAddress, port, threads, bufferBytes, work, messageBytes, newThreads, newQueue);
    }

    /**
     * Work per message as a benchmark asks for it ({@code work} parameter, payload size), with the
     * offload pool from {@link Settings#OFFLOAD_THREADS} and {@link Settings#OFFLOAD_QUEUE}.
     *
     * @throws IllegalArgumentException with a one-line message naming what is wrong
     */
    public ServerConfig withWorkFromBenchmark(String workText, int payloadBytes) {
        Work parsed;
        try {
            parsed = Work.parse(workText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("work parameter: " + e.getMessage(), e);
        }
        return withWork(parsed, payloadBytes).withOffload(
                wholeNumber(Settings.OFFLOAD_THREADS), wholeNumber(Settings.OFFLOAD_QUEUE));
    }

    /** The same with the offload pool's threads as a benchmark sweeps them; a negative count keeps the setting's. */
    public ServerConfig withWorkFromBenchmark(String workText, int payloadBytes, int offloadThreadsOrSetting) {
        ServerConfig config = withWorkFromBenchmark(workText, payloadBytes);
        return offloadThreadsOrSetting < 0 ? config : config.withOffload(offloadThreadsOrSetting, config.offloadQueue());
    }

    private static int wholeNumber(Settings.Setting setting) {
        String text = setting.value().strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + setting.property() + " takes a whole number, got '" + text + "'");
        }
    }

    /** The bytes one connection's buffer must hold: a whole message when there is work. */
    public int connectionBufferBytes() {
        return Math.max(bufferBytes, messageBytes);
    }
}
