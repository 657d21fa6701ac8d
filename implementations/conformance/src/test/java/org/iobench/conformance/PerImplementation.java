package org.iobench.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import org.iobench.api.ServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle every conformance class shares: the class runs once per implementation (one JUnit
 * container per id, so results read per implementation), with one server process started before its
 * tests and stopped after them. Tests that could disturb each other live in separate classes, so each
 * gets its own server. An unavailable implementation's tests are skipped with its reason.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.iobench.conformance.Target#all")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PerImplementation {
    @Parameter
    Target target;
    ServerUnderTest server;
    /** Why the server refused this class's configuration (work it does not do), or null. */
    private String refused;
    private long startedNanos;

    /** A prefix for the server's command line (e.g. {@code prlimit}); none by default. */
    List<String> commandPrefix() {
        return List.of();
    }

    /** The server's configuration: the defaults every benchmark uses, unless a class says otherwise. */
    ServerConfig config() {
        return ServerConfig.defaults();
    }

    @BeforeParameterizedClassInvocation
    void startServer() throws IOException {
        startedNanos = System.nanoTime();
        if (!target.available()) return;
        try {
            server = ServerUnderTest.start(target, config(), commandPrefix());
        } catch (IOException e) {
            refused = WorkRefusal.in(e);
            if (refused == null) throw e;
        }
    }

    /**
     * A crash in one test is that test's failure (its message carries the server's last output); the
     * next test gets a fresh server rather than a cascade of "connection refused".
     */
    @BeforeEach
    void skipUnavailableOrRestartCrashed() throws IOException {
        assumeTrue(target.available(), () -> target.impl().id + " is unavailable here: " + target.unavailableReason());
        assumeTrue(refused == null, () -> refused);
        if (!server.isAlive()) {
            System.err.println("iobench-conformance: " + target.impl().id + " had died; starting a fresh server");
            server = ServerUnderTest.start(target, config(), commandPrefix());
        }
    }

    @AfterParameterizedClassInvocation
    void stopServer() {
        if (server != null) server.close();
        System.out.printf("iobench-conformance: %-17s %-22s %6.1f s%n", target.impl().id, getClass().getSimpleName(),
                (System.nanoTime() - startedNanos) / 1e9);
    }
}
