package dev.ringfence.engine.event;

import dev.ringfence.engine.config.SymbolSpec;

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

    /** {@code tradePermissions}: the terminal's {@link TradePermissions} bitmask ({@link TradePermissions#ALL}: may trade). */
    boolean account(
        long timeMillis,
        long login,
        double balance,
        double equity,
        double margin,
        double freeMargin,
        boolean connected,
        long reportTimeMillis,
        int serverGmtOffsetSeconds,
        int tradePermissions);

    /** An account report of a terminal that reports no trade permissions (tests, tools): every one is present. */
    default boolean account(
        final long timeMillis,
        final long login,
        final double balance,
        final double equity,
        final double margin,
        final double freeMargin,
        final boolean connected,
        final long reportTimeMillis,
        final int serverGmtOffsetSeconds)
    {
        return account(timeMillis, login, balance, equity, margin, freeMargin, connected, reportTimeMillis, serverGmtOffsetSeconds,
            TradePermissions.ALL);
    }

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

    /**
     * A deal closed (part of) a position. {@code profit} is the deal's own; {@code closedVolume} the volume it
     * closed (0 when not reported); {@code remainingVolume} what stays open: 0 means the position is gone.
     */
    boolean positionClosed(long timeMillis, long ticket, double profit, CloseReason reason, double closedVolume, double remainingVolume);

    /** The whole position closed. */
    default boolean positionClosed(final long timeMillis, final long ticket, final double profit, final CloseReason reason)
    {
        return positionClosed(timeMillis, ticket, profit, reason, 0, 0);
    }

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

    /** {@code dealTicket}: the broker's deal ticket, each applied once (0 when the reporter has none). */
    boolean balanceOperation(long timeMillis, double amount, long dealTicket);

    /** A balance operation without a deal ticket (paper terminal, scenarios). */
    default boolean balanceOperation(final long timeMillis, final double amount)
    {
        return balanceOperation(timeMillis, amount, 0);
    }

    /** The terminal's spec of a symbol the engine trades, already checked (finite, positive, in range) by the gateway. */
    boolean symbolSpec(
        long timeMillis,
        int symbolId,
        double contractSize,
        double volumeMin,
        double volumeStep,
        double volumeMax,
        int digits,
        int fillingModes);

    default boolean symbolSpec(final long timeMillis, final int symbolId, final SymbolSpec spec)
    {
        return symbolSpec(timeMillis, symbolId, spec.contractSize(), spec.volumeMin(), spec.volumeStep(), spec.volumeMax(),
            spec.digits(), spec.fillingModes());
    }

    /** The terminal sent a spec for this symbol that the gateway refused: entries on it are denied. */
    boolean symbolRefused(long timeMillis, int symbolId);

    /** The configuration in force, as {@code EngineConfig.describe()} text; published once per start. */
    boolean config(long timeMillis, String configText);

    /**
     * Inputs were processed that the journal does not hold ({@code lost} of them, 0 when unknown): published
     * at start when the last run stopped during a journal outage. Journaled like any input, so a replay
     * denies entries at the same place as the live engine.
     */
    boolean journalGap(long timeMillis, int lost);
}
