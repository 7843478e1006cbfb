package dev.ringfence.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** A real journal on disk: record a run, rebuild a fresh engine from it, find damage. */
class JournalRecoveryTest
{
    private static final long T0 = 1_767_571_200_000L;
    /** The id of the last close the engine sent. */
    private long lastCloseId;

    @TempDir
    Path dir;

    private final EngineConfig config = new EngineConfig().validate();
    private final SymbolTable symbols = new SymbolTable(config.symbols);
    private final List<LifecycleEvent> events = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();

    private final OrderCommands recorder = (type, buffer, offset, length) ->
    {
        switch (type)
        {
            case OrderNew.TYPE:
                commands.add("place " + new OrderNew.Decoder().wrap(buffer, offset).clientOrderId());
                break;
            case ClosePosition.TYPE:
                final ClosePosition.Decoder close = new ClosePosition.Decoder().wrap(buffer, offset);
                commands.add("close " + close.ticket());
                lastCloseId = close.clientOrderId();
                break;
            case Resync.TYPE:
                commands.add("resync " + new Resync.Decoder().wrap(buffer, offset).lookupClientOrderId());
                break;
            default:
                fail("not a command: " + type);
        }
        return true;
    };

    private DirectEngine journaledEngine(final Journal journal)
    {
        final OutputJournal output = journal.outputJournal(this::keep, recorder);
        final DirectEngine engine = new DirectEngine(config, symbols, output, output, () -> 0).journalTo(journal.inboundAppender());
        output.clock(engine::nowMillis);
        output.goLive();
        return engine;
    }

    private void keep(final LifecycleEvent event)
    {
        final LifecycleEvent copy = new LifecycleEvent();
        copy.copyFrom(event);
        events.add(copy);
    }

    /** A run that executes one signal, then trips the guard and flattens: LOCKED at the end. */
    private long recordLockedRun()
    {
        long now = T0;
        try (Journal journal = Journal.open(dir))
        {
            final DirectEngine e = journaledEngine(journal);
            e.inbound().engineInputs().config(now, config.describe());
            e.inbound().operatorCommands().admin(now, AdminCommand.START, "test");
            e.inbound().terminalReports().terminalStatus(now, true);
            e.inbound().terminalReports().symbolSpec(now, 0, symbols.spec(0));
            e.inbound().terminalReports().account(now, 7, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);
            e.inbound().terminalReports().positionsBegin(now, 0);
            e.inbound().signals().signal(now, "sig-1", 0, Side.BUY, 1.0, 0, 0, 0, now);
            final long id = events.stream().filter(x -> x.type() == LifecycleEventType.SIGNAL_APPROVED).findFirst()
                .orElseThrow().clientOrderId();
            e.inbound().terminalReports().orderResult(now, id, ReturnCodes.DONE, 100_001, 1.1001, 1.0, 0);
            now += 1_000;
            e.inbound().terminalReports().account(now, 7, 10_000, 7_900, 0, 7_900, true, now, 0, TradePermissions.ALL);
            e.inbound().terminalReports().orderResult(now, lastCloseId, ReturnCodes.DONE, 100_001, 1.079, 1.0, -2_100);
            e.inbound().terminalReports().positionsBegin(now, 0);
            assertEquals(GuardState.LOCKED, e.status().guardState);
        }
        return now;
    }

    @Test
    void aFreshEngineRebuildsTheLatchedGuardThePeakAndTheExecutedIds()
    {
        final long end = recordLockedRun();
        final List<String> commandsBefore = new ArrayList<>(commands);
        events.clear();

        try (Journal journal = Journal.open(dir))
        {
            final OutputJournal output = journal.outputJournal(this::keep, recorder);
            final DirectEngine fresh = new DirectEngine(new EngineConfig(), symbols, output, output, () -> 0);
            final Recovery recovery = Recovery.replay(journal, fresh::process);

            assertEquals(List.of(), recovery.problems());
            assertTrue(recovery.eventsReplayed() >= 10);
            assertEquals(end, recovery.lastEventTimeMillis());
            assertEquals(config.describe(), recovery.lastConfig());
            assertTrue(events.isEmpty(), "recovery is silent: nothing emitted twice");
            assertEquals(commandsBefore, commands, "recovery is silent: nothing sent twice");

            assertEquals(GuardState.LOCKED, fresh.status().guardState, "a latched guard stays latched");
            assertEquals(10_000, fresh.status().peak);
            assertEquals(0, fresh.status().openPositions);

            output.goLive();
            fresh.journalTo(journal.inboundAppender());
            fresh.inbound().operatorCommands().admin(end + 1, AdminCommand.START, "restart");
            fresh.inbound().signals().signal(end + 1, "sig-1", 0, Side.BUY, 1.0, 0, 0, 0, end + 1);
            final LifecycleEvent rejected = events.stream().filter(x -> x.type() == LifecycleEventType.SIGNAL_REJECTED)
                .findFirst().orElseThrow();
            assertEquals("DUPLICATE", rejected.reason(), "a signal executed before the restart never executes again");
        }
    }

    @Test
    void aSignalRefusedWhileLockedStaysRefusedAfterARestartAndARearm()
    {
        final long end = recordLockedRun();
        try (Journal journal = Journal.open(dir))
        {
            final DirectEngine e = recoveredLive(journal);
            e.inbound().signals().signal(end, "sent-while-locked", 0, Side.BUY, 1.0, 0, 0, 0, end);
            assertEquals("GUARD_STATE", lastRejection().reason());
        }
        events.clear();
        commands.clear();

        try (Journal journal = Journal.open(dir))
        {
            final DirectEngine restarted = recoveredLive(journal);
            final long now = end + 1;
            restarted.inbound().operatorCommands().admin(now, AdminCommand.START, "restart");
            restarted.inbound().terminalReports().account(now, 7, 7_900, 7_900, 0, 7_900, true, now, 0, TradePermissions.ALL);
            restarted.inbound().operatorCommands().admin(now, AdminCommand.REARM, "op");
            assertEquals(GuardState.ACTIVE, restarted.status().guardState);

            restarted.inbound().signals().signal(now, "sent-while-locked", 0, Side.BUY, 1.0, 0, 0, 0, now);

            assertEquals("DUPLICATE", lastRejection().reason(), "the refusal was a decision, and decisions survive restarts");
            assertTrue(commands.stream().noneMatch(c -> c.startsWith("place")), commands.toString());
        }
    }

    /** A fresh engine rebuilt from the journal, then journaling what comes next. */
    private DirectEngine recoveredLive(final Journal journal)
    {
        final OutputJournal output = journal.outputJournal(this::keep, recorder);
        final DirectEngine engine = new DirectEngine(new EngineConfig(), symbols, output, output, () -> 0);
        Recovery.replay(journal, engine::process);
        output.goLive();
        return engine.journalTo(journal.inboundAppender());
    }

    private LifecycleEvent lastRejection()
    {
        return events.stream().filter(x -> x.type() == LifecycleEventType.SIGNAL_REJECTED)
            .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void aJournalRecoveredForAnotherAccountDeniesEntriesAndSaysSo()
    {
        final long end = recordLockedRun();
        events.clear();
        try (Journal journal = Journal.open(dir))
        {
            final OutputJournal output = journal.outputJournal(this::keep, recorder);
            final DirectEngine fresh = new DirectEngine(new EngineConfig(), symbols, output, output, () -> 0);
            final Recovery recovery = Recovery.replay(journal, fresh::process);
            assertEquals(7, recovery.accountLogin(), "the journal knows its account");
            output.goLive();
            fresh.journalTo(journal.inboundAppender());
            fresh.inbound().operatorCommands().admin(end + 1, AdminCommand.START, "restart");
            fresh.inbound().operatorCommands().admin(end + 1, AdminCommand.REARM, "operator");
            fresh.inbound().terminalReports().account(end + 2, 8, 10_000, 10_000, 0, 10_000, true, end + 2, 0, TradePermissions.ALL);
            final LifecycleEvent error = events.stream().filter(x -> x.type() == LifecycleEventType.ERROR).findFirst().orElseThrow();
            assertEquals("ACCOUNT_MISMATCH", error.reason());
            assertTrue(error.detail().contains("login 7") && error.detail().contains("login 8"), error.detail());
            fresh.inbound().signals().signal(end + 3, "sig-2", 0, Side.BUY, 1.0, 0, 0, 0, end + 3);
            final LifecycleEvent rejected = events.stream().filter(x -> x.type() == LifecycleEventType.SIGNAL_REJECTED)
                .findFirst().orElseThrow();
            assertEquals("GUARD_STATE", rejected.reason());
            assertEquals("ACCOUNT_MISMATCH", rejected.detail(), "entries are denied for the mismatch itself");
        }
    }

    @Test
    void decisionsACrashInterruptedAreJournaledOnRecoveryAndTheBusinessThreadTakesOverTheAppender() throws Exception
    {
        final long end = recordLockedRun();
        events.clear();
        final long recordedOutputs;
        try (Journal journal = Journal.open(dir))
        {
            recordedOutputs = journal.reader().countOutput();
            // The crash window: inputs journaled, the logic never got to them.
            final java.util.function.Consumer<InboundEvent> append = journal.inboundAppender();
            append.accept(InboundEntry.of(in -> in.operatorCommands().admin(end + 1, AdminCommand.REARM, "before-crash")));
        }
        try (Journal journal = Journal.open(dir))
        {
            final OutputJournal output = journal.outputJournal(this::keep, recorder);
            final DirectEngine fresh = new DirectEngine(new EngineConfig(), symbols, output, output, () -> 0);
            output.clock(fresh::nowMillis);
            Recovery.replay(journal, fresh::process);
            assertEquals(recordedOutputs + 2, journal.reader().countOutput(),
                "the re-arm's GUARD_STATE_CHANGED and GUARD_REARMED were journaled during recovery");
            assertTrue(events.isEmpty(), "but not forwarded");
            output.goLive();

            final Thread business = new Thread(() ->
            {
                fresh.journalTo(journal.inboundAppender());
                fresh.inbound().operatorCommands().admin(end + 2, AdminCommand.REARM, "after-restart");
            });
            business.start();
            business.join();
            assertEquals(0, output.writeFailures(), String.valueOf(output.lastWriteFailure()));
            assertEquals(recordedOutputs + 3, journal.reader().countOutput(), "and the refused second re-arm, live");
            assertEquals("NOT_LOCKED", events.get(events.size() - 1).reason());
        }
    }

    @Test
    void theOutputJournalHoldsEveryDecisionInOrder()
    {
        recordLockedRun();
        final List<String> recorded = new ArrayList<>();
        try (Journal journal = Journal.open(dir))
        {
            journal.reader().readOutput(new JournalReader.OutputVisitor()
            {
                @Override
                public void onLifecycle(final long index, final LifecycleEvent event)
                {
                    recorded.add(event.type().name());
                }

                @Override
                public void onCommand(final long index, final JournalCommand command)
                {
                    recorded.add(command.typeName());
                }

                @Override
                public void onDamaged(final long index, final String problem)
                {
                    fail(problem);
                }
            });
        }
        assertEquals(events.stream().map(e -> e.type().name()).collect(Collectors.toList()),
            recorded.stream().filter(r -> !r.equals("PLACE_ORDER") && !r.equals("CLOSE_POSITION") && !r.equals("RESYNC"))
                .collect(Collectors.toList()));
        assertTrue(recorded.indexOf("GUARD_TRIPPED") < recorded.indexOf("CLOSE_POSITION"), "the decision is journaled first");
    }

    @Test
    void aDamagedEntryMakesTheWholeJournalDamaged() throws IOException
    {
        recordLockedRun();
        final Path cycle = cycleFile(Journal.INBOUND);
        final long offset = lastDataOffset(cycle);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.seek(offset + 6);
            final int b = file.read();
            file.seek(offset + 6);
            file.write(b ^ 0x55);
        }
        try (Journal journal = Journal.open(dir))
        {
            final long[] good = new long[1];
            final Recovery recovery = Recovery.replay(journal, e -> good[0]++);
            assertTrue(recovery.isDamaged(), "an entry lost is a state that may be less safe than the recorded one");
            assertEquals(1, recovery.damage().size(), recovery.damage().toString());
            assertTrue(recovery.damage().get(0).contains("checksum mismatch"), recovery.damage().get(0));
            assertTrue(good[0] > 5);
        }
    }

    @Test
    void aJournalCutToHalfItsDataIsDamaged() throws IOException
    {
        recordLockedRun();
        final Path cycle = cycleFile(Journal.INBOUND);
        final long end = endOfData(cycle);
        final long firstData = firstDataOffset(cycle);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.setLength(firstData + (end - firstData) / 2);
        }
        assertDamaged("is cut short");
    }

    @Test
    void twentyFlippedBytesAreDamage() throws IOException
    {
        recordLockedRun();
        final Path cycle = cycleFile(Journal.INBOUND);
        final long from = firstDataOffset(cycle);
        final long to = endOfData(cycle);
        final java.util.Random random = new java.util.Random(20);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            for (int i = 0; i < 20; i++)
            {
                final long at = from + (long)(random.nextDouble() * (to - from));
                file.seek(at);
                final int b = file.read();
                file.seek(at);
                file.write(b ^ 0xFF);
            }
        }
        final JournalIntegrity integrity = JournalIntegrity.check(dir);
        if (!integrity.isDamaged())
        {
            try (Journal journal = Journal.open(dir))
            {
                assertTrue(Recovery.replay(journal, e -> { }).isDamaged(), "flipped bytes in entries fail their checksums");
            }
        }
    }

    @Test
    void aZeroedQueueFileIsDamageNotANewJournal() throws IOException
    {
        recordLockedRun();
        final Path cycle = cycleFile(Journal.INBOUND);
        final long size = Files.size(cycle);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.setLength(0);
            file.setLength(size);
        }
        assertDamaged("the file is zeroed");
    }

    @Test
    void anEmptyQueueFileIsDamageNotANewJournal() throws IOException
    {
        recordLockedRun();
        Files.write(cycleFile(Journal.INBOUND), new byte[0]);
        assertDamaged("is empty (0 bytes)");
    }

    @Test
    void aStrayFileWithABadHeaderInTheQueueDirectoryIsDamage() throws IOException
    {
        recordLockedRun();
        Files.write(dir.resolve(Journal.INBOUND).resolve("20991231F.cq4"), "not a queue file at all".getBytes());
        assertDamaged("20991231F.cq4 does not start with a queue header");
    }

    @Test
    void aCorruptQueueHeaderIsDamageFoundAtOnce() throws IOException
    {
        recordLockedRun();
        final Path cycle = cycleFile(Journal.INBOUND);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.seek(8);
            file.write(new byte[] {'x', 'x', 'x'});
        }
        assertDamaged("does not start with a queue header");
    }

    /** Found from the files alone, before Chronicle opens them (it would wait 10 s on a bad header). */
    private void assertDamaged(final String expected)
    {
        final JournalIntegrity integrity = JournalIntegrity.check(dir);
        assertTrue(integrity.isDamaged(), "damage must be found");
        assertTrue(integrity.damage().stream().anyMatch(d -> d.contains(expected)), integrity.damage().toString());
    }

    @Test
    void anEntryWhoseWriteNeverCompletedIsReported() throws IOException
    {
        recordLockedRun();
        final Path cycle = cycleFile(Journal.INBOUND);
        final long end = endOfData(cycle);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x80000000 | 40);
            file.seek(end);
            file.write(header.array());
        }
        try (Journal journal = Journal.open(dir))
        {
            final List<String> incomplete = journal.reader().incompleteEntries();
            assertEquals(1, incomplete.size());
            assertTrue(incomplete.get(0).contains("at byte " + end + ": an entry whose write never completed"), incomplete.get(0));
            final Recovery recovery = Recovery.replay(journal, e -> { });
            assertFalse(recovery.isDamaged(), "a crash mid-write lost nothing the logic saw: " + recovery.damage());
            assertEquals(1, recovery.problems().size(), recovery.problems().toString());
        }
    }

    private Path cycleFile(final String queue) throws IOException
    {
        try (Stream<Path> files = Files.list(dir.resolve(queue)))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Byte offset of the last complete data document's content in a cycle file. */
    private static long lastDataOffset(final Path cycle) throws IOException
    {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cycle)).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        int lastData = -1;
        while (position + 4 <= b.limit())
        {
            final int header = b.getInt(position);
            if (header == 0)
            {
                break;
            }
            if ((header & 0x40000000) == 0)
            {
                lastData = position + 4;
            }
            position = (position + 4 + (header & 0x3FFFFFFF) + 3) & ~3;
        }
        return lastData;
    }

    /** Byte offset of the first data document's header in a cycle file (after the queue header and index). */
    private static long firstDataOffset(final Path cycle) throws IOException
    {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cycle)).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        while (position + 4 <= b.limit() && b.getInt(position) != 0)
        {
            if ((b.getInt(position) & 0x40000000) == 0)
            {
                return position;
            }
            position = (position + 4 + (b.getInt(position) & 0x3FFFFFFF) + 3) & ~3;
        }
        return position;
    }

    private static long endOfData(final Path cycle) throws IOException
    {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cycle)).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        while (position + 4 <= b.limit() && b.getInt(position) != 0)
        {
            position = (position + 4 + (b.getInt(position) & 0x3FFFFFFF) + 3) & ~3;
        }
        return position;
    }

}
