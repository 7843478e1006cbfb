package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static dev.ringfence.engine.event.LifecycleEventType.COMMAND_REFUSED;
import static dev.ringfence.engine.event.LifecycleEventType.ERROR;
import static dev.ringfence.engine.event.LifecycleEventType.GUARD_REARMED;
import static dev.ringfence.engine.event.LifecycleEventType.GUARD_TRIPPED;
import static dev.ringfence.engine.event.LifecycleEventType.JOURNAL_RECOVERED;
import static dev.ringfence.engine.event.LifecycleEventType.SIGNAL_APPROVED;
import static dev.ringfence.engine.event.LifecycleEventType.SIGNAL_REJECTED;
import static org.junit.jupiter.api.Assertions.*;

/**
 * After a journal outage the journal lacks what the engine processed meanwhile, so a restart could come
 * back less safe than the engine was: entries stay denied (JOURNAL_GAP) until an operator re-arms, the
 * same whether the engine saw the journal write again (live) or reads the gate's marker (replay).
 */
class JournalGapTest
{
    private boolean journalFailing;

    private EngineHarness live()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.journalTo(event -> event.notJournaled(journalFailing));
        return h.startConnected(10_000);
    }

    @Test
    void aSignalAfterTheJournalRecoversIsRefusedUntilAnOperatorRearms()
    {
        final EngineHarness h = live();
        journalFailing = true;
        h.signal("while-failing", "EURUSD", Side.BUY, 0.1);
        h.advance(100);
        assertEquals("JOURNAL_FAILED", decisionOn(h, "while-failing").detail());

        journalFailing = false;
        h.advance(100);
        assertEquals(1, h.events(JOURNAL_RECOVERED).size());
        final LifecycleEvent gap = h.last(ERROR);
        assertEquals("JOURNAL_GAP", gap.reason());
        assertEquals("2 inputs were not journaled; entries stay denied until an operator re-arms", gap.detail());

        h.signal("after-recovery", "EURUSD", Side.BUY, 0.1);
        final LifecycleEvent refused = decisionOn(h, "after-recovery");
        assertEquals(SIGNAL_REJECTED, refused.type());
        assertEquals("JOURNAL_GAP", refused.detail());
        h.advance(60_000);
        h.account(10_000, 10_000);
        h.signal("later", "EURUSD", Side.BUY, 0.1);
        assertEquals("JOURNAL_GAP", decisionOn(h, "later").detail(), "no time or input lifts it");

        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        final LifecycleEvent cleared = h.last(GUARD_REARMED);
        assertEquals("JOURNAL_GAP", cleared.reason());
        assertEquals("alice", cleared.actor());
        assertEquals(10_000, cleared.peak(), "clearing the gap does not move the peak");
        assertEquals(GuardState.ACTIVE, h.status().guardState);

        h.signal("after-rearm", "EURUSD", Side.BUY, 0.1);
        assertEquals(SIGNAL_APPROVED, decisionOn(h, "after-rearm").type());

        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        assertEquals("NOT_LOCKED", h.last(COMMAND_REFUSED).reason(), "nothing left to re-arm");
    }

    @Test
    void aJournalThatThrowsStillLetsTheEventGuardAndDeniesEntries()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.journalTo(event ->
        {
            if (journalFailing)
            {
                throw new IllegalStateException("the journal's disk is gone");
            }
        });
        h.startConnected(10_000);
        journalFailing = true;

        h.signal("while-throwing", "EURUSD", Side.BUY, 0.1);
        h.account(10_000, 7_000);

        assertEquals("JOURNAL_FAILED", decisionOn(h, "while-throwing").detail());
        assertEquals(1, h.events(GUARD_TRIPPED).size(), "the account report was processed: the guard tripped");
        assertTrue(h.events(ERROR).stream().noneMatch(e -> "EVENT_FAILED".equals(e.reason())), "not a failed event: a failed journal");

        journalFailing = false;
        h.advance(100);
        assertEquals(1, h.events(JOURNAL_RECOVERED).size(), "the next journaled event is seen as journaled again");
    }

    @Test
    void theGatesMarkerOnReplayDeniesEntriesTheSameWay()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.process(InboundEntry.of(in -> in.engineInputs().journalGap(h.now, 3)));
        final LifecycleEvent gap = h.last(ERROR);
        assertEquals("JOURNAL_GAP", gap.reason());
        assertEquals("3 inputs were not journaled; entries stay denied until an operator re-arms", gap.detail());
        assertTrue(h.events(JOURNAL_RECOVERED).isEmpty(), "a replay never saw the journal fail");

        h.engine.process(InboundEntry.of(in -> in.engineInputs().journalGap(h.now, 1)));
        assertEquals(1, h.events(ERROR).size(), "one ERROR while the gap stands");

        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("JOURNAL_GAP", decisionOn(h, "s1").detail());
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "bob");
        assertEquals("JOURNAL_GAP", h.last(GUARD_REARMED).reason());
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals(SIGNAL_APPROVED, decisionOn(h, "s2").type());
    }

    @Test
    void aLockedGuardWithAGapKeepsTheNormalRearmRules()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, -2100, 0);
        h.account(10_000, 7_900);
        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.DONE, 1, 1.08, 1.0);
        h.positions();
        assertEquals(GuardState.LOCKED, h.status().guardState);
        h.engine.process(InboundEntry.of(in -> in.engineInputs().journalGap(h.now, 2)));

        h.advance(6_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        assertEquals("DATA_INVALID", h.last(COMMAND_REFUSED).reason(), "the gap does not bypass the latch's rules");
        assertEquals(GuardState.LOCKED, h.status().guardState);
        assertTrue(h.events(GUARD_REARMED).isEmpty());

        h.account(7_900, 7_900);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        final LifecycleEvent rearmed = h.last(GUARD_REARMED);
        assertEquals("JOURNAL_GAP", rearmed.reason(), "one re-arm lifts the latch and the gap");
        assertEquals(7_900, rearmed.peak());
        assertEquals(GuardState.ACTIVE, h.status().guardState);
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals(SIGNAL_APPROVED, decisionOn(h, "s1").type());
    }

    private static LifecycleEvent decisionOn(final EngineHarness h, final String signalId)
    {
        final List<LifecycleEvent> decisions = h.events.stream()
            .filter(e -> (e.type() == SIGNAL_APPROVED || e.type() == SIGNAL_REJECTED) && signalId.equals(e.signalId()))
            .collect(Collectors.toList());
        assertEquals(1, decisions.size(), "one decision on " + signalId + " in " + h.types());
        return decisions.get(0);
    }
}
