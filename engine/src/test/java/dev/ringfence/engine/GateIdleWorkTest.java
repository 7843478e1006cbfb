package dev.ringfence.engine;

import com.lmax.disruptor.EventHandler;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.OrderCommands;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gate's idle work runs on the gate's thread while nothing waits: after a batch (after the logic when inline,
 * after the gate on its own thread), and when the ring has stayed empty for a while.
 */
class GateIdleWorkTest
{
    private static final int EVENTS = 2_000;

    private final EngineConfig config = new EngineConfig().validate();
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private final CountDownLatch allProcessed = new CountDownLatch(EVENTS);
    private final CountDownLatch quietAfterwards = new CountDownLatch(1);

    /** A gate that records each event, batch end and quiet moment, with the thread it ran on. */
    private final class RecordingGate implements EventHandler<InboundEvent>, GateIdleWork
    {
        @Override
        public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch)
        {
            seen.add(Thread.currentThread().getName() + " gate");
        }

        @Override
        public void afterBatch()
        {
            seen.add(Thread.currentThread().getName() + " batch-end");
        }

        @Override
        public void quiet()
        {
            if (allProcessed.getCount() == 0)
            {
                seen.add(Thread.currentThread().getName() + " quiet");
                quietAfterwards.countDown();
            }
        }
    }

    private List<String> runWith(final Engine.GatePlacement placement) throws InterruptedException
    {
        try (Engine engine = new Engine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event -> { }, "blocking", 1024,
            List.of(new RecordingGate()), placement, event ->
            {
                seen.add(Thread.currentThread().getName() + " processed");
                allProcessed.countDown();
            }))
        {
            engine.start();
            for (int i = 0; i < EVENTS; i++)
            {
                while (!engine.inbound().timerTicks().timer(1_767_571_200_000L + i))
                {
                    Thread.onSpinWait(); // the ring is full: wait for room, lose nothing
                }
            }
            assertTrue(allProcessed.await(30, TimeUnit.SECONDS));
            assertTrue(quietAfterwards.await(30, TimeUnit.SECONDS), "the default wait strategy reports the empty ring");
        }
        return new ArrayList<>(seen);
    }

    @Test
    void inlineItRunsAfterTheLogicHasProcessedTheBatchsLastEvent() throws InterruptedException
    {
        final List<String> order = runWith(Engine.GatePlacement.BUSINESS_THREAD).stream()
            .filter(entry -> !entry.endsWith(" quiet")).toList();

        int batchEnds = 0;
        for (int i = 0; i < order.size(); i++)
        {
            if (order.get(i).endsWith("batch-end"))
            {
                batchEnds++;
                assertEquals("ringfence-business processed", order.get(i - 1), "at " + i + ": " + order.subList(Math.max(0, i - 3), i + 1));
            }
        }
        assertTrue(batchEnds >= 1 && batchEnds <= EVENTS, "batch ends: " + batchEnds);
        assertEquals("ringfence-business batch-end", order.get(order.size() - 1), "the last batch ended too");
    }

    @Test
    void onItsOwnThreadItRunsThereAfterTheGatesLastEventOfABatch() throws InterruptedException
    {
        final List<String> gateThread = runWith(Engine.GatePlacement.OWN_THREADS).stream()
            .filter(entry -> entry.startsWith("ringfence-journal-1 ") && !entry.endsWith(" quiet")).toList();

        assertEquals(EVENTS, gateThread.stream().filter(entry -> entry.endsWith(" gate")).count());
        for (int i = 0; i < gateThread.size(); i++)
        {
            if (gateThread.get(i).endsWith("batch-end"))
            {
                assertEquals("ringfence-journal-1 gate", gateThread.get(i - 1));
            }
        }
        assertEquals("ringfence-journal-1 batch-end", gateThread.get(gateThread.size() - 1));
        assertTrue(seen.stream().noneMatch(entry -> entry.startsWith("ringfence-business batch-end")), "never on the business thread");
    }

    @Test
    void whenTheRingStaysEmptyTheQuietWorkRunsOnTheBusinessThreadWhenInline() throws InterruptedException
    {
        runWith(Engine.GatePlacement.BUSINESS_THREAD);

        assertTrue(seen.contains("ringfence-business quiet"), seen.stream().filter(e -> e.endsWith("quiet")).toList().toString());
    }

    @Test
    void whenTheRingStaysEmptyTheQuietWorkRunsOnTheGatesOwnThread() throws InterruptedException
    {
        runWith(Engine.GatePlacement.OWN_THREADS);

        assertTrue(seen.stream().filter(entry -> entry.endsWith(" quiet")).allMatch(entry -> entry.startsWith("ringfence-journal-1 ")),
            seen.stream().filter(e -> e.endsWith("quiet")).toList().toString());
    }

    @Test
    void onItsOwnThreadTheLogicDoesNotWaitForIt() throws Exception
    {
        final CountDownLatch processed = new CountDownLatch(1);
        final AtomicBoolean logicWentAhead = new AtomicBoolean();
        final class SlowGate implements EventHandler<InboundEvent>, GateIdleWork
        {
            @Override
            public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch)
            {
            }

            @Override
            public void afterBatch()
            {
                try
                {
                    logicWentAhead.set(processed.await(10, TimeUnit.SECONDS)); // long idle work: the logic goes on
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void quiet()
            {
            }
        }
        try (Engine engine = new Engine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event -> { }, "blocking", 1024,
            List.of(new SlowGate()), Engine.GatePlacement.OWN_THREADS, event -> processed.countDown()))
        {
            engine.start();
            engine.inbound().timerTicks().timer(1_767_571_200_000L);

            assertTrue(processed.await(30, TimeUnit.SECONDS));
        }
        assertTrue(logicWentAhead.get(), "the logic processed the batch while the gate's idle work ran");
    }
}
