package dev.ringfence.gateway.paper;

import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the paper terminal reports, in order, for assertions. */
final class RecordingReports extends InboundEntry
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
    protected void commit(final long slot)
    {
        final InboundEvent e = event();
        switch (e.type())
        {
            case ACCOUNT:
                accounts.add(new double[] {e.balance(), e.equity(), e.margin(), e.freeMargin()});
                permissions.add(e.tradePermissions());
                break;
            case POSITIONS_BEGIN:
                snapshots.add(e.count());
                break;
            case POSITION:
                snapshotMagics.add(e.magic());
                break;
            case ORDER_RESULT:
                results.add(new Result(e.clientOrderId(), e.retcode(), e.ticket(), e.price(), e.volume(), e.profit()));
                break;
            case POSITION_CLOSED:
                closed.add(e.ticket() + ":" + e.closeReason() + ":" + e.profit() +
                    (e.remainingVolume() > 0 ? ":" + e.volume() + "/" + e.remainingVolume() : ""));
                break;
            case TERMINAL_STATUS:
                status.add(e.connected());
                break;
            case BALANCE_OPERATION:
                balanceOperations.add(e.amount());
                break;
            case SYMBOL_SPEC:
                specs.add(e.symbolId());
                break;
            default:
                break;
        }
    }
}
