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
                               [--exit-with-stdin]
                   echo-server --list
              --impl ID          one of: %s
              --bind ADDR        address to listen on (default 127.0.0.1)
              --port N           port, 0 = ephemeral (default 0); the real one is printed when ready
              --threads N        worker / event-loop threads (default: number of cores)
              --buffer-bytes N   per-connection buffer and backpressure bound (default %d)
              --exit-with-stdin  exit cleanly (status 0) when standard input reaches end-of-file: the
                                 launcher holds the pipe, so the server never outlives it (also over ssh)
            When ready prints: iobench: <id> listening on <addr>:<port>""".formatted(
            Implementation.ids(), ServerConfig.DEFAULT_BUFFER_BYTES);

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
                case "--buffer-bytes" -> config = new ServerConfig(config.bindAddress(), config.port(),
                        config.threads(), number(args, ++i, flag, 1, 64 << 20));
                default -> throw new UsageException("unknown option '" + flag + "'");
            }
        }
        if (!list && impl == null) throw new UsageException("--impl is required");
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
