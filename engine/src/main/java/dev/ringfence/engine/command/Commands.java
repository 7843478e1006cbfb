package dev.ringfence.engine.command;

import java.nio.ByteOrder;

/**
 * The commands the engine sends the terminal, in the bridge's own layouts (gateway-mt5/PROTOCOL.md, engine to EA):
 * {@link OrderNew}, {@link ClosePosition}, {@link Resync}. Each body is written once, by the business thread, and
 * the output journal, the command ring and the socket carry those bytes as they are. Every field is fixed-size and
 * little-endian, the shape the Expert Advisor copies into its structs.
 */
public final class Commands
{
    /** The protocol's byte order, every body both ways. */
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** The longest command body. */
    public static final int MAX_LENGTH = OrderNew.LENGTH;

    private Commands()
    {
    }

    /** The body length of a command type, or -1 for a type that is not a command. */
    public static int length(final int type)
    {
        switch (type)
        {
            case OrderNew.TYPE: return OrderNew.LENGTH;
            case ClosePosition.TYPE: return ClosePosition.LENGTH;
            case Resync.TYPE: return Resync.LENGTH;
            default: return -1;
        }
    }
}
