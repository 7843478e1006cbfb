package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.RejectReason;
import dev.ringfence.engine.event.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static dev.ringfence.engine.logic.PreTradeFixture.T0;
import static org.junit.jupiter.api.Assertions.*;

/** The checks run in RISK.md's order: whatever combination of them fails, the first one is the reason. */
class PreTradeChecksPropertyTest
{
    /** RISK.md section 1, checks 1 to 12, in order. */
    private static final RejectReason[] ORDER = {
        RejectReason.LOOP_STOPPED, RejectReason.DUPLICATE, RejectReason.EXPIRED, RejectReason.UNKNOWN_SYMBOL,
        RejectReason.INVALID_VOLUME, RejectReason.INVALID_STOPS, RejectReason.HALTED, RejectReason.GUARD_STATE,
        RejectReason.NO_SYMBOL_SPEC, RejectReason.CIRCUIT_OPEN, RejectReason.MAX_POSITIONS, RejectReason.RATE_LIMIT};

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void theFirstFailingCheckIsTheReason(@ForAll @IntRange(min = 0, max = (1 << 12) - 1) final int failing)
    {
        final PreTradeFixture f = new PreTradeFixture();
        final long now = T0 + 60_000;
        f.config.orderBurst = 1;
        f.checks.reconfigure();
        if (fails(failing, RejectReason.RATE_LIMIT))
        {
            assertNull(f.checks.check(now, f.signal(now, "earlier"), true, false), "takes the only token");
        }
        if (fails(failing, RejectReason.DUPLICATE))
        {
            f.decidedSignals.record("s", RejectReason.HALTED, now + 10_000);
        }
        if (fails(failing, RejectReason.GUARD_STATE))
        {
            f.gate.rebaseRequired(true);
        }
        if (fails(failing, RejectReason.CIRCUIT_OPEN))
        {
            f.openCircuit(now);
        }
        if (fails(failing, RejectReason.MAX_POSITIONS))
        {
            f.config.maxOpenPositions = 0;
        }
        final int symbolId = fails(failing, RejectReason.UNKNOWN_SYMBOL) ? 99 :
            fails(failing, RejectReason.NO_SYMBOL_SPEC) ? f.symbols.idOf("GBPUSD") : f.eurusd;
        final InboundEvent signal = PreTradeFixture.signal(now, "s", symbolId, Side.BUY,
            fails(failing, RejectReason.INVALID_VOLUME) ? Double.NaN : 0.1,
            fails(failing, RejectReason.INVALID_STOPS) ? -1 : 0, 0, 0,
            fails(failing, RejectReason.EXPIRED) ? now - f.config.signalMaxAgeMillis - 1 : now);

        final RejectReason reason = f.checks.check(
            now, signal, !fails(failing, RejectReason.LOOP_STOPPED), fails(failing, RejectReason.HALTED));

        assertEquals(failing == 0 ? null : ORDER[Integer.numberOfTrailingZeros(failing)], reason);
    }

    private static boolean fails(final int failing, final RejectReason check)
    {
        for (int i = 0; i < ORDER.length; i++)
        {
            if (ORDER[i] == check)
            {
                return (failing & (1 << i)) != 0;
            }
        }
        throw new IllegalArgumentException(check.name());
    }
}
