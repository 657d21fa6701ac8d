package org.iobench.bench.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.iobench.api.Implementation;
import org.iobench.bench.CpuPinning;
import org.iobench.bench.driver.LoadShape;

/**
 * driver-check's command line, every value checked before any load runs. A bad argument is an
 * {@link IllegalArgumentException} whose message is the one line to print (exit status 2).
 */
record DriverCheckOptions(String impl, List<Integer> connectionCounts, int payloadBytes, int depth, int rounds,
                          int seconds, int warmupSeconds, List<Integer> clientCpus, List<Integer> serverCpus,
                          int driverThreads, boolean withNative, double minRatio, double maxCpuRatio, boolean help) {

    static final String USAGE = """
            usage: driver-check [--impl ID] [--connections 100,1000,10000] [--payload-bytes 64] [--depth 1]
                                [--rounds 15] [--seconds 5] [--warmup-seconds 3] [--client-cpus LIST]
                                [--server-cpus LIST] [--driver-threads N] [--min-ratio 0.98]
                                [--max-cpu-ratio 1.0] [--no-native] [--help]

            Is the Java client driver the limit? Runs it and the native load client (the yardstick) in
            alternating rounds (Java first in odd rounds, native first in even ones) against one server
            and reports, per connection count, the median ratio Java/native of echoes/s with a 95%
            interval over the paired rounds (order statistics: [min, max] up to 7 rounds), and each
            client's CPU per echo (the client process's CPU time over its verified echoes). A round
            whose CPU placement changed (probed before, between and after its halves) is measured again.

              --impl ID            server under test (default native-epoll-et); see 'echo-server --list'
              --connections LIST   comma-separated connection counts (default 100,1000,10000)
              --payload-bytes N    bytes per message (default 64); --depth N messages in flight per connection (default 1)
              --rounds N           paired rounds per connection count (default 15: at 10,000 connections one
                                   round's ratio moves by +-5% on a shared VM, and the median's interval
                                   needs that many to come within +-2%; at least 5 for a verdict worth
                                   quoting: fewer are marked indicative)
              --seconds N          measured seconds per client per round (default 5)
              --warmup-seconds N   Java JIT warm-up per connection count, not counted (default 3)
              --client-cpus LIST   CPUs of both clients, taskset style (default: the lower half of this
                                   machine's CPUs); --server-cpus LIST the server's (default: the upper half)
              --driver-threads N   Java driver threads and native client threads, each Java thread pinned
                                   to one client CPU (default: one per client CPU)
              --min-ratio R        lowest acceptable lower bound of the Java/native interval (default 0.98)
              --max-cpu-ratio R    highest acceptable median of Java/native CPU per echo (default 1.0)
              --no-native          Java driver only: no comparison, no verdict

            The Java driver calls epoll, recv and send directly on JDK 22+ and uses NIO on JDK 21;
            JAVA_TOOL_OPTIONS=-Diobench.driver.io=nio forces NIO. With the defaults a check takes
            about 15 minutes.

            Exit status: 0 every connection count met both targets (or --no-native and the runs
            succeeded); 1 a target was missed or a run failed (errors, a stalled or dead server);
            2 bad usage.""";

    private static final int MAX_CONNECTIONS = 1_000_000;

    static DriverCheckOptions parse(String[] args) {
        String impl = "native-epoll-et";
        List<Integer> connections = List.of(100, 1_000, 10_000);
        int payloadBytes = 64;
        int depth = 1;
        int rounds = 15;
        int seconds = 5;
        int warmupSeconds = 3;
        String clientList = null;
        String serverList = null;
        Integer threads = null;
        boolean withNative = true;
        double minRatio = 0.98;
        double maxCpuRatio = 1.0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                return new DriverCheckOptions(impl, connections, payloadBytes, depth, rounds, seconds, warmupSeconds,
                        List.of(), List.of(), 1, withNative, minRatio, maxCpuRatio, true);
            }
            if (flag.equals("--no-native")) {
                withNative = false;
                continue;
            }
            if (!flag.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + flag + "'");
            if (!isValueFlag(flag)) throw new IllegalArgumentException("unknown option '" + flag + "'");
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            String value = args[++i];
            switch (flag) {
                case "--impl" -> impl = value;
                case "--connections" -> connections = connectionList(value);
                case "--payload-bytes" -> payloadBytes = whole(flag, value, 1, LoadShape.MAX_PAYLOAD_BYTES);
                case "--depth" -> depth = whole(flag, value, 1, 1024);
                case "--rounds" -> rounds = whole(flag, value, 1, 1_000);
                case "--seconds" -> seconds = whole(flag, value, 1, 3_600);
                case "--warmup-seconds" -> warmupSeconds = whole(flag, value, 0, 3_600);
                case "--client-cpus" -> clientList = value;
                case "--server-cpus" -> serverList = value;
                case "--driver-threads" -> threads = whole(flag, value, 1, 256);
                case "--min-ratio" -> minRatio = positiveNumber(flag, value);
                case "--max-cpu-ratio" -> maxCpuRatio = positiveNumber(flag, value);
                default -> throw new IllegalStateException("unhandled " + flag);
            }
        }
        if (Implementation.byId(impl).isEmpty()) {
            throw new IllegalArgumentException("unknown --impl '" + impl + "'; known: " + Implementation.ids());
        }
        CpuPinning cpus = cpus(clientList, serverList);
        int driverThreads = threads != null ? threads : cpus.driverCpus().size();
        int fewest = connections.stream().mapToInt(Integer::intValue).min().orElseThrow();
        if (driverThreads > fewest) {
            throw new IllegalArgumentException("--driver-threads " + driverThreads + " is more than the fewest connections ("
                    + fewest + "): every thread needs at least one");
        }
        return new DriverCheckOptions(impl, connections, payloadBytes, depth, rounds, seconds, warmupSeconds,
                cpus.driverCpus(), cpus.serverCpus(), driverThreads, withNative, minRatio, maxCpuRatio, false);
    }

    private static boolean isValueFlag(String flag) {
        return switch (flag) {
            case "--impl", "--connections", "--payload-bytes", "--depth", "--rounds", "--seconds", "--warmup-seconds",
                 "--client-cpus", "--server-cpus", "--driver-threads", "--min-ratio", "--max-cpu-ratio" -> true;
            default -> false;
        };
    }

    private static int whole(String flag, String value, int min, int max) {
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number from " + min + " to " + max + ", got '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(flag + " takes a whole number from " + min + " to " + max + ", got " + n);
        }
        return (int) n;
    }

    private static double positiveNumber(String flag, String value) {
        double r;
        try {
            r = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number such as 0.98, got '" + value + "'");
        }
        if (!(r > 0) || r > 100) throw new IllegalArgumentException(flag + " must be > 0 and <= 100, got " + value);
        return r;
    }

    private static List<Integer> connectionList(String value) {
        List<Integer> counts = new ArrayList<>();
        for (String part : value.split(",", -1)) counts.add(whole("--connections", part, 1, MAX_CONNECTIONS));
        if (new HashSet<>(counts).size() != counts.size()) {
            throw new IllegalArgumentException("--connections lists a count twice: '" + value + "'");
        }
        return List.copyOf(counts);
    }

    /**
     * The client and server CPUs: the machine's split (lower half clients, upper half server) unless
     * given. Parsed by CpuPinning, the parser the benchmarks use.
     */
    private static CpuPinning cpus(String clientList, String serverList) {
        CpuPinning machine = CpuPinning.ofThisMachine();
        if (!machine.pinned()) throw new IllegalArgumentException("driver-check needs at least 2 CPUs (one client, one server)");
        if (clientList == null && serverList == null) return machine;
        Set<Integer> allowed = new TreeSet<>(machine.driverCpus());
        allowed.addAll(machine.serverCpus());
        CpuPinning chosen;
        try {
            chosen = new CpuPinning(CpuPinning.parseCpuList(clientList != null ? clientList : machine.driverList()),
                    CpuPinning.parseCpuList(serverList != null ? serverList : machine.serverList()), true);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--client-cpus and --server-cpus take CPU lists such as 0-3,6, got '"
                    + clientList + "' and '" + serverList + "'");
        }
        if (!chosen.pinned()) throw new IllegalArgumentException("--client-cpus and --server-cpus must not be empty");
        for (List<Integer> side : List.of(chosen.driverCpus(), chosen.serverCpus())) {
            for (int cpu : side) {
                if (!allowed.contains(cpu)) {
                    throw new IllegalArgumentException("CPU " + cpu + " is not available to this process (allowed: " + allowed + ")");
                }
            }
        }
        if (!Collections.disjoint(chosen.driverCpus(), chosen.serverCpus())) {
            throw new IllegalArgumentException("--client-cpus and --server-cpus overlap: the clients would take the server's CPU");
        }
        return chosen;
    }

    /** Taskset-style list, e.g. 0-3,6. */
    static String cpuList(List<Integer> cpus) {
        return new CpuPinning(cpus, cpus, true).driverList();
    }
}
