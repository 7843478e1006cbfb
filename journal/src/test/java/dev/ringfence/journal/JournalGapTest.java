package dev.ringfence.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEventType;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the engine processed while the journal could not write is not in the journal. The gate marks the
 * place (JOURNAL_GAP with the count) before its first entry after the outage, and an engine rebuilt from
 * that journal denies entries until an operator re-arms, as the live engine did: it cannot know whether the
 * lost inputs tripped the guard, halted trading or decided signals.
 */
class JournalGapTest
{
    @TempDir
    Path dir;

    private final EngineConfig config = new EngineConfig().validate();
    private final SymbolTable symbols = new SymbolTable(config.symbols);
    private final List<LifecycleEvent> events = new ArrayList<>();

    private final OrderCommands commands = OrderCommands.DISCARD;

    private DirectEngine engine()
    {
        return new DirectEngine(config, symbols, commands, event ->
        {
            final LifecycleEvent copy = new LifecycleEvent();
            copy.copyFrom(event);
            events.add(copy);
        }, () -> 0);
    }

    @Test
    void theGateMarksTheGapAndARestartDeniesEntriesUntilRearmed() throws Exception
    {
        final JournalFaults disk = new JournalFaults();
        final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final long t = 1_767_571_200_000L;
        try (Journal journal = Journal.open(dir, SyncMode.NONE, disk, log))
        {
            final DirectEngine live = engine().journalTo(journal.inboundAppender());
            connect(live, t);
            live.inbound().signals().signal(t, "before", 0, Side.BUY, 0.1, 0, 0, 0, t);
            assertEquals(LifecycleEventType.SIGNAL_APPROVED, decisionOn("before").type());

            disk.diskFull(true);
            live.inbound().signals().signal(t + 1, "lost", 0, Side.BUY, 0.1, 0, 0, 0, t + 1);
            live.inbound().operatorCommands().admin(t + 2, AdminCommand.HALT, "alice");
            live.inbound().timerTicks().timer(t + 3);
            assertEquals("JOURNAL_FAILED", decisionOn("lost").detail());
            assertTrue(journal.interruptedOutage(), "a crash now would leave the gap pending for the next start to record");

            disk.diskFull(false);
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Journal.RETRY_INTERVAL_NANOS) + 100);
            live.inbound().timerTicks().timer(t + 4);
            assertEquals(1, count(LifecycleEventType.JOURNAL_RECOVERED));
            assertFalse(journal.interruptedOutage(), "the marker is written: nothing is pending any more");
            assertEquals("3 inputs were not journaled; entries stay denied until an operator re-arms", gapError().detail());
            live.inbound().operatorCommands().admin(t + 5, AdminCommand.RESUME, "alice");
            live.inbound().signals().signal(t + 5, "after", 0, Side.BUY, 0.1, 0, 0, 0, t + 5);
            assertEquals("JOURNAL_GAP", decisionOn("after").detail(), "live: denied once the journal writes again");

            final List<String> entries = new ArrayList<>();
            journal.reader().readInbound(new JournalReader.InboundVisitor()
            {
                @Override
                public void onEvent(final long index, final dev.ringfence.engine.event.InboundEvent e)
                {
                    entries.add(e.type() == InboundEventType.JOURNAL_GAP ? "JOURNAL_GAP " + e.count() + " @" + (e.timeMillis() - t)
                        : e.type() == InboundEventType.SIGNAL ? "SIGNAL " + e.signalId() : e.type().name());
                }

                @Override
                public void onDamaged(final long index, final String problem)
                {
                    fail(problem);
                }
            });
            final int gap = entries.indexOf("JOURNAL_GAP 3 @4");
            assertTrue(gap > 0, "a marker with the count lost: " + entries);
            assertEquals(List.of("SIGNAL before", "JOURNAL_GAP 3 @4", "TIMER", "ADMIN", "SIGNAL after"),
                entries.subList(gap - 1, entries.size()), "the marker, then the event whose write succeeded");
        }

        events.clear();
        try (Journal reopened = Journal.open(dir))
        {
            final DirectEngine restarted = engine();
            final Recovery recovery = Recovery.replay(reopened, restarted::process);
            assertFalse(recovery.isDamaged(), recovery.damage().toString());
            restarted.journalTo(reopened.inboundAppender());
            assertEquals("3 inputs were not journaled; entries stay denied until an operator re-arms", gapError().detail(),
                "the replay meets the marker where the live engine met the recovered journal");

            final long t2 = t + 60_000;
            connect(restarted, t2);
            restarted.inbound().signals().signal(t2, "after-restart", 0, Side.BUY, 0.1, 0, 0, 0, t2);
            assertEquals("JOURNAL_GAP", decisionOn("after-restart").detail(), "a restart does not forget the gap");

            restarted.inbound().operatorCommands().admin(t2, AdminCommand.REARM, "bob");
            final LifecycleEvent cleared = last(LifecycleEventType.GUARD_REARMED);
            assertEquals("JOURNAL_GAP", cleared.reason());
            assertEquals("bob", cleared.actor());
            restarted.inbound().signals().signal(t2, "after-rearm", 0, Side.BUY, 0.1, 0, 0, 0, t2);
            assertEquals(LifecycleEventType.SIGNAL_APPROVED, decisionOn("after-rearm").type());
        }
    }

    private void connect(final DirectEngine engine, final long t)
    {
        engine.inbound().engineInputs().config(t, config.describe());
        engine.inbound().operatorCommands().admin(t, AdminCommand.START, "test");
        engine.inbound().terminalReports().terminalStatus(t, true);
        engine.inbound().terminalReports().symbolSpec(t, 0, symbols.spec(0));
        engine.inbound().terminalReports().account(t, 7, 10_000, 10_000, 0, 10_000, true, t, 0, TradePermissions.ALL);
        engine.inbound().terminalReports().positionsBegin(t, 0);
    }

    private LifecycleEvent gapError()
    {
        final List<LifecycleEvent> gaps = events.stream()
            .filter(e -> e.type() == LifecycleEventType.ERROR && "JOURNAL_GAP".equals(e.reason())).toList();
        assertEquals(1, gaps.size(), "one JOURNAL_GAP error");
        return gaps.get(0);
    }

    private LifecycleEvent decisionOn(final String signalId)
    {
        final List<LifecycleEvent> decisions = events.stream()
            .filter(e -> (e.type() == LifecycleEventType.SIGNAL_APPROVED || e.type() == LifecycleEventType.SIGNAL_REJECTED) &&
                signalId.equals(e.signalId()))
            .toList();
        assertEquals(1, decisions.size(), "one decision on " + signalId);
        return decisions.get(0);
    }

    private LifecycleEvent last(final LifecycleEventType type)
    {
        final List<LifecycleEvent> matching = events.stream().filter(e -> e.type() == type).toList();
        assertFalse(matching.isEmpty(), "no " + type);
        return matching.get(matching.size() - 1);
    }

    private long count(final LifecycleEventType type)
    {
        return events.stream().filter(e -> e.type() == type).count();
    }
}
