package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Entries the terminal cannot decide on yet wait instead of failing: LOOKUP_PENDING (3) is asked again after a
 * backoff, never resent and never taken as NOT_FOUND; MARKET_CLOSED (10018) waits for the symbol's next tick
 * within the signal's window. All on event time.
 */
class WaitingEntriesTest
{
    private static EngineHarness connected()
    {
        return new EngineHarness().startConnected(10_000);
    }

    private static long resyncs(final EngineHarness h, final long clientOrderId)
    {
        return h.commands("resync").stream().filter(c -> c.clientOrderId == clientOrderId).count();
    }

    @Test
    void aPendingLookupIsAskedAgainWithADoublingBackoffAndNeverResent()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.TIMEOUT, 0, 0, 0);
        assertEquals(1, resyncs(h, id));

        final long[] expectedWaits = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (final long wait : expectedWaits)
        {
            h.orderResult(id, ReturnCodes.LOOKUP_PENDING, 0, 0, 0);
            final LifecycleEvent waiting = h.last(ORDER_WAITING);
            assertEquals("LOOKUP_PENDING", waiting.reason());
            assertEquals(ReturnCodes.LOOKUP_PENDING, waiting.retcode());
            assertEquals(wait, waiting.ageMillis());
            assertEquals("s1", waiting.signalId());
            final long asked = resyncs(h, id);
            h.advanceInSteps(wait - 100);
            assertEquals(asked, resyncs(h, id), "not asked again before the backoff");
            h.advanceInSteps(100);
            assertEquals(asked + 1, resyncs(h, id), "asked again after " + wait + " ms");
        }
        assertEquals(1, h.commands("place").size(), "never resent");
        assertTrue(h.events(TRADE_FAILED).isEmpty(), "never concluded");
        assertEquals(1, h.status().pendingOrders);

        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("DUPLICATE", h.last(SIGNAL_REJECTED).reason(), "the signal's entry stays blocked meanwhile");

        h.orderResult(id, ReturnCodes.DONE, 42, 1.1, 0.1);
        assertEquals("RESOLVED_BY_LOOKUP", h.last(TRADE_EXECUTED).detail());
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void lookupPendingAsTheAnswerToTheOrderItselfIsNotAFailureEither()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.LOOKUP_PENDING, 0, 0, 0);
        h.advanceInSteps(1_000);
        assertEquals(1, resyncs(h, id));
        h.orderResult(id, ReturnCodes.NOT_FOUND, 0, 0, 0);
        h.advance(100);
        assertEquals(2, h.commands("place").size(), "only NOT_FOUND proves it never executed");
    }

    @Test
    void anEntryRefusedForAClosedMarketIsSentAgainWhenItsSymbolTrades()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.MARKET_CLOSED, 0, 0, 0);
        assertEquals("MARKET_CLOSED", h.last(ORDER_WAITING).reason());
        assertEquals(10_000, h.last(ORDER_WAITING).ageMillis(), "at most until the signal's window ends");
        assertTrue(h.events(TRADE_FAILED).isEmpty());

        h.advanceInSteps(2_000);
        h.engine.inbound().terminalReports().tick(h.now, h.symbol("GBPUSD"), 1.25, 1.2502);
        h.advance(100);
        assertEquals(1, h.commands("place").size(), "another symbol's quotes say nothing of this market");

        h.engine.inbound().terminalReports().tick(h.now, h.symbol("EURUSD"), 1.1, 1.1002);
        assertEquals(1, h.commands("place").size());
        h.advance(100);
        assertEquals(2, h.commands("place").size(), "sent again once EURUSD trades");
        assertEquals(id, h.lastCommand().clientOrderId);
        h.orderResult(id, ReturnCodes.DONE, 7, 1.1002, 0.1);
        assertEquals(7, h.last(TRADE_EXECUTED).ticket());
    }

    @Test
    void aClosedMarketThatOutlastsTheSignalsWindowFailsTheEntry()
    {
        final EngineHarness h = connected();
        h.engine.inbound().signals().signal(h.now, "short", h.symbol("EURUSD"), Side.BUY, 0.1, 0, 0, 3_000, h.now);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.MARKET_CLOSED, 0, 0, 0);
        h.advanceInSteps(2_900);
        assertTrue(h.events(TRADE_FAILED).isEmpty());
        h.advanceInSteps(100);
        final LifecycleEvent failed = h.last(TRADE_FAILED);
        assertEquals(ReturnCodes.MARKET_CLOSED, failed.retcode());
        assertEquals("EXPIRED", failed.reason());
        h.engine.inbound().terminalReports().tick(h.now, h.symbol("EURUSD"), 1.1, 1.1002);
        h.advance(100);
        assertEquals(1, h.commands("place").size(), "a stale signal never fires");
    }

    @Test
    void aResendSpacedPastTheSignalsWindowFailsTheEntryWhenTheWindowEnds()
    {
        final EngineConfig config = new EngineConfig();
        config.retryInitialBackoffMillis = 5_000;
        final EngineHarness h = new EngineHarness(config).startConnected(10_000);
        h.engine.inbound().signals().signal(h.now, "short", h.symbol("EURUSD"), Side.BUY, 0.1, 0, 0, 3_000, h.now);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.MARKET_CLOSED, 0, 0, 0);
        h.advanceInSteps(1_000);
        h.engine.inbound().terminalReports().tick(h.now, h.symbol("EURUSD"), 1.1, 1.1002); // resend due at 6 s

        h.advanceInSteps(1_900);
        assertTrue(h.events(TRADE_FAILED).isEmpty());
        h.advanceInSteps(100);
        assertEquals("EXPIRED", h.last(TRADE_FAILED).reason(), "at the window's end, not at the resend");
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void anEntryWaitingForItsMarketIsDroppedWhenTheGuardDeniesEntries()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.MARKET_CLOSED, 0, 0, 0);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        assertEquals("GUARD_STATE", h.last(TRADE_FAILED).reason(), "nothing of it is at the terminal: the flatten need not wait");
        h.positions();
        assertEquals(1, h.events(FLATTEN_COMPLETED).size());
    }
}
