package dev.ringfence.engine;

import com.lmax.disruptor.ExceptionHandler;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.logic.EventProcessor;

/** What escapes around the processor (it never throws itself) gets the processor's failure policy. */
final class ProcessorExceptionHandler implements ExceptionHandler<InboundEvent>
{
    private final EventProcessor processor;

    ProcessorExceptionHandler(final EventProcessor processor)
    {
        this.processor = processor;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final InboundEvent event)
    {
        processor.failed(ex, event);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        throw new IllegalStateException("business thread failed to start", ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        processor.failed(ex, null);
    }
}
