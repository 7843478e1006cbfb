package dev.ringfence.gateway.wire;

import dev.ringfence.engine.command.BodyDecoder;
import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.Commands;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.event.CloseReason;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The bridge protocol (PROTOCOL.md, version 2): frame header, message types, the codes of ERROR, and one nested
 * class per message holding its field offsets and a flyweight decoder over its body ({@link Body}); the static
 * encoders write whole frames. This is the one place a layout is written down, but for the engine's commands
 * (ORDER_NEW, CLOSE_POSITION, RESYNC): their layouts are the engine's ({@code dev.ringfence.engine.command}), the
 * business thread writes their bodies, and {@link #frame} puts a header before those bytes as they are. The
 * gateway, the simulated terminal and the tests encode and decode only through these. Everything is
 * little-endian and fixed-size, the shape the Expert Advisor copies to and from its structs. Encoding and field
 * access allocate nothing.
 *
 * <p>Longer than most classes on purpose: the whole protocol reads top to bottom beside PROTOCOL.md's table, and
 * {@code ProtocolDocumentTest} checks the two against each other.
 */
public final class Wire
{
    public static final ByteOrder ORDER = Commands.ORDER;
    /** The only version the gateway speaks: a frame of any other is answered ERROR {@code VERSION} and closed. */
    public static final int VERSION = 2;
    public static final int HEADER_LENGTH = 8;
    public static final int MAX_FRAME_LENGTH = 4096;

    public static final int HELLO = 1;
    public static final int HELLO_ACK = 2;
    public static final int HEARTBEAT = 3;
    public static final int HEARTBEAT_ECHO = 4;
    public static final int SYMBOL = 5;
    public static final int TICK = 6;
    public static final int ACCOUNT = 7;
    public static final int POSITIONS_BEGIN = 8;
    public static final int POSITION = 9;
    public static final int ORDER_RESULT = 10;
    public static final int POSITION_CLOSED = 11;
    public static final int BALANCE_OPERATION = 12;
    public static final int ORDER_NEW = OrderNew.TYPE;
    public static final int CLOSE_POSITION = ClosePosition.TYPE;
    public static final int RESYNC = Resync.TYPE;
    public static final int ERROR = 30;

    public static final int SYMBOL_LENGTH = SymbolNames.LENGTH;
    public static final int BROKER_SYMBOL_LENGTH = 32;
    public static final int SERVER_LENGTH = 32;
    public static final int CURRENCY_LENGTH = 4;
    public static final int SECRET_LENGTH = 32;
    public static final int REASON_LENGTH = 32;

    /**
     * A flyweight over one message's body: {@code wrap} it at the body's offset, then read fields by name. Holds
     * no data of its own, allocates nothing (except the String getters, for handshakes, errors and logs). One
     * instance per reader thread, reused for every frame.
     */
    public abstract static class Body extends BodyDecoder
    {
        protected final String text(final int field, final int size)
        {
            return ascii(buffer, offset + field, size);
        }
    }

    /** HELLO (1), EA to engine. */
    public static final class Hello extends Body
    {
        public static final int LOGIN = 0;
        public static final int INSTANCE_ID = 8;
        public static final int GMT_OFFSET_SECONDS = 16;
        /** 0 netting, 2 hedging. */
        public static final int MARGIN_MODE = 20;
        public static final int SERVER = 24;
        public static final int CURRENCY = 56;
        public static final int SECRET = 60;
        public static final int LENGTH = 92;

        public Hello wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long login()
        {
            return int64(LOGIN);
        }

        public long instanceId()
        {
            return int64(INSTANCE_ID);
        }

        public int gmtOffsetSeconds()
        {
            return int32(GMT_OFFSET_SECONDS);
        }

        public int marginMode()
        {
            return int32(MARGIN_MODE);
        }

        public String server()
        {
            return text(SERVER, SERVER_LENGTH);
        }

        public String currency()
        {
            return text(CURRENCY, CURRENCY_LENGTH);
        }

        public boolean secretEquals(final byte[] expected)
        {
            return Wire.secretEquals(buffer, offset + SECRET, expected);
        }
    }

    /** HELLO_ACK (2), engine to EA. */
    public static final class HelloAck extends Body
    {
        public static final int ACCEPTED = 0;
        public static final int PROTOCOL_VERSION = 4;
        public static final int ENGINE_INSTANCE = 8;
        public static final int REASON = 16;
        public static final int LENGTH = 48;

        public HelloAck wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public boolean accepted()
        {
            return int32(ACCEPTED) == 1;
        }

        public int protocolVersion()
        {
            return int32(PROTOCOL_VERSION);
        }

        public long engineInstance()
        {
            return int64(ENGINE_INSTANCE);
        }

        public String reason()
        {
            return text(REASON, REASON_LENGTH);
        }
    }

    /** HEARTBEAT (3) and HEARTBEAT_ECHO (4), both ways. */
    public static final class Heartbeat extends Body
    {
        public static final int NANOS = 0;
        public static final int LENGTH = 8;

        public Heartbeat wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long nanos()
        {
            return int64(NANOS);
        }
    }

    /** SYMBOL (5), EA to engine: the spec of one symbol, under the engine's name and the broker's. */
    public static final class Symbol extends Body
    {
        /** The engine's name (e.g. EURUSD). */
        public static final int NAME = 0;
        public static final int CONTRACT_SIZE = 16;
        public static final int VOLUME_MIN = 24;
        public static final int VOLUME_STEP = 32;
        public static final int VOLUME_MAX = 40;
        public static final int DIGITS = 48;
        public static final int FILLING_MODES = 52;
        /** The broker's name the EA resolved (e.g. EURUSD.m). */
        public static final int BROKER_SYMBOL = 56;
        public static final int LENGTH = 88;

        public Symbol wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public int symbolId(final SymbolNames names)
        {
            return symbolId(names, NAME);
        }

        public String name()
        {
            return text(NAME, SYMBOL_LENGTH);
        }

        public double contractSize()
        {
            return float64(CONTRACT_SIZE);
        }

        public double volumeMin()
        {
            return float64(VOLUME_MIN);
        }

        public double volumeStep()
        {
            return float64(VOLUME_STEP);
        }

        public double volumeMax()
        {
            return float64(VOLUME_MAX);
        }

        public int digits()
        {
            return int32(DIGITS);
        }

        public int fillingModes()
        {
            return int32(FILLING_MODES);
        }

        public String brokerSymbol()
        {
            return text(BROKER_SYMBOL, BROKER_SYMBOL_LENGTH);
        }
    }

    /** TICK (6), EA to engine. */
    public static final class Tick extends Body
    {
        public static final int TIME_MILLIS = 0;
        public static final int SYMBOL = 8;
        public static final int BID = 24;
        public static final int ASK = 32;
        public static final int LENGTH = 40;

        public Tick wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long timeMillis()
        {
            return int64(TIME_MILLIS);
        }

        public int symbolId(final SymbolNames names)
        {
            return symbolId(names, SYMBOL);
        }

        public double bid()
        {
            return float64(BID);
        }

        public double ask()
        {
            return float64(ASK);
        }
    }

    /** ACCOUNT (7), EA to engine. */
    public static final class Account extends Body
    {
        public static final int TIME_MILLIS = 0;
        public static final int LOGIN = 8;
        public static final int BALANCE = 16;
        public static final int EQUITY = 24;
        public static final int MARGIN = 32;
        public static final int FREE_MARGIN = 40;
        public static final int CONNECTED = 48;
        public static final int GMT_OFFSET_SECONDS = 52;
        /** Bitmask: 1 terminal, 2 program, 4 account, 8 expert; 15 = trading permitted (TradePermissions). */
        public static final int TRADE_PERMISSIONS = 56;
        public static final int RESERVED = 60;
        public static final int LENGTH = 64;

        public Account wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long timeMillis()
        {
            return int64(TIME_MILLIS);
        }

        public long login()
        {
            return int64(LOGIN);
        }

        public double balance()
        {
            return float64(BALANCE);
        }

        public double equity()
        {
            return float64(EQUITY);
        }

        public double margin()
        {
            return float64(MARGIN);
        }

        public double freeMargin()
        {
            return float64(FREE_MARGIN);
        }

        public boolean connected()
        {
            return int32(CONNECTED) != 0;
        }

        public int gmtOffsetSeconds()
        {
            return int32(GMT_OFFSET_SECONDS);
        }

        public int tradePermissions()
        {
            return int32(TRADE_PERMISSIONS);
        }
    }

    /** POSITIONS_BEGIN (8), EA to engine. */
    public static final class PositionsBegin extends Body
    {
        public static final int TIME_MILLIS = 0;
        public static final int COUNT = 8;
        public static final int RESERVED = 12;
        public static final int LENGTH = 16;

        public PositionsBegin wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long timeMillis()
        {
            return int64(TIME_MILLIS);
        }

        public int count()
        {
            return int32(COUNT);
        }
    }

    /** POSITION (9), EA to engine. */
    public static final class Position extends Body
    {
        public static final int TICKET = 0;
        public static final int SYMBOL = 8;
        /** 0 buy, 1 sell. */
        public static final int SIDE = 24;
        public static final int RESERVED = 28;
        public static final int VOLUME = 32;
        public static final int OPEN_PRICE = 40;
        public static final int PROFIT = 48;
        public static final int MAGIC = 56;
        public static final int LENGTH = 64;

        public Position wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long ticket()
        {
            return int64(TICKET);
        }

        public int symbolId(final SymbolNames names)
        {
            return symbolId(names, SYMBOL);
        }

        public int side()
        {
            return int32(SIDE);
        }

        public double volume()
        {
            return float64(VOLUME);
        }

        public double openPrice()
        {
            return float64(OPEN_PRICE);
        }

        public double profit()
        {
            return float64(PROFIT);
        }

        public long magic()
        {
            return int64(MAGIC);
        }
    }

    /** ORDER_RESULT (10), EA to engine. */
    public static final class OrderResult extends Body
    {
        public static final int TIME_MILLIS = 0;
        public static final int CLIENT_ORDER_ID = 8;
        public static final int RETCODE = 16;
        public static final int RESERVED = 20;
        public static final int TICKET = 24;
        public static final int PRICE = 32;
        public static final int VOLUME = 40;
        public static final int PROFIT = 48;
        public static final int LENGTH = 56;

        public OrderResult wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long timeMillis()
        {
            return int64(TIME_MILLIS);
        }

        public long clientOrderId()
        {
            return int64(CLIENT_ORDER_ID);
        }

        public int retcode()
        {
            return int32(RETCODE);
        }

        public long ticket()
        {
            return int64(TICKET);
        }

        public double price()
        {
            return float64(PRICE);
        }

        public double volume()
        {
            return float64(VOLUME);
        }

        public double profit()
        {
            return float64(PROFIT);
        }
    }

    /** POSITION_CLOSED (11), EA to engine: a deal closed all or part of a position. */
    public static final class PositionClosed extends Body
    {
        public static final int TIME_MILLIS = 0;
        /** The position id. */
        public static final int TICKET = 8;
        /** Profit, swap, commission and fee of the closing deal(s). */
        public static final int PROFIT = 16;
        /** See {@link #closeReason(int)}. */
        public static final int REASON = 24;
        public static final int RESERVED = 28;
        /** The volume this deal closed. */
        public static final int CLOSED_VOLUME = 32;
        /** 0: the position is gone; more: a partial close, the position stays open with this volume. */
        public static final int REMAINING_VOLUME = 40;
        public static final int LENGTH = 48;

        public PositionClosed wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long timeMillis()
        {
            return int64(TIME_MILLIS);
        }

        public long ticket()
        {
            return int64(TICKET);
        }

        public double profit()
        {
            return float64(PROFIT);
        }

        public CloseReason reason()
        {
            return closeReason(int32(REASON));
        }

        public double closedVolume()
        {
            return float64(CLOSED_VOLUME);
        }

        public double remainingVolume()
        {
            return float64(REMAINING_VOLUME);
        }
    }

    /** BALANCE_OPERATION (12), EA to engine. */
    public static final class BalanceOperation extends Body
    {
        public static final int TIME_MILLIS = 0;
        public static final int AMOUNT = 8;
        /** The broker's deal ticket; each deal is reported once. */
        public static final int DEAL_TICKET = 16;
        /** MT5's ENUM_DEAL_TYPE: 2 balance, 3 credit, 6 bonus. */
        public static final int DEAL_TYPE = 24;
        public static final int RESERVED = 28;
        public static final int LENGTH = 32;

        public BalanceOperation wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long timeMillis()
        {
            return int64(TIME_MILLIS);
        }

        public double amount()
        {
            return float64(AMOUNT);
        }

        public long dealTicket()
        {
            return int64(DEAL_TICKET);
        }

        public int dealType()
        {
            return int32(DEAL_TYPE);
        }
    }

    /** ERROR (30), both ways. */
    public static final class Error extends Body
    {
        public static final int CODE = 0;
        public static final int RESERVED = 4;
        public static final int REASON = 8;
        public static final int LENGTH = 40;

        public Error wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public int code()
        {
            return int32(CODE);
        }

        public String reason()
        {
            return text(REASON, REASON_LENGTH);
        }
    }

    /** The codes of ERROR the gateway sends (the reason field carries the name). */
    public static final class ErrorCode
    {
        public static final int BAD_LENGTH = 1;
        public static final int VERSION = 2;
        public static final int UNKNOWN_TYPE = 3;
        public static final int WRONG_BODY_LENGTH = 4;
        public static final int HELLO_EXPECTED = 10;
        public static final int BAD_POSITION_COUNT = 11;
        public static final int BAD_BALANCE_AMOUNT = 12;
        public static final int UNEXPECTED_MESSAGE = 13;
        public static final int BAD_TICK = 14;
        public static final int BAD_SIDE = 15;
        public static final int HANDSHAKE_TIMEOUT = 16;
        public static final int TOO_MANY_HANDSHAKES = 17;
        /** A SYMBOL whose spec cannot be traded on: refused, the connection kept. */
        public static final int BAD_SYMBOL = 18;
    }

    /** POSITION_CLOSED's reason codes, by value. */
    private static final CloseReason[] CLOSE_REASONS = {
        CloseReason.GUARD_FLATTEN, CloseReason.STOP_LOSS, CloseReason.TAKE_PROFIT, CloseReason.MANUAL,
        CloseReason.STOP_OUT, CloseReason.ENGINE, CloseReason.UNKNOWN, CloseReason.LOCAL_FLOOR};

    private Wire()
    {
    }

    /** The body length of a message type, or -1 for a type this version does not have. */
    public static int bodyLength(final int type)
    {
        switch (type)
        {
            case HELLO: return Hello.LENGTH;
            case HELLO_ACK: return HelloAck.LENGTH;
            case HEARTBEAT:
            case HEARTBEAT_ECHO:
                return Heartbeat.LENGTH;
            case SYMBOL: return Symbol.LENGTH;
            case TICK: return Tick.LENGTH;
            case ACCOUNT: return Account.LENGTH;
            case POSITIONS_BEGIN: return PositionsBegin.LENGTH;
            case POSITION: return Position.LENGTH;
            case ORDER_RESULT: return OrderResult.LENGTH;
            case POSITION_CLOSED: return PositionClosed.LENGTH;
            case BALANCE_OPERATION: return BalanceOperation.LENGTH;
            case ORDER_NEW:
            case CLOSE_POSITION:
            case RESYNC:
                return Commands.length(type);
            case ERROR: return Error.LENGTH;
            default: return -1;
        }
    }

    /**
     * POSITION_CLOSED's reason: 0 flatten, 1 stop loss, 2 take profit, 3 manual, 4 stop-out, 5 engine, 6 unknown,
     * 7 the EA's local equity floor; any other value is unknown.
     */
    public static CloseReason closeReason(final int code)
    {
        return code >= 0 && code < CLOSE_REASONS.length ? CLOSE_REASONS[code] : CloseReason.UNKNOWN;
    }

    /** The code of a close reason on the wire (the inverse of {@link #closeReason(int)}). */
    public static int closeReasonCode(final CloseReason reason)
    {
        for (int code = 0; code < CLOSE_REASONS.length; code++)
        {
            if (CLOSE_REASONS[code] == reason)
            {
                return code;
            }
        }
        return closeReasonCode(CloseReason.UNKNOWN);
    }

    // ------------------------------------------------------------------ encoders (return the frame length)

    /** A frame's header for a message of {@code type}, its body to follow; returns the frame's length. */
    public static int header(final MutableDirectBuffer b, final int offset, final int type)
    {
        final int length = HEADER_LENGTH + bodyLength(type);
        b.putInt(offset, length, ORDER);
        b.putShort(offset + 4, (short)type, ORDER);
        b.putShort(offset + 6, (short)VERSION, ORDER);
        return length;
    }

    public static int hello(
        final MutableDirectBuffer b, final int offset, final long login, final long instanceId, final int gmtOffsetSeconds,
        final int marginMode, final CharSequence server, final CharSequence currency, final CharSequence secret)
    {
        final int length = header(b, offset, HELLO);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + Hello.LOGIN, login, ORDER);
        b.putLong(o + Hello.INSTANCE_ID, instanceId, ORDER);
        b.putInt(o + Hello.GMT_OFFSET_SECONDS, gmtOffsetSeconds, ORDER);
        b.putInt(o + Hello.MARGIN_MODE, marginMode, ORDER);
        putAscii(b, o + Hello.SERVER, server, SERVER_LENGTH);
        putAscii(b, o + Hello.CURRENCY, currency, CURRENCY_LENGTH);
        putAscii(b, o + Hello.SECRET, secret, SECRET_LENGTH);
        return length;
    }

    public static int helloAck(
        final MutableDirectBuffer b, final int offset, final boolean accepted, final long engineInstance, final CharSequence reason)
    {
        final int length = header(b, offset, HELLO_ACK);
        final int o = offset + HEADER_LENGTH;
        b.putInt(o + HelloAck.ACCEPTED, accepted ? 1 : 0, ORDER);
        b.putInt(o + HelloAck.PROTOCOL_VERSION, VERSION, ORDER);
        b.putLong(o + HelloAck.ENGINE_INSTANCE, engineInstance, ORDER);
        putAscii(b, o + HelloAck.REASON, reason, REASON_LENGTH);
        return length;
    }

    public static int heartbeat(final MutableDirectBuffer b, final int offset, final int type, final long nanos)
    {
        final int length = header(b, offset, type);
        b.putLong(offset + HEADER_LENGTH + Heartbeat.NANOS, nanos, ORDER);
        return length;
    }

    public static int symbol(
        final MutableDirectBuffer b, final int offset, final CharSequence symbol, final double contractSize, final double volumeMin,
        final double volumeStep, final double volumeMax, final int digits, final int fillingModes, final CharSequence brokerSymbol)
    {
        final int length = header(b, offset, SYMBOL);
        final int o = offset + HEADER_LENGTH;
        putAscii(b, o + Symbol.NAME, symbol, SYMBOL_LENGTH);
        b.putDouble(o + Symbol.CONTRACT_SIZE, contractSize, ORDER);
        b.putDouble(o + Symbol.VOLUME_MIN, volumeMin, ORDER);
        b.putDouble(o + Symbol.VOLUME_STEP, volumeStep, ORDER);
        b.putDouble(o + Symbol.VOLUME_MAX, volumeMax, ORDER);
        b.putInt(o + Symbol.DIGITS, digits, ORDER);
        b.putInt(o + Symbol.FILLING_MODES, fillingModes, ORDER);
        putAscii(b, o + Symbol.BROKER_SYMBOL, brokerSymbol, BROKER_SYMBOL_LENGTH);
        return length;
    }

    public static int tick(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final CharSequence symbol, final double bid, final double ask)
    {
        final int length = header(b, offset, TICK);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + Tick.TIME_MILLIS, timeMillis, ORDER);
        putAscii(b, o + Tick.SYMBOL, symbol, SYMBOL_LENGTH);
        b.putDouble(o + Tick.BID, bid, ORDER);
        b.putDouble(o + Tick.ASK, ask, ORDER);
        return length;
    }

    public static int account(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final long login, final double balance,
        final double equity, final double margin, final double freeMargin, final boolean connected, final int gmtOffsetSeconds,
        final int tradePermissions)
    {
        final int length = header(b, offset, ACCOUNT);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + Account.TIME_MILLIS, timeMillis, ORDER);
        b.putLong(o + Account.LOGIN, login, ORDER);
        b.putDouble(o + Account.BALANCE, balance, ORDER);
        b.putDouble(o + Account.EQUITY, equity, ORDER);
        b.putDouble(o + Account.MARGIN, margin, ORDER);
        b.putDouble(o + Account.FREE_MARGIN, freeMargin, ORDER);
        b.putInt(o + Account.CONNECTED, connected ? 1 : 0, ORDER);
        b.putInt(o + Account.GMT_OFFSET_SECONDS, gmtOffsetSeconds, ORDER);
        b.putInt(o + Account.TRADE_PERMISSIONS, tradePermissions, ORDER);
        b.putInt(o + Account.RESERVED, 0, ORDER);
        return length;
    }

    public static int positionsBegin(final MutableDirectBuffer b, final int offset, final long timeMillis, final int count)
    {
        final int length = header(b, offset, POSITIONS_BEGIN);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + PositionsBegin.TIME_MILLIS, timeMillis, ORDER);
        b.putInt(o + PositionsBegin.COUNT, count, ORDER);
        b.putInt(o + PositionsBegin.RESERVED, 0, ORDER);
        return length;
    }

    public static int position(
        final MutableDirectBuffer b, final int offset, final long ticket, final CharSequence symbol, final int side,
        final double volume, final double openPrice, final double profit, final long magic)
    {
        final int length = header(b, offset, POSITION);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + Position.TICKET, ticket, ORDER);
        putAscii(b, o + Position.SYMBOL, symbol, SYMBOL_LENGTH);
        b.putInt(o + Position.SIDE, side, ORDER);
        b.putInt(o + Position.RESERVED, 0, ORDER);
        b.putDouble(o + Position.VOLUME, volume, ORDER);
        b.putDouble(o + Position.OPEN_PRICE, openPrice, ORDER);
        b.putDouble(o + Position.PROFIT, profit, ORDER);
        b.putLong(o + Position.MAGIC, magic, ORDER);
        return length;
    }

    public static int orderResult(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final long clientOrderId, final int retcode,
        final long ticket, final double price, final double volume, final double profit)
    {
        final int length = header(b, offset, ORDER_RESULT);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + OrderResult.TIME_MILLIS, timeMillis, ORDER);
        b.putLong(o + OrderResult.CLIENT_ORDER_ID, clientOrderId, ORDER);
        b.putInt(o + OrderResult.RETCODE, retcode, ORDER);
        b.putInt(o + OrderResult.RESERVED, 0, ORDER);
        b.putLong(o + OrderResult.TICKET, ticket, ORDER);
        b.putDouble(o + OrderResult.PRICE, price, ORDER);
        b.putDouble(o + OrderResult.VOLUME, volume, ORDER);
        b.putDouble(o + OrderResult.PROFIT, profit, ORDER);
        return length;
    }

    public static int positionClosed(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final long ticket, final double profit, final int reason,
        final double closedVolume, final double remainingVolume)
    {
        final int length = header(b, offset, POSITION_CLOSED);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + PositionClosed.TIME_MILLIS, timeMillis, ORDER);
        b.putLong(o + PositionClosed.TICKET, ticket, ORDER);
        b.putDouble(o + PositionClosed.PROFIT, profit, ORDER);
        b.putInt(o + PositionClosed.REASON, reason, ORDER);
        b.putInt(o + PositionClosed.RESERVED, 0, ORDER);
        b.putDouble(o + PositionClosed.CLOSED_VOLUME, closedVolume, ORDER);
        b.putDouble(o + PositionClosed.REMAINING_VOLUME, remainingVolume, ORDER);
        return length;
    }

    public static int balanceOperation(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final double amount, final long dealTicket,
        final int dealType)
    {
        final int length = header(b, offset, BALANCE_OPERATION);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o + BalanceOperation.TIME_MILLIS, timeMillis, ORDER);
        b.putDouble(o + BalanceOperation.AMOUNT, amount, ORDER);
        b.putLong(o + BalanceOperation.DEAL_TICKET, dealTicket, ORDER);
        b.putInt(o + BalanceOperation.DEAL_TYPE, dealType, ORDER);
        b.putInt(o + BalanceOperation.RESERVED, 0, ORDER);
        return length;
    }

    /**
     * A frame around a body encoded elsewhere (one of the engine's commands, as the business thread wrote it): the
     * header, then the body's bytes as they are.
     */
    public static int frame(
        final MutableDirectBuffer b, final int offset, final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        if (bodyLength != bodyLength(type))
        {
            throw new IllegalArgumentException("a body of " + bodyLength + " bytes for message type " + type);
        }
        final int length = header(b, offset, type);
        b.putBytes(offset + HEADER_LENGTH, body, bodyOffset, bodyLength);
        return length;
    }

    public static int error(final MutableDirectBuffer b, final int offset, final int code, final CharSequence reason)
    {
        final int length = header(b, offset, ERROR);
        final int o = offset + HEADER_LENGTH;
        b.putInt(o + Error.CODE, code, ORDER);
        b.putInt(o + Error.RESERVED, 0, ORDER);
        putAscii(b, o + Error.REASON, reason, REASON_LENGTH);
        return length;
    }

    // ------------------------------------------------------------------ fields

    /** Writes {@code text} as ASCII, truncated or zero-padded to {@code size} bytes. */
    public static void putAscii(final MutableDirectBuffer b, final int offset, final CharSequence text, final int size)
    {
        final int n = text == null ? 0 : Math.min(text.length(), size);
        for (int i = 0; i < n; i++)
        {
            final char c = text.charAt(i);
            b.putByte(offset + i, (byte)(c < 128 ? c : '?'));
        }
        for (int i = n; i < size; i++)
        {
            b.putByte(offset + i, (byte)0);
        }
    }

    /** The field as a String (allocates: for handshakes, errors and tools, not the hot path). */
    public static String ascii(final DirectBuffer b, final int offset, final int size)
    {
        final StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++)
        {
            final byte c = b.getByte(offset + i);
            if (c == 0)
            {
                break;
            }
            text.append((char)(c & 0x7f));
        }
        return text.toString();
    }

    /** Constant-time comparison of a secret field with the expected secret (no early exit to time). */
    public static boolean secretEquals(final DirectBuffer b, final int offset, final byte[] expected)
    {
        int difference = expected.length > SECRET_LENGTH ? 1 : 0;
        for (int i = 0; i < SECRET_LENGTH; i++)
        {
            final byte want = i < expected.length ? expected[i] : 0;
            difference |= b.getByte(offset + i) ^ want;
        }
        return difference == 0;
    }
}
