package dev.ringfence.engine.logic;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.CommandEncoder;
import dev.ringfence.engine.command.Commands;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.OrderCommands;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one way a command leaves the business logic: take an encoder ({@link #orderNew()}, {@link #closePosition()},
 * {@link #resync()}), set its fields, and {@link #send} it. The body is written once, into this sender's buffer, in
 * the layout the journal and the wire share, and lent to the {@link OrderCommands} port. A port that throws is
 * treated as not sent (like a full queue: retried or re-issued by the logic's own timers) and counted, so a broken
 * adapter can delay an order but never abort a decision halfway. Business thread only; allocates nothing.
 */
final class CommandSender
{
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[Commands.MAX_LENGTH]);
    private final OrderNew.Encoder orderNew;
    private final ClosePosition.Encoder closePosition = new ClosePosition.Encoder();
    private final Resync.Encoder resync = new Resync.Encoder();
    private final OrderCommands port;
    private final EngineMetrics metrics;

    CommandSender(final SymbolTable symbols, final OrderCommands port, final EngineMetrics metrics)
    {
        this.orderNew = new OrderNew.Encoder(new SymbolNames(symbols));
        this.port = port;
        this.metrics = metrics;
    }

    OrderNew.Encoder orderNew()
    {
        return orderNew.wrap(body, 0);
    }

    ClosePosition.Encoder closePosition()
    {
        return closePosition.wrap(body, 0);
    }

    Resync.Encoder resync()
    {
        return resync.wrap(body, 0);
    }

    /** Hands the encoded command to the port; false when it was not taken (a full queue, or a port that failed). */
    boolean send(final CommandEncoder command)
    {
        try
        {
            return port.send(command.type(), command.buffer(), command.offset(), command.length());
        }
        catch (final RuntimeException ex)
        {
            metrics.outputFailures++;
            metrics.errors++;
            return false;
        }
    }
}
