package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StdinLifelineTest {

    @Test
    @Timeout(30)
    void onlyTheEndOfInputStopsTheServerNotWhatIsWritten() throws Exception {
        PipedOutputStream starter = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(starter);
        CountDownLatch stopped = new CountDownLatch(1);
        StdinLifeline.start(stdin, stopped::countDown);
        starter.write("anything\n".getBytes());
        starter.flush();
        assertFalse(stopped.await(200, TimeUnit.MILLISECONDS), "stopped while its starter was still there");
        starter.close();
        assertTrue(stopped.await(10, TimeUnit.SECONDS), "did not stop at end-of-file");
    }
}
