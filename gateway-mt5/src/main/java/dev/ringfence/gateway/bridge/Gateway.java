package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.TerminalReports;
import dev.ringfence.gateway.CommandRing;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The Java side of the bridge (PROTOCOL.md): listens on loopback, serves one terminal at a time, turns its frames
 * into inbound events and the engine's commands into frames, exchanges heartbeats and declares a silent terminal
 * gone. An Agrona {@link Agent}: {@link #start()} runs it on the thread {@code ringfence-gateway} with an
 * {@link AgentRunner} and its {@link GatewayIdleStrategy} (spin, yield, then wait in the selector until a socket is
 * ready, a command is queued or {@code gateway.idleWaitMillis} pass); it never blocks the business thread, which
 * it reaches only through the rings.
 *
 * <p>One duty cycle ({@link #doWork()}): read the clocks once; publish what the engine is owed about the
 * connection; drain the engine's commands into frames; poll the sockets without blocking (accepts, handshakes,
 * the terminal's frames); then heartbeats, deadlines and the flush. Commands go first so that a decided close
 * never waits behind the terminal's backlog. When the engine's ring is full the terminal's socket is simply not
 * read ({@link TerminalSession}); heartbeats and commands keep flowing.
 *
 * <p>The parts, all confined to the gateway thread but for the selector's wake-up: {@link SocketPoller} (the
 * selector, and the failure policy for connections), {@link Acceptor} (listening socket, accept throttle, pending
 * handshakes), {@link TerminalSession}
 * (the terminal's socket, framing, heartbeats, dead peer), {@link InboundPublisher} (frames to inbound events),
 * {@link CommandWriter} (commands to frames). Other threads see only {@link #isAlive()} and {@link #counters()}.
 *
 * <p>Failure policy: no exception ends the gateway thread. A failure while serving one connection is counted,
 * reported in one line, closes that connection, and the loop goes on. Only a {@link VirtualMachineError} (the
 * JVM itself is in trouble) or a broken selector ends it; then {@link #isAlive()} turns false and the
 * {@link #onThreadStopped} callback runs.
 */
public final class Gateway implements Agent, AutoCloseable
{
    /** Why a handshake did not make a terminal session (the label of the refused-handshake counter). */
    public enum HandshakeRefusal
    {
        /** The HELLO carried the wrong secret. */
        SECRET,
        /** The HELLO reported another account than {@code gateway.login}. */
        LOGIN,
        /** A valid HELLO while a terminal is connected. */
        BUSY,
        /** No HELLO within {@code gateway.handshakeTimeoutMillis}. */
        TIMEOUT,
        /** Evicted, still silent, by a newer connection beyond {@code gateway.maxPendingHandshakes}. */
        PENDING_LIMIT
    }

    private final GatewayConfig config;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final GatewayCounters counters;
    private final TerminalSession session;
    private final CommandRing commands;
    private final CommandWriter commandWriter;
    private final SocketPoller sockets;
    /** Whether the engine's business thread is alive; heartbeats stop when it is not. */
    private volatile LongPredicate engineAlive = now -> true;
    /** Told, on the dying gateway thread, why it stopped (never on an orderly close). */
    private volatile Consumer<String> onThreadStopped = reason -> { };
    /** Where the gateway's lines go (handshakes' symbols, refusals, failures); never blocks. */
    private volatile Consumer<String> log = line -> System.err.println("ringfence gateway: " + line);

    private AgentRunner runner;
    private Thread thread;
    private volatile int boundPort;
    /** Set, once, when the gateway thread cannot go on: the reason the stop callback is given. */
    private volatile String stoppedBecause;

    public Gateway(final GatewayConfig config, final SymbolTable symbols, final TerminalReports inbound, final CommandRing commands)
    {
        this(config, symbols, inbound, commands, SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
    }

    /** With the clocks a duty cycle reads (tests drive {@link #doWork()} on fake ones). */
    public Gateway(
        final GatewayConfig config, final SymbolTable symbols, final TerminalReports inbound, final CommandRing commands,
        final EpochClock epochClock, final NanoClock nanoClock)
    {
        this.config = config.validate();
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        this.counters = new GatewayCounters(symbols.size());
        final Consumer<String> lines = line -> log.accept(line);
        // One id for this engine instance, in every HELLO_ACK it sends (accepting or refusing).
        final long engineInstance = System.nanoTime();
        this.session = new TerminalSession(this.config, inbound, counters, now -> engineAlive.test(now), engineInstance);
        final InboundPublisher publisher = new InboundPublisher(symbols, inbound, session, counters, lines);
        this.commands = commands;
        this.commandWriter = new CommandWriter(commands, session, counters);
        this.sockets = new SocketPoller(this.config, counters, session, publisher, engineInstance, lines);
    }

    /** Binds the listening socket without starting a thread (then {@link #doWork()} is the caller's); returns the port. */
    public int bind() throws IOException
    {
        boundPort = sockets.bind();
        return boundPort;
    }

    /** Binds and starts the gateway thread; returns the port (useful when configured as 0). */
    public int start() throws IOException
    {
        final int port = bind();
        runner = new AgentRunner(new GatewayIdleStrategy(sockets, commands, session::isRetrying, config.idleWaitMillis),
            this::onFatal, null, this);
        thread = AgentRunner.startOnThread(runner, task ->
        {
            final Thread t = new Thread(task, roleName());
            t.setUncaughtExceptionHandler((failed, error) -> { }); // already reported by onFatal
            return t;
        });
        return port;
    }

    public int port()
    {
        return boundPort;
    }

    /**
     * Heartbeats to the terminal vouch for the business thread, not just the gateway thread: when {@code alive}
     * is false they stop, and the Expert Advisor sees the engine as silent.
     */
    public Gateway heartbeatOnlyWhile(final LongPredicate alive)
    {
        this.engineAlive = alive;
        return this;
    }

    /**
     * Where the gateway's own lines go (the broker's symbol names at a handshake, refused symbols, failures),
     * called on the gateway thread: it must not block. Standard error by default, each line prefixed.
     */
    public Gateway log(final Consumer<String> log)
    {
        this.log = log;
        return this;
    }

    /**
     * Called on the gateway thread as it ends after a fatal failure, with a one-line reason (an alert, a log
     * line). It must not block. Never called on an orderly {@link #close()}.
     */
    public Gateway onThreadStopped(final Consumer<String> callback)
    {
        this.onThreadStopped = callback;
        return this;
    }

    @Override
    public String roleName()
    {
        return "ringfence-gateway";
    }

    /**
     * One duty cycle; returns the work done (0 lets the idle strategy back off). A failure is contained to its
     * connection; a {@link VirtualMachineError} or a broken selector ends the agent (then {@link #onClose()} runs).
     */
    @Override
    public int doWork()
    {
        try
        {
            return dutyCycle();
        }
        catch (final VirtualMachineError fatal)
        {
            onFatal(fatal);
            throw new AgentTerminationException(fatal);
        }
    }

    private int dutyCycle()
    {
        final long nowMillis = epochClock.time();
        final long nowNanos = nanoClock.nanoTime();
        int work = 0;
        try
        {
            work += session.settle(nowMillis);
            work += commandWriter.drain();
        }
        catch (final Throwable ex)
        {
            sockets.onFailure(session.connection(), ex, nowMillis);
        }
        work += sockets.poll(nowMillis, nowNanos);
        try
        {
            work += session.duties(nowMillis, nowNanos);
        }
        catch (final Throwable ex)
        {
            sockets.onFailure(session.connection(), ex, nowMillis);
        }
        return work + sockets.duties(nowMillis);
    }

    /** The runner's error handler: whatever reaches it ends the thread (see the failure policy). */
    private void onFatal(final Throwable fatal)
    {
        if (stoppedBecause != null)
        {
            return;
        }
        counters.threadFailures.incrementAndGet();
        final Throwable cause = fatal instanceof AgentTerminationException && fatal.getCause() != null ? fatal.getCause() : fatal;
        stoppedBecause = "the gateway thread has stopped: " + SocketPoller.describe(cause);
        try
        {
            log.accept(stoppedBecause);
        }
        catch (final RuntimeException ignored)
        {
            // A broken log must not keep the stop callback (the alert) from running.
        }
    }

    /** As the gateway thread ends: every socket closed, the engine told the terminal is gone, then the stop callback. */
    @Override
    public void onClose()
    {
        sockets.close(epochClock.time());
        final String reason = stoppedBecause;
        if (reason != null)
        {
            onThreadStopped.accept(reason);
        }
    }

    /** Stops the gateway thread (its {@link #onClose()} closes every socket), or closes them here when none ran. */
    @Override
    public void close()
    {
        if (runner != null)
        {
            sockets.wakeUp(); // out of its selector wait at once
            runner.close();
        }
        else
        {
            sockets.close(epochClock.time());
        }
    }

    // ------------------------------------------------------------------ views (any thread)

    /** True while the gateway thread runs and has not failed fatally: false means no terminal can connect. */
    public boolean isAlive()
    {
        final AgentRunner r = runner;
        final Thread t = thread;
        return r != null && !r.isClosed() && stoppedBecause == null && t != null && t.isAlive();
    }

    /** What the gateway counts and last saw (metrics, tests): readable from any thread. */
    public GatewayCounters counters()
    {
        return counters;
    }
}
