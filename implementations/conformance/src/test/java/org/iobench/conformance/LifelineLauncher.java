package org.iobench.conformance;

import java.io.IOException;
import org.iobench.api.Implementation;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerProcess;

/**
 * Stands in for a JMH fork in {@link LifelineTest}: a JVM that starts one server the way the
 * benchmarks do ({@link ServerProcess}, which holds the server's stdin), prints the server's pid and
 * port, then waits to be killed.
 */
public final class LifelineLauncher {
    static final String READY_PREFIX = "launched ";

    private LifelineLauncher() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Implementation impl = Implementation.byId(args[0]).orElseThrow();
        ServerProcess server = ServerProcess.start(impl, ServerConfig.defaults(), null);
        System.out.println(READY_PREFIX + server.pid() + " " + server.address().getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);   // until the test kills this JVM; the server must follow
        server.stop();
    }
}
