package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** What other threads are told about entries is what the trading loop would answer a signal. */
class StatusBoardEntriesTest
{
    private final StatusBoard board = new StatusBoard();

    private EngineHarness connectedWithBoard()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.statusBoard(board);
        return h.startConnected(10_000);
    }

    @Test
    void entriesAreTakenWhenNothingDeniesThem()
    {
        final EngineHarness h = connectedWithBoard();
        h.advance(100);
        assertNull(board.entryDenial);
    }

    @Test
    void aDenialThatIsNotAGuardStateIsShownWithItsReason()
    {
        final EngineHarness h = connectedWithBoard();
        h.engine.inbound().terminalReports().terminalStatus(h.now, false);
        h.engine.inbound().terminalReports().terminalStatus(h.now, true);
        h.advance(100);
        assertEquals("RECONCILING", board.entryDenial, "the guard is ACTIVE, yet entries are denied until reconciled");
    }

    @Test
    void anOperatorHaltIsTheReasonWhileItHolds()
    {
        final EngineHarness h = connectedWithBoard();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.HALT, "op");
        assertEquals("HALTED", board.entryDenial);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.RESUME, "op");
        assertNull(board.entryDenial);
    }
}
