package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/** A deal that closes part of a position reduces it; each deal's profit is realized exactly once. */
class PartialCloseTest
{
    /** Connected and flat, then a snapshot with one 1-lot EURUSD position, ticket 700. */
    private static EngineHarness withOnePosition()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(700, 30, 0);
        return h;
    }

    private static double realized(final EngineHarness h)
    {
        return h.events.stream().filter(e -> e.type() == POSITION_CLOSED || e.type() == POSITION_REDUCED)
            .mapToDouble(LifecycleEvent::profit).sum();
    }

    @Test
    void aPartialCloseReducesThePositionAndTheRestClosesLater()
    {
        final EngineHarness h = withOnePosition();
        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 12.5, CloseReason.MANUAL, 0.6, 0.4);

        final LifecycleEvent reduced = h.last(POSITION_REDUCED);
        assertEquals(700, reduced.ticket());
        assertEquals(0.6, reduced.volume(), 1e-9);
        assertEquals(0.4, reduced.remainingVolume(), 1e-9);
        assertEquals(12.5, reduced.profit());
        assertEquals("MANUAL", reduced.reason());
        assertEquals(1, h.status().openPositions, "the position is still open");
        assertTrue(h.events(POSITION_CLOSED).isEmpty());

        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 12.5, CloseReason.MANUAL, 0.6, 0.4);
        assertEquals(1, h.events(POSITION_REDUCED).size(), "the same deal reported twice is counted once");

        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 8, CloseReason.TAKE_PROFIT, 0.4, 0);
        assertEquals(0, h.status().openPositions);
        assertEquals(0.4, h.last(POSITION_CLOSED).volume(), 1e-9, "what was left of it");
        assertEquals(20.5, realized(h), 1e-9, "each deal's profit once");
    }

    @Test
    void aDealReportAfterTheSnapshotThatShowedItsEffectIsStillCountedOnce()
    {
        final EngineHarness h = withOnePosition();
        h.engine.inbound().terminalReports().positionsBegin(h.now, 1);
        h.engine.inbound().terminalReports().position(h.now, 700, h.symbol("EURUSD"), Side.BUY, 0.4, 1.1, 10, 0);
        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 12.5, CloseReason.MANUAL, 0.6, 0.4);
        assertEquals(12.5, h.last(POSITION_REDUCED).profit(), "the deal's profit, though the snapshot came first");
        assertEquals(0.6, h.last(POSITION_REDUCED).volume(), 1e-9);
        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 12.5, CloseReason.MANUAL, 0.6, 0.4);
        assertEquals(1, h.events(POSITION_REDUCED).size());
        assertEquals(1, h.status().openPositions);
    }

    @Test
    void aFlattenSendsTheWholePositionAndAPartialFillLeavesTheRestToTheDealReport()
    {
        final EngineHarness h = withOnePosition();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        final EngineHarness.Command close = h.lastCommand();
        assertEquals("close", close.kind);
        assertEquals(0, close.volume, "0 = the whole position, whatever its volume is at the terminal");

        h.engine.inbound().terminalReports().orderResult(h.now, close.clientOrderId, ReturnCodes.DONE, 700, 1.1, 0.3, 9);
        assertEquals(1, h.status().openPositions, "filled 0.3 of 1 lot: the position is still open");
        assertTrue(h.events(POSITION_CLOSED).isEmpty());

        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 9, CloseReason.GUARD_FLATTEN, 0.3, 0.7);
        assertEquals(0.7, h.last(POSITION_REDUCED).remainingVolume(), 1e-9);
        h.engine.inbound().terminalReports().positionsBegin(h.now, 1);
        h.engine.inbound().terminalReports().position(h.now, 700, h.symbol("EURUSD"), Side.BUY, 0.7, 1.1, 20, 0);
        assertEquals("POSITIONS_REMAIN", h.last(ERROR).detail(), "the round failed: another one follows");
        h.advance(100);
        assertEquals(2, h.commands("close").size());

        h.engine.inbound().terminalReports().orderResult(h.now, h.lastCommand().clientOrderId, ReturnCodes.DONE, 700, 1.1, 0.7, 21);
        assertEquals(0, h.status().openPositions);
        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 21, CloseReason.GUARD_FLATTEN, 0.7, 0);
        assertEquals(30, realized(h), 1e-9, "the answer and the deal report of the last close are one deal");
    }

    @Test
    void aRemainingVolumeThatCannotBeReadChangesNothing()
    {
        final EngineHarness h = withOnePosition();
        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 5, CloseReason.MANUAL, 0.5, Double.NaN);
        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 5, CloseReason.MANUAL, 0.5, -0.5);
        h.engine.inbound().terminalReports().positionClosed(h.now, 700, 5, CloseReason.MANUAL, 0.5, Double.POSITIVE_INFINITY);
        assertEquals(1, h.status().openPositions, "still guarded until a snapshot says otherwise");
        assertTrue(h.events(POSITION_REDUCED).isEmpty());
        assertTrue(h.events(POSITION_CLOSED).isEmpty());
    }
}
