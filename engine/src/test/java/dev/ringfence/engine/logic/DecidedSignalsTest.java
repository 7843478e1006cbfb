package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Idempotency by signal id alone (RISK.md section 1): a decision is final, a refusal is kept for its window. */
class DecidedSignalsTest
{
    private static final long T0 = 1_767_571_200_000L;

    private final DecidedSignals decided = new DecidedSignals();

    @Test
    void anApprovedIdIsADuplicateForGood()
    {
        assertFalse(decided.isDuplicate("s1"));
        decided.record("s1", null, T0 + 10_000);
        assertTrue(decided.isDuplicate("s1"));
        decided.forgetRefusedPast(T0 + 365L * 86_400_000L);
        assertTrue(decided.isDuplicate("s1"));
        assertEquals(1, decided.count());
    }

    @Test
    void aRefusedIdIsADuplicateUntilItsWindowEnds()
    {
        decided.record("s1", RejectReason.HALTED, T0 + 10_000);
        assertTrue(decided.isDuplicate("s1"));
        decided.forgetRefusedPast(T0 + 10_000);
        assertTrue(decided.isDuplicate("s1"), "the window's last millisecond still counts");
        decided.forgetRefusedPast(T0 + 10_001);
        assertFalse(decided.isDuplicate("s1"));
        assertEquals(0, decided.count(), "past the window the refusal costs no memory");
    }

    @Test
    void anApprovedIdRefusedAgainForAnotherReasonStaysApprovedForGood()
    {
        decided.record("s1", null, T0 + 10_000);
        decided.record("s1", RejectReason.LOOP_STOPPED, T0 + 20_000);
        decided.forgetRefusedPast(T0 + 365L * 86_400_000L);
        assertTrue(decided.isDuplicate("s1"));
    }

    @Test
    void aRefusalAsADuplicateDecidesNothing()
    {
        decided.record("s1", RejectReason.DUPLICATE, T0 + 10_000);
        assertFalse(decided.isDuplicate("s1"));
        assertEquals(0, decided.count());
    }

    @Test
    void anEmptyIdIsAlwaysADuplicateAndNeverKept()
    {
        assertTrue(decided.isDuplicate(""));
        assertTrue(decided.isDuplicate(null));
        decided.record("", null, T0);
        decided.record(null, RejectReason.LOOP_STOPPED, T0);
        assertEquals(0, decided.count());
    }

    @Test
    void refusalsAreForgottenOldestFirstSoALongWindowHoldsTheLaterOnesBack()
    {
        decided.record("long", RejectReason.RATE_LIMIT, T0 + 60_000);
        decided.record("short", RejectReason.RATE_LIMIT, T0 + 100);
        decided.forgetRefusedPast(T0 + 1_000);
        assertTrue(decided.isDuplicate("short"), "kept a little longer, never shorter");
        decided.forgetRefusedPast(T0 + 60_001);
        assertFalse(decided.isDuplicate("long"));
        assertFalse(decided.isDuplicate("short"));
        assertEquals(0, decided.count());
    }
}
