package dev.ringfence.engine;

/**
 * Background work a gate handler (the journal) does on the thread it runs on, at the cheapest moments there
 * are: when the events it has are done. Both calls must be short and bounded (an event arriving meanwhile
 * waits for them) and allocate nothing; an exception from them is reported and goes no further.
 */
public interface GateIdleWork
{
    /**
     * A batch is done: called after the business logic has processed the batch's last event when the gate runs
     * inline; when the gate has a thread, after its own last event, once the batch is released to the logic.
     * Events may follow at once (a burst is many small batches), so only what cannot wait belongs here.
     */
    void afterBatch();

    /**
     * No event came for {@link WaitStrategies#QUIET_MILLIS} (the blocking wait strategy; repeated while the
     * ring stays empty): room for a little more.
     */
    void quiet();
}
