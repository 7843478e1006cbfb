package dev.ringfence.engine;

/**
 * Background work a gate handler (the journal) does on its own thread while nothing waits on the ring, the
 * cheapest moments there are. Both calls must be short and bounded (an event arriving meanwhile waits for
 * them), allocate nothing, and never throw.
 */
public interface GateIdleWork
{
    /**
     * A batch is done: called after the business logic has processed the batch's last event when the gate runs
     * inline, after the gate's own last event when it has a thread. Events may follow at once (a burst is many
     * small batches), so only what cannot wait belongs here.
     */
    void afterBatch();

    /**
     * No event came for {@link WaitStrategies#QUIET_MILLIS} (blocking and phased wait strategies; repeated while
     * the ring stays empty): room for a little more.
     */
    void quiet();
}
