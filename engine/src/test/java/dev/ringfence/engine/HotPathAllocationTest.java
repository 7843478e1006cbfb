package dev.ringfence.engine;

import com.sun.management.ThreadMXBean;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hot path allocates nothing: a million tick and account events (with the timer events, warnings,
 * heartbeats and latency samples they bring) after warm-up, measured with the thread's allocated bytes.
 */
class HotPathAllocationTest
{
    private static final int EVENTS = 1_000_000;
    private static final int CYCLES = 50_000;
    /** A few objects in all: one allocated per cycle would be 16 bytes at least, 800 KB over the run. */
    private static final long FEW_OBJECTS_BYTES = 2_048;

    @Test
    void ticksAndAccountReportsAllocateNothing()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final EngineConfig config = new EngineConfig().validate();
        final long[] heartbeats = new long[1];
        final DirectEngine engine = new DirectEngine(config, new SymbolTable(config.symbols), new CountingOrderCommands(), event ->
        {
            if (event.type() == LifecycleEventType.HEARTBEAT)
            {
                heartbeats[0]++;
            }
        }, System::nanoTime);
        final StatusBoard board = new StatusBoard();
        engine.statusBoard(board); // as in production: the board is written on the hot path too
        long now = 1_767_571_200_000L;
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, "test");
        engine.inbound().terminalReports().terminalStatus(now, true);
        engine.inbound().terminalReports().account(now, 7, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);
        engine.inbound().terminalReports().positionsBegin(now, 1);
        engine.inbound().terminalReports().position(now, 1, 0, Side.BUY, 1.0, 1.1, 0, 0);

        now = drive(engine, now, EVENTS); // warm-up: JIT, lazy class init
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        drive(engine, now, EVENTS);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertTrue(heartbeats[0] > 100, "the measured stretch includes heartbeats");
        assertEquals(0, engine.status().errors);
        assertTrue(board.latencyCount() > 2L * EVENTS, "the board recorded every event");
        assertEquals(0, allocated, "bytes allocated by " + EVENTS + " hot-path events");
    }

    @Test
    void aTripFlattenAndReArmAllocateNothing()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        final EngineConfig config = new EngineConfig().validate();
        final long[] flattened = new long[1];
        final CountingOrderCommands terminal = new CountingOrderCommands();
        final DirectEngine engine = new DirectEngine(config, new SymbolTable(config.symbols), terminal, event ->
        {
            if (event.type() == LifecycleEventType.FLATTEN_COMPLETED)
            {
                flattened[0]++;
            }
        }, System::nanoTime);
        long now = 1_767_571_200_000L;
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, "test");
        engine.inbound().terminalReports().terminalStatus(now, true);
        engine.inbound().terminalReports().account(now, 7, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);

        now = tripFlattenReArm(engine, terminal, now, CYCLES); // warm-up: JIT, lazy class init
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        tripFlattenReArm(engine, terminal, now, CYCLES);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(2L * CYCLES, flattened[0], "every cycle flattened");
        assertEquals(2L * CYCLES, terminal.closes, "one close command a cycle, through the command sender");
        assertEquals(0, engine.status().errors);
        // Measured 0-768 bytes in all over 20,000-100,000 cycles, never per cycle; which object it is is not found yet.
        assertTrue(allocated <= FEW_OBJECTS_BYTES, allocated + " bytes allocated by " + CYCLES + " trips, flattens and re-arms");
    }

    /**
     * A position opens, equity falls 25 % (the guard trips and closes it), the close is filled, the snapshot is flat,
     * equity is back, and the operator re-arms: {@code cycles} times.
     */
    private static long tripFlattenReArm(final DirectEngine engine, final CountingOrderCommands terminal, final long start,
        final int cycles)
    {
        long now = start;
        for (int i = 0; i < cycles; i++)
        {
            now += 1_000;
            final long ticket = 1_000 + i;
            engine.inbound().terminalReports().positionsBegin(now, 1);
            engine.inbound().terminalReports().position(now, ticket, 0, Side.BUY, 1.0, 1.1, 0, 0);
            engine.inbound().terminalReports().account(now, 7, 10_000, 7_500, 100, 7_400, true, now, 0, TradePermissions.ALL);
            engine.inbound().terminalReports().orderResult(now, terminal.lastCloseClientOrderId, ReturnCodes.DONE,
                terminal.lastCloseTicket, 1.09, 1.0, -2_500);
            engine.inbound().terminalReports().positionsBegin(now, 0);
            engine.inbound().terminalReports().account(now, 7, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);
            engine.inbound().operatorCommands().admin(now, AdminCommand.REARM, "test");
        }
        return now;
    }

    /** Ticks and account reports alternating, equity wandering within 5 % (warnings, no trip), a timer every 10. */
    private static long drive(final DirectEngine engine, final long start, final int events)
    {
        long now = start;
        for (int i = 0; i < events; i++)
        {
            now += 1;
            final double wave = Math.sin(i / 5_000.0);
            if ((i & 1) == 0)
            {
                engine.inbound().terminalReports().tick(now, 0, 1.1 + wave * 0.001, 1.1002 + wave * 0.001);
            }
            else
            {
                final double equity = 10_000 + wave * 500;
                engine.inbound().terminalReports().account(now, 7, 10_000, equity, 100, equity - 100, true, now, 0, TradePermissions.ALL);
            }
            if (i % 10 == 0)
            {
                engine.inbound().timerTicks().timer(now);
            }
        }
        return now;
    }
}
