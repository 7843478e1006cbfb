package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEvents;

/**
 * Fills the one reused {@link LifecycleEvent} and hands it to the outbound port, counting every type.
 * Usage on the business thread: {@code emitter.begin(TYPE, now).field(..).field(..); emitter.emit();}.
 */
final class LifecycleEmitter
{
    private final LifecycleEvent event = new LifecycleEvent();
    private final LifecycleEvents sink;
    private final EngineMetrics metrics;

    LifecycleEmitter(final LifecycleEvents sink, final EngineMetrics metrics)
    {
        this.sink = sink;
        this.metrics = metrics;
    }

    LifecycleEvent begin(final LifecycleEventType type, final long nowMillis)
    {
        return event.reset(type, nowMillis);
    }

    /**
     * Hands the event out. A failing port (a full disk under the output journal, a broken logger) is
     * counted and never propagates: the decision the event reports (a trip, say) must still be carried out.
     */
    void emit()
    {
        metrics.lifecycleEvents[event.type().ordinal()]++;
        if (event.type() == LifecycleEventType.ERROR)
        {
            metrics.errors++;
        }
        try
        {
            sink.onLifecycleEvent(event);
        }
        catch (final RuntimeException ex)
        {
            metrics.outputFailures++;
            metrics.errors++;
        }
    }

    /** An ERROR event with constant codes. */
    void error(final long nowMillis, final String reason, final String detail)
    {
        begin(LifecycleEventType.ERROR, nowMillis).reason(reason).detail(detail);
        emit();
    }
}
