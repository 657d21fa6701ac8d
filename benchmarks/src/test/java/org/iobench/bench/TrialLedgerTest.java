package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.iobench.bench.driver.DriverSnapshot;
import org.junit.jupiter.api.Test;

class TrialLedgerTest {

    private static DriverSnapshot interval(long echoes, long errors, long latencyNanos) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        h.recordValue(latencyNanos);
        return new DriverSnapshot(1_000_000_000L, echoes, echoes * 64, errors, 500_000_000L, 0, h);
    }

    @Test
    void twoDriverThreadsIntervalsCombineIntoOneIteration() {
        TrialLedger ledger = new TrialLedger();
        ledger.intervalEnded(interval(100, 0, 1_000), true);
        ledger.intervalEnded(interval(50, 0, 9_000), true);
        DriverSnapshot both = ledger.takeIteration();
        assertEquals(150, both.echoes());
        assertEquals(1_000_000_000L, both.driverCpuNanos());
        assertEquals(2, both.latencyNanos().getTotalCount());
        assertNull(ledger.takeIteration(), "taken once");
    }

    @Test
    void errorsOutsideMeasurementAreKeptApartForTheTeardown() {
        TrialLedger ledger = new TrialLedger();
        ledger.driverOpened();
        ledger.intervalEnded(interval(10, 2, 1_000), false);   // warm-up
        ledger.intervalEnded(interval(10, 3, 1_000), true);    // measurement
        ledger.driverClosed(2 + 3 + 4, "timeout=9", 5);         // 4 more between iterations or at the end
        assertEquals(3, ledger.measuredErrors());
        assertEquals(6, ledger.unmeasuredErrors());
        assertTrue(ledger.errorSummary().contains("timeout=9"));
    }

    @Test
    void aNewIterationDropsIntervalsNobodyTook() {
        TrialLedger ledger = new TrialLedger();
        ledger.intervalEnded(interval(10, 0, 1_000), false);
        ledger.clearIteration();
        assertNull(ledger.takeIteration());
    }

    @Test
    void waitingForDriversToCloseIsBounded() {
        TrialLedger ledger = new TrialLedger();
        ledger.driverOpened();
        long start = System.nanoTime();
        ledger.awaitDriversClosed(50);
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
}
