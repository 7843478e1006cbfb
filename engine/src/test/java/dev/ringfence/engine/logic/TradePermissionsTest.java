package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/** The terminal's trade permissions: any missing one denies entries; closes are still attempted. */
class TradePermissionsTest
{
    private static void account(final EngineHarness h, final double equity, final int permissions)
    {
        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, equity, equity, 0, equity, true, h.now, 0, permissions);
    }

    @Test
    void theMissingPermissionsHaveConstantNames()
    {
        assertNull(TradePermissions.missing(TradePermissions.ALL));
        assertEquals("EXPERT", TradePermissions.missing(7));
        assertEquals("TERMINAL+EXPERT", TradePermissions.missing(TradePermissions.PROGRAM | TradePermissions.ACCOUNT));
        assertEquals("TERMINAL+PROGRAM+ACCOUNT+EXPERT", TradePermissions.missing(0));
        assertSame(TradePermissions.missing(3), TradePermissions.missing(3), "precomputed, not built per call");
    }

    @Test
    void aMissingPermissionDeniesEntriesUntilItIsBack()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        final StatusBoard board = new StatusBoard();
        h.engine.statusBoard(board);

        account(h, 10_000, TradePermissions.ALL & ~TradePermissions.EXPERT);
        assertEquals("EXPERT", h.last(TERMINAL_TRADING_NOT_PERMITTED).reason());
        assertEquals(7, h.last(TERMINAL_TRADING_NOT_PERMITTED).count());
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("GUARD_STATE", h.last(SIGNAL_REJECTED).reason());
        assertEquals("TRADING_NOT_PERMITTED", h.last(SIGNAL_REJECTED).detail());
        assertTrue(h.commands("place").isEmpty());
        h.advance(100);
        assertEquals("TRADING_NOT_PERMITTED", board.entryDenial);
        assertEquals(7, board.tradePermissions);
        assertEquals(GuardState.ACTIVE, board.guardState, "a permission is not a guard state: the guard keeps guarding");

        account(h, 10_000, TradePermissions.ALL & ~TradePermissions.EXPERT);
        assertEquals(1, h.events(TERMINAL_TRADING_NOT_PERMITTED).size(), "one event per change, not per report");
        account(h, 10_000, 0);
        assertEquals("TERMINAL+PROGRAM+ACCOUNT+EXPERT", h.last(TERMINAL_TRADING_NOT_PERMITTED).reason(), "what is missing changed");

        account(h, 10_000, TradePermissions.ALL);
        assertEquals(15, h.last(TERMINAL_TRADING_PERMITTED).count());
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals("s2", h.last(SIGNAL_APPROVED).signalId());
        h.advance(100);
        assertNull(board.entryDenial);
        assertEquals(TradePermissions.ALL, board.tradePermissions);
    }

    @Test
    void closesAreStillAttemptedWhileTradingIsNotPermitted()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(501, -50, 0);
        account(h, 10_000, TradePermissions.ALL & ~TradePermissions.TERMINAL);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        assertEquals(1, h.commands("close").size(), "fail closed: only the terminal can tell whether a close goes through");
        assertEquals(501, h.lastCommand().ticket);
    }

    @Test
    void anotherAccountsPermissionsAreIgnoredLikeItsFigures()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().terminalReports().account(h.now, 999, 10_000, 10_000, 0, 10_000, true, h.now, 0, 0);
        assertTrue(h.events(TERMINAL_TRADING_NOT_PERMITTED).isEmpty());
        assertEquals("ACCOUNT_MISMATCH", h.last(ERROR).reason());
    }
}
