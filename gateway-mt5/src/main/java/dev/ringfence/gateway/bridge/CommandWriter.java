package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.DirectBuffer;

/**
 * The engine's commands, drained from the {@link CommandRing} at the start of every duty cycle, become frames in
 * the session's send buffer (flushed at the end of the cycle): a header, then the body as the business thread
 * wrote it. Before the engine knows a terminal is connected there is no one to send them to: they are dropped and
 * counted, and the engine's timeouts and lookups take over. Gateway thread only; allocates nothing.
 */
final class CommandWriter implements OrderCommands
{
    private final CommandRing commands;
    private final TerminalSession session;
    private final GatewayCounters counters;

    CommandWriter(final CommandRing commands, final TerminalSession session, final GatewayCounters counters)
    {
        this.commands = commands;
        this.session = session;
        this.counters = counters;
    }

    /** Every queued command, oldest first; returns how many. */
    int drain()
    {
        return commands.drainTo(this);
    }

    /** One command from the ring: framed into the send buffer, or dropped (and counted) without a terminal. */
    @Override
    public boolean send(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final int at = session.isAnnounced() ? session.reserve(length) : -1;
        if (at < 0)
        {
            counters.commandsDroppedDisconnected.incrementAndGet();
            return false;
        }
        session.commit(Wire.frame(session.buffer(), at, type, buffer, offset, length));
        return true;
    }
}
