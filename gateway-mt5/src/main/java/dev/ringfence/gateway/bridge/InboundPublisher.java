package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TerminalReports;
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
    private final TerminalReports inbound;
    private final TerminalSession session;
    private final GatewayCounters counters;
    private final Consumer<String> log;
    private final LineLimiter refusalLines = new LineLimiter(REFUSAL_LOG_INTERVAL_MILLIS, "more refusals not logged");
    // Flyweights over the frame being published (gateway thread only).
    private final Wire.Heartbeat heartbeat = new Wire.Heartbeat();
    private final Wire.Symbol symbol = new Wire.Symbol();
    private final Wire.Tick tick = new Wire.Tick();
    private final Wire.Account account = new Wire.Account();
    private final Wire.PositionsBegin positionsBegin = new Wire.PositionsBegin();
    private final Wire.Position position = new Wire.Position();
    private final Wire.OrderResult orderResult = new Wire.OrderResult();
    private final Wire.PositionClosed positionClosed = new Wire.PositionClosed();
    private final Wire.BalanceOperation balanceOperation = new Wire.BalanceOperation();
    private final Wire.Error error = new Wire.Error();
    /** The symbols whose broker name was logged in this session: one line each, however often the spec comes. */
    private final boolean[] symbolLogged;

    InboundPublisher(
        final SymbolTable symbols, final TerminalReports inbound, final TerminalSession session, final GatewayCounters counters,
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
                session.heartbeat(Wire.HEARTBEAT_ECHO, heartbeat.wrap(b, o).nanos());
                return true;
            case Wire.HEARTBEAT_ECHO:
                counters.lastRoundTripNanos = nowNanos - heartbeat.wrap(b, o).nanos();
                return true;
            case Wire.SYMBOL:
                return onSymbol(now, symbol.wrap(b, o));
            case Wire.TICK:
                return onTick(now, tick.wrap(b, o));
            case Wire.ACCOUNT:
                final Wire.Account a = account.wrap(b, o);
                return inbound.account(now, a.login(), a.balance(), a.equity(), a.margin(), a.freeMargin(), a.connected(),
                    a.timeMillis(), a.gmtOffsetSeconds(), a.tradePermissions());
            case Wire.POSITIONS_BEGIN:
                final int count = positionsBegin.wrap(b, o).count();
                if (count < 0 || count > 100_000)
                {
                    session.protocolError(now, Wire.ErrorCode.BAD_POSITION_COUNT, "BAD_POSITION_COUNT");
                    return true;
                }
                return inbound.positionsBegin(now, count);
            case Wire.POSITION:
                return onPosition(now, position.wrap(b, o));
            case Wire.ORDER_RESULT:
                final Wire.OrderResult r = orderResult.wrap(b, o);
                return inbound.orderResult(now, r.clientOrderId(), r.retcode(), r.ticket(), r.price(), r.volume(), r.profit());
            case Wire.POSITION_CLOSED:
                // The engine ignores a remaining volume it cannot read (the next snapshot settles the position).
                final Wire.PositionClosed c = positionClosed.wrap(b, o);
                return inbound.positionClosed(now, c.ticket(), c.profit(), c.reason(), c.closedVolume(), c.remainingVolume());
            case Wire.BALANCE_OPERATION:
                final Wire.BalanceOperation op = balanceOperation.wrap(b, o);
                if (!Double.isFinite(op.amount()))
                {
                    session.protocolError(now, Wire.ErrorCode.BAD_BALANCE_AMOUNT, "BAD_BALANCE_AMOUNT");
                    return true;
                }
                return inbound.balanceOperation(now, op.amount(), op.dealTicket());
            case Wire.ERROR:
                final Wire.Error e = error.wrap(b, o);
                counters.lastRefusal = "terminal error " + e.code() + ": " + e.reason();
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
    private boolean onSymbol(final long now, final Wire.Symbol spec)
    {
        final int symbolId = spec.symbolId(symbolNames);
        final double contractSize = spec.contractSize();
        final double volumeMin = spec.volumeMin();
        final double volumeStep = spec.volumeStep();
        final double volumeMax = spec.volumeMax();
        final int digits = spec.digits();
        if (!SymbolSpec.isUsable(contractSize, volumeMin, volumeStep, volumeMax, digits))
        {
            if (symbolId >= 0 && !inbound.symbolRefused(now, symbolId))
            {
                return false;
            }
            final String brokerSymbol = spec.brokerSymbol();
            if (symbolId >= 0)
            {
                counters.brokerSymbols.set(symbolId, brokerSymbol);
            }
            counters.badSymbols.incrementAndGet();
            final String name = spec.name();
            counters.lastRefusal = "refused the spec of " + name;
            if (refusalLines.due(now))
            {
                refusalLines.log("refused the terminal's spec of " + name + " (broker symbol " + brokerSymbol + "): contract size " +
                    contractSize + ", volume " + volumeMin + ".." + volumeMax + " step " + volumeStep + ", digits " + digits +
                    "; entries on it are denied until a valid spec arrives (ERROR 18 BAD_SYMBOL sent)", log);
            }
            session.error(Wire.ErrorCode.BAD_SYMBOL, "BAD_SYMBOL");
            return true;
        }
        if (symbolId < 0)
        {
            counters.unknownSymbols.incrementAndGet();
            return true;
        }
        if (!inbound.symbolSpec(now, symbolId, contractSize, volumeMin, volumeStep, volumeMax, digits, spec.fillingModes()))
        {
            return false;
        }
        final String brokerSymbol = spec.brokerSymbol();
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

    private boolean onTick(final long now, final Wire.Tick t)
    {
        final int symbolId = t.symbolId(symbolNames);
        final double bid = t.bid();
        final double ask = t.ask();
        if (symbolId < 0)
        {
            counters.unknownSymbols.incrementAndGet();
            return true;
        }
        if (!TerminalReports.isValidQuote(bid, ask))
        {
            session.protocolError(now, Wire.ErrorCode.BAD_TICK, "BAD_TICK");
            return true;
        }
        return inbound.tick(now, symbolId, bid, ask);
    }

    private boolean onPosition(final long now, final Wire.Position p)
    {
        final int side = p.side();
        if (side != 0 && side != 1)
        {
            session.protocolError(now, Wire.ErrorCode.BAD_SIDE, "BAD_SIDE");
            return true;
        }
        // A position in a symbol the engine does not trade is still exposure: it is published (id -1).
        final int symbolId = p.symbolId(symbolNames);
        if (!inbound.position(now, p.ticket(), symbolId, side == 0 ? Side.BUY : Side.SELL, p.volume(), p.openPrice(), p.profit(),
            p.magic()))
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
