package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.RejectReason;
import org.agrona.collections.ObjectHashSet;

import java.util.ArrayDeque;

/**
 * Idempotency by signal id (RISK.md section 1): a decision about a signal id is final. An id approved or
 * refused once (for any reason but being a duplicate itself) is a duplicate ever after, so a sender who wants
 * another try sends a new id. Approved ids are kept for good; a refused id only until its signal's window
 * closes ({@link #forgetRefusedPast}). The decided ids are rebuilt by replaying the journal, so this holds
 * across restarts too: a signal refused while the guard was locked can never execute later because it was
 * resent after a re-arm.
 *
 * <p>Owned by the business thread. Recording a decision may allocate (the id set grows, a refusal is queued);
 * forgetting, which runs on every event time, allocates nothing.
 */
final class DecidedSignals
{
    /** Every approved id, and the refused ones until their window closes. */
    private final ObjectHashSet<String> decidedIds = new ObjectHashSet<>();
    /** Refused ids in the order they were refused, with the end of their window: forgotten after it. */
    private final ArrayDeque<RefusedId> refusedIds = new ArrayDeque<>();

    /** An id that cannot be decided (again): empty, or decided before. */
    boolean isDuplicate(final String signalId)
    {
        return signalId == null || signalId.isEmpty() || decidedIds.contains(signalId);
    }

    /**
     * The decision about a signal: approved when {@code reason} is null, refused for {@code reason} otherwise.
     * A refusal as DUPLICATE decides nothing new, and an empty id is never kept. A refused id is kept until
     * {@code windowEndsMillis}, the event time after which a copy of its signal would be refused as EXPIRED.
     * An id decided before keeps its first decision: a copy refused for a check that comes before DUPLICATE
     * (the loop stopped, say) must not turn an approved id into a refused one that is later forgotten.
     */
    void record(final String signalId, final RejectReason reason, final long windowEndsMillis)
    {
        if (reason == RejectReason.DUPLICATE || signalId == null || signalId.isEmpty())
        {
            return;
        }
        if (decidedIds.add(signalId) && reason != null)
        {
            refusedIds.addLast(new RefusedId(signalId, windowEndsMillis));
        }
    }

    /**
     * A refused id is kept until its signal could no longer be accepted anyway: a copy of it (same source
     * time, which the signature binds) would be EXPIRED from then on. Approved ids are kept for good. This
     * bounds what refusals cost in memory without reopening any door; the window ends on event time, so a
     * replay forgets exactly what the live run forgot. Refusals are kept in arrival order and forgotten
     * from the oldest: one with a long ttl keeps the ones behind it a little longer, never shorter.
     */
    void forgetRefusedPast(final long nowMillis)
    {
        RefusedId oldest;
        while ((oldest = refusedIds.peekFirst()) != null && nowMillis - oldest.windowEndsMillis > 0)
        {
            refusedIds.removeFirst();
            decidedIds.remove(oldest.signalId);
        }
    }

    /** How many ids are decided now. */
    int count()
    {
        return decidedIds.size();
    }

    /** A refused signal id and the event time after which a copy of that signal would be refused as EXPIRED. */
    private static final class RefusedId
    {
        final String signalId;
        final long windowEndsMillis;

        RefusedId(final String signalId, final long windowEndsMillis)
        {
            this.signalId = signalId;
            this.windowEndsMillis = windowEndsMillis;
        }
    }
}
