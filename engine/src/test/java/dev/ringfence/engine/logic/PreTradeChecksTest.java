package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.RejectReason;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.logic.PreTradeFixture.T0;
import static org.junit.jupiter.api.Assertions.*;

/** The pre-trade checks alone (RISK.md section 1), on event time passed in. */
class PreTradeChecksTest
{
    private final PreTradeFixture f = new PreTradeFixture();

    private RejectReason check(final long nowMillis, final InboundEvent signal)
    {
        return f.checks.check(nowMillis, signal, true, false);
    }

    @Test
    void aSignalThatPassesEveryCheckIsApproved()
    {
        assertNull(check(T0, f.signal(T0, "s1")));
    }

    @Test
    void aStoppedLoopOrAnOperatorsHaltRefusesEverySignal()
    {
        assertEquals(RejectReason.LOOP_STOPPED, f.checks.check(T0, f.signal(T0, "s1"), false, false));
        assertEquals(RejectReason.HALTED, f.checks.check(T0, f.signal(T0, "s1"), true, true));
        assertEquals(RejectReason.LOOP_STOPPED, f.checks.check(T0, f.signal(T0, "s1"), false, true), "the loop's state is checked first");
    }

    @Test
    void anEmptyOrDecidedIdIsADuplicate()
    {
        assertEquals(RejectReason.DUPLICATE, check(T0, f.signal(T0, "")));
        assertEquals(RejectReason.DUPLICATE, check(T0, f.signal(T0, null)));
        f.decidedSignals.record("s1", null, T0 + 10_000);
        assertEquals(RejectReason.DUPLICATE, check(T0, f.signal(T0, "s1")));
        assertNull(check(T0, f.signal(T0, "s2")));
    }

    @Test
    void aSignalExpiresAfterItsTtlOrTheConfiguredMaximumAgeFromItsSourceTime()
    {
        final InboundEvent withTtl = PreTradeFixture.signal(T0, "t", f.eurusd, Side.BUY, 0.1, 0, 0, 100, T0);
        assertEquals(T0 + 100, f.checks.windowEndOf(withTtl));
        assertNull(check(T0 + 100, withTtl), "the window's last millisecond still counts");
        assertEquals(RejectReason.EXPIRED, check(T0 + 101, withTtl));

        final InboundEvent withoutTtl = f.signal(T0, "d");
        assertEquals(T0 + f.config.signalMaxAgeMillis, f.checks.windowEndOf(withoutTtl));
        assertEquals(RejectReason.EXPIRED, check(T0 + f.config.signalMaxAgeMillis + 1, withoutTtl));

        final InboundEvent unsigned = PreTradeFixture.signal(T0, "u", f.eurusd, Side.BUY, 0.1, 0, 0, 100, 0);
        assertEquals(T0 + 100, f.checks.windowEndOf(unsigned), "no source time: the signal's own event time");
    }

    @Test
    void aSymbolMustBeConfiguredAndDescribedByTheTerminal()
    {
        final InboundEvent unknown = PreTradeFixture.signal(T0, "u", 99, Side.BUY, 0.1, 0, 0, 0, T0);
        assertEquals(RejectReason.UNKNOWN_SYMBOL, check(T0, unknown));

        final int gbpusd = f.symbols.idOf("GBPUSD");
        final InboundEvent undescribed = PreTradeFixture.signal(T0, "g", gbpusd, Side.BUY, 0.1, 0, 0, 0, T0);
        assertEquals(RejectReason.NO_SYMBOL_SPEC, check(T0, undescribed));
        assertEquals("MISSING", f.checks.detailOf(RejectReason.NO_SYMBOL_SPEC, gbpusd));
        f.terminalSymbols.onRefused(gbpusd);
        assertEquals("REFUSED", f.checks.detailOf(RejectReason.NO_SYMBOL_SPEC, gbpusd));
        f.specArrived(gbpusd);
        assertNull(check(T0, undescribed));
    }

    @Test
    void aSideAndAVolumeOnTheSymbolsStepsAreRequired()
    {
        assertEquals(RejectReason.INVALID_VOLUME, check(T0, PreTradeFixture.signal(T0, "n", f.eurusd, null, 0.1, 0, 0, 0, T0)));
        for (final double volume : new double[] {0, 0.005, 0.015, 100.01, Double.NaN, Double.POSITIVE_INFINITY, -1})
        {
            final InboundEvent signal = PreTradeFixture.signal(T0, "v", f.eurusd, Side.SELL, volume, 0, 0, 0, T0);
            assertEquals(RejectReason.INVALID_VOLUME, check(T0, signal), "volume " + volume);
        }
    }

    @Test
    void stopsMustBeZeroOrAFinitePositivePrice()
    {
        for (final double stop : new double[] {-0.0001, Double.NaN, Double.POSITIVE_INFINITY})
        {
            assertEquals(RejectReason.INVALID_STOPS,
                check(T0, PreTradeFixture.signal(T0, "sl", f.eurusd, Side.BUY, 0.1, stop, 0, 0, T0)), "sl " + stop);
            assertEquals(RejectReason.INVALID_STOPS,
                check(T0, PreTradeFixture.signal(T0, "tp", f.eurusd, Side.BUY, 0.1, 0, stop, 0, T0)), "tp " + stop);
        }
        assertNull(check(T0, PreTradeFixture.signal(T0, "ok", f.eurusd, Side.BUY, 0.1, 1.05, 1.2, 0, T0)));
    }

    @Test
    void theGuardsDenialIsTheDetailOfAGuardStateRefusal()
    {
        f.gate.journalFailed(true);
        assertEquals(RejectReason.GUARD_STATE, check(T0, f.signal(T0, "s1")));
        assertEquals("JOURNAL_FAILED", f.checks.detailOf(RejectReason.GUARD_STATE, f.eurusd));
        f.gate.journalFailed(false);
        f.reconciliation.onTerminalStatus(T0, false);
        assertEquals(RejectReason.GUARD_STATE, check(T0, f.signal(T0, "s1")));
        assertEquals("RECONCILING", f.checks.detailOf(RejectReason.GUARD_STATE, f.eurusd));
        assertNull(f.checks.detailOf(RejectReason.HALTED, f.eurusd), "other refusals carry no detail");
    }

    @Test
    void anOpenCircuitRefusesSignals()
    {
        f.openCircuit(T0);
        assertEquals(RejectReason.CIRCUIT_OPEN, check(T0, f.signal(T0, "s1")));
    }

    @Test
    void openPositionsAndEntriesInFlightCountTowardsTheMaximum()
    {
        f.config.maxOpenPositions = 2;
        f.positions.put(1, f.eurusd, Side.BUY, 0.1, 1.1, 0, 0);
        f.orders.open(Order.Kind.ENTRY, 7);
        assertEquals(RejectReason.MAX_POSITIONS, check(T0, f.signal(T0, "s1")));
        f.config.maxOpenPositions = 3;
        assertNull(check(T0, f.signal(T0, "s1")));
    }

    @Test
    void aTokenIsTakenOnlyWhenEveryOtherCheckPassed()
    {
        f.config.ordersPerSecond = 1;
        f.config.orderBurst = 1;
        f.checks.reconfigure();
        f.config.maxOpenPositions = 0;
        assertEquals(RejectReason.MAX_POSITIONS, check(T0, f.signal(T0, "a")));
        f.config.maxOpenPositions = 10;
        assertNull(check(T0, f.signal(T0, "b")), "the refusal before took no token");
        assertEquals(RejectReason.RATE_LIMIT, check(T0, f.signal(T0, "c")));
    }

    @Test
    void theRateLimitRefillsOnEventTime()
    {
        f.config.ordersPerSecond = 2;
        f.config.orderBurst = 2;
        f.checks.reconfigure();
        assertNull(check(T0, f.signal(T0, "a")));
        assertNull(check(T0, f.signal(T0, "b")));
        assertEquals(RejectReason.RATE_LIMIT, check(T0 + 499, f.signal(T0 + 499, "c")));
        assertNull(check(T0 + 500, f.signal(T0 + 500, "d")));
    }

    @Test
    void theRateLimitFollowsTheConfigurationOnceReconfigured()
    {
        f.config.orderBurst = 1;
        f.checks.reconfigure();
        assertNull(check(T0, f.signal(T0, "a")));
        assertEquals(RejectReason.RATE_LIMIT, check(T0, f.signal(T0, "b")));
        f.config.orderBurst = 3;
        assertEquals(RejectReason.RATE_LIMIT, check(T0, f.signal(T0, "b")), "a change in place waits for reconfigure");
        f.checks.reconfigure();
        for (int i = 0; i < 3; i++)
        {
            assertNull(check(T0, f.signal(T0, "c" + i)));
        }
        assertEquals(RejectReason.RATE_LIMIT, check(T0, f.signal(T0, "d")));
    }
}
