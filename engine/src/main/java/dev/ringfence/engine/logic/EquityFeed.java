package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.InboundEvent;

/**
 * The account reports the guard acts on: which are valid samples (connected, finite figures, the expected
 * login, not older than {@code equity.maxAgeMillis}), the last valid one, and staleness: with exposure and no
 * valid sample for {@code staleAfterMillis} the data is degraded ({@code DATA_DEGRADED}, entries denied) until
 * the next valid sample ({@code DATA_RECOVERED}).
 *
 * <p>Equity at or below zero is a valid sample; only a figure that is not finite is invalid. Owned by the
 * business thread; time comes only from events.
 */
final class EquityFeed
{
    static final long NONE = Long.MIN_VALUE;

    private final EngineConfig config;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final Positions positions;
    private final OrderBook orders;

    private long expectedLogin;
    private double lastEquity = Double.NaN;
    private double lastBalance = Double.NaN;
    private int serverGmtOffsetSeconds;
    private long lastValidSampleMillis = NONE;
    private long watchSinceMillis = NONE;
    private boolean degraded;

    EquityFeed(
        final EngineConfig config,
        final LifecycleEmitter emitter,
        final EngineMetrics metrics,
        final Positions positions,
        final OrderBook orders)
    {
        this.config = config;
        this.emitter = emitter;
        this.metrics = metrics;
        this.positions = positions;
        this.orders = orders;
        reconfigure();
    }

    /** The configuration changed in place (an operator re-base): the expected login is read again. */
    void reconfigure()
    {
        expectedLogin = config.accountLogin;
    }

    /** Staleness is measured from here until the first valid sample. */
    void start(final long nowMillis)
    {
        if (watchSinceMillis == NONE)
        {
            watchSinceMillis = nowMillis;
        }
    }

    /** An account report: true when it is a valid sample, now the last one (an invalid one is only counted). */
    boolean onAccount(final long nowMillis, final InboundEvent report)
    {
        if (!isValidSample(nowMillis, report))
        {
            metrics.invalidSamples++;
            return false;
        }
        lastEquity = report.equity();
        lastBalance = report.balance();
        lastValidSampleMillis = nowMillis;
        serverGmtOffsetSeconds = report.serverGmtOffsetSeconds();
        if (degraded)
        {
            degraded = false;
            emitter.dataRecovered(nowMillis, lastEquity);
        }
        return true;
    }

    /** Degrades the data once no valid sample has come for {@code staleAfterMillis} while there is exposure. */
    void onTime(final long nowMillis)
    {
        if (!degraded && watchSinceMillis != NONE && hasExposure())
        {
            final long since = lastValidSampleMillis == NONE ? watchSinceMillis : lastValidSampleMillis;
            if (nowMillis - since >= config.staleAfterMillis)
            {
                degraded = true;
                emitter.dataDegraded(nowMillis, nowMillis - since);
            }
        }
    }

    boolean hasFreshSample(final long nowMillis)
    {
        return lastValidSampleMillis != NONE && nowMillis - lastValidSampleMillis <= config.equityMaxAgeMillis;
    }

    boolean isDegraded()
    {
        return degraded;
    }

    /** The last valid sample's equity (NaN before the first). */
    double lastEquity()
    {
        return lastEquity;
    }

    /** The last valid sample's balance (NaN before the first). */
    double lastBalance()
    {
        return lastBalance;
    }

    /** The broker server's GMT offset, as the last valid sample reported it. */
    int serverGmtOffsetSeconds()
    {
        return serverGmtOffsetSeconds;
    }

    /** Milliseconds since the last valid sample, or -1 when none has arrived. */
    long lastValidSampleAge(final long nowMillis)
    {
        return lastValidSampleMillis == NONE ? -1 : nowMillis - lastValidSampleMillis;
    }

    private boolean isValidSample(final long nowMillis, final InboundEvent report)
    {
        // Zero and negative equity are valid (the worst samples); only a non-finite figure is invalid.
        if (!report.connected() || !Double.isFinite(report.equity()) || !Double.isFinite(report.balance()))
        {
            return false;
        }
        if (expectedLogin == 0)
        {
            expectedLogin = report.login();
        }
        if (report.login() != expectedLogin)
        {
            return false;
        }
        final long reportTime = report.reportTimeMillis();
        return reportTime == 0 || nowMillis - reportTime <= config.equityMaxAgeMillis;
    }

    private boolean hasExposure()
    {
        return positions.count() > 0 || orders.size() > 0;
    }
}
