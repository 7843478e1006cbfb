package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Sample validity and staleness, on event time alone. */
class EquityFeedTest
{
    private static final long T0 = 1_767_571_200_000L;
    private static final long LOGIN = 1001;

    private final EngineConfig config = new EngineConfig();
    private final LifecycleLog log = new LifecycleLog();
    private final Positions positions = new Positions(8);
    private final OrderBook orders = new OrderBook(8);
    private EquityFeed feed;

    private EquityFeed feed()
    {
        config.accountLogin = LOGIN;
        config.staleAfterMillis = 15_000;
        config.equityMaxAgeMillis = 5_000;
        feed = new EquityFeed(config, log.emitter, log.metrics, positions, orders);
        return feed;
    }

    private static InboundEvent report(final long now, final long login, final double equity, final long reportTime)
    {
        return InboundEntry.of(in -> in.terminalReports().account(now, login, equity, equity, 0, equity, true, reportTime, 0, TradePermissions.ALL));
    }

    private void onePosition()
    {
        positions.beginSnapshot(1);
        positions.stage(7, 0, Side.BUY, 1.0, 1.1, 0, 0);
        positions.applyStaged();
    }

    @Test
    void aValidSampleIsKeptAndAnInvalidOneOnlyCounted()
    {
        feed();
        assertTrue(feed.onAccount(T0, report(T0, LOGIN, 10_000, T0)));
        assertEquals(10_000, feed.lastEquity());
        assertFalse(feed.onAccount(T0 + 1, report(T0 + 1, 2002, 9_000, T0 + 1)), "another login");
        assertFalse(feed.onAccount(T0 + 2, report(T0 + 2, LOGIN, Double.NaN, T0 + 2)), "not a number");
        assertFalse(feed.onAccount(T0 + 10_000, report(T0 + 10_000, LOGIN, 9_000, T0)), "older than equity.maxAgeMillis");
        assertEquals(3, log.metrics.invalidSamples);
        assertEquals(10_000, feed.lastEquity());
        assertEquals(9_998, feed.lastValidSampleAge(T0 + 9_998));
    }

    @Test
    void zeroAndNegativeEquityAreValidSamples()
    {
        feed();
        assertTrue(feed.onAccount(T0, report(T0, LOGIN, 0, 0)));
        assertTrue(feed.onAccount(T0 + 1, report(T0 + 1, LOGIN, -500, 0)));
        assertEquals(-500, feed.lastEquity());
        assertEquals(0, log.metrics.invalidSamples);
    }

    @Test
    void theFirstLoginIsAdoptedWhenNoneIsConfigured()
    {
        config.accountLogin = 0;
        feed = new EquityFeed(config, log.emitter, log.metrics, positions, orders);
        assertTrue(feed.onAccount(T0, report(T0, 42, 10_000, 0)));
        assertFalse(feed.onAccount(T0 + 1, report(T0 + 1, 43, 10_000, 0)));
    }

    @Test
    void withExposureAndNoValidSampleTheDataDegradesThenRecovers()
    {
        feed();
        feed.start(T0);
        feed.onTime(T0 + 60_000);
        assertFalse(feed.isDegraded(), "no exposure: nothing to guard");
        onePosition();
        feed.onTime(T0 + 60_000);
        assertTrue(feed.isDegraded(), "watched since start, never a sample");
        assertEquals(60_000, log.of(LifecycleEventType.DATA_DEGRADED).get(0).ageMillis());
        feed.onAccount(T0 + 60_001, report(T0 + 60_001, LOGIN, 10_000, 0));
        assertFalse(feed.isDegraded());
        assertEquals(1, log.of(LifecycleEventType.DATA_RECOVERED).size());
        feed.onTime(T0 + 60_001 + 14_999);
        assertFalse(feed.isDegraded());
        feed.onTime(T0 + 60_001 + 15_000);
        assertTrue(feed.isDegraded());
        assertEquals(2, log.of(LifecycleEventType.DATA_DEGRADED).size(), "one event per episode");
        feed.onTime(T0 + 90_000);
        assertEquals(2, log.of(LifecycleEventType.DATA_DEGRADED).size());
    }

    @Test
    void freshnessFollowsEquityMaxAge()
    {
        feed();
        assertFalse(feed.hasFreshSample(T0));
        feed.onAccount(T0, report(T0, LOGIN, 10_000, 0));
        assertTrue(feed.hasFreshSample(T0 + 5_000));
        assertFalse(feed.hasFreshSample(T0 + 5_001));
    }
}
