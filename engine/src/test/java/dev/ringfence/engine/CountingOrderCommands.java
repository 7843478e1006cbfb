package dev.ringfence.engine;

import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;

/** Accepts every command and counts them; allocation-free, so the hot-path test can use it too. */
public final class CountingOrderCommands implements OrderCommands
{
    public volatile long places;
    public volatile long closes;
    public volatile long resyncs;

    @Override
    public boolean placeOrder(final long clientOrderId, final int symbolId, final Side side, final double volume,
        final double stopLoss, final double takeProfit, final long expiresAtMillis)
    {
        places++;
        return true;
    }

    @Override
    public boolean closePosition(final long clientOrderId, final long ticket, final int symbolId, final double volume)
    {
        closes++;
        return true;
    }

    @Override
    public boolean resync(final long lookupClientOrderId)
    {
        resyncs++;
        return true;
    }
}
