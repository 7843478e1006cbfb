package dev.ringfence.engine.event;

/**
 * Outbound port: what the business logic asks of the terminal. Implementations enqueue and return at
 * once; they never block and never call back into the business logic. {@code false} means the command
 * queue is full: the business logic counts it and treats the command as not sent.
 *
 * <p>Every command carries a {@code clientOrderId}, which the terminal side stores as the order's magic
 * number: the idempotency key that makes a resend or a replay harmless.
 */
public interface OrderCommands
{
    /** Accepts every command and sends nothing: for replays, reports and benchmarks that decide but never trade. */
    OrderCommands DISCARD = new OrderCommands()
    {
        @Override
        public boolean placeOrder(final long clientOrderId, final int symbolId, final Side side, final double volume,
            final double stopLoss, final double takeProfit, final long expiresAtMillis)
        {
            return true;
        }

        @Override
        public boolean closePosition(final long clientOrderId, final long ticket, final int symbolId, final double volume)
        {
            return true;
        }

        @Override
        public boolean resync(final long lookupClientOrderId)
        {
            return true;
        }
    };

    /** A market order. {@code expiresAtMillis}: the terminal must refuse it after that event time. */
    boolean placeOrder(
        long clientOrderId,
        int symbolId,
        Side side,
        double volume,
        double stopLoss,
        double takeProfit,
        long expiresAtMillis);

    /** Close a position by ticket (never by symbol: on netting accounts that could flip it). */
    boolean closePosition(long clientOrderId, long ticket, int symbolId, double volume);

    /**
     * Ask for fresh account and positions snapshots; when {@code lookupClientOrderId} is not zero, also
     * look that order up by magic in positions, orders and recent deals and answer with an ORDER_RESULT
     * (the deal found, or {@link ReturnCodes#NOT_FOUND}).
     */
    boolean resync(long lookupClientOrderId);
}
