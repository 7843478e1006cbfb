package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A balance operation moves the peak once per broker deal, however often the terminal reports it. */
class BalanceOperationsTest
{
    @Test
    void aDealReportedTwiceMovesThePeakOnce()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().terminalReports().balanceOperation(h.now, 1_000, 88_001);
        assertEquals(11_000, h.status().peak);
        h.engine.inbound().terminalReports().balanceOperation(h.now, 1_000, 88_001);
        assertEquals(11_000, h.status().peak, "the same deal ticket again");
        assertEquals(1, h.status().duplicateBalanceOperations);
        h.engine.inbound().terminalReports().balanceOperation(h.now, -500, 88_002);
        assertEquals(10_500, h.status().peak);
    }

    @Test
    void operationsWithoutADealTicketAreEachApplied()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().terminalReports().balanceOperation(h.now, 1_000, 0);
        h.engine.inbound().terminalReports().balanceOperation(h.now, 1_000, 0);
        assertEquals(12_000, h.status().peak);
    }
}
