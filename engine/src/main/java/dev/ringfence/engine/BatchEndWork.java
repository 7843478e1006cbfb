package dev.ringfence.engine;

/**
 * Background work a gate handler (the journal) does on its own thread when a batch of events is done and
 * nothing waits on the ring: the cheapest moment there is. Called after the business logic has processed
 * the batch's last event when the gate runs inline, after the gate's own last event when it has a thread.
 * Must be short and bounded (an event arriving meanwhile waits for it), allocate nothing, and never throw.
 */
@FunctionalInterface
public interface BatchEndWork
{
    void afterBatch();
}
