package dev.ringfence.engine.command;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A flyweight that writes one command's body in place: {@code wrap} it at an offset (which zeroes the body, so a
 * field left unset, and every reserved one, is 0), set the fields by name, then hand on {@link #type()},
 * {@link #buffer()}, {@link #offset()} and {@link #length()}. Allocates nothing; one instance per writer thread.
 */
public abstract class CommandEncoder
{
    private final int type;
    private final int length;
    private MutableDirectBuffer buffer;
    private int offset;

    protected CommandEncoder(final int type, final int length)
    {
        this.type = type;
        this.length = length;
    }

    protected final void set(final MutableDirectBuffer buffer, final int bodyOffset)
    {
        this.buffer = buffer;
        this.offset = bodyOffset;
        buffer.setMemory(bodyOffset, length, (byte)0);
    }

    protected final void int32(final int field, final int value)
    {
        buffer.putInt(offset + field, value, Commands.ORDER);
    }

    protected final void int64(final int field, final long value)
    {
        buffer.putLong(offset + field, value, Commands.ORDER);
    }

    protected final void float64(final int field, final double value)
    {
        buffer.putDouble(offset + field, value, Commands.ORDER);
    }

    protected final void symbol(final SymbolNames names, final int field, final int symbolId)
    {
        names.put(buffer, offset + field, symbolId);
    }

    /** The command's message type. */
    public final int type()
    {
        return type;
    }

    /** The body's length in bytes, fixed by the type. */
    public final int length()
    {
        return length;
    }

    public final DirectBuffer buffer()
    {
        return buffer;
    }

    public final int offset()
    {
        return offset;
    }
}
