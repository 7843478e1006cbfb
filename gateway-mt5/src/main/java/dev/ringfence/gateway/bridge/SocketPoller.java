package dev.ringfence.gateway.bridge;

import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * Every socket the gateway holds: the selector, the listening socket and pending handshakes (its {@link Acceptor}),
 * the terminal's socket (the {@link TerminalSession}); each frame goes to the acceptor or to the
 * {@link InboundPublisher}. It also owns the failure policy for connections. Gateway thread only, but for
 * {@link #wakeUp} (any thread); a poll never blocks, and the gateway's idle wait ({@link #awaitReady}) does. Neither
 * allocates (the JDK's action form of select: no selected-key set, no iterator).
 */
final class SocketPoller implements GatewayIdleStrategy.SocketWait
{
    private static final long FAILURE_LOG_INTERVAL_MILLIS = 1_000;

    private final GatewayCounters counters;
    private final TerminalSession session;
    private final InboundPublisher publisher;
    private final Acceptor acceptor;
    private final Consumer<String> log;
    private final LineLimiter failureLines = new LineLimiter(FAILURE_LOG_INTERVAL_MILLIS, "more not logged");
    /** Allocated once: the duty cycle allocates nothing. */
    private final Consumer<SelectionKey> onReadyKey = this::onReadyKey;
    /** What {@link #awaitReady} does with a ready key: nothing, the next {@link #poll} serves it. */
    private final Consumer<SelectionKey> leaveForPoll = key -> { };
    /** Set by bind, before the gateway thread starts; read by {@link #wakeUp} on other threads after that start. */
    private Selector selector;

    // The poll in progress.
    private long nowMillis;
    private long nowNanos;
    private int work;

    SocketPoller(
        final GatewayConfig config, final GatewayCounters counters, final TerminalSession session, final InboundPublisher publisher,
        final long engineInstance, final Consumer<String> log)
    {
        this.counters = counters;
        this.session = session;
        this.publisher = publisher;
        this.log = log;
        this.acceptor = new Acceptor(config, counters, session, publisher, engineInstance, this::onFrame);
    }

    /** Opens the selector and binds the listening socket; returns the port. */
    int bind() throws IOException
    {
        selector = Selector.open();
        return acceptor.bind(selector);
    }

    /** Serves every ready socket; returns the work done. A broken selector ends the agent. */
    int poll(final long nowMillis, final long nowNanos)
    {
        this.nowMillis = nowMillis;
        this.nowNanos = nowNanos;
        work = 0;
        final int ready;
        try
        {
            ready = selector.selectNow(onReadyKey);
        }
        catch (final IOException ex)
        {
            throw new AgentTerminationException(ex); // a broken selector: the gateway cannot go on
        }
        return Math.max(work, ready);
    }

    /**
     * Waits until a socket is ready, {@link #wakeUp} is called or {@code timeoutMillis} pass; serves nothing. The
     * selector's registrations are level-triggered, so what was ready is ready again at the next {@link #poll}.
     * Returns {@code false} when the selector could not wait (the next poll reports why).
     */
    @Override
    public boolean awaitReady(final long timeoutMillis)
    {
        try
        {
            selector.select(leaveForPoll, timeoutMillis);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** Any thread (the business thread, for a command): ends a wait in {@link #awaitReady}, or the next one at once. */
    @Override
    public void wakeUp()
    {
        try
        {
            selector.wakeup();
        }
        catch (final RuntimeException | InternalError ex)
        {
            // The JDK reports a failed write to its wake-up descriptor as an InternalError. It must not reach the
            // business thread; the gateway still wakes within its idle bound and picks the command up then.
        }
    }

    /** The handshakes' deadlines and the accept throttle; returns the work done. */
    int duties(final long nowMillis)
    {
        try
        {
            return acceptor.duties(nowMillis);
        }
        catch (final Throwable ex)
        {
            onFailure(null, ex, nowMillis);
            return 0;
        }
    }

    private void onReadyKey(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        final Object attachment = key.attachment();
        final Connection connection = attachment instanceof Connection ? (Connection)attachment : null;
        try
        {
            work += serve(key, connection);
        }
        catch (final Throwable ex)
        {
            onFailure(connection, ex, nowMillis);
        }
    }

    private int serve(final SelectionKey key, final Connection connection) throws IOException
    {
        if (connection == null)
        {
            if (acceptor.isServerKey(key) && key.isAcceptable())
            {
                acceptor.accept(nowMillis);
            }
            return 1;
        }
        if (connection.key != key)
        {
            return 0; // a key of a socket closed earlier in this pass
        }
        int served = 0;
        if (key.isReadable())
        {
            if (session.isTerminal(connection))
            {
                served += session.read(nowMillis);
            }
            else
            {
                acceptor.read(connection, nowMillis);
                served++;
            }
        }
        if (session.isTerminal(connection) && key.isValid() && key.isWritable())
        {
            session.flush(nowMillis);
            served++;
        }
        return served;
    }

    /** Every frame of every connection: a pending one's are handshakes, the terminal's are reports. */
    private void onFrame(final Connection connection, final int type, final UnsafeBuffer buffer, final int offset)
    {
        if (session.isTerminal(connection))
        {
            publisher.onFrame(connection, type, buffer, offset, nowMillis, nowNanos);
        }
        else
        {
            acceptor.onFrame(connection, type, buffer, offset, nowMillis);
        }
    }

    /**
     * The failure policy of the gateway thread (the same as the business thread's): count, report in one line,
     * close the connection the failure concerns (null: none), go on. A {@link VirtualMachineError} is rethrown:
     * it ends the agent.
     */
    void onFailure(final Connection connection, final Throwable failure, final long nowMillis)
    {
        if (failure instanceof VirtualMachineError)
        {
            throw (VirtualMachineError)failure;
        }
        final long failures = counters.threadFailures.incrementAndGet();
        final boolean wasTerminal = session.isTerminal(connection);
        final String closed = connection == null ? "no connection closed" :
            wasTerminal ? "closed the terminal connection" : "closed a pending handshake";
        try
        {
            if (wasTerminal)
            {
                session.close(nowMillis);
            }
            else if (connection != null)
            {
                acceptor.closePending(connection);
            }
        }
        catch (final RuntimeException again)
        {
            // The socket was closed first; only telling the engine failed, and the line below says why.
        }
        try
        {
            if (failureLines.due(nowMillis))
            {
                failureLines.log("serving a connection failed (" + describe(failure) + "); " + closed +
                    "; failures so far: " + failures, log);
            }
        }
        catch (final RuntimeException ignored)
        {
            // A broken log must not break the failure policy.
        }
    }

    /** Every socket closed: the terminal's (the engine told it is gone), the pending ones, the listening one. */
    void close(final long nowMillis)
    {
        try
        {
            session.close(nowMillis);
        }
        catch (final RuntimeException ex)
        {
            log.accept("closing the terminal connection at stop failed: " + describe(ex));
        }
        acceptor.close();
        if (selector != null)
        {
            try
            {
                selector.close();
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
        }
    }

    static String describe(final Throwable failure)
    {
        final StackTraceElement[] trace = failure.getStackTrace();
        return failure + (trace.length > 0 ? " at " + trace[0] : "");
    }
}
