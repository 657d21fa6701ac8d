package org.iobench.api;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The server command line, parsed and validated: every mistake becomes a one-line message. */
public record ServerArgs(Implementation impl, ServerConfig config, boolean exitWithStdin, boolean list, boolean help) {

    /** The lifeline flag: whoever started the server holds its stdin open; end-of-file means they are gone. */
    public static final String EXIT_WITH_STDIN = "--exit-with-stdin";

    public static final String USAGE = """
            usage: echo-server --impl <id> [--bind ADDR] [--port N] [--threads N] [--buffer-bytes N]
                               [--work KIND --message-bytes N [--offload-threads N] [--offload-queue N]]
                               [--exit-with-stdin]
                   echo-server --list
              --impl ID          one of: %s
              --bind ADDR        address to listen on (default 127.0.0.1)
              --port N           port, 0 = ephemeral (default 0); the real one is printed when ready
              --threads N        worker / event-loop threads (default: number of cores)
              --buffer-bytes N   per-connection buffer and backpressure bound (default %d)
              --work KIND        what is done with each message before it is echoed: none (default),
                                 cpu:<µs> (CRC32C passes over its bytes, calibrated at start) or
                                 block:<ms> (a blocking call, as to a database); fractions allowed
              --message-bytes N  the message size, required with --work: work is per message, not per read
              --offload-threads N  event loops: threads of the bounded pool blocking work goes to
                                 (default %d); 0 = block on the event loop itself, the classic mistake
              --offload-queue N  event loops: tasks that may wait for a pool thread (default %d); beyond
                                 that the loop stops reading the connection until a slot frees
              --exit-with-stdin  exit cleanly (status 0) when standard input reaches end-of-file: the
                                 launcher holds the pipe, so the server never outlives it (also over ssh)
            When ready prints: iobench: <id> listening on <addr>:<port>""".formatted(
            Implementation.ids(), ServerConfig.DEFAULT_BUFFER_BYTES, ServerConfig.DEFAULT_OFFLOAD_THREADS,
            ServerConfig.DEFAULT_OFFLOAD_QUEUE);

    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static ServerArgs parse(String[] args) throws UsageException {
        Implementation impl = null;
        ServerConfig config = ServerConfig.defaults();
        boolean list = false;
        boolean exitWithStdin = false;
        Work work = Work.NONE;
        int messageBytes = 0;
        int offloadThreads = ServerConfig.DEFAULT_OFFLOAD_THREADS;
        int offloadQueue = ServerConfig.DEFAULT_OFFLOAD_QUEUE;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--list" -> list = true;
                case EXIT_WITH_STDIN -> exitWithStdin = true;
                case "-h", "--help" -> {
                    return new ServerArgs(null, config, false, false, true);
                }
                case "--impl" -> {
                    String id = value(args, ++i, flag);
                    impl = Implementation.byId(id).orElseThrow(() ->
                            new UsageException("unknown implementation '" + id + "'; known: " + Implementation.ids()));
                }
                case "--bind" -> {
                    String host = value(args, ++i, flag);
                    try {
                        config = config.withBindAddress(host);
                    } catch (UnknownHostException e) {
                        throw new UsageException("cannot resolve bind address '" + host + "'");
                    }
                }
                case "--port" -> config = config.withPort(number(args, ++i, flag, 0, 65535));
                case "--threads" -> config = config.withThreads(number(args, ++i, flag, 1, 4096));
                case "--buffer-bytes" -> config = config.withBufferBytes(number(args, ++i, flag, 1, 64 << 20));
                case "--work" -> {
                    String text = value(args, ++i, flag);
                    try {
                        work = Work.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(flag + ": " + e.getMessage());
                    }
                }
                case "--message-bytes" -> messageBytes = number(args, ++i, flag, 1, ServerConfig.MAX_MESSAGE_BYTES);
                case "--offload-threads" -> offloadThreads = number(args, ++i, flag, 0, 4096);
                case "--offload-queue" -> offloadQueue = number(args, ++i, flag, 0, 1 << 20);
                default -> throw new UsageException("unknown option '" + flag + "'");
            }
        }
        if (!list && impl == null) throw new UsageException("--impl is required");
        if (!(work instanceof Work.None) && messageBytes == 0) {
            throw new UsageException("--work " + work.text() + " needs --message-bytes N: work is per message, not per read");
        }
        config = config.withWork(work, messageBytes).withOffload(offloadThreads, offloadQueue);
        return new ServerArgs(impl, config, exitWithStdin, list, false);
    }

    private static String value(String[] args, int i, String flag) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) throw new UsageException(flag + " needs a value");
        return args[i];
    }

    private static int number(String[] args, int i, String flag, int min, int max) throws UsageException {
        String text = value(args, i, flag);
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) throw new UsageException(flag + " must be " + min + ".." + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a whole number, got '" + text + "'");
        }
    }

    /** addr:port, with IPv6 addresses in brackets. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) host = "[" + host + "]";
        return host + ":" + address.getPort();
    }
}
