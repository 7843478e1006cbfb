package dev.ringfence.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundPorts;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.logic.EventProcessor;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * The live engine: a multi-producer Disruptor ring of pre-allocated {@link InboundEvent}s feeding one
 * business-logic thread. Handlers given as {@code gateHandlers} (the journal) run first; the business
 * logic only sees an event once every gate handler has processed it, through its {@link EventProcessor}
 * (the one failure policy, also used for recovery by {@link #replay}). State leaves the business thread
 * only through the {@link StatusBoard} it publishes to.
 *
 * <pre>
 *   Engine engine = new Engine(config, symbols, commands, lifecycle, "blocking", 16384, List.of());
 *   engine.start();
 *   engine.inbound().terminalReports().tick(now, eurusd, 1.1, 1.1002);
 * </pre>
 */
public final class Engine implements AutoCloseable
{
    private final Disruptor<InboundEvent> disruptor;
    private final RingBuffer<InboundEvent> ring;
    private final EventProcessor processor;
    private final InboundPorts inbound;
    private final BusinessHandler businessHandler;
    private final GateFailures gateFailures = new GateFailures();
    private final IdleWorkFailures idleWorkFailures = new IdleWorkFailures();
    /** The ring's processor threads (the journal gates, the business thread), joined by close(). */
    private final List<Thread> processorThreads = new CopyOnWriteArrayList<>();
    private volatile long lastSeenProcessed = -1;
    private volatile long lastProgressMillis = Long.MAX_VALUE / 2;
    private volatile boolean started;

    /** Where gate handlers (the journal) run. */
    public enum GatePlacement
    {
        /** Each gate on a thread of its own; the business thread waits for it (the default). */
        OWN_THREADS,
        /**
         * On the business thread, just before the logic: one thread fewer, for machines with few cores.
         * The order is the same: journal before logic.
         */
        BUSINESS_THREAD
    }

    /** Told on the business thread after each event has been processed (latency measurement). */
    @FunctionalInterface
    public interface ProcessedEvents
    {
        void onProcessed(InboundEvent event);
    }

    public Engine(
        final EngineConfig config,
        final SymbolTable symbols,
        final OrderCommands commands,
        final LifecycleEvents lifecycleEvents,
        final String waitStrategy,
        final int ringSize,
        final List<EventHandler<InboundEvent>> gateHandlers)
    {
        this(config, symbols, commands, lifecycleEvents, waitStrategy, ringSize, gateHandlers, GatePlacement.OWN_THREADS, null);
    }

    public Engine(
        final EngineConfig config,
        final SymbolTable symbols,
        final OrderCommands commands,
        final LifecycleEvents lifecycleEvents,
        final String waitStrategy,
        final int ringSize,
        final List<EventHandler<InboundEvent>> gateHandlers,
        final GatePlacement gatePlacement,
        final ProcessedEvents processedEvents)
    {
        final WaitStrategy strategy = WaitStrategies.fromName(waitStrategy);
        final boolean gatesInline = gatePlacement == GatePlacement.BUSINESS_THREAD;
        final int gateThreads = gatesInline ? 0 : gateHandlers.size();
        final AtomicInteger threadsCreated = new AtomicInteger();
        // The Disruptor starts its processors in the order they were added: the gates, then the business logic.
        this.disruptor = new Disruptor<>(
            InboundEvent::new,
            ringSize,
            runnable ->
            {
                final int n = threadsCreated.getAndIncrement();
                final Thread thread = new Thread(runnable, n < gateThreads ? "ringfence-journal-" + (n + 1) : "ringfence-business");
                processorThreads.add(thread);
                return thread;
            },
            ProducerType.MULTI,
            strategy);
        this.ring = disruptor.getRingBuffer();
        this.processor = new EventProcessor(config, symbols, commands, lifecycleEvents, SystemNanoClock.INSTANCE, this::backlog);
        this.inbound = new InboundPorts(new RingSlots(ring, SystemNanoClock.INSTANCE));

        // Gate handlers (the journal) run on their own threads: their failures are counted there and the
        // event still reaches the business logic, which must keep guarding whatever the disk does.
        disruptor.setDefaultExceptionHandler(gateFailures);
        @SuppressWarnings("unchecked")
        final EventHandler<InboundEvent>[] gates = gateHandlers.toArray(new EventHandler[0]);
        final BusinessHandler business = new BusinessHandler(
            processor, gatesInline ? gates : new EventHandler[0], gateFailures, idleWorkFailures, processedEvents);
        this.businessHandler = business;
        if (gateThreads == 0)
        {
            disruptor.handleEventsWith(business);
        }
        else
        {
            final EventHandlerGroup<InboundEvent> gate = disruptor.handleEventsWith(withIdleWork(gates, idleWorkFailures));
            gate.then(business);
        }
        // The processor applies the failure policy itself; this catches what escapes around it (a failing
        // ProcessedEvents callback) and reports it the same way.
        disruptor.handleExceptionsFor(business).with(new ProcessorExceptionHandler(processor));
    }

    /** A gate on its own thread does its {@link GateIdleWork} there: after its own batches, and when quiet. */
    private static EventHandler<InboundEvent>[] withIdleWork(final EventHandler<InboundEvent>[] gates, final IdleWorkFailures failures)
    {
        final EventHandler<InboundEvent>[] wrapped = gates.clone();
        for (int i = 0; i < wrapped.length; i++)
        {
            if (gates[i] instanceof GateIdleWork)
            {
                wrapped[i] = new GateWithIdleWork(gates[i], (GateIdleWork)gates[i], failures);
            }
        }
        return wrapped;
    }

    /**
     * A gate on its own thread, with its idle work after each batch. The batch is released to the logic first
     * (the sequence callback), so the business thread never waits for the idle work.
     */
    private static final class GateWithIdleWork implements EventHandler<InboundEvent>
    {
        private final EventHandler<InboundEvent> gate;
        private final GateIdleWork work;
        private final IdleWorkFailures failures;
        private Sequence released;

        GateWithIdleWork(final EventHandler<InboundEvent> gate, final GateIdleWork work, final IdleWorkFailures failures)
        {
            this.gate = gate;
            this.work = work;
            this.failures = failures;
        }

        @Override
        public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            gate.onEvent(event, sequence, endOfBatch);
            if (endOfBatch)
            {
                if (released != null)
                {
                    released.set(sequence);
                }
                failures.afterBatch(work);
            }
        }

        @Override
        public void setSequenceCallback(final Sequence sequenceCallback)
        {
            released = sequenceCallback;
            gate.setSequenceCallback(sequenceCallback);
        }

        @Override
        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            gate.onBatchStart(batchSize, queueDepth);
        }

        @Override
        public void onStart()
        {
            gate.onStart();
        }

        @Override
        public void onShutdown()
        {
            gate.onShutdown();
        }

        @Override
        public void onTimeout(final long sequence) throws Exception
        {
            gate.onTimeout(sequence);
            failures.quiet(work);
        }
    }

    /**
     * True while the business thread is keeping up: nothing is waiting, or it has processed an event
     * within {@code withinMillis}. Called from other threads (the gateway stops heartbeating a terminal
     * when the business logic is stuck, so the Expert Advisor can tell a dead engine from a live one).
     */
    public boolean isBusinessThreadAlive(final long nowMillis, final long withinMillis)
    {
        final long processed = businessHandler.processedSequence();
        if (processed != lastSeenProcessed)
        {
            lastSeenProcessed = processed;
            lastProgressMillis = nowMillis;
        }
        return ring.getCursor() == processed || nowMillis - lastProgressMillis <= withinMillis;
    }

    /** Events a gate handler (the journal) failed on; they were still processed by the business logic. */
    public long gateFailures()
    {
        return gateFailures.count();
    }

    public void start()
    {
        disruptor.start();
        started = true;
    }

    /**
     * Recovery feeds the journaled events here, on the caller's thread and before {@link #start()}: the
     * same failure policy as the live ring, so an event that failed live fails the same way on replay
     * (reported, counted) instead of aborting the start.
     */
    public void replay(final InboundEvent event)
    {
        if (started)
        {
            throw new IllegalStateException("recovery replays before start: the business thread owns the logic now");
        }
        processor.process(event);
    }

    /** Where adapters publish, each on its own port. Thread-safe: any number of producer threads. */
    public InboundPorts inbound()
    {
        return inbound;
    }

    /**
     * A publisher whose events are stamped by {@code stamps} instead of the time of publishing: an
     * open-loop load generator stamps each event with its planned send time, so a stall anywhere shows
     * up in the latency of every event planned behind it.
     */
    public InboundPorts inbound(final NanoClock stamps)
    {
        return new InboundPorts(new RingSlots(ring, stamps));
    }

    /** Where the business thread publishes its status (every timer and operator command); set before {@link #start()}. */
    public void statusBoard(final StatusBoard board)
    {
        processor.statusBoard(board);
    }

    /**
     * Publishes the current state into {@code into} now, on the caller's thread: only while no business thread
     * runs (after recovery and before {@link #start()}, or after {@link #close()}).
     */
    public StatusBoard publishStatus(final StatusBoard into)
    {
        if (started)
        {
            throw new IllegalStateException("the business thread owns the state: read the status board it publishes to");
        }
        return processor.publishStatus(into);
    }

    /** The current state, published into a board of its own; the same conditions as {@link #publishStatus}. */
    public StatusBoard status()
    {
        return publishStatus(new StatusBoard());
    }

    /**
     * Event time, the highest time of an event processed: for the output journal's clock, which is read only on
     * the thread that processes (recovery, then the business thread).
     */
    public long nowMillis()
    {
        return processor.nowMillis();
    }

    /** Events published but not yet processed by the business logic. */
    public long backlog()
    {
        final BusinessHandler handler = businessHandler;
        return handler == null ? 0 : Math.max(0, ring.getCursor() - handler.processedSequence());
    }

    /** Waits until every published event has been processed, then stops the business thread. */
    @Override
    public void close()
    {
        if (!started)
        {
            return;
        }
        started = false;
        // Not disruptor.shutdown(): it skips processors that have not started running yet, so a close right
        // after start could halt the business thread before it saw events the journal gate had recorded.
        RingDrain.drainThenHalt(disruptor, businessHandler, 5, TimeUnit.SECONDS);
        // halt() only signals the processors: wait until they have left their last event, so whatever the
        // caller closes next (the journal) is never closed under an event still being handled.
        for (final Thread thread : processorThreads)
        {
            try
            {
                thread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
