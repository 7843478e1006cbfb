package dev.ringfence.gateway.sim;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The paper terminal's report port for the simulator: every report becomes a protocol frame in the
 * send buffer, as the Expert Advisor would send it. Connection status is the socket itself, and the
 * engine-only inputs (signals, timers, admin, config) have no frame: they are ignored here.
 */
final class WireReports implements InboundEvents
{
    /** MT5's DEAL_TYPE_BALANCE: the only kind of balance operation the paper broker makes. */
    private static final int DEAL_BALANCE = 2;

    private final SymbolTable symbols;
    private final ByteBuffer bytes;
    private final UnsafeBuffer buffer;

    WireReports(final SymbolTable symbols, final ByteBuffer bytes)
    {
        this.symbols = symbols;
        this.bytes = bytes;
        this.buffer = new UnsafeBuffer(bytes);
    }

    private boolean room(final int type)
    {
        return bytes.remaining() >= Wire.HEADER_LENGTH + Wire.bodyLength(type);
    }

    private boolean commit(final int length)
    {
        bytes.position(bytes.position() + length);
        return true;
    }

    @Override
    public boolean tick(final long timeMillis, final int symbolId, final double bid, final double ask)
    {
        return room(Wire.TICK) && commit(Wire.tick(buffer, bytes.position(), timeMillis, symbols.name(symbolId), bid, ask));
    }

    @Override
    public boolean account(final long timeMillis, final long login, final double balance, final double equity,
        final double margin, final double freeMargin, final boolean connected, final long reportTimeMillis, final int gmtOffset,
        final int tradePermissions)
    {
        return room(Wire.ACCOUNT) && commit(Wire.account(buffer, bytes.position(), reportTimeMillis, login, balance, equity,
            margin, freeMargin, connected, gmtOffset, tradePermissions));
    }

    @Override
    public boolean positionsBegin(final long timeMillis, final int count)
    {
        return room(Wire.POSITIONS_BEGIN) && commit(Wire.positionsBegin(buffer, bytes.position(), timeMillis, count));
    }

    @Override
    public boolean position(final long timeMillis, final long ticket, final int symbolId, final Side side, final double volume,
        final double openPrice, final double profit, final long magic)
    {
        return room(Wire.POSITION) && commit(Wire.position(buffer, bytes.position(), ticket, symbols.name(symbolId),
            side == Side.BUY ? 0 : 1, volume, openPrice, profit, magic));
    }

    @Override
    public boolean orderResult(final long timeMillis, final long clientOrderId, final int retcode, final long ticket,
        final double price, final double volume, final double profit)
    {
        return room(Wire.ORDER_RESULT) && commit(Wire.orderResult(buffer, bytes.position(), timeMillis, clientOrderId, retcode,
            ticket, price, volume, profit));
    }

    @Override
    public boolean positionClosed(final long timeMillis, final long ticket, final double profit, final CloseReason reason,
        final double closedVolume, final double remainingVolume)
    {
        return room(Wire.POSITION_CLOSED) && commit(Wire.positionClosed(buffer, bytes.position(), timeMillis, ticket, profit,
            Wire.closeReasonCode(reason), closedVolume, remainingVolume));
    }

    @Override
    public boolean balanceOperation(final long timeMillis, final double amount, final long dealTicket)
    {
        return room(Wire.BALANCE_OPERATION) && commit(Wire.balanceOperation(buffer, bytes.position(), timeMillis, amount, dealTicket,
            DEAL_BALANCE));
    }

    /** A symbol's spec; the paper broker names its symbols as the engine does. */
    @Override
    public boolean symbolSpec(final long timeMillis, final int symbolId, final double contractSize, final double volumeMin,
        final double volumeStep, final double volumeMax, final int digits, final int fillingModes)
    {
        return room(Wire.SYMBOL) && commit(Wire.symbol(buffer, bytes.position(), symbols.name(symbolId), contractSize, volumeMin,
            volumeStep, volumeMax, digits, fillingModes, symbols.name(symbolId)));
    }

    @Override
    public boolean symbolRefused(final long timeMillis, final int symbolId)
    {
        return true; // the gateway's verdict: a terminal never reports one
    }

    @Override
    public boolean terminalStatus(final long timeMillis, final boolean connected)
    {
        return true;
    }

    @Override
    public boolean signal(final long t, final String id, final int s, final Side side, final double v, final double sl,
        final double tp, final long ttl, final long source)
    {
        return true;
    }

    @Override
    public boolean timer(final long timeMillis)
    {
        return true;
    }

    @Override
    public boolean admin(final long timeMillis, final AdminCommand command, final String actor)
    {
        return true;
    }

    @Override
    public boolean config(final long timeMillis, final String configText)
    {
        return true;
    }

    @Override
    public boolean journalGap(final long timeMillis, final int lost)
    {
        return true; // the engine's own input: a terminal never reports one
    }
}
