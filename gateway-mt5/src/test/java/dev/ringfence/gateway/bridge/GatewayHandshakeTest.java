package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.gateway.CommandRing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The handshake under attack, through real loopback sockets (issue 9, defects 1 and 3): refused and silent
 * connections never kill the gateway thread nor keep the real terminal out.
 */
class GatewayHandshakeTest
{
    @Test
    void twoWrongHellosInOneWriteDoNotKillTheGatewayAndTheTerminalStillTrades() throws Exception
    {
        try (BridgeRig rig = new BridgeRig())
        {
            try (RawClient attacker = new RawClient(rig.gateway.port()))
            {
                attacker.hello("wrong").hello("wrong").send();
                attacker.awaitClosed(RawClient.WAIT_MILLIS);
                assertEquals(0, attacker.accepted);
                assertEquals("SECRET", attacker.reason);
            }
            rig.start();
            rig.await(RECONCILED, 1);
            rig.signal("after-attack", 0.1);
            assertEquals("after-attack", rig.await(TRADE_EXECUTED, 1).signalId());
            assertEquals(1, rig.gateway.counters().refusedHandshakes(), "the second HELLO of the closed connection was never handled");
        }
    }

    @Test
    void silentConnectionsDoNotKeepTheTerminalOut() throws Exception
    {
        // The dead-peer time is long: before the fix, the first silent socket held the slot for all of it.
        try (BridgeRig rig = new BridgeRig(BridgeRig.SECRET, g ->
        {
            g.deadAfterMillis = 20_000;
            g.handshakeTimeoutMillis = 20_000;
        }))
        {
            final List<RawClient> silent = new ArrayList<>();
            try
            {
                for (int i = 0; i < 4; i++)
                {
                    silent.add(new RawClient(rig.gateway.port()));
                }
                final long started = System.currentTimeMillis();
                rig.start();
                rig.await(TERMINAL_CONNECTED, 1);
                assertEquals(4, rig.gateway.counters().pendingHandshakes(), "the silent sockets are still open, and pending");
                final long tookMillis = System.currentTimeMillis() - started;
                assertTrue(tookMillis < 10_000, "the terminal connected after " + tookMillis + " ms");
                rig.await(RECONCILED, 1);
                rig.signal("beside-silent", 0.1);
                rig.await(TRADE_EXECUTED, 1);
            }
            finally
            {
                for (final RawClient client : silent)
                {
                    client.close();
                }
            }
        }
    }

    @Test
    void anExceptionWhileHandlingAFrameClosesOnlyThatConnection() throws Exception
    {
        final FailingInbound inbound = new FailingInbound();
        try (Gateway gateway = standalone(inbound))
        {
            final int port = gateway.start();
            inbound.failNextClaim = true;
            try (RawClient first = new RawClient(port))
            {
                first.hello("gw-secret").send().awaitClosed(RawClient.WAIT_MILLIS);
            }
            try (RawClient second = new RawClient(port))
            {
                second.hello("gw-secret").send().awaitAck();
                assertEquals(1, second.accepted, second.reason);
            }
            assertEquals(1, gateway.counters().threadFailures());
            assertTrue(gateway.isAlive());
        }
    }

    @Test
    void aFatalErrorStopsTheThreadVisibly() throws Exception
    {
        final FailingInbound inbound = new FailingInbound();
        final java.util.concurrent.atomic.AtomicReference<String> stopped = new java.util.concurrent.atomic.AtomicReference<>();
        try (Gateway gateway = standalone(inbound).onThreadStopped(stopped::set))
        {
            final int port = gateway.start();
            assertTrue(gateway.isAlive());
            inbound.errorOnNextClaim = new OutOfMemoryError("injected");
            try (RawClient client = new RawClient(port))
            {
                client.hello("gw-secret").send().awaitClosed(RawClient.WAIT_MILLIS);
            }
            awaitTrue(() -> stopped.get() != null, "the stop callback");
            assertFalse(gateway.isAlive());
            assertTrue(stopped.get().startsWith("the gateway thread has stopped"), stopped.get());
            assertEquals(1, gateway.counters().threadFailures());
        }
    }

    @Test
    void silentConnectionsAreClosedAtTheHandshakeDeadline() throws Exception
    {
        try (DrivenGateway rig = new DrivenGateway(g -> g.handshakeTimeoutMillis = 2_000);
            RawClient silent = new RawClient(rig.port))
        {
            rig.pump(silent, () -> rig.gateway.counters().pendingHandshakes() == 1, "the accept");
            rig.advance(1_999);
            rig.idle(silent, 20);
            assertFalse(silent.endOfStream, "still within its deadline");
            assertEquals(1, rig.gateway.counters().pendingHandshakes());

            rig.advance(1);
            rig.pump(silent, () -> silent.endOfStream, "the close at the deadline");
            assertEquals(java.util.List.of(dev.ringfence.gateway.wire.Wire.ErrorCode.HANDSHAKE_TIMEOUT), silent.errorCodes);
            assertEquals(0, rig.gateway.counters().pendingHandshakes());
            assertEquals(1, rig.gateway.counters().refusedHandshakes(Gateway.HandshakeRefusal.TIMEOUT));
        }
    }

    @Test
    void pendingHandshakesAreBoundedAndTheOldestMakesRoom() throws Exception
    {
        try (Gateway gateway = standalone(new FailingInbound(), g -> g.maxPendingHandshakes = 3))
        {
            final int port = gateway.start();
            final List<RawClient> silent = new ArrayList<>();
            try
            {
                for (int i = 0; i < 5; i++)
                {
                    silent.add(new RawClient(port));
                    final int opened = i + 1;
                    awaitTrue(() -> gateway.counters().pendingHandshakes() + gateway.counters().refusedHandshakes() == opened, "accepted #" + opened);
                }
                assertEquals(3, gateway.counters().pendingHandshakes());
                assertEquals(2, gateway.counters().refusedHandshakes(Gateway.HandshakeRefusal.PENDING_LIMIT));
                silent.get(0).awaitClosed(RawClient.WAIT_MILLIS);
                silent.get(1).awaitClosed(RawClient.WAIT_MILLIS);
                // A real terminal still gets in, evicting one more silent socket.
                try (RawClient terminal = new RawClient(port))
                {
                    terminal.hello("gw-secret").send().awaitAck();
                    assertEquals(1, terminal.accepted, terminal.reason);
                }
            }
            finally
            {
                for (final RawClient client : silent)
                {
                    client.close();
                }
            }
        }
    }

    @Test
    void aSecondValidHelloIsAnsweredBusy() throws Exception
    {
        try (Gateway gateway = standalone(new FailingInbound()))
        {
            final int port = gateway.start();
            try (RawClient first = new RawClient(port); RawClient second = new RawClient(port))
            {
                first.hello("gw-secret").send().awaitAck();
                assertEquals(1, first.accepted);
                second.hello("gw-secret").send().awaitAck().awaitClosed(RawClient.WAIT_MILLIS);
                assertEquals(0, second.accepted);
                assertEquals("BUSY", second.reason);
                assertEquals(1, gateway.counters().refusedHandshakes(Gateway.HandshakeRefusal.BUSY));
                assertTrue(gateway.counters().isTerminalConnected());
            }
        }
    }

    @Test
    void refusedHandshakesAreCountedAndThrottled() throws Exception
    {
        try (DrivenGateway rig = new DrivenGateway(g -> g.refusedHandshakesPerSecond = 20))
        {
            // A burst of 20 refusals empties the bucket: accepting pauses for the 50 ms one token takes to come back.
            for (int i = 0; i < 20; i++)
            {
                try (RawClient guess = new RawClient(rig.port))
                {
                    guess.hello("guess-" + i).send();
                    rig.pump(guess, () -> guess.endOfStream, "the refusal of guess " + i);
                    assertEquals(0, guess.accepted);
                }
            }
            assertEquals(20, rig.gateway.counters().refusedHandshakes(Gateway.HandshakeRefusal.SECRET));
            assertEquals(1, rig.gateway.counters().acceptPauses());

            try (RawClient next = new RawClient(rig.port))
            {
                next.hello("guess-20").send();
                rig.advance(49);
                rig.idle(next, 20);
                assertEquals(-1, next.accepted, "not accepted while the bucket is empty: it waits in the kernel's backlog");
                assertEquals(0, rig.gateway.counters().pendingHandshakes());

                rig.advance(1);
                rig.pump(next, () -> next.endOfStream, "the refusal once a token is back");
                assertEquals(0, next.accepted);
                assertEquals(21, rig.gateway.counters().refusedHandshakes(Gateway.HandshakeRefusal.SECRET));
            }

            // The right secret still gets in once the bucket refills.
            rig.advance(1_000);
            try (RawClient terminal = rig.connect())
            {
                assertEquals(1, terminal.accepted, terminal.reason);
            }
        }
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + RawClient.WAIT_MILLIS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("waited for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private static Gateway standalone(final InboundEntry inbound)
    {
        return standalone(inbound, config -> { });
    }

    private static Gateway standalone(final InboundEntry inbound, final java.util.function.Consumer<GatewayConfig> tune)
    {
        final GatewayConfig config = new GatewayConfig();
        config.port = 0;
        config.secret = "gw-secret";
        config.heartbeatMillis = 100;
        config.deadAfterMillis = 5_000;
        tune.accept(config);
        return new Gateway(config, new SymbolTable(new EngineConfig().validate().symbols), inbound.ports().terminalReports(),
            new CommandRing(1 << 16));
    }

    /** Accepts every event, except that it fails once when told to, as a broken dependency would. */
    static final class FailingInbound extends InboundEntry
    {
        volatile boolean failNextClaim;
        volatile Error errorOnNextClaim;

        @Override
        protected long claim()
        {
            final Error error = errorOnNextClaim;
            if (error != null)
            {
                errorOnNextClaim = null;
                throw error;
            }
            if (failNextClaim)
            {
                failNextClaim = false;
                throw new IllegalStateException("injected failure");
            }
            return 0;
        }
    }
}
