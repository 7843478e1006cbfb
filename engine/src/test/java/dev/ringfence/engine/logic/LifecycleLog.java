package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEvents;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The lifecycle events one concern emits in a unit test, copied as they leave. */
final class LifecycleLog implements LifecycleEvents
{
    final EngineMetrics metrics = new EngineMetrics();
    final LifecycleEmitter emitter = new LifecycleEmitter(this, metrics);
    final List<LifecycleEvent> events = new ArrayList<>();

    @Override
    public void onLifecycleEvent(final LifecycleEvent event)
    {
        final LifecycleEvent copy = new LifecycleEvent();
        copy.copyFrom(event);
        events.add(copy);
    }

    List<LifecycleEvent> of(final LifecycleEventType type)
    {
        return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
    }
}
