package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

class TradingLoopTest
{
    private static EngineHarness connected()
    {
        return new EngineHarness().startConnected(10_000);
    }

    private static EngineHarness connected(final EngineConfig config)
    {
        return new EngineHarness(config).startConnected(10_000);
    }

    @Test
    void anApprovedSignalExecutesOnceAndItsIdNeverAgain()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("s1", h.last(SIGNAL_RECEIVED).signalId());
        final EngineHarness.Command place = h.lastCommand();
        assertEquals("place", place.kind);
        assertEquals(h.last(SIGNAL_APPROVED).clientOrderId(), place.clientOrderId);
        assertTrue(place.expiresAtMillis > h.now, "commands carry an expiry so a stale one never fires");

        h.orderResult(place.clientOrderId, ReturnCodes.DONE, 555, 1.1001, 0.1);
        final LifecycleEvent executed = h.last(TRADE_EXECUTED);
        assertEquals(555, executed.ticket());
        assertEquals(1.1001, executed.price());
        assertEquals(1, h.status().openPositions);

        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("DUPLICATE", h.last(SIGNAL_REJECTED).reason());
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void aRefusedIdIsForgottenOnlyOnceACopyOfItsSignalWouldExpire()
    {
        final EngineHarness h = connected();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.HALT, "op");
        final long signedAt = h.now;
        h.engine.inbound().signals().signal(h.now, "held", h.symbol("EURUSD"), Side.BUY, 0.1, 0, 0, 0, signedAt);
        assertEquals("HALTED", h.last(SIGNAL_REJECTED).reason());
        final int remembered = h.engine.processor().logic().decidedSignalIdCount();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.RESUME, "op");

        h.advance(10_000);
        h.engine.inbound().signals().signal(h.now, "held", h.symbol("EURUSD"), Side.BUY, 0.1, 0, 0, 0, signedAt);
        assertEquals("DUPLICATE", h.last(SIGNAL_REJECTED).reason(), "still inside the signal's 10 s window");

        h.advance(1);
        assertEquals(remembered - 1, h.engine.processor().logic().decidedSignalIdCount(), "past the window the refusal costs no memory");
        h.engine.inbound().signals().signal(h.now, "held", h.symbol("EURUSD"), Side.BUY, 0.1, 0, 0, 0, signedAt);
        assertEquals("EXPIRED", h.last(SIGNAL_REJECTED).reason(), "and a copy of the signal can no longer execute");
        assertTrue(h.commands("place").isEmpty());
    }

    @Test
    void anApprovedIdResentWhileTheLoopIsStoppedNeverExecutesAgainAfterARestart()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final EngineHarness.Command place = h.lastCommand();
        h.orderResult(place.clientOrderId, ReturnCodes.DONE, 555, 1.1001, 0.1);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.STOP, "op");

        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("LOOP_STOPPED", h.last(SIGNAL_REJECTED).reason());
        h.advanceInSteps(20_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.START, "op");
        h.signal("s1", "EURUSD", Side.BUY, 0.1);

        assertEquals("DUPLICATE", h.last(SIGNAL_REJECTED).reason());
        assertEquals(1, h.commands("place").size(), "the id executed once, before the stop");
    }

    @Test
    void anApprovedIdIsNeverForgotten()
    {
        final EngineHarness h = connected();
        h.signal("kept", "EURUSD", Side.BUY, 0.1);
        h.advanceInSteps(60_000);
        h.signal("kept", "EURUSD", Side.BUY, 0.1);
        assertEquals("DUPLICATE", h.last(SIGNAL_REJECTED).reason());
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void clientOrderIdsAreDerivedFromTheSignalIdAlone()
    {
        final EngineHarness a = connected();
        final EngineHarness b = connected();
        a.signal("abc-42", "EURUSD", Side.BUY, 0.1);
        b.signal("abc-42", "GBPUSD", Side.SELL, 0.2);
        assertEquals(a.lastCommand().clientOrderId, b.lastCommand().clientOrderId);
        assertTrue(a.lastCommand().clientOrderId > 0);
        assertEquals(0, a.lastCommand().clientOrderId & Flattener.CLOSE_ID_BIT, "entry ids never look like closes");
    }

    @Test
    void preTradeChecksRejectWithCodedReasons()
    {
        final EngineHarness h = connected();
        h.signal("u1", "FOOBAR", Side.BUY, 0.1);
        assertEquals("UNKNOWN_SYMBOL", h.last(SIGNAL_REJECTED).reason());
        for (final double volume : new double[] {0, 0.005, 0.015, 100.01, Double.NaN, -1})
        {
            h.signal("v" + volume, "EURUSD", Side.BUY, volume);
            assertEquals("INVALID_VOLUME", h.last(SIGNAL_REJECTED).reason(), "volume " + volume);
        }
        h.engine.inbound().signals().signal(h.now, "e1", h.symbol("EURUSD"), Side.BUY, 0.1, 0, 0, 100, h.now - 101);
        assertEquals("EXPIRED", h.last(SIGNAL_REJECTED).reason());
        h.engine.inbound().signals().signal(h.now, "e2", h.symbol("EURUSD"), Side.BUY, 0.1, 0, 0, 0, h.now - 10_001);
        assertEquals("EXPIRED", h.last(SIGNAL_REJECTED).reason(), "no ttl: the default maximum age applies");
        h.engine.inbound().signals().signal(h.now, "st", h.symbol("EURUSD"), Side.BUY, 0.1, Double.NaN, 0, 0, h.now);
        assertEquals("INVALID_STOPS", h.last(SIGNAL_REJECTED).reason());

        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.HALT, "op");
        h.signal("h1", "EURUSD", Side.BUY, 0.1);
        assertEquals("HALTED", h.last(SIGNAL_REJECTED).reason());
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.RESUME, "op");
        h.signal("h2", "EURUSD", Side.BUY, 0.1);
        assertEquals("h2", h.last(SIGNAL_APPROVED).signalId());
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void aRefusedIdStaysDecidedAfterTheRefusalReasonIsGone()
    {
        final EngineHarness h = connected();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        h.positions();
        h.signal("while-locked", "EURUSD", Side.BUY, 0.1);
        assertEquals("LOCKED", h.last(SIGNAL_REJECTED).detail());
        h.account(10_000, 10_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "op");
        assertEquals(GuardState.ACTIVE, h.status().guardState);

        h.signal("while-locked", "EURUSD", Side.BUY, 0.1);

        assertEquals("DUPLICATE", h.last(SIGNAL_REJECTED).reason());
        assertTrue(h.commands("place").isEmpty(), "the refused signal never executes");
    }

    @Test
    void nothingIsApprovedBeforeStartOrBeforeTheTerminalIsReconciled()
    {
        final EngineHarness h = new EngineHarness();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("LOOP_STOPPED", h.last(SIGNAL_REJECTED).reason());
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.START, "test");
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals("RECONCILING", h.last(SIGNAL_REJECTED).detail());
        h.connect();
        h.account(10_000, 10_000);
        h.signal("s3", "EURUSD", Side.BUY, 0.1);
        assertEquals("RECONCILING", h.last(SIGNAL_REJECTED).detail(), "an account report alone is not a reconciliation");
        h.positions();
        assertEquals(0, h.last(RECONCILED).count());
        h.signal("s4", "EURUSD", Side.BUY, 0.1);
        assertEquals("s4", h.last(SIGNAL_APPROVED).signalId());
    }

    @Test
    void maxOpenPositionsCountsPendingEntries()
    {
        final EngineConfig c = new EngineConfig();
        c.maxOpenPositions = 2;
        final EngineHarness h = connected(c);
        h.positions(1, 0, 0);
        h.signal("a", "EURUSD", Side.BUY, 0.1);
        h.signal("b", "EURUSD", Side.BUY, 0.1);
        assertEquals("MAX_POSITIONS", h.last(SIGNAL_REJECTED).reason());
    }

    @Test
    void orderRateIsLimitedByATokenBucketOnEventTime()
    {
        final EngineConfig c = new EngineConfig();
        c.ordersPerSecond = 2;
        c.orderBurst = 2;
        final EngineHarness h = connected(c);
        h.signal("a", "EURUSD", Side.BUY, 0.1);
        h.signal("b", "EURUSD", Side.BUY, 0.1);
        h.signal("c", "EURUSD", Side.BUY, 0.1);
        assertEquals("RATE_LIMIT", h.last(SIGNAL_REJECTED).reason());
        h.advance(500);
        h.signal("d", "EURUSD", Side.BUY, 0.1);
        assertEquals("d", h.last(SIGNAL_APPROVED).signalId());
    }

    @Test
    void retryableCodesAreRetriedWithDoublingBackoffAndTheSameId()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.REQUOTE, 0, 0, 0);
        h.advance(99);
        assertEquals(1, h.commands("place").size());
        h.advance(1);
        assertEquals(2, h.commands("place").size());
        assertEquals(id, h.lastCommand().clientOrderId);

        h.orderResult(id, ReturnCodes.PRICE_CHANGED, 0, 0, 0);
        h.advance(199);
        assertEquals(2, h.commands("place").size());
        h.advance(1);
        assertEquals(3, h.commands("place").size());

        h.orderResult(id, ReturnCodes.REQUOTE, 0, 0, 0);
        final LifecycleEvent failed = h.last(TRADE_FAILED);
        assertEquals(ReturnCodes.REQUOTE, failed.retcode());
        assertEquals("REQUOTE", failed.reason());
        assertEquals(0, h.status().pendingOrders);
    }

    @Test
    void requestsThatCannotSucceedFailAtOnce()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.NO_MONEY, 0, 0, 0);
        assertEquals("NO_MONEY", h.last(TRADE_FAILED).reason());
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.INVALID_FILL, 0, 0, 0);
        assertEquals("INVALID_FILL", h.last(TRADE_FAILED).reason());
        assertEquals(2, h.commands("place").size(), "one send per signal, no retries");
    }

    @Test
    void anAmbiguousOutcomeIsLookedUpNeverResentBlindly()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.TIMEOUT, 0, 0, 0);
        assertEquals("resync", h.lastCommand().kind);
        assertEquals(id, h.lastCommand().clientOrderId);
        h.advanceInSteps(1_000);
        assertEquals(1, h.commands("place").size(), "no resend while the outcome is unknown");

        h.orderResult(id, ReturnCodes.DONE, 77, 1.1, 0.1);
        assertEquals("RESOLVED_BY_LOOKUP", h.last(TRADE_EXECUTED).detail());
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void aLookupThatFindsNothingMakesAResendSafe()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.orderResult(id, ReturnCodes.CONNECTION, 0, 0, 0);
        h.orderResult(id, ReturnCodes.NOT_FOUND, 0, 0, 0);
        h.advance(100);
        assertEquals(2, h.commands("place").size());
        assertEquals(id, h.lastCommand().clientOrderId);
    }

    @Test
    void noAnswerWithinTheTimeoutMakesTheOrderUnknown()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.advanceInSteps(4_900);
        assertTrue(h.commands("resync").isEmpty());
        h.advanceInSteps(100);
        assertEquals(id, h.lastCommand().clientOrderId);
        assertEquals("resync", h.lastCommand().kind);
    }

    @Test
    void ordersInFlightAcrossADisconnectAreResolvedFromTheSnapshotAfterReconnect()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.engine.inbound().terminalReports().terminalStatus(h.now, false);
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals("RECONCILING", h.last(SIGNAL_REJECTED).detail());

        h.advance(1_000);
        h.connect();
        h.account(10_000, 10_000);
        h.positions(900, 0, id);
        assertEquals(1, h.last(RECONCILED).count(), "one position the engine did not know of");
        assertEquals(900, h.last(TRADE_EXECUTED).ticket());
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void theCircuitBreakerOpensAfterConsecutiveFailuresAndClosesAfterTheCoolOff()
    {
        final EngineHarness h = connected();
        for (int i = 0; i < 5; i++)
        {
            h.signal("f" + i, "EURUSD", Side.BUY, 0.1);
            h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.REJECT, 0, 0, 0);
        }
        assertEquals(5, h.last(CIRCUIT_OPENED).count());
        h.signal("x", "EURUSD", Side.BUY, 0.1);
        assertEquals("CIRCUIT_OPEN", h.last(SIGNAL_REJECTED).reason());
        h.account(10_000, 10_000);
        h.advance(30_000);
        assertEquals(1, h.events(CIRCUIT_CLOSED).size());
        h.account(10_000, 10_000);
        h.signal("y", "EURUSD", Side.BUY, 0.1);
        assertEquals("y", h.last(SIGNAL_APPROVED).signalId());
    }

    @Test
    void aGracefulStopDrainsInFlightOrdersUpToTheDeadline()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        final long id = h.lastCommand().clientOrderId;
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.STOP, "op");
        assertTrue(h.events(LOOP_STOPPED).isEmpty());
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals("LOOP_STOPPED", h.last(SIGNAL_REJECTED).reason());
        h.orderResult(id, ReturnCodes.DONE, 1, 1.1, 0.1);
        final LifecycleEvent stopped = h.last(LOOP_STOPPED);
        assertEquals(1, stopped.count());
        assertEquals(0, stopped.pendingOrders());

        final EngineHarness late = connected();
        late.signal("s1", "EURUSD", Side.BUY, 0.1);
        late.engine.inbound().operatorCommands().admin(late.now, AdminCommand.STOP, "op");
        late.advanceInSteps(5_000);
        assertEquals(1, late.last(LOOP_STOPPED).pendingOrders(), "reports what is still open at the deadline");
    }

    @Test
    void aFullCommandQueueIsCountedAndTheOrderSentLater()
    {
        final EngineHarness h = connected();
        h.commandQueueFull = true;
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("COMMAND_QUEUE_FULL", h.last(ERROR).reason());
        h.commandQueueFull = false;
        h.advance(100);
        assertEquals(1, h.commands("place").size());
    }

    @Test
    void aCommandPortThatThrowsIsCountedAndTheOrderSentLater()
    {
        final EngineHarness h = connected();
        h.commandPortBroken = true;
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("COMMAND_QUEUE_FULL", h.last(ERROR).reason(), "treated as not sent");
        assertEquals(1, h.engine.status().outputFailures);
        h.commandPortBroken = false;
        h.advance(100);
        assertEquals(1, h.commands("place").size());
        assertEquals(h.symbol("EURUSD"), h.lastCommand().symbolId, "the symbol's name, read back as the terminal reads it");
    }

    @Test
    void aRetryDueAfterTheGuardTrippedIsCancelledNotSent()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.REQUOTE, 0, 0, 0);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        h.advance(100);
        assertEquals(1, h.commands("place").size());
        assertEquals("GUARD_STATE", h.last(TRADE_FAILED).reason());
    }

    @Test
    void heartbeatsCarryTheFiguresEveryIntervalOfEventTime()
    {
        final EngineHarness h = connected();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.DONE, 1, 1.1, 0.1);
        h.account(10_000, 9_900);
        h.advanceInSteps(9_900);
        assertTrue(h.events(HEARTBEAT).isEmpty());
        h.advanceInSteps(100);
        final LifecycleEvent beat = h.last(HEARTBEAT);
        assertEquals(1, beat.heartbeat().signalsReceived);
        assertEquals(1, beat.heartbeat().tradesExecuted);
        assertEquals(1, beat.heartbeat().openPositions);
        assertEquals(9_900, beat.heartbeat().equity);
        assertEquals(10_000, beat.heartbeat().peak);
        assertEquals(1.0, beat.heartbeat().drawdownPercent, 1e-9);
        assertEquals(10_000, beat.heartbeat().uptimeMillis);
        assertTrue(beat.heartbeat().terminalConnected);
        h.advanceInSteps(10_000);
        assertEquals(2, h.events(HEARTBEAT).size());
        assertEquals(0, h.last(HEARTBEAT).heartbeat().intervalSignalsReceived);
        assertEquals(1, h.last(HEARTBEAT).heartbeat().signalsReceived);
    }

    @Test
    void anExceptionFromOneEventIsReportedAndTheLogicKeepsRunning()
    {
        final EngineHarness h = connected();
        h.engine.inbound().operatorCommands().admin(h.now, null, "broken");
        assertEquals("EVENT_FAILED", h.last(ERROR).reason());
        assertEquals("ADMIN:NullPointerException", h.last(ERROR).detail());
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("s1", h.last(SIGNAL_APPROVED).signalId());
    }
}
