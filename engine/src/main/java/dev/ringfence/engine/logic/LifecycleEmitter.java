package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEventWriter;
import dev.ringfence.engine.event.LifecycleEvents;

/**
 * The business thread's lifecycle output: one method per event type ({@link LifecycleEventWriter}, e.g.
 * {@code emitter.signalRejected(now, signalId, reason, detail)}) fills the one reused event, and this hands it to
 * the outbound port, counting every type.
 */
final class LifecycleEmitter extends LifecycleEventWriter
{
    private final LifecycleEvents sink;
    private final EngineMetrics metrics;

    LifecycleEmitter(final LifecycleEvents sink, final EngineMetrics metrics)
    {
        this.sink = sink;
        this.metrics = metrics;
    }

    /**
     * Hands the event out. A failing port (a full disk under the output journal, a broken logger) is
     * counted and never propagates: the decision the event reports (a trip, say) must still be carried out.
     */
    @Override
    protected void emit(final LifecycleEvent event)
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
}
