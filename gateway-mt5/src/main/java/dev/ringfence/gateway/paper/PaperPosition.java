package dev.ringfence.gateway.paper;

import dev.ringfence.engine.event.Side;

/** One open position of the paper terminal. */
final class PaperPosition
{
    final long ticket;
    final int symbolId;
    final Side side;
    double volume;
    final double openPrice;
    final double stopLoss;
    final double takeProfit;
    final long magic;
    final long openTimeMillis;
    double profit;

    PaperPosition(
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double openPrice,
        final double stopLoss,
        final double takeProfit,
        final long magic,
        final long openTimeMillis)
    {
        this.ticket = ticket;
        this.symbolId = symbolId;
        this.side = side;
        this.volume = volume;
        this.openPrice = openPrice;
        this.stopLoss = stopLoss;
        this.takeProfit = takeProfit;
        this.magic = magic;
        this.openTimeMillis = openTimeMillis;
    }
}
