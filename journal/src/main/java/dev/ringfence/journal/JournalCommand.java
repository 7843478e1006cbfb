package dev.ringfence.journal;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.Commands;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An outbound order command as the output journal records it: its event time, its type and its body, the bytes the
 * business thread encoded and the gateway frames ({@code dev.ringfence.engine.command}); read the fields through that
 * package's decoders. Reused by readers: {@link #body()} is valid until the next entry is read into it.
 */
public final class JournalCommand
{
    /** The body a reader read, copied out of the journal. */
    private final UnsafeBuffer held = new UnsafeBuffer(new byte[Commands.MAX_LENGTH]);
    private final OrderNew.Decoder orderNew = new OrderNew.Decoder();
    private final ClosePosition.Decoder closePosition = new ClosePosition.Decoder();
    private final Resync.Decoder resync = new Resync.Decoder();
    private int type;
    private long timeMillis;
    private DirectBuffer body = held;
    private int offset;
    private int length;

    /** A view of a command's bytes where they are (the output journal, about to write them): nothing is copied. */
    public JournalCommand wrap(final int type, final long timeMillis, final DirectBuffer body, final int offset, final int length)
    {
        this.type = type;
        this.timeMillis = timeMillis;
        this.body = body;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Where a reader puts a command's body (zeroed, {@code length} bytes from 0). */
    MutableDirectBuffer hold(final int type, final long timeMillis, final int length)
    {
        held.setMemory(0, length, (byte)0);
        wrap(type, timeMillis, held, 0, length);
        return held;
    }

    /** The message type: {@link OrderNew#TYPE}, {@link ClosePosition#TYPE} or {@link Resync#TYPE}. */
    public int type()
    {
        return type;
    }

    public long timeMillis()
    {
        return timeMillis;
    }

    public DirectBuffer body()
    {
        return body;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    /** Every command's idempotency key: the client order id of an order or a close, the id a RESYNC looks up (0: none). */
    public long clientOrderId()
    {
        switch (type)
        {
            case OrderNew.TYPE: return orderNew.wrap(body, offset).clientOrderId();
            case ClosePosition.TYPE: return closePosition.wrap(body, offset).clientOrderId();
            case Resync.TYPE: return resync.wrap(body, offset).lookupClientOrderId();
            default: return 0;
        }
    }

    /** The name the journal tools filter and print by. */
    public String typeName()
    {
        switch (type)
        {
            case OrderNew.TYPE: return "PLACE_ORDER";
            case ClosePosition.TYPE: return "CLOSE_POSITION";
            case Resync.TYPE: return "RESYNC";
            default: return "UNKNOWN";
        }
    }

    /** Same command (time excluded: replay compares decisions, which carry their own event times). */
    public boolean sameAs(final JournalCommand o)
    {
        return sameAs(o.type, o.body, o.offset, o.length);
    }

    /** Same command as the one given as {@link dev.ringfence.engine.event.OrderCommands#send} gives it: type and bytes. */
    public boolean sameAs(final int type, final DirectBuffer body, final int offset, final int length)
    {
        if (type != this.type || length != this.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (body.getByte(offset + i) != this.body.getByte(this.offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
