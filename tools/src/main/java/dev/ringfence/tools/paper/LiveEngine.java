package dev.ringfence.tools.paper;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.logic.BusinessLogic;
import dev.ringfence.journal.Journal;
import dev.ringfence.journal.OutputJournal;
import dev.ringfence.journal.Recovery;
import dev.ringfence.tools.config.RingfenceConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The live engine as a process runs it: the journal (when enabled) gating the business logic, the
 * output journal in front of the outbound ports, recovery from an existing journal before the business
 * thread starts, then the start-up inputs every run publishes: its configuration, "the terminal of the
 * previous run is gone", and START.
 */
public final class LiveEngine implements AutoCloseable
{
    private final Engine engine;
    private final Journal journal;
    private final OutputJournal output;
    private final PrintStream log;

    private LiveEngine(final Engine engine, final Journal journal, final OutputJournal output, final PrintStream log)
    {
        this.engine = engine;
        this.journal = journal;
        this.output = output;
        this.log = log;
    }

    /**
     * Builds, recovers and starts the engine.
     *
     * @param journalDir where to journal, or null for no journal.
     * @param rebase     the operator's consent, given at start, to a configuration that changed since the journal.
     */
    public static LiveEngine start(
        final RingfenceConfig config,
        final Path journalDir,
        final OrderCommands commands,
        final LifecycleEvents lifecycle,
        final String actor,
        final boolean rebase,
        final StatusBoard statusBoard,
        final PrintStream log)
    {
        final Journal journal = journalDir == null ? null : Journal.open(journalDir, config.journalSyncMode);
        final OutputJournal output = journal == null ? null : journal.outputJournal(lifecycle, commands);
        final Engine engine = new Engine(
            config.engine,
            config.symbols,
            output != null ? output : commands,
            output != null ? output : lifecycle,
            config.waitStrategy,
            config.ringSize,
            journal == null ? List.of() : List.of(journal.inboundHandler()));
        if (statusBoard != null)
        {
            engine.logic().statusBoard(statusBoard);
        }
        if (journal != null)
        {
            final BusinessLogic logic = engine.logic();
            output.clock(logic::nowMillis);
            final long started = System.nanoTime();
            final Recovery recovery = Recovery.replay(journal, logic::onEvent);
            report(recovery, logic, journalDir, (System.nanoTime() - started) / 1_000_000, log);
            output.goLive();
        }
        engine.start();
        final long now = System.currentTimeMillis();
        publish(engine.inbound().config(now, config.engine.describe()));
        publish(engine.inbound().terminalStatus(now, false));
        if (rebase)
        {
            publish(engine.inbound().admin(now, AdminCommand.REBASE, actor));
        }
        publish(engine.inbound().admin(now, AdminCommand.START, actor));
        return new LiveEngine(engine, journal, output, log);
    }

    private static void publish(final boolean accepted)
    {
        if (!accepted)
        {
            throw new IllegalStateException("the inbound ring refused a start-up event");
        }
    }

    private static void report(
        final Recovery recovery, final BusinessLogic logic, final Path dir, final long millis, final PrintStream log)
    {
        if (recovery.eventsReplayed() == 0 && recovery.problems().isEmpty())
        {
            log.println("journal: " + dir + " (new)");
            return;
        }
        log.printf("journal: recovered %,d events from %s in %d ms (last at %s): guard %s, peak %.2f, %d open positions, %d orders in flight%n",
            recovery.eventsReplayed(), dir, millis, Instant.ofEpochMilli(recovery.lastEventTimeMillis()),
            logic.guardState(), logic.peakEquity(), logic.openPositions(), logic.ordersInFlight());
        for (final String problem : recovery.problems())
        {
            log.println("journal: WARNING " + problem);
        }
    }

    public Engine engine()
    {
        return engine;
    }

    @Override
    public void close()
    {
        engine.close();
        if (output != null && output.writeFailures() > 0)
        {
            log.println("journal: WARNING " + output.writeFailures() + " outputs could not be journaled (last: " +
                output.lastWriteFailure() + ")");
        }
        if (engine.gateFailures() > 0)
        {
            log.println("journal: WARNING " + engine.gateFailures() + " inputs could not be journaled (they were processed)");
        }
        if (journal != null)
        {
            journal.close();
        }
    }
}
