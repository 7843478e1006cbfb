package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.wire.Wire;

/**
 * The engine's commands, drained from the {@link CommandRing} at the start of every duty cycle, become frames in
 * the session's send buffer (flushed at the end of the cycle). Before the engine knows a terminal is connected
 * there is no one to send them to: they are dropped and counted, and the engine's timeouts and lookups take
 * over. Gateway thread only; allocates nothing.
 */
final class CommandWriter implements CommandRing.CommandTarget
{
    private final SymbolTable symbols;
    private final CommandRing commands;
    private final CommandRing.Decoder decoder;
    private final TerminalSession session;
    private final GatewayCounters counters;

    CommandWriter(final SymbolTable symbols, final CommandRing commands, final TerminalSession session, final GatewayCounters counters)
    {
        this.symbols = symbols;
        this.commands = commands;
        this.decoder = new CommandRing.Decoder(this);
        this.session = session;
        this.counters = counters;
    }

    /** Every queued command, oldest first; returns how many. */
    int drain()
    {
        return commands.drainTo(decoder);
    }

    @Override
    public void placeOrder(final long clientOrderId, final int symbolId, final Side side, final double volume,
        final double stopLoss, final double takeProfit, final long expiresAtMillis)
    {
        final int at = reserve(Wire.ORDER_NEW);
        if (at >= 0)
        {
            session.commit(Wire.orderNew(session.buffer(), at, clientOrderId, symbols.name(symbolId), side == Side.BUY ? 0 : 1, volume,
                stopLoss, takeProfit, expiresAtMillis));
        }
    }

    @Override
    public void closePosition(final long clientOrderId, final long ticket, final int symbolId, final double volume)
    {
        final int at = reserve(Wire.CLOSE_POSITION);
        if (at >= 0)
        {
            session.commit(Wire.closePosition(session.buffer(), at, clientOrderId, ticket, volume));
        }
    }

    @Override
    public void resync(final long lookupClientOrderId)
    {
        final int at = reserve(Wire.RESYNC);
        if (at >= 0)
        {
            session.commit(Wire.resync(session.buffer(), at, lookupClientOrderId));
        }
    }

    private int reserve(final int type)
    {
        final int at = session.isAnnounced() ? session.reserve(Wire.bodyLength(type)) : -1;
        if (at < 0)
        {
            counters.commandsDroppedDisconnected.incrementAndGet();
        }
        return at;
    }
}
