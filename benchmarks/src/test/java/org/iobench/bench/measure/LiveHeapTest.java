package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Attaches to a real JVM that keeps a known amount alive among garbage, as the benchmark attaches to a server. */
class LiveHeapTest {
    static final int KEPT_MIB = 24;

    /** The JVM attached to: keeps {@value #KEPT_MIB} MiB reachable and as much again unreachable, then waits. */
    public static final class Holder {
        static byte[][] kept;

        public static void main(String[] args) throws Exception {
            kept = new byte[KEPT_MIB][];
            for (int i = 0; i < KEPT_MIB; i++) {
                kept[i] = new byte[1 << 20];
                byte[] garbage = new byte[1 << 20];
                garbage[0] = 1;
            }
            System.out.println("ready");
            System.out.flush();
            System.in.read(); // until the test closes our stdin
        }
    }

    @Test
    @Timeout(60)
    void aFullGcLeavesWhatTheJvmKeepsAlive() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(List.of(java, "-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Holder.class.getName())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()));
            assertEquals("ready", out.readLine());
            OptionalLong first = LiveHeap.afterFullGc(jvm.pid());      // starts the attach listener
            OptionalLong second = LiveHeap.afterFullGc(jvm.pid());     // reuses its socket
            long mib = 1 << 20;
            assertTrue(first.isPresent() && second.isPresent());
            assertTrue(second.getAsLong() >= KEPT_MIB * mib, "live " + second.getAsLong());
            // the garbage is gone: what is left is what was kept and the JVM's own few MiB
            assertTrue(second.getAsLong() < (KEPT_MIB + 8) * mib, "live " + second.getAsLong());
            assertTrue(jvm.isAlive(), "the attach must not have hurt the JVM");
        } finally {
            jvm.getOutputStream().close();
            jvm.waitFor();
        }
    }

    @Test
    @Timeout(30)
    void aProcessThatIsNotAJvmIsNeitherSignalledNorMeasured() throws Exception {
        // a launcher in front of the server (ssh) would die of the attach's SIGQUIT
        Process sleeper = new ProcessBuilder("sleep", "20").start();
        try {
            assertTrue(LiveHeap.afterFullGc(sleeper.pid()).isEmpty());
            Thread.sleep(200);
            assertTrue(sleeper.isAlive(), "signalled");
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
    }
}
