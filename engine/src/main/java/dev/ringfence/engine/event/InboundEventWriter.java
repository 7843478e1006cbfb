package dev.ringfence.engine.event;

/**
 * Implements every {@link InboundEvents} call once, as claim, fill in place, commit. Subclasses decide
 * what claiming means: a slot of the Disruptor ring, or the single entry a synchronous driver hands
 * straight to the business logic. No lambda is captured per call, so publishing allocates nothing.
 */
public abstract class InboundEventWriter implements InboundEvents
{
    /** A claimed slot, or a negative number when there is no room (the event is not accepted). */
    protected abstract long claim();

    protected abstract InboundEvent entry(long slot);

    protected abstract void commit(long slot);

    protected abstract long nanoTime();

    public final boolean signal(
        final long timeMillis,
        final String signalId,
        final int symbolId,
        final Side side,
        final double volume,
        final double stopLoss,
        final double takeProfit,
        final long ttlMillis,
        final long sourceTimeMillis)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setSignal(timeMillis, signalId, symbolId, side, volume, stopLoss, takeProfit, ttlMillis, sourceTimeMillis)
            .publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean tick(final long timeMillis, final int symbolId, final double bid, final double ask)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setTick(timeMillis, symbolId, bid, ask).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean account(
        final long timeMillis,
        final long login,
        final double balance,
        final double equity,
        final double margin,
        final double freeMargin,
        final boolean connected,
        final long reportTimeMillis,
        final int serverGmtOffsetSeconds,
        final int tradePermissions)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setAccount(
            timeMillis, login, balance, equity, margin, freeMargin, connected, reportTimeMillis, serverGmtOffsetSeconds,
            tradePermissions).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean positionsBegin(final long timeMillis, final int count)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setPositionsBegin(timeMillis, count).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean position(
        final long timeMillis,
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double openPrice,
        final double profit,
        final long magic)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setPosition(timeMillis, ticket, symbolId, side, volume, openPrice, profit, magic)
            .publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean orderResult(
        final long timeMillis,
        final long clientOrderId,
        final int retcode,
        final long ticket,
        final double price,
        final double volume,
        final double profit)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setOrderResult(timeMillis, clientOrderId, retcode, ticket, price, volume, profit)
            .publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean positionClosed(
        final long timeMillis,
        final long ticket,
        final double profit,
        final CloseReason reason,
        final double closedVolume,
        final double remainingVolume)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setPositionClosed(timeMillis, ticket, profit, reason, closedVolume, remainingVolume).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean timer(final long timeMillis)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setTimer(timeMillis).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean admin(final long timeMillis, final AdminCommand command, final String actor)
    {
        return admin(timeMillis, command, actor, 0);
    }

    @Override
    public final boolean admin(final long timeMillis, final AdminCommand command, final String actor, final long commandId)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setAdmin(timeMillis, command, actor, commandId).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean terminalStatus(final long timeMillis, final boolean connected)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setTerminalStatus(timeMillis, connected).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    @Override
    public final boolean journalGap(final long timeMillis, final int lost)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setJournalGap(timeMillis, lost).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean balanceOperation(final long timeMillis, final double amount, final long dealTicket)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setBalanceOperation(timeMillis, amount, dealTicket).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean symbolSpec(
        final long timeMillis,
        final int symbolId,
        final double contractSize,
        final double volumeMin,
        final double volumeStep,
        final double volumeMax,
        final int digits,
        final int fillingModes)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setSymbolSpec(timeMillis, symbolId, contractSize, volumeMin, volumeStep, volumeMax, digits, fillingModes)
            .publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean symbolRefused(final long timeMillis, final int symbolId)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setSymbolRefused(timeMillis, symbolId).publishNanos(nanoTime());
        commit(slot);
        return true;
    }

    public final boolean config(final long timeMillis, final String configText)
    {
        final long slot = claim();
        if (slot < 0)
        {
            return false;
        }
        entry(slot).setConfig(timeMillis, configText).publishNanos(nanoTime());
        commit(slot);
        return true;
    }
}
