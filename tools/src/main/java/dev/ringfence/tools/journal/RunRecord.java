package dev.ringfence.tools.journal;

import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.DirectEngine;
import dev.ringfence.tools.LifecycleJson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one run of a day looked like from the guard's side, for the reports: after every account report the
 * engine took, its equity, peak and drawdown and the limits in force (drawdown cap, equity floor, daily loss
 * level); the lifecycle events that matter on a chart as markers (trades, trips, flattens, re-arms); counts.
 *
 * <p>It sees every input just before the business logic does ({@link #accept}), so the state after an
 * account report is sampled when the next input arrives, and at {@link #finish}. Single-threaded, like the
 * engine it watches.
 */
final class RunRecord implements LifecycleEvents, Consumer<InboundEvent>
{
    static final String TRADE = "trade";
    static final String TRIP = "trip";
    static final String FLATTEN = "flatten";
    static final String REARM = "rearm";
    static final String DAMAGED = "damaged";

    final String name;
    private final SymbolTable symbols;
    private final int currencyDigits;
    private DirectEngine engine;
    /** Published by the engine on every timer and operator command: the limits in force are read from it. */
    private final StatusBoard board = new StatusBoard();
    /** Published here on demand, between two inputs: the state an account report left. */
    private final StatusBoard now = new StatusBoard();

    // the samples, one per account report, as columns
    long[] t = new long[1024];
    double[] equity = new double[1024];
    double[] peak = new double[1024];
    double[] drawdown = new double[1024];
    int samples;
    /** Limit changes: {time, cap %, floor, daily loss level}, one entry each time one of them changes; NaN when off. */
    final List<double[]> limits = new ArrayList<>();

    final List<Marker> markers = new ArrayList<>();
    private final Map<LifecycleEventType, Integer> counts = new EnumMap<>(LifecycleEventType.class);
    final Map<String, Integer> tripsByRule = new TreeMap<>();
    double realizedProfit;
    double balanceOperations;
    double minEquity = Double.NaN;
    double maxDrawdown;
    double highestPeak = Double.NaN;
    long firstTime = Long.MAX_VALUE;
    long lastTime = Long.MIN_VALUE;

    private long pendingAccountTime = Long.MIN_VALUE;

    RunRecord(final String name, final SymbolTable symbols, final int currencyDigits)
    {
        this.name = name;
        this.symbols = symbols;
        this.currencyDigits = currencyDigits;
    }

    /** The engine this record watches; its status board is this record's (the limits in force are read from it). */
    RunRecord watch(final DirectEngine engine)
    {
        this.engine = engine;
        engine.statusBoard(board);
        return this;
    }

    /** An input, just before the business logic takes it. */
    @Override
    public void accept(final InboundEvent event)
    {
        flushSample();
        firstTime = Math.min(firstTime, event.timeMillis());
        lastTime = Math.max(lastTime, event.timeMillis());
        if (event.type() == InboundEventType.ACCOUNT)
        {
            pendingAccountTime = event.timeMillis();
        }
        else if (event.type() == InboundEventType.BALANCE_OPERATION && Double.isFinite(event.amount()) && samples > 0)
        {
            // One before the first account report is already in that report's equity.
            balanceOperations += event.amount();
        }
    }

    /** A journal entry that could not be read. */
    void damaged(final long index, final String problem)
    {
        markers.add(new Marker(lastTime == Long.MIN_VALUE ? 0 : lastTime, DAMAGED, "damaged entry #" + Long.toHexString(index) + ": " + problem));
    }

    /** The run is over: the last account report's state is taken. */
    void finish()
    {
        flushSample();
    }

    private void flushSample()
    {
        if (pendingAccountTime == Long.MIN_VALUE)
        {
            return;
        }
        final long time = pendingAccountTime;
        pendingAccountTime = Long.MIN_VALUE;
        final StatusBoard status = engine.publishStatus(now);
        final double e = status.equity;
        final double p = status.peak;
        if (!Double.isFinite(e) || !(p > 0))
        {
            return;
        }
        add(time, e, p, status.drawdownPercent);
        limits(time);
    }

    void add(final long time, final double e, final double p, final double dd)
    {
        if (samples == t.length)
        {
            final int size = samples * 2;
            t = Arrays.copyOf(t, size);
            equity = Arrays.copyOf(equity, size);
            peak = Arrays.copyOf(peak, size);
            drawdown = Arrays.copyOf(drawdown, size);
        }
        t[samples] = time;
        equity[samples] = e;
        peak[samples] = p;
        drawdown[samples] = dd;
        samples++;
        minEquity = Double.isNaN(minEquity) ? e : Math.min(minEquity, e);
        highestPeak = Double.isNaN(highestPeak) ? p : Math.max(highestPeak, p);
        maxDrawdown = Math.max(maxDrawdown, dd);
    }

    /** The limits in force, from the engine's own status (published on every timer and operator command). */
    private void limits(final long time)
    {
        final StatusBoard b = board;
        if (b.timeMillis == 0 || !Double.isFinite(b.equity))
        {
            // Not published since the first account report: the next sample takes the limits.
            return;
        }
        final double cap = round(b.drawdownPercent + b.drawdownRemainingPercent);
        final double floor = round(b.equity - b.floorDistance);
        final double daily = round(b.equity - b.dailyLossRemaining);
        final double[] last = limits.isEmpty() ? null : limits.get(limits.size() - 1);
        if (last == null || !same(last[1], cap) || !same(last[2], floor) || !same(last[3], daily))
        {
            limits.add(new double[] {time, cap, floor, daily});
        }
    }

    private static double round(final double v)
    {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : Double.NaN;
    }

    private static boolean same(final double a, final double b)
    {
        return Double.isNaN(a) ? Double.isNaN(b) : a == b;
    }

    @Override
    public void onLifecycleEvent(final LifecycleEvent e)
    {
        counts.merge(e.type(), 1, Integer::sum);
        switch (e.type())
        {
            case TRADE_EXECUTED:
                markers.add(new Marker(e.timeMillis(), TRADE, String.format(Locale.ROOT, "trade %s %s %.2f @ %s (signal %s, ticket %d)",
                    e.side(), symbols.name(e.symbolId()), e.volume(), LifecycleJson.plain(e.price()), e.signalId(), e.ticket())));
                break;
            case POSITION_CLOSED:
            case POSITION_REDUCED:
                // Each closing deal is reported once, by one of the two: a partial close, then the rest.
                realizedProfit += e.profit();
                markers.add(new Marker(e.timeMillis(), TRADE, String.format(Locale.ROOT, "closed %s %s %.2f (ticket %d): profit %s, %s",
                    e.side(), symbols.name(e.symbolId()), e.volume(), e.ticket(), money(e.profit()), e.reason())));
                break;
            case GUARD_TRIPPED:
                tripsByRule.merge(e.rule().name(), 1, Integer::sum);
                markers.add(new Marker(e.timeMillis(), TRIP, String.format(Locale.ROOT,
                    "guard tripped: %s at equity %s, peak %s, drawdown %.2f %% (threshold %s)",
                    e.rule(), money(e.equity()), money(e.peak()), e.drawdownPercent(), LifecycleJson.plain(e.threshold()))));
                break;
            case FLATTEN_COMPLETED:
                markers.add(new Marker(e.timeMillis(), FLATTEN, "flatten completed: " + e.count() + " positions closed, equity " +
                    money(e.equity())));
                break;
            case GUARD_REARMED:
                markers.add(new Marker(e.timeMillis(), REARM, "re-armed by " + e.actor() + ", new peak " + money(e.peak()) +
                    " (was " + money(e.oldPeak()) + ")"));
                break;
            case CONFIG_REBASED:
                markers.add(new Marker(e.timeMillis(), REARM, "configuration re-based: peak set to current equity"));
                break;
            default:
                break;
        }
    }

    int count(final LifecycleEventType type)
    {
        return counts.getOrDefault(type, 0);
    }

    int trips()
    {
        return count(LifecycleEventType.GUARD_TRIPPED);
    }

    double firstEquity()
    {
        return samples == 0 ? Double.NaN : equity[0];
    }

    double lastEquity()
    {
        return samples == 0 ? Double.NaN : equity[samples - 1];
    }

    /** Equity gained over the run, deposits and withdrawals taken out. */
    double profit()
    {
        return samples == 0 ? Double.NaN : lastEquity() - firstEquity() - balanceOperations;
    }

    String guardStateAtEnd()
    {
        final StatusBoard status = engine.publishStatus(now);
        return status.guardState.name() + (status.degraded ? " (DEGRADED)" : "");
    }

    int openPositionsAtEnd()
    {
        return engine.publishStatus(now).openPositions;
    }

    String money(final double v)
    {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + currencyDigits + "f", v) : "-";
    }

    int currencyDigits()
    {
        return currencyDigits;
    }

    /** One thing that happened, drawn on the charts with its details on hover. */
    static final class Marker
    {
        final long timeMillis;
        final String kind;
        final String text;

        Marker(final long timeMillis, final String kind, final String text)
        {
            this.timeMillis = timeMillis;
            this.kind = kind;
            this.text = text;
        }
    }
}
