package dev.ringfence.gateway.bridge;

import dev.ringfence.gateway.CommandRing;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway thread's idle strategy: after a duty cycle that did nothing it spins, then yields, then waits in the
 * selector until a socket is ready, the engine queues a command (the command ring wakes the selector) or
 * {@code gateway.idleMaxParkMicros} pass, for the timed duties (heartbeats, deadlines, what the engine is owed).
 *
 * <p>The kernel ends the wait the moment a frame arrives, as it does for a thread blocked in a read. A park cannot:
 * the back-off strategy this replaces parked up to 100 µs, and on Linux the shortest park lasts about 50 µs (the
 * default timer slack), so a frame from the terminal or a close decided by the engine often waited for the park to
 * end. The business thread makes a system call to wake the selector only for a command queued while the gateway
 * waits, never for a tick or an account report.
 */
final class GatewayIdleStrategy implements IdleStrategy
{
    private static final int SPINS = 10;
    private static final int YIELDS = 10;

    /** How the gateway waits for its sockets: its selector ({@link SocketPoller}). */
    interface SocketWait
    {
        /** Waits until a socket is ready, {@link #wakeUp} is called or the time passes; false if it could not wait. */
        boolean awaitReady(long timeoutMillis);

        /** Any thread: ends the wait, or the next one at once. */
        void wakeUp();
    }

    private final SocketWait sockets;
    private final CommandRing commands;
    /** The selector counts in milliseconds: the bound, rounded up. */
    private final long waitMillis;
    private final long parkNanos;
    private int idleCycles;

    GatewayIdleStrategy(final SocketWait sockets, final CommandRing commands, final long maxWaitMicros)
    {
        this.sockets = sockets;
        this.commands = commands;
        this.waitMillis = Math.max(1, TimeUnit.MICROSECONDS.toMillis(maxWaitMicros + 999));
        this.parkNanos = TimeUnit.MICROSECONDS.toNanos(maxWaitMicros);
        commands.wakeReaderWith(sockets::wakeUp);
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (idleCycles < SPINS)
        {
            idleCycles++;
            Thread.onSpinWait();
        }
        else if (idleCycles < SPINS + YIELDS)
        {
            idleCycles++;
            Thread.yield();
        }
        else
        {
            await();
        }
    }

    private void await()
    {
        // Said before the ring is checked: a command queued after the check sees it and wakes the selector.
        commands.readerWaiting(true);
        try
        {
            if (commands.isEmpty() && !sockets.awaitReady(waitMillis))
            {
                LockSupport.parkNanos(parkNanos); // the selector failed: the next poll says so; do not spin meanwhile
            }
        }
        finally
        {
            commands.readerWaiting(false);
        }
    }

    @Override
    public void reset()
    {
        idleCycles = 0;
    }

    @Override
    public String alias()
    {
        return "gateway-selector";
    }
}
