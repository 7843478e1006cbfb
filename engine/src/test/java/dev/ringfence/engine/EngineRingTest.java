package dev.ringfence.engine;

import com.lmax.disruptor.EventHandler;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The live engine: Disruptor ring, business thread, exception policy, back-pressure. */
class EngineRingTest
{
    private final EngineConfig config = new EngineConfig().validate();
    private final SymbolTable symbols = new SymbolTable(config.symbols);
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private final CountingOrderCommands commands = new CountingOrderCommands();

    @Test
    void aFailingEventIsReportedAndTheBusinessThreadKeepsGuarding() throws Exception
    {
        final CountDownLatch tripped = new CountDownLatch(1);
        try (Engine engine = new Engine(config, symbols, commands, event -> record(event, tripped), "blocking", 1024, List.of()))
        {
            engine.start();
            final long t = 1_767_571_200_000L;
            engine.inbound().operatorCommands().admin(t, AdminCommand.START, "test");
            engine.inbound().terminalReports().terminalStatus(t, true);
            engine.inbound().terminalReports().symbolSpec(t, 0, symbols.spec(0));
            engine.inbound().terminalReports().account(t, 1, 10_000, 10_000, 0, 10_000, true, t, 0, TradePermissions.ALL);
            engine.inbound().terminalReports().positionsBegin(t, 0);
            engine.inbound().operatorCommands().admin(t, null, "broken");
            engine.inbound().signals().signal(t, "s1", 0, Side.BUY, 0.1, 0, 0, 0, t);
            engine.inbound().terminalReports().account(t + 1, 1, 10_000, 7_000, 0, 7_000, true, t + 1, 0, TradePermissions.ALL);
            assertTrue(tripped.await(30, TimeUnit.SECONDS), "the guard tripped after the failure: " + seen);
        }
        assertTrue(seen.contains("ERROR:EVENT_FAILED"), seen.toString());
        assertTrue(seen.contains("SIGNAL_APPROVED:null"), seen.toString());
        assertEquals(1, commands.places);
    }

    @Test
    void anEventThatFailsInRecoveryIsReportedAndRecoveryGoesOn()
    {
        try (Engine engine = new Engine(config, symbols, commands, event -> record(event, new CountDownLatch(1)), "blocking", 1024, List.of()))
        {
            final long t = 1_767_571_200_000L;
            engine.replay(InboundEntry.of(in -> in.operatorCommands().admin(t, AdminCommand.START, "journal")));
            engine.replay(InboundEntry.of(in -> in.operatorCommands().admin(t, null, "failed-live-too")));
            engine.replay(InboundEntry.of(in -> in.operatorCommands().admin(t, AdminCommand.HALT, "journal")));

            assertTrue(seen.contains("ERROR:EVENT_FAILED"), seen.toString());
            assertTrue(engine.status().halted, "the events after the failing one were still applied");
        }
    }

    @Test
    void aBrokenLifecyclePortNeverStopsTheBusinessThread() throws Exception
    {
        try (Engine engine = new Engine(config, symbols, commands, event ->
        {
            throw new IllegalStateException("the output journal's disk is gone");
        }, "blocking", 1024, List.of()))
        {
            engine.start();
            final long t = 1_767_571_200_000L;
            engine.inbound().operatorCommands().admin(t, AdminCommand.START, "test");
            engine.inbound().terminalReports().terminalStatus(t, true);
            engine.inbound().terminalReports().symbolSpec(t, 0, symbols.spec(0));
            engine.inbound().terminalReports().account(t, 1, 10_000, 10_000, 0, 10_000, true, t, 0, TradePermissions.ALL);
            engine.inbound().terminalReports().positionsBegin(t, 0);
            for (int i = 0; i < 3; i++)
            {
                engine.inbound().signals().signal(t + i, "s" + i, 0, Side.BUY, 0.1, 0, 0, 0, t + i);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (commands.places < 3 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
        }
        assertEquals(3, commands.places, "every signal was still executed");
    }

    @Test
    void aBrokenLifecyclePortStillLetsTheGuardFlatten()
    {
        final DirectEngine engine = new DirectEngine(config, symbols, commands, event ->
        {
            throw new IllegalStateException("broken");
        }, () -> 0);
        final long t = 1_767_571_200_000L;
        engine.inbound().operatorCommands().admin(t, AdminCommand.START, "test");
        engine.inbound().terminalReports().terminalStatus(t, true);
        engine.inbound().terminalReports().account(t, 1, 10_000, 10_000, 0, 10_000, true, t, 0, TradePermissions.ALL);
        engine.inbound().terminalReports().positionsBegin(t, 1);
        engine.inbound().terminalReports().position(t, 5, 0, Side.BUY, 1.0, 1.1, -3_000, 0);
        engine.inbound().terminalReports().account(t, 1, 10_000, 7_000, 0, 7_000, true, t, 0, TradePermissions.ALL);
        assertEquals(GuardState.FLATTENING, engine.status().guardState);
        assertEquals(1, commands.closes, "the close went out although GUARD_TRIPPED could not be reported");
        assertTrue(engine.status().outputFailures > 0);
    }

    @Test
    void aCloseRightAfterStartStillProcessesEveryEventPublishedBeforeIt()
    {
        // A gate handler on its own thread, as the journal runs: an event it records must reach the logic too.
        final List<EventHandler<InboundEvent>> gate = List.of((event, sequence, endOfBatch) -> { });
        for (int run = 0; run < 200; run++)
        {
            final List<LifecycleEventType> emitted = new CopyOnWriteArrayList<>();
            final Engine engine = new Engine(config, symbols, commands, event -> emitted.add(event.type()), "blocking", 64, gate);
            engine.start();
            final long t = 1_767_571_200_000L;
            assertTrue(engine.inbound().terminalReports().terminalStatus(t, true));
            assertTrue(engine.inbound().operatorCommands().admin(t, AdminCommand.START, "test"));
            engine.close();
            assertEquals(List.of(LifecycleEventType.TERMINAL_CONNECTED, LifecycleEventType.LOOP_STARTED), emitted,
                "run " + run + ": close() processed every event published before it");
        }
    }

    @Test
    void aFullRingRefusesInsteadOfBlocking()
    {
        final Engine engine = new Engine(config, symbols, commands, event -> { }, "blocking", 64, List.of());
        int accepted = 0;
        for (int i = 0; i < 100; i++)
        {
            if (engine.inbound().timerTicks().timer(i))
            {
                accepted++;
            }
        }
        assertEquals(64, accepted, "not started: nothing consumes, the 65th publish is refused");
    }

    private void record(final LifecycleEvent event, final CountDownLatch tripped)
    {
        seen.add(event.type() + ":" + event.reason());
        if (event.type() == LifecycleEventType.GUARD_TRIPPED)
        {
            tripped.countDown();
        }
    }
}
