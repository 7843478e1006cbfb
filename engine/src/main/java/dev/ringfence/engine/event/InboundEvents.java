package dev.ringfence.engine.event;

/**
 * The engine's inbound port: everything the business logic learns arrives through these calls, each
 * becoming one {@link InboundEvent}. Adapters (the gateway, HTTP ingress, the timer, scenario runs)
 * depend on this interface, never on the business logic.
 *
 * <p>Every call returns {@code false} instead of blocking when the event could not be accepted (the
 * ring is full); the caller decides whether to retry, answer 503 or count the loss. Times are epoch
 * milliseconds of event time. A {@code symbolId} of {@code -1} means a symbol the engine does not know.
 */
public interface InboundEvents
{
    boolean signal(
        long timeMillis,
        String signalId,
        int symbolId,
        Side side,
        double volume,
        double stopLoss,
        double takeProfit,
        long ttlMillis,
        long sourceTimeMillis);

    boolean tick(long timeMillis, int symbolId, double bid, double ask);

    boolean account(
        long timeMillis,
        long login,
        double balance,
        double equity,
        double margin,
        double freeMargin,
        boolean connected,
        long reportTimeMillis,
        int serverGmtOffsetSeconds);

    boolean positionsBegin(long timeMillis, int count);

    boolean position(
        long timeMillis,
        long ticket,
        int symbolId,
        Side side,
        double volume,
        double openPrice,
        double profit,
        long magic);

    boolean orderResult(
        long timeMillis, long clientOrderId, int retcode, long ticket, double price, double volume, double profit);

    boolean positionClosed(long timeMillis, long ticket, double profit, CloseReason reason);

    boolean timer(long timeMillis);

    boolean admin(long timeMillis, AdminCommand command, String actor);

    /**
     * An operator command with the issuer's id (unique per issuer, never 0): the engine publishes this
     * command's own outcome under it on the {@code StatusBoard}. Ports that never carry admin commands
     * may keep this default, which drops the id.
     */
    default boolean admin(final long timeMillis, final AdminCommand command, final String actor, final long commandId)
    {
        return admin(timeMillis, command, actor);
    }

    boolean terminalStatus(long timeMillis, boolean connected);

    boolean balanceOperation(long timeMillis, double amount);

    /** The configuration in force, as {@code EngineConfig.describe()} text; published once per start. */
    boolean config(long timeMillis, String configText);

    /**
     * Inputs were processed that the journal does not hold ({@code lost} of them, 0 when unknown): published
     * at start when the last run stopped during a journal outage. Journaled like any input, so a replay
     * denies entries at the same place as the live engine.
     */
    boolean journalGap(long timeMillis, int lost);
}
