package dev.ringfence.engine.logic;

import dev.ringfence.engine.AdminOutcome;
import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.SIGNAL_REJECTED;
import static dev.ringfence.engine.event.LifecycleEventType.TRADING_HALTED;
import static dev.ringfence.engine.event.LifecycleEventType.TRADING_RESUMED;
import static org.junit.jupiter.api.Assertions.*;

/** Each operator command's own outcome on the status board, and halts as lifecycle events. */
class OperatorCommandOutcomeTest
{
    private final StatusBoard board = new StatusBoard();

    private EngineHarness connected()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.statusBoard(board);
        return h.startConnected(10_000);
    }

    @Test
    void eachCommandIdGetsItsOwnOutcome()
    {
        final EngineHarness h = connected();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.HALT, "op", 41);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "op", 42);

        final AdminOutcome halt = board.adminOutcome(41);
        assertTrue(halt.applied());
        assertTrue(halt.halted);
        final AdminOutcome rearm = board.adminOutcome(42);
        assertFalse(rearm.applied());
        assertEquals("NOT_LOCKED", rearm.refusal);
        assertEquals(GuardState.ACTIVE, rearm.guardState);
        assertNull(board.adminOutcome(43), "nothing for a command the engine has not seen");
        assertNull(board.adminOutcome(41 + StatusBoard.ADMIN_OUTCOME_SLOTS), "a slot answers only its own id");
    }

    @Test
    void haltAndResumeAreVisibleAndJournaledOnceEach()
    {
        final EngineHarness h = connected();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.HALT, "alice", 1);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.HALT, "alice", 2);
        assertEquals(1, h.events(TRADING_HALTED).size(), "a halt while halted changes nothing");
        assertEquals("alice", h.last(TRADING_HALTED).actor());
        assertTrue(board.halted);
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("HALTED", h.last(SIGNAL_REJECTED).reason());

        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.RESUME, "bob", 3);
        assertEquals("bob", h.last(TRADING_RESUMED).actor());
        assertFalse(board.halted);
        assertFalse(board.adminOutcome(3).halted);
    }
}
