package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;

/**
 * The business logic's view of the order command port: a command the port throws on is treated as not
 * sent (like a full queue: retried or re-issued by the logic's own timers) and counted, so a broken
 * adapter can delay an order but never abort a decision halfway.
 */
final class GuardedOrderCommands implements OrderCommands
{
    private final OrderCommands port;
    private final EngineMetrics metrics;

    GuardedOrderCommands(final OrderCommands port, final EngineMetrics metrics)
    {
        this.port = port;
        this.metrics = metrics;
    }

    @Override
    public boolean placeOrder(
        final long clientOrderId,
        final int symbolId,
        final Side side,
        final double volume,
        final double stopLoss,
        final double takeProfit,
        final long expiresAtMillis)
    {
        try
        {
            return port.placeOrder(clientOrderId, symbolId, side, volume, stopLoss, takeProfit, expiresAtMillis);
        }
        catch (final RuntimeException ex)
        {
            return failed();
        }
    }

    @Override
    public boolean closePosition(final long clientOrderId, final long ticket, final int symbolId, final double volume)
    {
        try
        {
            return port.closePosition(clientOrderId, ticket, symbolId, volume);
        }
        catch (final RuntimeException ex)
        {
            return failed();
        }
    }

    @Override
    public boolean resync(final long lookupClientOrderId)
    {
        try
        {
            return port.resync(lookupClientOrderId);
        }
        catch (final RuntimeException ex)
        {
            return failed();
        }
    }

    private boolean failed()
    {
        metrics.outputFailures++;
        metrics.errors++;
        return false;
    }
}
