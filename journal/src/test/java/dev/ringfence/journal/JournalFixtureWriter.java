package dev.ringfence.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the session kept as a journal fixture under {@code src/test/resources/journal-fixtures/}: every
 * inbound type, every enum the codec writes, place and close commands, a heartbeat and a guard trip. A
 * fixture is written once, by the version it is named for, and never again: it is what that version left on
 * disk, and {@link JournalFixtureTest} proves every later version still reads and replays it.
 *
 * <p>To record one for a new journal version (into an empty directory, with small queue blocks):
 * {@code mvn -pl journal test -Dtest=JournalFixtureWriter -Dringfence.journal.blockSize=65536
 * -Dringfence.fixture.dir=/tmp/journal-vN}, then copy the directory to {@code journal-fixtures/vN}.
 */
class JournalFixtureWriter
{
    static final long T0 = 1_767_571_200_000L;

    @Test
    @EnabledIfSystemProperty(named = "ringfence.fixture.dir", matches = ".+")
    void record()
    {
        record(Path.of(System.getProperty("ringfence.fixture.dir")));
    }

    static void record(final Path dir)
    {
        final EngineConfig config = new EngineConfig().validate();
        final SymbolTable symbols = new SymbolTable(config.symbols);
        final List<LifecycleEvent> events = new ArrayList<>();
        final long[] lastCloseId = {0};
        final OrderCommands commands = (type, buffer, offset, length) ->
        {
            if (type == ClosePosition.TYPE)
            {
                lastCloseId[0] = new ClosePosition.Decoder().wrap(buffer, offset).clientOrderId();
            }
            return true;
        };
        try (Journal journal = Journal.open(dir))
        {
            final OutputJournal output = journal.outputJournal(event ->
            {
                final LifecycleEvent copy = new LifecycleEvent();
                copy.copyFrom(event);
                events.add(copy);
            }, commands);
            final DirectEngine e = new DirectEngine(config, symbols, output, output, () -> 0).journalTo(journal.inboundAppender());
            output.clock(e::nowMillis);
            output.goLive();

            long now = T0;
            e.inbound().engineInputs().config(now, config.describe());
            e.inbound().operatorCommands().admin(now, AdminCommand.START, "fixture");
            e.inbound().terminalReports().terminalStatus(now, true);
            e.inbound().terminalReports().symbolSpec(now, 0, symbols.spec(0));
            e.inbound().terminalReports().account(now, 7, 10_000, 10_000, 0, 10_000, true, now, 7_200, TradePermissions.ALL);
            e.inbound().terminalReports().positionsBegin(now, 0);
            e.inbound().terminalReports().tick(now, 0, 1.1000, 1.1002);
            e.inbound().signals().signal(now, "fx-1", 0, Side.BUY, 1.0, 1.0900, 1.1200, 0, now);
            e.inbound().terminalReports().orderResult(now, lastApproved(events), ReturnCodes.DONE, 100_001, 1.1002, 1.0, 0);

            now += 1_000;
            e.inbound().terminalReports().positionsBegin(now, 1);
            e.inbound().terminalReports().position(now, 100_001, 0, Side.BUY, 1.0, 1.1002, -2.0, 0);

            now += 1_000;
            e.inbound().operatorCommands().admin(now, AdminCommand.HALT, "alice", 42);
            e.inbound().signals().signal(now, "fx-2", 0, Side.SELL, 0.5, 0, 0, 0, now);
            e.inbound().operatorCommands().admin(now, AdminCommand.RESUME, "alice", 43);

            now += 1_000;
            e.inbound().terminalReports().balanceOperation(now, 500, 7_000_001);
            e.inbound().terminalReports().account(now, 7, 10_500, 10_498, 0, 10_498, true, now, 7_200, TradePermissions.ALL);

            now += 1_000;
            e.inbound().terminalReports().positionClosed(now, 100_001, 12.5, CloseReason.TAKE_PROFIT, 1.0, 0);
            e.inbound().terminalReports().positionsBegin(now, 0);

            now += 1_000;
            e.inbound().terminalReports().symbolRefused(now, 1);
            e.inbound().signals().signal(now, "fx-3", 0, Side.SELL, 1.0, 0, 0, 0, now);
            e.inbound().terminalReports().orderResult(now, lastApproved(events), ReturnCodes.DONE, 100_002, 1.1000, 1.0, 0);

            now += 6_000;
            e.inbound().timerTicks().timer(now);

            now += 1_000;
            e.inbound().terminalReports().account(now, 7, 10_512.5, 8_000, 0, 8_000, true, now, 7_200, TradePermissions.ALL);
            e.inbound().terminalReports().orderResult(now, lastCloseId[0], ReturnCodes.DONE, 100_002, 1.1250, 1.0, -2_512.5);
            e.inbound().terminalReports().positionsBegin(now, 0);

            now += 1_000;
            e.inbound().engineInputs().journalGap(now, 3);
            e.inbound().operatorCommands().admin(now, AdminCommand.STOP, "fixture");
        }
    }

    private static long lastApproved(final List<LifecycleEvent> events)
    {
        for (int i = events.size() - 1; i >= 0; i--)
        {
            if (events.get(i).type() == LifecycleEventType.SIGNAL_APPROVED)
            {
                return events.get(i).clientOrderId();
            }
        }
        throw new IllegalStateException("no signal was approved");
    }
}
