package dev.ringfence.engine;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundPorts;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.logic.EventProcessor;
import org.agrona.concurrent.NanoClock;

import java.util.function.Consumer;

/**
 * The same business logic driven synchronously on the caller's thread, one event at a time, without a
 * ring: for scenario runs on virtual time, journal replay, what-if and reports, and unit tests, where the
 * input order must be exactly the processing order. Not thread-safe: one caller thread owns it, as the
 * business thread owns the live engine. Events go through the live engine's {@link EventProcessor}, so
 * exceptions get its policy: counted, reported, and the run goes on. State is read as a published snapshot
 * ({@link #publishStatus}), never from the logic itself.
 */
public final class DirectEngine
{
    private final EventProcessor processor;
    private final NanoClock nanoClock;
    private final Dispatch dispatch = new Dispatch();
    private Consumer<InboundEvent> journal = event -> { };

    public DirectEngine(
        final EngineConfig config,
        final SymbolTable symbols,
        final OrderCommands commands,
        final LifecycleEvents lifecycleEvents,
        final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        this.processor = new EventProcessor(config, symbols, commands, lifecycleEvents, nanoClock, () -> 0);
    }

    /** Every event goes here first, before the business logic sees it (journal before logic). */
    public DirectEngine journalTo(final Consumer<InboundEvent> journal)
    {
        this.journal = journal;
        return this;
    }

    /** Where the caller publishes; each event is journaled and processed before the call returns. */
    public InboundPorts inbound()
    {
        return dispatch.ports();
    }

    /** Where the logic publishes its status on every timer and operator command. */
    public DirectEngine statusBoard(final StatusBoard board)
    {
        processor.statusBoard(board);
        return this;
    }

    /** Publishes the current state into {@code into} now (the caller owns the engine) and returns it. */
    public StatusBoard publishStatus(final StatusBoard into)
    {
        return processor.publishStatus(into);
    }

    /** The current state, freshly published into a board of its own (allocates: for tools and tests). */
    public StatusBoard status()
    {
        return processor.publishStatus(new StatusBoard());
    }

    /** Event time: the highest time of an event processed (Long.MIN_VALUE before the first). */
    public long nowMillis()
    {
        return processor.nowMillis();
    }

    /** The processor, for tests of the logic's own package. */
    public EventProcessor processor()
    {
        return processor;
    }

    /** Processes a ready-made event (journal replay). */
    public void process(final InboundEvent event)
    {
        dispatch.process(event);
    }

    /** The one entry, journaled and processed on commit. */
    private final class Dispatch extends InboundEntry
    {
        private boolean dispatching;
        /** Events dispatched so far: the number a journal failure is reported with. */
        private long dispatched;
        private final GateFailures journalFailures = new GateFailures();

        void process(final InboundEvent event)
        {
            final long slot = claim();
            event().copyFrom(event);
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
        protected void commit(final long slot)
        {
            final InboundEvent entry = event();
            dispatching = true;
            try
            {
                entry.notJournaled(false); // the one entry is reused: only this event's journal decides
                try
                {
                    journal.accept(entry);
                }
                catch (final AssertionError | VirtualMachineError ex)
                {
                    throw ex; // a test's verdict or the JVM's own failure: not the journal's
                }
                catch (final RuntimeException | Error ex)
                {
                    // As on the live ring: counted and printed, the event marked not journaled, so the logic
                    // denies entries (JOURNAL_FAILED); it is still processed.
                    journalFailures.handleEventException(ex, dispatched, entry);
                }
                processor.process(entry);
            }
            finally
            {
                dispatching = false;
                dispatched++;
            }
        }

        @Override
        protected long nanoTime()
        {
            return nanoClock.nanoTime();
        }
    }
}
