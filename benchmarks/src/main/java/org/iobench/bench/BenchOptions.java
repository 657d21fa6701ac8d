package org.iobench.bench;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * BenchMain's command line. Each option may also come from a system property, which is how
 * {@code mvn verify -Pbench -Dbench.preset=quick} reaches it; the command line wins.
 *
 * @param preset     the matrix to run
 * @param impls      implementation ids to run (empty = every available one)
 * @param target     a server started elsewhere to drive instead of launching one, or null
 * @param resultsDir where the run folder goes (null = results/ under the checkout)
 * @param jmhArgs    extra JMH options, passed through (they override the preset's settings)
 */
public record BenchOptions(Preset preset, List<String> impls, InetSocketAddress target, Path resultsDir,
                           List<String> jmhArgs, boolean help) {

    public static final String USAGE = """
            usage: scripts/bench [--preset smoke|quick|standard|full] [--impls a,b] [--target host:port]
                                 [--results-dir DIR] [-- JMH options]
              --preset P         the matrix (default: standard; or -Dbench.preset=P)
              --impls a,b        only these implementation ids (default: every available one; -Dbench.impls)
              --target h:p       drive a server started elsewhere; no server is launched and server-side
                                 metrics are absent (-Dbench.target)
              --results-dir DIR  where the run folder is created (default: <checkout>/results)
              -- ...             JMH options, e.g. -- -wi 1 -i 3 -f 2 (also -Dbench.args="..."); they
                                 override the preset's iteration settings and parameters""";

    /** Thrown for a bad command line; the message is meant for the user. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses the command line, falling back to the given system properties (bench.preset, ...). */
    public static BenchOptions parse(String[] args, Map<String, String> properties) throws UsageException {
        String preset = properties.getOrDefault("bench.preset", "");
        String impls = properties.getOrDefault("bench.impls", "");
        String target = properties.getOrDefault("bench.target", "");
        String resultsDir = properties.getOrDefault("bench.results.dir", "");
        List<String> jmhArgs = new ArrayList<>(splitWords(properties.getOrDefault("bench.args", "")));
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--" -> {
                    jmhArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                case "--preset" -> preset = value(args, ++i, arg);
                case "--impls" -> impls = value(args, ++i, arg);
                case "--target" -> target = value(args, ++i, arg);
                case "--results-dir" -> resultsDir = value(args, ++i, arg);
                case "-h", "--help" -> help = true;
                default -> throw new UsageException("unknown argument '" + arg + "' (JMH options go after '--')");
            }
        }
        Preset parsedPreset;
        try {
            parsedPreset = preset.isBlank() ? Preset.STANDARD : Preset.byId(preset);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> implList = splitList(impls);
        return new BenchOptions(parsedPreset, implList, target.isBlank() ? null : parseTarget(target),
                resultsDir.isBlank() ? null : Path.of(resultsDir), List.copyOf(jmhArgs), help);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) throw new UsageException(option + " needs a value");
        return args[i];
    }

    /** "host:port" or "[v6]:port". */
    static InetSocketAddress parseTarget(String target) throws UsageException {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) throw new UsageException("--target must be host:port, got '" + target + "'");
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--target port must be a number, got '" + target.substring(colon + 1) + "'");
        }
        if (port < 1 || port > 65535) throw new UsageException("--target port must be 1..65535, got " + port);
        return InetSocketAddress.createUnresolved(host, port);
    }

    static List<String> splitList(String commaList) {
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static List<String> splitWords(String words) {
        return Arrays.stream(words.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** host:port as given. */
    public String targetText() {
        if (target == null) return "";
        String host = target.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + target.getPort();
    }
}
