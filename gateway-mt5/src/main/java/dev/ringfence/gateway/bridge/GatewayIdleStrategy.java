package dev.ringfence.gateway.bridge;

import dev.ringfence.gateway.CommandRing;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The gateway thread's idle strategy: after a duty cycle that did nothing it spins, then yields, then waits in the
 * selector until a socket is ready, the engine queues a command (the command ring wakes the selector) or
 * {@code gateway.idleWaitMillis} pass, for the timed duties (heartbeats, deadlines). While the gateway retries
 * something nothing would wake it for (the engine's ring was full: the terminal's frames kept back, a connect or
 * disconnect the engine is owed), it parks {@value #RETRY_PARK_MICROS} µs instead, as it always did.
 *
 * <p>The kernel ends the wait the moment a frame arrives, as it does for a thread blocked in a read. A park cannot:
 * the back-off strategy this replaces parked up to 100 µs, and on Linux the shortest park lasts about 50 µs (the
 * default timer slack), so a frame from the terminal or a close decided by the engine often waited for the park to
 * end. The business thread makes a system call to wake the selector only for a command queued while the gateway
 * waits, never for a tick or an account report.
 *
 * <p>A wait that fails is a wait that did not happen: the thread parks instead, and its next poll of the selector
 * reports a broken one. Only a {@link VirtualMachineError} ends the thread, through the runner, as in a duty cycle.
 */
final class GatewayIdleStrategy implements IdleStrategy
{
    private static final int SPINS = 10;
    private static final int YIELDS = 10;
    static final long RETRY_PARK_MICROS = 100;
    private static final long RETRY_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(RETRY_PARK_MICROS);

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
    private final BooleanSupplier retrying;
    /** The longest wait in the selector. */
    private final long waitMillis;
    /** The park instead when the selector cannot wait: as long, so a broken selector is not spun on. */
    private final long parkNanos;
    private int idleCycles;

    /** {@code retrying}: the gateway has work to try again that no socket or command would wake it for. */
    GatewayIdleStrategy(
        final SocketWait sockets, final CommandRing commands, final BooleanSupplier retrying, final long maxWaitMillis)
    {
        this.sockets = sockets;
        this.commands = commands;
        this.retrying = retrying;
        this.waitMillis = maxWaitMillis;
        this.parkNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
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
        if (retrying.getAsBoolean())
        {
            LockSupport.parkNanos(RETRY_PARK_NANOS);
            return;
        }
        // Said before the ring is checked: a command queued after the check sees it and wakes the selector.
        commands.readerWaiting(true);
        try
        {
            if (commands.isEmpty() && !awaitSockets())
            {
                LockSupport.parkNanos(parkNanos); // the selector failed: the next poll says so; do not spin meanwhile
            }
        }
        finally
        {
            commands.readerWaiting(false);
        }
    }

    private boolean awaitSockets()
    {
        try
        {
            return sockets.awaitReady(waitMillis);
        }
        catch (final VirtualMachineError fatal)
        {
            throw new AgentTerminationException(fatal);
        }
        catch (final Throwable ex)
        {
            return false;
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
