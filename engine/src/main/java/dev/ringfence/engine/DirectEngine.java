package dev.ringfence.engine;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventWriter;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.logic.BusinessLogic;
import org.agrona.concurrent.NanoClock;

import java.util.function.Consumer;

/**
 * The same business logic driven synchronously on the caller's thread, one event at a time, without a
 * ring: for scenario runs on virtual time, journal replay and unit tests, where the input order must be
 * exactly the processing order. Not thread-safe: one caller thread owns it, as the business thread owns
 * the live engine. Exceptions get the live engine's policy: counted, reported, and the run goes on.
 */
public final class DirectEngine extends InboundEventWriter
{
    private final InboundEvent entry = new InboundEvent();
    private final BusinessLogic logic;
    private final NanoClock nanoClock;
    private boolean dispatching;
    private Consumer<InboundEvent> journal = event -> { };

    public DirectEngine(
        final EngineConfig config,
        final SymbolTable symbols,
        final OrderCommands commands,
        final LifecycleEvents lifecycleEvents,
        final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        this.logic = new BusinessLogic(config, symbols, commands, lifecycleEvents, nanoClock, () -> 0);
    }

    /** Every event goes here first, before the business logic sees it (journal before logic). */
    public DirectEngine journalTo(final Consumer<InboundEvent> journal)
    {
        this.journal = journal;
        return this;
    }

    public InboundEvents inbound()
    {
        return this;
    }

    public BusinessLogic logic()
    {
        return logic;
    }

    /** Processes a ready-made event (journal replay). */
    public void process(final InboundEvent event)
    {
        final long slot = claim();
        entry.copyFrom(event);
        commit(slot);
    }

    @Override
    protected long claim()
    {
        if (dispatching)
        {
            throw new IllegalStateException("an outbound port published back into the engine while it was processing");
        }
        return 0;
    }

    @Override
    protected InboundEvent entry(final long slot)
    {
        return entry;
    }

    @Override
    protected void commit(final long slot)
    {
        dispatching = true;
        try
        {
            journal.accept(entry);
            logic.onEvent(entry);
        }
        catch (final RuntimeException | Error ex)
        {
            try
            {
                logic.onEventFailed(ex, entry);
            }
            catch (final RuntimeException | Error reportingFailed)
            {
                logic.onReportingFailed(reportingFailed);
            }
        }
        finally
        {
            dispatching = false;
        }
    }

    @Override
    protected long nanoTime()
    {
        return nanoClock.nanoTime();
    }
}
