package dev.ringfence.tools.run;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.journal.Journal;
import dev.ringfence.journal.JournalIntegrity;
import dev.ringfence.journal.JournalWarmUp;
import dev.ringfence.journal.OutputJournal;
import dev.ringfence.journal.Recovery;
import dev.ringfence.tools.config.RingfenceConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The live engine as a process runs it: the journal (when enabled) gating the business logic, the
 * output journal in front of the outbound ports, recovery from an existing journal before the business
 * thread starts, then the start-up inputs every run publishes: its configuration, "the terminal of the
 * previous run is gone", and START.
 *
 * <p>A little over the usual size because start-up is one ordered sequence (open, check the journal's integrity,
 * recover, go live, publish the start-up inputs) whose every step decides what the next may do on a damaged journal.
 */
public final class LiveEngine implements AutoCloseable
{
    private final Engine engine;
    private final Journal journal;
    private final OutputJournal output;
    private final PrintStream log;
    /** The account login the recovered journal belongs to, 0 when it has none (new, or no account report yet). */
    private final long journalLogin;

    private LiveEngine(final Engine engine, final Journal journal, final OutputJournal output, final PrintStream log, final long journalLogin)
    {
        this.engine = engine;
        this.journal = journal;
        this.output = output;
        this.log = log;
        this.journalLogin = journalLogin;
    }

    /** How the engine treats its journal at start. */
    public static final class JournalOptions
    {
        /** "paper" or "live": a journal is bound to the mode it was written in. */
        public String mode = "live";
        /** The operator's consent to set a damaged journal aside and start LOCKED with a new one. */
        public boolean acceptDamaged;
        /** The account login the configuration expects (account.login or gateway.login), or 0 for any. */
        public long expectedLogin;
    }

    /** The flag that sets a damaged journal aside; named in the refusal so the operator can copy it. */
    public static final String ACCEPT_DAMAGED_FLAG = "--accept-damaged-journal";
    /** The actor of the FLATTEN that locks an engine started on a damaged journal's behalf. */
    public static final String DAMAGED_JOURNAL_ACTOR = "journal-damaged";

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
        return start(config, journalDir, new JournalOptions(), commands, lifecycle, actor, rebase, statusBoard, log);
    }

    /**
     * Builds, recovers and starts the engine.
     *
     * <p>A journal that cannot be read to its end (cut, flipped bytes, an empty or zeroed file, a stray file
     * with a bad header) never yields a state less safe than the one it recorded: the engine refuses to start
     * ({@link StartRefusedException}, nothing touched) unless the operator accepts, in which case the damaged
     * journal is moved aside, renamed with a timestamp and never deleted, and the engine starts LOCKED with a
     * new journal: flattened, entries denied, until an operator re-arms. Starting on the readable part instead
     * could forget a latch, a peak or executed ids, which is exactly what the journal exists to keep.
     *
     * @param journalDir where to journal, or null for no journal.
     * @param rebase     the operator's consent, given at start, to a configuration that changed since the journal.
     * @throws StartRefusedException when the journal is damaged, of another mode or of another account.
     */
    public static LiveEngine start(
        final RingfenceConfig config,
        final Path journalDir,
        final JournalOptions options,
        final OrderCommands commands,
        final LifecycleEvents lifecycle,
        final String actor,
        final boolean rebase,
        final StatusBoard statusBoard,
        final PrintStream log)
    {
        boolean lockForDamage = false;
        if (journalDir != null)
        {
            checkMode(journalDir, options.mode);
            final JournalIntegrity integrity = JournalIntegrity.check(journalDir);
            if (integrity.isDamaged())
            {
                setDamagedJournalAside(journalDir, integrity.damage(), options, log);
                lockForDamage = true;
            }
        }
        if (journalDir != null)
        {
            JournalWarmUp.run(journalDir, log); // once, however many times the journal is opened below
        }
        Built built;
        try
        {
            built = build(config, journalDir, commands, lifecycle, statusBoard, log);
        }
        catch (final JournalUnopenable ex)
        {
            setDamagedJournalAside(journalDir, List.of(ex.getMessage()), options, log);
            lockForDamage = true;
            built = build(config, journalDir, commands, lifecycle, statusBoard, log);
        }
        if (built.recovery != null && built.recovery.isDamaged())
        {
            built.discard();
            setDamagedJournalAside(journalDir, built.recovery.damage(), options, log);
            lockForDamage = true;
            built = build(config, journalDir, commands, lifecycle, statusBoard, log);
        }
        if (built.recovery != null)
        {
            final long recordedLogin = built.recovery.accountLogin();
            if (recordedLogin != 0 && options.expectedLogin != 0 && recordedLogin != options.expectedLogin)
            {
                built.discard();
                throw new StartRefusedException("the journal in " + journalDir + " belongs to account login " + recordedLogin +
                    ", but the configuration expects login " + options.expectedLogin + ". Its peak, latch and executed ids are " +
                    "that account's and must not guard this one. Nothing was started. Give each account its own journal " +
                    "(--journal DIR or journal.dir), or correct account.login / gateway.login.");
            }
            JournalIdentity.record(journalDir, options.mode);
            report(built.recovery, built.engine.publishStatus(new StatusBoard()), journalDir, built.recoveryMillis, log);
            built.output.goLive();
        }
        final Engine engine = built.engine;
        engine.start();
        final long now = System.currentTimeMillis();
        publish(engine.inbound().engineInputs().config(now, config.engine.describe()));
        publish(engine.inbound().terminalReports().terminalStatus(now, false));
        if (rebase)
        {
            publish(engine.inbound().operatorCommands().admin(now, AdminCommand.REBASE, actor));
        }
        publish(engine.inbound().operatorCommands().admin(now, AdminCommand.START, actor));
        if (built.journal != null && built.journal.interruptedOutage())
        {
            // The last run stopped during a journal outage, before it could record its gap: what it processed
            // meanwhile is unknown, so this start records the gap itself (journaled, so a replay agrees).
            log.println("journal: WARNING the last run stopped while the journal could not write; the inputs it processed " +
                "then are not in the journal, so entries are denied (JOURNAL_GAP) until an operator re-arms");
            publish(engine.inbound().engineInputs().journalGap(now, 0));
        }
        if (lockForDamage)
        {
            // Journaled like any input: a restart on the new journal stays locked until the operator re-arms.
            publish(engine.inbound().operatorCommands().admin(now, AdminCommand.FLATTEN, DAMAGED_JOURNAL_ACTOR));
        }
        return new LiveEngine(engine, built.journal, built.output, log, built.recovery == null ? 0 : built.recovery.accountLogin());
    }

    /** A journal of the other mode is refused before anything reads or moves it. */
    private static void checkMode(final Path journalDir, final String mode)
    {
        final String recorded = JournalIdentity.recordedMode(journalDir);
        if (recorded != null && !recorded.equals(mode))
        {
            throw new StartRefusedException("the journal in " + journalDir + " was written by a " + recorded + " run; this is a " +
                mode + " run. A " + recorded + " journal's peak, latch and executed ids must not guard a " + mode +
                " account. Nothing was started. Use the " + mode + " journal (" + ("paper".equals(mode) ? "--paper uses " +
                "ringfence-data/paper/journal by default" : "journal.dir, ringfence-data/journal by default") +
                ") or choose another directory with --journal DIR.");
        }
    }

    /**
     * Refuses (nothing touched), or with the operator's consent moves the damaged journal to
     * {@code DIR.damaged-<timestamp>}: kept for inspection, never deleted, out of the way of the new journal.
     */
    private static void setDamagedJournalAside(
        final Path journalDir, final List<String> damage, final JournalOptions options, final PrintStream log)
    {
        final StringBuilder what = new StringBuilder();
        for (final String problem : damage)
        {
            what.append(System.lineSeparator()).append("  - ").append(problem);
        }
        final String aside = journalDir.getFileName() + ".damaged-<time>";
        if (!options.acceptDamaged)
        {
            throw new StartRefusedException("the journal in " + journalDir + " is damaged and cannot be read to its end:" + what +
                System.lineSeparator() + "The state it recorded (guard latch, peak, executed signal ids) cannot be restored, and " +
                "starting from what is readable could be less safe than what it recorded. Nothing was started and nothing " +
                "was changed. Either restore the journal from a backup, or start with " + ACCEPT_DAMAGED_FLAG + ": the " +
                "damaged journal is moved to " + aside + " beside it (kept, never deleted) and the engine starts LOCKED " +
                "on a new journal (it flattens and denies entries) until an operator re-arms (POST /admin/rearm).");
        }
        final Path target = journalDir.resolveSibling(journalDir.getFileName() + ".damaged-" +
            TIMESTAMP.format(LocalDateTime.now(ZoneOffset.UTC)));
        try
        {
            Files.move(journalDir, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new StartRefusedException("the journal in " + journalDir + " is damaged and could not be moved aside to " +
                target + " (" + ex + "). Nothing was started. Move it away by hand (never delete it) and start again.");
        }
        log.println("journal: DAMAGED, accepted by the operator:" + what);
        log.println("journal: the damaged journal is kept in " + target + "; starting LOCKED on a new journal in " + journalDir +
            ": entries are denied until an operator re-arms");
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** An engine built and recovered, not started yet: it can still be thrown away. */
    private static final class Built
    {
        Engine engine;
        Journal journal;
        OutputJournal output;
        Recovery recovery;
        long recoveryMillis;

        /** The engine was never started (no thread); the journal is closed, its files left as they are. */
        void discard()
        {
            if (journal != null)
            {
                journal.close();
            }
        }
    }

    private static Built build(
        final RingfenceConfig config,
        final Path journalDir,
        final OrderCommands commands,
        final LifecycleEvents lifecycle,
        final StatusBoard statusBoard,
        final PrintStream log)
    {
        final Built built = new Built();
        built.journal = journalDir == null ? null : openJournal(journalDir, config);
        built.output = built.journal == null ? null : built.journal.outputJournal(lifecycle, commands);
        final OutputJournal output = built.output;
        built.engine = new Engine(
            config.engine,
            config.symbols,
            output != null ? output : commands,
            output != null ? output : lifecycle,
            config.waitStrategy,
            config.ringSize,
            built.journal == null ? List.of() : List.of(built.journal.inboundHandler()),
            config.journalPlacement,
            null);
        if (statusBoard != null)
        {
            built.engine.statusBoard(statusBoard);
        }
        if (built.journal != null)
        {
            output.clock(built.engine::nowMillis);
            final long started = System.nanoTime();
            built.recovery = Recovery.replay(built.journal, built.engine::replay);
            built.recoveryMillis = (System.nanoTime() - started) / 1_000_000;
        }
        return built;
    }

    private static Journal openJournal(final Path journalDir, final RingfenceConfig config)
    {
        try
        {
            return Journal.open(journalDir, config.journalSyncMode);
        }
        catch (final Exception | InternalError ex)
        {
            throw new JournalUnopenable("its files cannot be opened (" + ex.getMessage() + "); if the directory is " +
                "writable and has free space, they are damaged");
        }
    }

    /** Chronicle could not open the journal's files: treated as damage (refused, or set aside on consent). */
    private static final class JournalUnopenable extends RuntimeException
    {
        JournalUnopenable(final String message)
        {
            super(message, null, false, false);
        }
    }

    private static void publish(final boolean accepted)
    {
        if (!accepted)
        {
            throw new IllegalStateException("the inbound ring refused a start-up event");
        }
    }

    private static void report(
        final Recovery recovery, final StatusBoard status, final Path dir, final long millis, final PrintStream log)
    {
        if (recovery.eventsReplayed() == 0 && recovery.problems().isEmpty())
        {
            log.println("journal: " + dir + " (new)");
            return;
        }
        log.printf("journal: recovered %,d events from %s in %d ms (last at %s): guard %s, peak %.2f, %d open positions, %d orders in flight%n",
            recovery.eventsReplayed(), dir, millis, Instant.ofEpochMilli(recovery.lastEventTimeMillis()),
            status.guardState, status.peak, status.openPositions, status.pendingOrders);
        for (final String problem : recovery.problems())
        {
            log.println("journal: WARNING " + problem);
        }
    }

    /** Null while the journal writes (or there is none); otherwise what fails, for {@code /health}. */
    public String journalProblem()
    {
        return journal == null ? null : journal.health().problem();
    }

    /** The account login the recovered journal belongs to, or 0 when it names none. */
    public long journalLogin()
    {
        return journalLogin;
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
