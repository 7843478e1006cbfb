package dev.ringfence.engine.event;

/**
 * Outbound port for lifecycle events. Called on the business thread with a reused flyweight that is
 * valid only during the call: an implementation copies what it keeps and returns at once (log, metrics,
 * alerts and journals run on their own threads behind a queue).
 */
@FunctionalInterface
public interface LifecycleEvents
{
    void onLifecycleEvent(LifecycleEvent event);
}
