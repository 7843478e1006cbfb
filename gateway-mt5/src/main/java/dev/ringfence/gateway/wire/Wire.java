package dev.ringfence.gateway.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The bridge protocol's layouts (PROTOCOL.md, version 1): frame header, message types, field offsets,
 * and encoders writing whole frames into a buffer. Everything is little-endian and fixed-size, the shape
 * the Expert Advisor copies to and from its structs. Encoding and field access allocate nothing.
 */
public final class Wire
{
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int VERSION = 1;
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
    public static final int ORDER_NEW = 20;
    public static final int CLOSE_POSITION = 21;
    public static final int RESYNC = 22;
    public static final int ERROR = 30;

    public static final int SYMBOL_LENGTH = 16;
    public static final int SERVER_LENGTH = 32;
    public static final int CURRENCY_LENGTH = 4;
    public static final int SECRET_LENGTH = 32;
    public static final int REASON_LENGTH = 32;

    private Wire()
    {
    }

    /** The body length of a message type, or -1 for a type this version does not have. */
    public static int bodyLength(final int type)
    {
        switch (type)
        {
            case HELLO: return 92;
            case HELLO_ACK: return 48;
            case HEARTBEAT:
            case HEARTBEAT_ECHO:
            case RESYNC:
                return 8;
            case SYMBOL:
            case ACCOUNT:
            case ORDER_RESULT:
                return 56;
            case TICK: return 40;
            case POSITIONS_BEGIN:
            case BALANCE_OPERATION:
                return 16;
            case POSITION:
            case ORDER_NEW:
                return 64;
            case POSITION_CLOSED: return 32;
            case CLOSE_POSITION: return 24;
            case ERROR: return 40;
            default: return -1;
        }
    }

    // ------------------------------------------------------------------ encoders (return the frame length)

    private static int header(final MutableDirectBuffer b, final int offset, final int type)
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
        b.putLong(o, login, ORDER);
        b.putLong(o + 8, instanceId, ORDER);
        b.putInt(o + 16, gmtOffsetSeconds, ORDER);
        b.putInt(o + 20, marginMode, ORDER);
        putAscii(b, o + 24, server, SERVER_LENGTH);
        putAscii(b, o + 56, currency, CURRENCY_LENGTH);
        putAscii(b, o + 60, secret, SECRET_LENGTH);
        return length;
    }

    public static int helloAck(
        final MutableDirectBuffer b, final int offset, final boolean accepted, final long engineInstance, final CharSequence reason)
    {
        final int length = header(b, offset, HELLO_ACK);
        final int o = offset + HEADER_LENGTH;
        b.putInt(o, accepted ? 1 : 0, ORDER);
        b.putInt(o + 4, VERSION, ORDER);
        b.putLong(o + 8, engineInstance, ORDER);
        putAscii(b, o + 16, reason, REASON_LENGTH);
        return length;
    }

    public static int heartbeat(final MutableDirectBuffer b, final int offset, final int type, final long nanos)
    {
        final int length = header(b, offset, type);
        b.putLong(offset + HEADER_LENGTH, nanos, ORDER);
        return length;
    }

    public static int symbol(
        final MutableDirectBuffer b, final int offset, final CharSequence symbol, final double contractSize, final double volumeMin,
        final double volumeStep, final double volumeMax, final int digits, final int fillingModes)
    {
        final int length = header(b, offset, SYMBOL);
        final int o = offset + HEADER_LENGTH;
        putAscii(b, o, symbol, SYMBOL_LENGTH);
        b.putDouble(o + 16, contractSize, ORDER);
        b.putDouble(o + 24, volumeMin, ORDER);
        b.putDouble(o + 32, volumeStep, ORDER);
        b.putDouble(o + 40, volumeMax, ORDER);
        b.putInt(o + 48, digits, ORDER);
        b.putInt(o + 52, fillingModes, ORDER);
        return length;
    }

    public static int tick(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final CharSequence symbol, final double bid, final double ask)
    {
        final int length = header(b, offset, TICK);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, timeMillis, ORDER);
        putAscii(b, o + 8, symbol, SYMBOL_LENGTH);
        b.putDouble(o + 24, bid, ORDER);
        b.putDouble(o + 32, ask, ORDER);
        return length;
    }

    public static int account(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final long login, final double balance,
        final double equity, final double margin, final double freeMargin, final boolean connected, final int gmtOffsetSeconds)
    {
        final int length = header(b, offset, ACCOUNT);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, timeMillis, ORDER);
        b.putLong(o + 8, login, ORDER);
        b.putDouble(o + 16, balance, ORDER);
        b.putDouble(o + 24, equity, ORDER);
        b.putDouble(o + 32, margin, ORDER);
        b.putDouble(o + 40, freeMargin, ORDER);
        b.putInt(o + 48, connected ? 1 : 0, ORDER);
        b.putInt(o + 52, gmtOffsetSeconds, ORDER);
        return length;
    }

    public static int positionsBegin(final MutableDirectBuffer b, final int offset, final long timeMillis, final int count)
    {
        final int length = header(b, offset, POSITIONS_BEGIN);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, timeMillis, ORDER);
        b.putInt(o + 8, count, ORDER);
        b.putInt(o + 12, 0, ORDER);
        return length;
    }

    public static int position(
        final MutableDirectBuffer b, final int offset, final long ticket, final CharSequence symbol, final int side,
        final double volume, final double openPrice, final double profit, final long magic)
    {
        final int length = header(b, offset, POSITION);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, ticket, ORDER);
        putAscii(b, o + 8, symbol, SYMBOL_LENGTH);
        b.putInt(o + 24, side, ORDER);
        b.putInt(o + 28, 0, ORDER);
        b.putDouble(o + 32, volume, ORDER);
        b.putDouble(o + 40, openPrice, ORDER);
        b.putDouble(o + 48, profit, ORDER);
        b.putLong(o + 56, magic, ORDER);
        return length;
    }

    public static int orderResult(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final long clientOrderId, final int retcode,
        final long ticket, final double price, final double volume, final double profit)
    {
        final int length = header(b, offset, ORDER_RESULT);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, timeMillis, ORDER);
        b.putLong(o + 8, clientOrderId, ORDER);
        b.putInt(o + 16, retcode, ORDER);
        b.putInt(o + 20, 0, ORDER);
        b.putLong(o + 24, ticket, ORDER);
        b.putDouble(o + 32, price, ORDER);
        b.putDouble(o + 40, volume, ORDER);
        b.putDouble(o + 48, profit, ORDER);
        return length;
    }

    public static int positionClosed(
        final MutableDirectBuffer b, final int offset, final long timeMillis, final long ticket, final double profit, final int reason)
    {
        final int length = header(b, offset, POSITION_CLOSED);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, timeMillis, ORDER);
        b.putLong(o + 8, ticket, ORDER);
        b.putDouble(o + 16, profit, ORDER);
        b.putInt(o + 24, reason, ORDER);
        b.putInt(o + 28, 0, ORDER);
        return length;
    }

    public static int balanceOperation(final MutableDirectBuffer b, final int offset, final long timeMillis, final double amount)
    {
        final int length = header(b, offset, BALANCE_OPERATION);
        b.putLong(offset + HEADER_LENGTH, timeMillis, ORDER);
        b.putDouble(offset + HEADER_LENGTH + 8, amount, ORDER);
        return length;
    }

    public static int orderNew(
        final MutableDirectBuffer b, final int offset, final long clientOrderId, final CharSequence symbol, final int side,
        final double volume, final double stopLoss, final double takeProfit, final long expiresAt)
    {
        final int length = header(b, offset, ORDER_NEW);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, clientOrderId, ORDER);
        putAscii(b, o + 8, symbol, SYMBOL_LENGTH);
        b.putInt(o + 24, side, ORDER);
        b.putInt(o + 28, 0, ORDER);
        b.putDouble(o + 32, volume, ORDER);
        b.putDouble(o + 40, stopLoss, ORDER);
        b.putDouble(o + 48, takeProfit, ORDER);
        b.putLong(o + 56, expiresAt, ORDER);
        return length;
    }

    public static int closePosition(
        final MutableDirectBuffer b, final int offset, final long clientOrderId, final long ticket, final double volume)
    {
        final int length = header(b, offset, CLOSE_POSITION);
        final int o = offset + HEADER_LENGTH;
        b.putLong(o, clientOrderId, ORDER);
        b.putLong(o + 8, ticket, ORDER);
        b.putDouble(o + 16, volume, ORDER);
        return length;
    }

    public static int resync(final MutableDirectBuffer b, final int offset, final long lookupClientOrderId)
    {
        final int length = header(b, offset, RESYNC);
        b.putLong(offset + HEADER_LENGTH, lookupClientOrderId, ORDER);
        return length;
    }

    public static int error(final MutableDirectBuffer b, final int offset, final int code, final CharSequence reason)
    {
        final int length = header(b, offset, ERROR);
        b.putInt(offset + HEADER_LENGTH, code, ORDER);
        b.putInt(offset + HEADER_LENGTH + 4, 0, ORDER);
        putAscii(b, offset + HEADER_LENGTH + 8, reason, REASON_LENGTH);
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

    /** True when the zero-padded field at {@code offset} spells exactly {@code name} (compared without allocating). */
    public static boolean asciiEquals(final DirectBuffer b, final int offset, final int size, final byte[] name)
    {
        if (name.length > size)
        {
            return false;
        }
        for (int i = 0; i < name.length; i++)
        {
            if (b.getByte(offset + i) != name[i])
            {
                return false;
            }
        }
        return name.length == size || b.getByte(offset + name.length) == 0;
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
