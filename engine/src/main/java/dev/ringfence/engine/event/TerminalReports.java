package dev.ringfence.engine.event;

import dev.ringfence.engine.config.SymbolSpec;

/**
 * What a terminal reports: the port of the gateway, the simulated terminal and the paper terminal, which can
 * publish nothing else through it. Each call fills one {@link InboundEvent} in place and returns {@code false}, without blocking, when it
 * was not accepted (the ring is full): the caller retries, pauses or counts the loss. Times are epoch
 * milliseconds of event time; a {@code symbolId} of {@code -1} is a symbol the engine does not trade.
 */
public final class TerminalReports
{
    private final InboundSlots slots;

    public TerminalReports(final InboundSlots slots)
    {
        this.slots = slots;
    }

    /**
     * Whether a quote can be priced against: {@code 0 < bid <= ask}, both finite (NaN fails). Whoever takes quotes from
     * outside (the gateway, a scenario file, the paper terminal) refuses the others before they reach a port.
     */
    public static boolean isValidQuote(final double bid, final double ask)
    {
        return bid > 0 && ask >= bid && ask < Double.POSITIVE_INFINITY;
    }

    public boolean tick(final long timeMillis, final int symbolId, final double bid, final double ask)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.TICK, timeMillis);
        if (e != null)
        {
            e.symbolId = symbolId;
            e.bid = bid;
            e.ask = ask;
        }
        return slots.publish(e);
    }

    /** {@code tradePermissions}: the terminal's {@link TradePermissions} bitmask ({@link TradePermissions#ALL}: may trade). */
    public boolean account(
        final long timeMillis,
        final long login,
        final double balance,
        final double equity,
        final double margin,
        final double freeMargin,
        final boolean connected,
        final long reportTimeMillis,
        final int serverGmtOffsetSeconds,
        final int tradePermissions)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.ACCOUNT, timeMillis);
        if (e != null)
        {
            e.login = login;
            e.balance = balance;
            e.equity = equity;
            e.margin = margin;
            e.freeMargin = freeMargin;
            e.connected = connected;
            e.reportTimeMillis = reportTimeMillis;
            e.serverGmtOffsetSeconds = serverGmtOffsetSeconds;
            e.tradePermissions = tradePermissions;
        }
        return slots.publish(e);
    }

    /** Opens a positions snapshot: {@code count} {@link #position} reports follow. */
    public boolean positionsBegin(final long timeMillis, final int count)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.POSITIONS_BEGIN, timeMillis);
        if (e != null)
        {
            e.count = count;
        }
        return slots.publish(e);
    }

    public boolean position(
        final long timeMillis,
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double openPrice,
        final double profit,
        final long magic)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.POSITION, timeMillis);
        if (e != null)
        {
            e.ticket = ticket;
            e.symbolId = symbolId;
            e.side(side);
            e.volume = volume;
            e.price = openPrice;
            e.profit = profit;
            e.magic = magic;
        }
        return slots.publish(e);
    }

    public boolean orderResult(
        final long timeMillis,
        final long clientOrderId,
        final int retcode,
        final long ticket,
        final double price,
        final double volume,
        final double profit)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.ORDER_RESULT, timeMillis);
        if (e != null)
        {
            e.clientOrderId = clientOrderId;
            e.retcode = retcode;
            e.ticket = ticket;
            e.price = price;
            e.volume = volume;
            e.profit = profit;
        }
        return slots.publish(e);
    }

    /**
     * A deal closed (part of) a position. {@code profit} is the deal's own; {@code closedVolume} the volume it
     * closed (0 when not reported); {@code remainingVolume} what stays open: 0 means the position is gone.
     */
    public boolean positionClosed(
        final long timeMillis,
        final long ticket,
        final double profit,
        final CloseReason reason,
        final double closedVolume,
        final double remainingVolume)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.POSITION_CLOSED, timeMillis);
        if (e != null)
        {
            e.ticket = ticket;
            e.profit = profit;
            e.closeReason(reason);
            e.volume = closedVolume;
            e.remainingVolume = remainingVolume;
        }
        return slots.publish(e);
    }

    /** The terminal connected or disconnected; a terminal of this protocol reports its symbol specs. */
    public boolean terminalStatus(final long timeMillis, final boolean connected)
    {
        return terminalStatus(timeMillis, connected, true);
    }

    /** {@code reportsSymbolSpecs} is false only for sessions journaled before terminals reported their specs. */
    public boolean terminalStatus(final long timeMillis, final boolean connected, final boolean reportsSymbolSpecs)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.TERMINAL_STATUS, timeMillis);
        if (e != null)
        {
            e.connected = connected;
            e.reportsSymbolSpecs = reportsSymbolSpecs;
        }
        return slots.publish(e);
    }

    /** A deposit (positive) or withdrawal; {@code dealTicket}: the broker's deal, each applied once (0 when none). */
    public boolean balanceOperation(final long timeMillis, final double amount, final long dealTicket)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.BALANCE_OPERATION, timeMillis);
        if (e != null)
        {
            e.amount = amount;
            e.ticket = dealTicket;
        }
        return slots.publish(e);
    }

    /** The terminal's spec of a symbol the engine trades, already checked (finite, positive, in range) by the gateway. */
    public boolean symbolSpec(
        final long timeMillis,
        final int symbolId,
        final double contractSize,
        final double volumeMin,
        final double volumeStep,
        final double volumeMax,
        final int digits,
        final int fillingModes)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.SYMBOL_SPEC, timeMillis);
        if (e != null)
        {
            e.symbolId = symbolId;
            e.contractSize = contractSize;
            e.volumeMin = volumeMin;
            e.volumeStep = volumeStep;
            e.volumeMax = volumeMax;
            e.digits = digits;
            e.fillingModes = fillingModes;
        }
        return slots.publish(e);
    }

    /** A configured spec as the terminal's own: what the paper terminal reports, and where tests start from. */
    public boolean symbolSpec(final long timeMillis, final int symbolId, final SymbolSpec spec)
    {
        return symbolSpec(timeMillis, symbolId, spec.contractSize(), spec.volumeMin(), spec.volumeStep(), spec.volumeMax(),
            spec.digits(), spec.fillingModes());
    }

    /** The terminal sent a spec for this symbol that the gateway refused: entries on it are denied. */
    public boolean symbolRefused(final long timeMillis, final int symbolId)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.SYMBOL_REFUSED, timeMillis);
        if (e != null)
        {
            e.symbolId = symbolId;
        }
        return slots.publish(e);
    }
}
