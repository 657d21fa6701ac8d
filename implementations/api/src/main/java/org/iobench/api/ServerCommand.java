package org.iobench.api;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line that starts one implementation as its own process: {@code java -cp
 * '<family>/target/lib/*' org.iobench.api.ServerMain ...} for Java families, the native binary
 * otherwise. Optionally prefixed with {@code taskset -c <cpus>} to pin the server.
 */
public final class ServerCommand {

    /**
     * Flags every server JVM gets; recorded with each run. Extra ones: -Diobench.server.jvmArgs="...".
     *
     * <p>The heap is fixed and pre-touched (-Xms = -Xmx, -XX:+AlwaysPreTouch) so that the server's
     * RSS is flat before the first connection: memory per connection, (RSS with N connections - RSS
     * of the idle server) / N, is then what the connections add at every count, not the heap growing
     * under load (results/2026-11-27-vm: 400-570 KiB "per connection" for the Netty servers at 100
     * connections was mostly that). It also frees the figures from the machine's RAM, which sized the
     * default initial heap (1/64 of it). What a connection keeps on the heap (a thread-per-connection
     * server's byte[] chunk) is then inside that fixed RSS: the benchmarks read it as the live heap
     * after a full GC instead (docs/results.md, "Memory per connection").
     *
     * <p>512 MiB: 10,000 connections at the benchmarks' buffer (ServerConfig.DEFAULT_BUFFER_BYTES,
     * 16 KiB, on the heap for the thread-per-connection servers) need 10,000 x 16 KiB / 0.75 =
     * 208 MiB within {@link ConnectionBudget}'s share, and live data at a third of the heap keeps the
     * collector from thrashing. Pre-touching it costs each start about 0.3-0.6 s of the server's CPU
     * (measured on a busy 2-core VM). Direct memory keeps the 1 GiB it had as the old -Xmx's default,
     * so direct-buffer budgets (nio-selector, nio2-async, Netty's pool) are unchanged.
     */
    public static final List<String> BASE_JVM_ARGS = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
            "-XX:MaxDirectMemorySize=1g", "-XX:+ExitOnOutOfMemoryError");

    private ServerCommand() {
    }

    /**
     * The command a program starts a server with: always with {@code --exit-with-stdin}, so that the
     * server exits when its starter dies, however it dies ({@link ServerProcess} holds the pipe).
     */
    public static List<String> of(Implementation impl, ServerConfig config, String cpuList) {
        return of(impl, config, cpuList, true);
    }

    /** The same, with the lifeline as asked (off for a server started by hand, unless given). */
    public static List<String> of(Implementation impl, ServerConfig config, String cpuList, boolean exitWithStdin) {
        List<String> command = new ArrayList<>();
        if (cpuList != null && !cpuList.isBlank()) {
            command.addAll(List.of("taskset", "-c", cpuList));
        }
        if (impl.family.isJava()) {
            command.add(javaExecutable());
            command.addAll(jvmArgs());
            command.add("-cp");
            command.add(IobenchHome.familyLib(impl.family) + File.separator + "*");
            command.add(ServerMain.class.getName());
        } else {
            command.add(IobenchHome.nativeServer().toString());
        }
        command.addAll(List.of("--impl", impl.id,
                "--bind", config.bindAddress().getHostAddress(),
                "--port", Integer.toString(config.port()),
                "--threads", Integer.toString(config.threads()),
                "--buffer-bytes", Integer.toString(config.bufferBytes())));
        if (config.hasWork()) {
            // Only with work, so that a plain echo's command line is what it always was.
            command.addAll(List.of("--work", config.work().text(),
                    "--message-bytes", Integer.toString(config.messageBytes()),
                    "--offload-threads", Integer.toString(config.offloadThreads()),
                    "--offload-queue", Integer.toString(config.offloadQueue())));
        }
        if (exitWithStdin) command.add(ServerArgs.EXIT_WITH_STDIN);
        return command;
    }

    /** The server JVM's flags: the base ones, what newer JDKs need for Netty's native code, and extras. */
    public static List<String> jvmArgs() {
        List<String> args = new ArrayList<>(BASE_JVM_ARGS);
        int feature = Runtime.version().feature();
        // Netty's native transports load JNI code and use sun.misc.Unsafe; newer JDKs warn about both.
        if (feature >= 22) args.add("--enable-native-access=ALL-UNNAMED");
        if (feature >= 23) args.add("--sun-misc-unsafe-memory-access=allow");
        String extra = Settings.SERVER_JVM_ARGS.value();
        if (!extra.isBlank()) args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        return args;
    }

    /** The same JDK that runs the caller, unless -Diobench.server.java names another. */
    public static String javaExecutable() {
        String configured = Settings.SERVER_JAVA.value();
        if (configured != null && !configured.isBlank()) return configured;
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Why this implementation's files are missing, or null when they are built. */
    public static String notBuiltReason(Implementation impl) {
        if (impl.family.isJava()) {
            Path lib = IobenchHome.familyLib(impl.family);
            return Files.isDirectory(lib) ? null
                    : "not built (" + lib + " is missing): run ./mvnw -DskipTests package";
        }
        Path note = IobenchHome.nativeUnavailableNote();
        if (Files.exists(note)) {
            try {
                return Files.readString(note).strip();
            } catch (java.io.IOException e) {
                return "native build failed (see " + note + ")";
            }
        }
        return Files.isExecutable(IobenchHome.nativeServer()) ? null
                : "not built (" + IobenchHome.nativeServer() + " is missing): run ./mvnw -DskipTests package";
    }
}
