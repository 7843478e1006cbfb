package dev.ringfence.engine;

import com.lmax.disruptor.EventHandler;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.logic.EventProcessor;

import java.util.Arrays;

/**
 * Runs the inline gates (if any) and the business logic; remembers how far it got, for the backlog
 * figure. A failing inline gate is handled like a gate on its own thread: counted, event processed.
 * The inline gates' {@link GateIdleWork} runs here: at the end of a batch, once the logic is done with its last
 * event, and when the wait strategy reports a quiet stretch.
 */
final class BusinessHandler implements EventHandler<InboundEvent>
{
    private final EventProcessor processor;
    private final EventHandler<InboundEvent>[] inlineGates;
    private final GateIdleWork[] idleWork;
    private final GateFailures gateFailures;
    private final IdleWorkFailures idleWorkFailures;
    private final Engine.ProcessedEvents processedEvents;
    private volatile long processedSequence = -1;

    BusinessHandler(
        final EventProcessor processor,
        final EventHandler<InboundEvent>[] inlineGates,
        final GateFailures gateFailures,
        final IdleWorkFailures idleWorkFailures,
        final Engine.ProcessedEvents processedEvents)
    {
        this.processor = processor;
        this.inlineGates = inlineGates;
        this.idleWork = idleWorkOf(inlineGates);
        this.gateFailures = gateFailures;
        this.idleWorkFailures = idleWorkFailures;
        this.processedEvents = processedEvents;
    }

    /** The last sequence the business logic has processed; read from any thread. */
    long processedSequence()
    {
        return processedSequence;
    }

    @Override
    public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            for (final EventHandler<InboundEvent> gate : inlineGates)
            {
                try
                {
                    gate.onEvent(event, sequence, endOfBatch);
                }
                catch (final Exception ex)
                {
                    gateFailures.handleEventException(ex, sequence, event);
                }
            }
            processor.process(event);
        }
        finally
        {
            processedSequence = sequence;
            if (processedEvents != null)
            {
                processedEvents.onProcessed(event);
            }
        }
        if (endOfBatch)
        {
            for (final GateIdleWork work : idleWork)
            {
                idleWorkFailures.afterBatch(work);
            }
        }
    }

    @Override
    public void onTimeout(final long sequence)
    {
        for (final GateIdleWork work : idleWork)
        {
            idleWorkFailures.quiet(work);
        }
    }

    private static GateIdleWork[] idleWorkOf(final EventHandler<InboundEvent>[] gates)
    {
        return Arrays.stream(gates).filter(GateIdleWork.class::isInstance).map(GateIdleWork.class::cast)
            .toArray(GateIdleWork[]::new);
    }
}
