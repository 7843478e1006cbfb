package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.ReturnCodes;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One test per fault of BRIDGE.md, through real loopback sockets: nothing is executed twice, nothing is
 * lost, the engine keeps running, and the guard keeps guarding.
 */
class BridgeFaultTest
{
    @Test
    void aSignalExecutesOverTheWireEvenWithFramesSplitIntoTinyWrites() throws Exception
    {
        try (BridgeRig rig = new BridgeRig())
        {
            rig.terminal.splitFrames(true);
            rig.start();
            rig.await(RECONCILED, 1);
            rig.signal("wire-1", 0.1);
            final LifecycleEvent executed = rig.await(TRADE_EXECUTED, 1);
            assertEquals("wire-1", executed.signalId());
            rig.awaitTrue(() -> rig.terminal.openPositions() == 1, "the terminal holds the position");
            assertEquals(1, rig.terminal.deals());
            assertEquals(0, rig.gateway.counters().protocolErrors());
            rig.awaitTrue(() -> rig.gateway.counters().lastRoundTripNanos() > 0, "a heartbeat round trip");
        }
    }

    @Test
    void aLostReplyIsResolvedByLookupAndExecutesOnce() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.terminal.loseNextReply();
            rig.signal("lost-1", 0.1);
            assertEquals("RESOLVED_BY_LOOKUP", rig.await(TRADE_EXECUTED, 1).detail());
            assertEquals(1, rig.terminal.deals());
        }
    }

    @Test
    void aConnectionLostBetweenOrderAndReplyNeverExecutesTwice() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.terminal.dropAfterNextOrder();
            rig.signal("drop-1", 0.1);
            rig.await(TERMINAL_DISCONNECTED, 1);
            rig.await(RECONCILED, 2);
            assertEquals("RESOLVED_BY_LOOKUP", rig.await(TRADE_EXECUTED, 1).detail(), "the lookup completed");
            awaitEverythingBefore(rig, "barrier-1");
            assertEquals(2, rig.terminal.ordersReceived(), "drop-1 was sent once, never resent blindly; then the barrier");
            assertEquals(2, rig.terminal.deals());
            assertEquals(1, rig.count(e -> e.type() == TRADE_EXECUTED && "drop-1".equals(e.signalId())));
        }
    }

    @Test
    void aConnectionDroppedMidFrameReconnectsAndTradingGoesOn() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.terminal.dropMidFrame();
            rig.await(TERMINAL_DISCONNECTED, 1);
            rig.await(RECONCILED, 2);
            rig.signal("after-drop", 0.1);
            rig.await(TRADE_EXECUTED, 1);
            assertEquals(2, rig.terminal.sessions());
        }
    }

    @Test
    void aMalformedFrameClosesOnlyThatConnection() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.terminal.sendGarbage();
            rig.await(TERMINAL_DISCONNECTED, 1);
            rig.await(RECONCILED, 2);
            assertTrue(rig.gateway.counters().protocolErrors() >= 1);
            assertEquals(0, rig.count(ERROR), "the engine saw no malformed event");
            rig.signal("after-garbage", 0.1);
            rig.await(TRADE_EXECUTED, 1);
        }
    }

    @Test
    void aWrongSecretIsRefusedAndNeverConnects() throws Exception
    {
        try (BridgeRig rig = new BridgeRig("not-the-secret").start())
        {
            rig.awaitTrue(() -> rig.gateway.counters().refusedHandshakes() >= 2, "the terminal was refused (and retried)");
            assertEquals(0, rig.count(TERMINAL_CONNECTED));
            assertTrue(rig.gateway.counters().lastRefusal().contains("SECRET"), rig.gateway.counters().lastRefusal());
        }
    }

    @Test
    void retryableCodesAreRetriedOverTheWireAndExecuteOnce() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.terminal.rejectNext(ReturnCodes.REQUOTE, 2);
            rig.signal("requote-1", 0.1);
            rig.await(TRADE_EXECUTED, 1);
            assertEquals(1, rig.terminal.deals());
        }
    }

    @Test
    void slowRepliesTimeOutIntoLookupsButNeverIntoASecondOrder() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.terminal.slowReplies(1_500);
            rig.signal("slow-1", 0.1);
            rig.await(TRADE_EXECUTED, 1);
            // The order timed out (1 s) before its answer came (1.5 s): the lookup it caused is answered too.
            rig.awaitTrue(() -> rig.terminal.lookupsAnswered() >= 1 && rig.terminal.repliesPending() == 0,
                "the lookup answered and no answer held back");
            rig.terminal.slowReplies(0);
            awaitEverythingBefore(rig, "barrier-1");
            assertEquals(2, rig.terminal.ordersReceived(), "slow-1 was sent once; then the barrier");
            assertEquals(2, rig.terminal.deals());
            assertEquals(1, rig.count(e -> e.type() == TRADE_EXECUTED && "slow-1".equals(e.signalId())));
        }
    }

    /**
     * A barrier: one more signal, executed. Commands reach the terminal in the order the engine sends them, and its
     * answers reach the engine in the order they were sent, so anything the engine did before (a repeated order, a
     * second execution) has been seen by the time the barrier's execution is.
     */
    private static void awaitEverythingBefore(final BridgeRig rig, final String barrier)
    {
        final long executed = rig.count(TRADE_EXECUTED);
        rig.signal(barrier, 0.1);
        rig.await(e -> e.type() == TRADE_EXECUTED && barrier.equals(e.signalId()), 1, barrier);
        assertEquals(executed + 1, rig.count(TRADE_EXECUTED), "only the barrier executed meanwhile");
    }

    @Test
    void aFrozenAccountFeedDegradesTheDataAndItRecovers() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.signal("exposed-1", 0.1);
            rig.await(TRADE_EXECUTED, 1);
            rig.terminal.freezeAccount(3_000);
            rig.await(DATA_DEGRADED, 1);
            rig.await(DATA_RECOVERED, 1);
        }
    }

    @Test
    void aBreachDuringADisconnectIsFlattenedAfterTheReconnect() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.signal("exposed-2", 1.0);
            rig.await(TRADE_EXECUTED, 1);
            rig.terminal.dropConnection();
            rig.terminal.setAccount(10_000, 7_000);
            final LifecycleEvent trip = rig.await(GUARD_TRIPPED, 1);
            assertTrue(trip.equity() <= 7_100, "tripped on the shocked equity: " + trip.equity());
            rig.await(FLATTEN_COMPLETED, 1);
            rig.awaitTrue(() -> rig.terminal.openPositions() == 0, "the terminal is flat");
            rig.await(e -> e.type() == GUARD_STATE_CHANGED && e.toState() == GuardState.LOCKED, 1, "LOCKED");
        }
    }

    @Test
    void aTerminalRestartedWithAnEmptyMemoryIsReconciledWithDifferences() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.signal("forgotten-1", 0.1);
            rig.await(TRADE_EXECUTED, 1);
            rig.terminal.restartEmpty();
            final LifecycleEvent reconciled = rig.await(RECONCILED, 2);
            assertEquals(1, reconciled.count(), "the position the engine knew is gone");
            assertEquals("UNKNOWN", rig.await(POSITION_CLOSED, 1).reason());
        }
    }
}
