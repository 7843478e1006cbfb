package dev.ringfence.journal;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundPorts;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import net.openhft.chronicle.bytes.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The journal's disk fills up under a running engine (a file store that fails on demand): entries are
 * denied, guarding goes on, the failure is reported once, and the engine recovers when space returns;
 * closing never hangs, and a restart on that journal recovers what it holds.
 */
class JournalFullDiskTest
{
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path dir;

    private final EngineConfig config = new EngineConfig().validate();
    private final SymbolTable symbols = new SymbolTable(config.symbols);
    private final LinkedBlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();
    private final List<LifecycleEvent> seen = new ArrayList<>();

    private final OrderCommands commands = OrderCommands.DISCARD;

    @Test
    void aFullDiskDeniesEntriesReportsOnceAndRecoversWhenSpaceReturns() throws Exception
    {
        final JournalFaults disk = new JournalFaults();
        final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        final Journal journal = Journal.open(dir, SyncMode.NONE, disk, log);
        final OutputJournal output = journal.outputJournal(this::keep, commands);
        final Engine engine = new Engine(config, symbols, output, output, "blocking", 1024, List.of(journal.inboundHandler()));
        output.clock(engine::nowMillis);
        output.goLive();
        engine.start();
        final InboundPorts in = engine.inbound();
        final long t = System.currentTimeMillis();
        assertTrue(in.engineInputs().config(t, config.describe()));
        assertTrue(in.operatorCommands().admin(t, AdminCommand.START, "test"));
        assertTrue(in.terminalReports().terminalStatus(t, true));
        assertTrue(in.terminalReports().symbolSpec(t, 0, symbols.spec(0)));
        assertTrue(in.terminalReports().account(t, 7, 10_000, 10_000, 0, 10_000, true, t, 0, TradePermissions.ALL));
        assertTrue(in.terminalReports().positionsBegin(t, 0));
        assertTrue(in.signals().signal(t, "before", 0, Side.BUY, 0.1, 0, 0, 0, t));
        assertEquals(LifecycleEventType.SIGNAL_APPROVED, awaitDecisionOn("before").type());

        disk.diskFull(true);
        assertTrue(in.signals().signal(t, "while-full-1", 0, Side.BUY, 0.1, 0, 0, 0, t));
        assertTrue(in.signals().signal(t, "while-full-2", 0, Side.BUY, 0.1, 0, 0, 0, t));
        final LifecycleEvent refused = awaitDecisionOn("while-full-1");
        assertEquals(LifecycleEventType.SIGNAL_REJECTED, refused.type(), "an input the journal cannot record opens nothing");
        assertEquals(LifecycleEventType.SIGNAL_REJECTED, awaitDecisionOn("while-full-2").type());
        assertEquals(1, count(LifecycleEventType.JOURNAL_FAILED), "reported once, not per event");
        assertNotNull(journal.health().problem());
        assertFalse(journal.health().isHealthy(), "/health reads this: 503 while the journal cannot write");

        // Guarding goes on: the floor is breached while the disk is full, the guard trips and flattens.
        assertTrue(in.terminalReports().account(t + 1, 7, 10_000, 1, 0, 1, true, t + 1, 0, TradePermissions.ALL));
        awaitType(LifecycleEventType.GUARD_TRIPPED);

        disk.diskFull(false);
        // Each timer is one more input; the gate retries the disk at most once a second.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (count(LifecycleEventType.JOURNAL_RECOVERED) == 0)
        {
            assertTrue(System.nanoTime() < deadline, "the journal recovers when space returns");
            in.timerTicks().timer(System.currentTimeMillis());
            final LifecycleEvent next = events.poll(50, TimeUnit.MILLISECONDS);
            if (next != null)
            {
                seen.add(next);
            }
        }
        assertTrue(journal.health().isHealthy());
        final String logText = logBytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, logText.lines().count(), "per queue, one line when it fails, one when it writes again:\n" + logText);
        assertEquals(2, logText.lines().filter(line -> line.startsWith("journal: cannot write ")).count(), logText);
        assertFalse(logText.contains("\tat "), "no stack trace");

        final long closeStarted = System.nanoTime();
        engine.close();
        journal.close();
        assertTrue(System.nanoTime() - closeStarted < TimeUnit.SECONDS.toNanos(5), "closing does not hang");

        try (Journal reopened = Journal.open(dir))
        {
            final List<String> signals = new ArrayList<>();
            final Recovery recovery = Recovery.replay(reopened, e ->
            {
                if (e.type() == dev.ringfence.engine.event.InboundEventType.SIGNAL)
                {
                    signals.add(e.signalId());
                }
            });
            assertFalse(recovery.isDamaged(), recovery.damage().toString());
            assertEquals(List.of("before"), signals, "what the journal could not record is not replayed");
        }
    }

    /**
     * The same on a real small filesystem, where one can be mounted (root, tmpfs): the disk is filled by
     * another file to below the journal's free-space margin, then the file is removed.
     */
    @Test
    void aRealSmallFilesystemFillingUpDeniesEntriesAndRecovers() throws Exception
    {
        final Path mount = dir.resolve("small-fs");
        java.nio.file.Files.createDirectories(mount);
        org.junit.jupiter.api.Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString()),
            "mounting a tmpfs needs root; the injected file-store fault above always runs");
        try
        {
            final Journal journal = Journal.open(mount.resolve("journal"), SyncMode.NONE);
            final OutputJournal output = journal.outputJournal(this::keep, commands);
            final Engine engine = new Engine(config, symbols, output, output, "blocking", 1024, List.of(journal.inboundHandler()));
            output.clock(engine::nowMillis);
            output.goLive();
            engine.start();
            final InboundPorts in = engine.inbound();
            final long t = System.currentTimeMillis();
            in.engineInputs().config(t, config.describe());
            in.operatorCommands().admin(t, AdminCommand.START, "test");
            in.terminalReports().terminalStatus(t, true);
            in.terminalReports().symbolSpec(t, 0, symbols.spec(0));
            in.terminalReports().account(t, 7, 10_000, 10_000, 0, 10_000, true, t, 0, TradePermissions.ALL);
            in.terminalReports().positionsBegin(t, 0);
            in.signals().signal(t, "before", 0, Side.BUY, 0.1, 0, 0, 0, t);
            assertEquals(LifecycleEventType.SIGNAL_APPROVED, awaitDecisionOn("before").type());

            final Path filler = mount.resolve("filler");
            final long free = java.nio.file.Files.getFileStore(mount).getUsableSpace();
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(filler.toFile(), "rw"))
            {
                final byte[] block = new byte[1 << 20];
                for (long written = 0; written < free - (FreeSpace.MIN_FREE_BYTES / 2); written += block.length)
                {
                    file.write(block);
                }
            }
            awaitRefusalWhile(in, "while-full");
            assertFalse(journal.health().isHealthy());

            java.nio.file.Files.delete(filler);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (count(LifecycleEventType.JOURNAL_RECOVERED) == 0)
            {
                assertTrue(System.nanoTime() < deadline, "the journal recovers when space returns");
                in.timerTicks().timer(System.currentTimeMillis());
                final LifecycleEvent next = events.poll(50, TimeUnit.MILLISECONDS);
                if (next != null)
                {
                    seen.add(next);
                }
            }
            final long closeStarted = System.nanoTime();
            engine.close();
            journal.close();
            assertTrue(System.nanoTime() - closeStarted < TimeUnit.SECONDS.toNanos(5), "closing does not hang");
            try (Journal reopened = Journal.open(mount.resolve("journal")))
            {
                final Recovery recovery = Recovery.replay(reopened, e -> { });
                assertFalse(recovery.isDamaged(), recovery.damage().toString());
            }
        }
        finally
        {
            run("umount", "-l", mount.toString()); // lazily: Chronicle releases its mappings in the background
        }
    }

    /** Signals until one is refused for the journal (free space is sampled every 100 ms). */
    private void awaitRefusalWhile(final InboundPorts in, final String prefix) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (int n = 1; ; n++)
        {
            assertTrue(System.nanoTime() < deadline, "entries are denied while the disk is full");
            final long now = System.currentTimeMillis();
            in.signals().signal(now, prefix + "-" + n, 0, Side.BUY, 0.1, 0, 0, 0, now);
            final LifecycleEvent decision = awaitDecisionOn(prefix + "-" + n);
            if (decision.type() == LifecycleEventType.SIGNAL_REJECTED && "JOURNAL_FAILED".equals(decision.detail()))
            {
                assertEquals(1, count(LifecycleEventType.JOURNAL_FAILED));
                return;
            }
            Thread.onSpinWait();
        }
    }

    private static boolean run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void keep(final LifecycleEvent event)
    {
        final LifecycleEvent copy = new LifecycleEvent();
        copy.copyFrom(event);
        events.add(copy);
    }

    private LifecycleEvent awaitDecisionOn(final String signalId) throws InterruptedException
    {
        for (final LifecycleEvent e : seen)
        {
            if (isDecision(e, signalId))
            {
                return e;
            }
        }
        while (true)
        {
            final LifecycleEvent e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(e, "no decision on " + signalId);
            seen.add(e);
            if (isDecision(e, signalId))
            {
                return e;
            }
        }
    }

    private static boolean isDecision(final LifecycleEvent e, final String signalId)
    {
        return (e.type() == LifecycleEventType.SIGNAL_APPROVED || e.type() == LifecycleEventType.SIGNAL_REJECTED) &&
            signalId.equals(e.signalId());
    }

    private void awaitType(final LifecycleEventType type) throws InterruptedException
    {
        if (count(type) > 0)
        {
            return;
        }
        while (true)
        {
            final LifecycleEvent e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(e, "no " + type);
            seen.add(e);
            if (e.type() == type)
            {
                return;
            }
        }
    }

    private long count(final LifecycleEventType type)
    {
        return seen.stream().filter(e -> e.type() == type).count();
    }
}
