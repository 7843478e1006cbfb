package dev.ringfence.gateway.paper;

import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the paper terminal reports, in order, for assertions. */
final class RecordingReports implements InboundEvents
{
    static final class Result
    {
        final long clientOrderId;
        final int retcode;
        final long ticket;
        final double price;
        final double volume;
        final double profit;

        Result(final long clientOrderId, final int retcode, final long ticket, final double price, final double volume,
            final double profit)
        {
            this.clientOrderId = clientOrderId;
            this.retcode = retcode;
            this.ticket = ticket;
            this.price = price;
            this.volume = volume;
            this.profit = profit;
        }
    }

    final List<Result> results = new ArrayList<>();
    final List<double[]> accounts = new ArrayList<>();
    final List<Integer> snapshots = new ArrayList<>();
    final List<Long> snapshotMagics = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    final List<Boolean> status = new ArrayList<>();
    final List<Double> balanceOperations = new ArrayList<>();
    final List<Integer> permissions = new ArrayList<>();
    final List<Integer> specs = new ArrayList<>();

    Result lastResult()
    {
        return results.get(results.size() - 1);
    }

    double lastEquity()
    {
        return accounts.get(accounts.size() - 1)[1];
    }

    @Override
    public boolean signal(final long t, final String id, final int s, final Side side, final double v, final double sl,
        final double tp, final long ttl, final long source)
    {
        return true;
    }

    @Override
    public boolean tick(final long t, final int symbolId, final double bid, final double ask)
    {
        return true;
    }

    @Override
    public boolean account(final long t, final long login, final double balance, final double equity, final double margin,
        final double freeMargin, final boolean connected, final long reportTime, final int gmtOffset, final int tradePermissions)
    {
        accounts.add(new double[] {balance, equity, margin, freeMargin});
        permissions.add(tradePermissions);
        return true;
    }

    @Override
    public boolean positionsBegin(final long t, final int count)
    {
        snapshots.add(count);
        return true;
    }

    @Override
    public boolean position(final long t, final long ticket, final int symbolId, final Side side, final double volume,
        final double openPrice, final double profit, final long magic)
    {
        snapshotMagics.add(magic);
        return true;
    }

    @Override
    public boolean orderResult(final long t, final long clientOrderId, final int retcode, final long ticket,
        final double price, final double volume, final double profit)
    {
        results.add(new Result(clientOrderId, retcode, ticket, price, volume, profit));
        return true;
    }

    @Override
    public boolean positionClosed(final long t, final long ticket, final double profit, final CloseReason reason,
        final double closedVolume, final double remainingVolume)
    {
        closed.add(ticket + ":" + reason + ":" + profit + (remainingVolume > 0 ? ":" + closedVolume + "/" + remainingVolume : ""));
        return true;
    }

    @Override
    public boolean timer(final long t)
    {
        return true;
    }

    @Override
    public boolean admin(final long t, final AdminCommand command, final String actor)
    {
        return true;
    }

    @Override
    public boolean terminalStatus(final long t, final boolean connected)
    {
        status.add(connected);
        return true;
    }

    @Override
    public boolean balanceOperation(final long t, final double amount, final long dealTicket)
    {
        balanceOperations.add(amount);
        return true;
    }

    @Override
    public boolean symbolSpec(final long t, final int symbolId, final double contractSize, final double volumeMin,
        final double volumeStep, final double volumeMax, final int digits, final int fillingModes)
    {
        specs.add(symbolId);
        return true;
    }

    @Override
    public boolean symbolRefused(final long t, final int symbolId)
    {
        return true;
    }

    @Override
    public boolean config(final long t, final String configText)
    {
        return true;
    }

    @Override
    public boolean journalGap(final long timeMillis, final int lost)
    {
        return true; // the engine's own input: a terminal never reports one
    }
}
