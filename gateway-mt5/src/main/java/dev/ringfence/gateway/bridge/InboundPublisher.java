package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.wire.SymbolNames;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.Consumer;

/**
 * The terminal's frames, checked field by field, become inbound events on the engine's ring. A malformed frame
 * closes the session (the engine sees the terminal disconnect and reconciles after it comes back), is counted,
 * and never becomes an event. A SYMBOL whose spec cannot be traded on is the one refusal that keeps the
 * connection: counted, logged, answered ERROR 18 {@code BAD_SYMBOL}, and the engine is told only that it was
 * refused (entries on that symbol are denied), so the other symbols still trade.
 *
 * <p>A full ring is back-pressure, never a drop and never a wait: the frame is not taken, the reader pauses
 * with it first in its buffer, and it is offered again in a later duty cycle ({@link TerminalSession}). So
 * every side effect of a frame (a count, a log line, an ERROR) happens only after its event was published.
 * Gateway thread only; ticks, account reports and results allocate nothing.
 */
final class InboundPublisher
{
    private static final long REFUSAL_LOG_INTERVAL_MILLIS = 1_000;

    private final SymbolTable symbols;
    private final SymbolNames symbolNames;
    private final InboundEvents inbound;
    private final TerminalSession session;
    private final GatewayCounters counters;
    private final Consumer<String> log;
    private final LineLimiter refusalLines = new LineLimiter(REFUSAL_LOG_INTERVAL_MILLIS, "more refusals not logged");
    /** The symbols whose broker name was logged in this session: one line each, however often the spec comes. */
    private final boolean[] symbolLogged;

    InboundPublisher(
        final SymbolTable symbols, final InboundEvents inbound, final TerminalSession session, final GatewayCounters counters,
        final Consumer<String> log)
    {
        this.symbols = symbols;
        this.symbolNames = new SymbolNames(symbols);
        this.inbound = inbound;
        this.session = session;
        this.counters = counters;
        this.log = log;
        this.symbolLogged = new boolean[symbols.size()];
    }

    /** A new terminal names the symbols anew. */
    void newSession()
    {
        for (int i = 0; i < symbolLogged.length; i++)
        {
            counters.brokerSymbols.set(i, "");
            symbolLogged[i] = false;
        }
    }

    /** One frame of the terminal. {@code nowMillis} and {@code nowNanos} are the duty cycle's clock. */
    void onFrame(final Connection connection, final int type, final UnsafeBuffer b, final int o, final long nowMillis, final long nowNanos)
    {
        session.received(nowMillis);
        if (!session.isAnnounced() || !publish(type, b, o, nowMillis, nowNanos))
        {
            connection.reader.pause(); // the ring is full: this frame and the rest wait, and so does the socket
        }
    }

    /** False when the ring refused the event: nothing of the frame was done. */
    private boolean publish(final int type, final UnsafeBuffer b, final int o, final long now, final long nowNanos)
    {
        switch (type)
        {
            case Wire.HEARTBEAT:
                session.heartbeat(Wire.HEARTBEAT_ECHO, b.getLong(o + Wire.Heartbeat.NANOS, Wire.ORDER));
                return true;
            case Wire.HEARTBEAT_ECHO:
                counters.lastRoundTripNanos = nowNanos - b.getLong(o + Wire.Heartbeat.NANOS, Wire.ORDER);
                return true;
            case Wire.SYMBOL:
                return onSymbol(now, b, o);
            case Wire.TICK:
                return onTick(now, b, o);
            case Wire.ACCOUNT:
                return inbound.account(now, b.getLong(o + Wire.Account.LOGIN, Wire.ORDER),
                    b.getDouble(o + Wire.Account.BALANCE, Wire.ORDER), b.getDouble(o + Wire.Account.EQUITY, Wire.ORDER),
                    b.getDouble(o + Wire.Account.MARGIN, Wire.ORDER), b.getDouble(o + Wire.Account.FREE_MARGIN, Wire.ORDER),
                    b.getInt(o + Wire.Account.CONNECTED, Wire.ORDER) != 0, b.getLong(o + Wire.Account.TIME_MILLIS, Wire.ORDER),
                    b.getInt(o + Wire.Account.GMT_OFFSET_SECONDS, Wire.ORDER), b.getInt(o + Wire.Account.TRADE_PERMISSIONS, Wire.ORDER));
            case Wire.POSITIONS_BEGIN:
                final int count = b.getInt(o + Wire.PositionsBegin.COUNT, Wire.ORDER);
                if (count < 0 || count > 100_000)
                {
                    session.protocolError(now, Wire.ErrorCode.BAD_POSITION_COUNT, "BAD_POSITION_COUNT");
                    return true;
                }
                return inbound.positionsBegin(now, count);
            case Wire.POSITION:
                return onPosition(now, b, o);
            case Wire.ORDER_RESULT:
                return inbound.orderResult(now, b.getLong(o + Wire.OrderResult.CLIENT_ORDER_ID, Wire.ORDER),
                    b.getInt(o + Wire.OrderResult.RETCODE, Wire.ORDER), b.getLong(o + Wire.OrderResult.TICKET, Wire.ORDER),
                    b.getDouble(o + Wire.OrderResult.PRICE, Wire.ORDER), b.getDouble(o + Wire.OrderResult.VOLUME, Wire.ORDER),
                    b.getDouble(o + Wire.OrderResult.PROFIT, Wire.ORDER));
            case Wire.POSITION_CLOSED:
                // The engine ignores a remaining volume it cannot read (the next snapshot settles the position).
                return inbound.positionClosed(now, b.getLong(o + Wire.PositionClosed.TICKET, Wire.ORDER),
                    b.getDouble(o + Wire.PositionClosed.PROFIT, Wire.ORDER),
                    Wire.closeReason(b.getInt(o + Wire.PositionClosed.REASON, Wire.ORDER)),
                    b.getDouble(o + Wire.PositionClosed.CLOSED_VOLUME, Wire.ORDER),
                    b.getDouble(o + Wire.PositionClosed.REMAINING_VOLUME, Wire.ORDER));
            case Wire.BALANCE_OPERATION:
                final double amount = b.getDouble(o + Wire.BalanceOperation.AMOUNT, Wire.ORDER);
                if (!Double.isFinite(amount))
                {
                    session.protocolError(now, Wire.ErrorCode.BAD_BALANCE_AMOUNT, "BAD_BALANCE_AMOUNT");
                    return true;
                }
                return inbound.balanceOperation(now, amount, b.getLong(o + Wire.BalanceOperation.DEAL_TICKET, Wire.ORDER));
            case Wire.ERROR:
                counters.lastRefusal = "terminal error " + b.getInt(o + Wire.Error.CODE, Wire.ORDER) + ": " +
                    Wire.ascii(b, o + Wire.Error.REASON, Wire.REASON_LENGTH);
                return true;
            default:
                session.protocolError(now, Wire.ErrorCode.UNEXPECTED_MESSAGE, "UNEXPECTED_MESSAGE");
                return true;
        }
    }

    /**
     * A symbol's spec, sent after each HELLO. One that cannot be traded on (SymbolSpec.isUsable: contract size and
     * volume min, step and max finite and above 0, min not above max, digits 0..10) is refused: counted, one log
     * line, ERROR 18 BAD_SYMBOL, and the engine learns only that it was refused; the connection stays, so the other
     * symbols still trade. A usable spec of a symbol the engine does not trade is counted as unknown; a usable one
     * of a symbol it trades goes to the engine, and its broker name is logged once per session (again only if it
     * changes). Handshake traffic: the broker name and the log lines allocate.
     */
    private boolean onSymbol(final long now, final UnsafeBuffer b, final int o)
    {
        final int symbolId = symbolNames.idOf(b, o + Wire.Symbol.NAME);
        final double contractSize = b.getDouble(o + Wire.Symbol.CONTRACT_SIZE, Wire.ORDER);
        final double volumeMin = b.getDouble(o + Wire.Symbol.VOLUME_MIN, Wire.ORDER);
        final double volumeStep = b.getDouble(o + Wire.Symbol.VOLUME_STEP, Wire.ORDER);
        final double volumeMax = b.getDouble(o + Wire.Symbol.VOLUME_MAX, Wire.ORDER);
        final int digits = b.getInt(o + Wire.Symbol.DIGITS, Wire.ORDER);
        if (!SymbolSpec.isUsable(contractSize, volumeMin, volumeStep, volumeMax, digits))
        {
            if (symbolId >= 0 && !inbound.symbolRefused(now, symbolId))
            {
                return false;
            }
            final String brokerSymbol = Wire.ascii(b, o + Wire.Symbol.BROKER_SYMBOL, Wire.BROKER_SYMBOL_LENGTH);
            if (symbolId >= 0)
            {
                counters.brokerSymbols.set(symbolId, brokerSymbol);
            }
            counters.badSymbols.incrementAndGet();
            final String name = Wire.ascii(b, o + Wire.Symbol.NAME, Wire.SYMBOL_LENGTH);
            counters.lastRefusal = "refused the spec of " + name;
            refusalLines.line(now, "refused the terminal's spec of " + name + " (broker symbol " + brokerSymbol + "): contract size " +
                contractSize + ", volume " + volumeMin + ".." + volumeMax + " step " + volumeStep + ", digits " + digits +
                "; entries on it are denied until a valid spec arrives (ERROR 18 BAD_SYMBOL sent)", log);
            session.error(Wire.ErrorCode.BAD_SYMBOL, "BAD_SYMBOL");
            return true;
        }
        if (symbolId < 0)
        {
            counters.unknownSymbols.incrementAndGet();
            return true;
        }
        if (!inbound.symbolSpec(now, symbolId, contractSize, volumeMin, volumeStep, volumeMax, digits,
            b.getInt(o + Wire.Symbol.FILLING_MODES, Wire.ORDER)))
        {
            return false;
        }
        final String brokerSymbol = Wire.ascii(b, o + Wire.Symbol.BROKER_SYMBOL, Wire.BROKER_SYMBOL_LENGTH);
        final boolean renamed = !brokerSymbol.equals(counters.brokerSymbols.getAndSet(symbolId, brokerSymbol));
        if (!symbolLogged[symbolId] || renamed)
        {
            symbolLogged[symbolId] = true;
            log.accept("symbol " + symbols.name(symbolId) + " is " + (brokerSymbol.isEmpty() ? "(unnamed)" : brokerSymbol) +
                " at the broker: contract " + contractSize + ", volume " + volumeMin + ".." + volumeMax + " step " + volumeStep +
                ", " + digits + " digits");
        }
        return true;
    }

    private boolean onTick(final long now, final UnsafeBuffer b, final int o)
    {
        final int symbolId = symbolNames.idOf(b, o + Wire.Tick.SYMBOL);
        final double bid = b.getDouble(o + Wire.Tick.BID, Wire.ORDER);
        final double ask = b.getDouble(o + Wire.Tick.ASK, Wire.ORDER);
        if (symbolId < 0)
        {
            counters.unknownSymbols.incrementAndGet();
            return true;
        }
        if (!(bid > 0) || !(ask >= bid) || Double.isInfinite(ask))
        {
            session.protocolError(now, Wire.ErrorCode.BAD_TICK, "BAD_TICK");
            return true;
        }
        return inbound.tick(now, symbolId, bid, ask);
    }

    private boolean onPosition(final long now, final UnsafeBuffer b, final int o)
    {
        final int side = b.getInt(o + Wire.Position.SIDE, Wire.ORDER);
        if (side != 0 && side != 1)
        {
            session.protocolError(now, Wire.ErrorCode.BAD_SIDE, "BAD_SIDE");
            return true;
        }
        // A position in a symbol the engine does not trade is still exposure: it is published (id -1).
        final int symbolId = symbolNames.idOf(b, o + Wire.Position.SYMBOL);
        if (!inbound.position(now, b.getLong(o + Wire.Position.TICKET, Wire.ORDER), symbolId, side == 0 ? Side.BUY : Side.SELL,
            b.getDouble(o + Wire.Position.VOLUME, Wire.ORDER), b.getDouble(o + Wire.Position.OPEN_PRICE, Wire.ORDER),
            b.getDouble(o + Wire.Position.PROFIT, Wire.ORDER), b.getLong(o + Wire.Position.MAGIC, Wire.ORDER)))
        {
            return false;
        }
        if (symbolId < 0)
        {
            counters.unknownSymbols.incrementAndGet();
        }
        return true;
    }
}
