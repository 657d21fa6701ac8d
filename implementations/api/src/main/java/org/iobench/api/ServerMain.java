package org.iobench.api;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The server command line of a Java family, run from that family's classpath:
 * <pre>
 * java -cp 'implementations/&lt;family&gt;/target/lib/*' org.iobench.api.ServerMain \
 *      --impl &lt;id&gt; [--bind ADDR] [--port N] [--threads N] [--buffer-bytes N]
 *      [--work KIND --message-bytes N [--offload-threads N] [--offload-queue N]] [--exit-with-stdin]
 * java -cp ... org.iobench.api.ServerMain --list
 * </pre>
 * When ready it prints exactly one line, {@code iobench: <id> listening on <addr>:<port>}, and serves
 * until SIGINT or SIGTERM (or, with {@code --exit-with-stdin}, until its standard input ends), then
 * says why in one line, closes the server and exits 0. Usage errors exit 2, runtime errors 1, each
 * with a one-line message on stderr; a server thread that dies of an unexpected error ends the
 * process (status 1) rather than leave it listening without serving. The native server speaks the
 * same command line.
 */
public final class ServerMain {
    static final int EXIT_RUNTIME = 1;
    static final int EXIT_USAGE = 2;

    private ServerMain() {
    }

    public static void main(String[] args) {
        ServerArgs parsed;
        try {
            parsed = ServerArgs.parse(args);
        } catch (ServerArgs.UsageException e) {
            System.err.println("iobench: " + e.getMessage());
            System.err.println(ServerArgs.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (parsed.help()) {
            System.out.println(ServerArgs.USAGE);
            return;
        }
        if (parsed.list()) {
            listFamily(System.out);
            return;
        }
        System.exit(serve(parsed));
    }

    /** Prints every implementation whose class is on this classpath, with its availability. */
    static void listFamily(PrintStream out) {
        for (Implementation impl : Implementation.values()) {
            if (!impl.family.isJava() || !onClasspath(impl)) continue;
            String reason = unavailableReason(impl);
            out.println(impl.id + "\t" + (reason == null ? "available" : "unavailable: " + reason));
        }
    }

    private static int serve(ServerArgs args) {
        Implementation impl = args.impl();
        if (!impl.family.isJava()) {
            return fail(EXIT_USAGE, impl.id + " is a native server: run implementations/native/target/bin/iobench-echo-server");
        }
        if (!onClasspath(impl)) {
            return fail(EXIT_USAGE, impl.id + " is not on this classpath: it belongs to the '" + impl.family.module + "' family");
        }
        String reason = unavailableReason(impl);
        if (reason != null) return fail(EXIT_RUNTIME, impl.id + " is unavailable here: " + reason);
        preloadClasses(impl);

        // Installed before the server starts its threads: a loop that dies must take the process with it.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            System.err.println("iobench: " + impl.id + ": thread " + thread.getName() + " died of " + failure + "; exiting");
            Runtime.getRuntime().halt(EXIT_RUNTIME);
        });
        EchoServer server;
        InetSocketAddress bound;
        try {
            server = instantiate(impl, args.config());
            bound = server.start();
        } catch (BindException e) {
            return fail(EXIT_RUNTIME, "cannot bind " + args.config().bindAddress().getHostAddress() + ":"
                    + args.config().port() + ": " + e.getMessage());
        } catch (ConnectionBudget.UnaffordableException e) {
            return fail(EXIT_USAGE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return fail(EXIT_RUNTIME, impl.id + " failed to start: " + e);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Consumer<String> stop = why -> {
            if (!stopping.compareAndSet(false, true)) return;
            System.err.println("iobench: " + impl.id + " stopping: " + why);
            long start = System.nanoTime();
            server.close();
            // how long closing took, in the output the launcher keeps: a slow stop then explains itself
            System.err.printf("iobench: %s closed in %d ms (%d threads live)%n", impl.id,
                    (System.nanoTime() - start) / 1_000_000, Thread.activeCount());
            stopped.countDown();
        };
        installSignalHandler("TERM", () -> stop.accept("SIGTERM"));
        installSignalHandler("INT", () -> stop.accept("SIGINT"));
        if (args.exitWithStdin()) {
            StdinLifeline.start(() -> stop.accept("standard input closed (" + ServerArgs.EXIT_WITH_STDIN + ")"));
        }
        System.out.println("iobench: " + impl.id + " listening on " + ServerArgs.format(bound));
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            server.close();
        }
        return 0;
    }

    /** Before any connection: at the descriptor limit a class file could no longer be opened. */
    private static void preloadClasses(Implementation impl) {
        try {
            ClassPreload.classDirectoriesOf(ServerMain.class, Class.forName(impl.serverClass, false, ServerMain.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);   // onClasspath has just found it
        }
    }

    /**
     * Signals are handled, rather than left to shutdown hooks, so that SIGTERM is a normal, clean stop
     * with exit status 0 after the server has released everything.
     */
    @SuppressWarnings("removal")
    private static void installSignalHandler(String signal, Runnable stop) {
        sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.run());
    }

    private static int fail(int status, String message) {
        System.err.println("iobench: " + message);
        return status;
    }

    static boolean onClasspath(Implementation impl) {
        try {
            Class.forName(impl.serverClass, false, ServerMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** null when the implementation can run here; otherwise why not (its optional static method). */
    static String unavailableReason(Implementation impl) {
        try {
            Class<?> type = Class.forName(impl.serverClass);
            return (String) type.getMethod("unavailableReason").invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return "cannot load " + impl.serverClass + ": " + e;
        }
    }

    public static EchoServer instantiate(Implementation impl, ServerConfig config) {
        try {
            return (EchoServer) Class.forName(impl.serverClass).getConstructor(ServerConfig.class).newInstance(config);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + impl.serverClass + ": " + e, e);
        }
    }
}
