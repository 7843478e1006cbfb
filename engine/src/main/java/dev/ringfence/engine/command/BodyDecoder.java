package dev.ringfence.engine.command;

import org.agrona.DirectBuffer;

/**
 * A flyweight over one fixed-layout body: {@code wrap} it at the body's offset, then read fields by name. Holds no
 * data of its own and allocates nothing. One instance per reader thread, reused for every body.
 */
public abstract class BodyDecoder
{
    protected DirectBuffer buffer;
    protected int offset;

    protected final void set(final DirectBuffer buffer, final int bodyOffset)
    {
        this.buffer = buffer;
        this.offset = bodyOffset;
    }

    protected final int int32(final int field)
    {
        return buffer.getInt(offset + field, Commands.ORDER);
    }

    protected final long int64(final int field)
    {
        return buffer.getLong(offset + field, Commands.ORDER);
    }

    protected final double float64(final int field)
    {
        return buffer.getDouble(offset + field, Commands.ORDER);
    }

    protected final int symbolId(final SymbolNames names, final int field)
    {
        return names.idOf(buffer, offset + field);
    }
}
