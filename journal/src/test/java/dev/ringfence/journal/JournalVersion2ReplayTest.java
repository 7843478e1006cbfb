package dev.ringfence.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A journal written before bridge protocol 2 (journal version 2) replays to the decisions it recorded: its
 * sessions reported no symbol specs and no trade permissions, and neither may now deny what was approved then.
 */
class JournalVersion2ReplayTest
{
    private static final long T0 = 1_767_571_200_000L;

    /** How many bytes version 3 appended to an entry of each changed type (nothing for the others). */
    private static int appendedInVersion3(final InboundEventType type)
    {
        switch (type)
        {
            case ACCOUNT: return 4;
            case TERMINAL_STATUS: return 1;
            case POSITION_CLOSED: return 16;
            case BALANCE_OPERATION: return 8;
            default: return 0;
        }
    }

    /** The entry exactly as version 2 wrote it: version 3's bytes without what it appended, version byte 2. */
    private static InboundEvent throughVersion2(final InboundEvent event)
    {
        final Bytes<?> v3 = Bytes.allocateElasticOnHeap(256);
        JournalCodec.writeInbound(v3, event);
        final byte[] bytes = v3.toByteArray();
        final int length = bytes.length - 4 - appendedInVersion3(event.type());
        final Bytes<?> v2 = Bytes.allocateElasticOnHeap(256);
        v2.write(bytes, 0, length);
        v2.writeByte(0, (byte)2);
        v2.writeInt(JournalCodec.checksum(v2, 0, v2.writePosition()));
        final InboundEntry read = new InboundEntry();
        JournalCodec.readInbound(v2, read);
        assertEquals(0, v2.readRemaining());
        return read.event();
    }

    @Test
    void aVersion2SessionStillApprovesWhatItApproved()
    {
        final EngineConfig config = new EngineConfig().validate();
        final List<LifecycleEvent> events = new ArrayList<>();
        final DirectEngine engine = new DirectEngine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event ->
        {
            final LifecycleEvent copy = new LifecycleEvent();
            copy.copyFrom(event);
            events.add(copy);
        }, () -> 0);
        final List<InboundEvent> recorded = List.of(
            InboundEntry.of(in -> in.engineInputs().config(T0, config.describe())),
            InboundEntry.of(in -> in.operatorCommands().admin(T0, AdminCommand.START, "journal", 0)),
            InboundEntry.of(in -> in.terminalReports().terminalStatus(T0, true)),
            InboundEntry.of(in -> in.terminalReports().account(T0, 7, 10_000, 10_000, 0, 10_000, true, T0, 0, 0)),
            InboundEntry.of(in -> in.terminalReports().positionsBegin(T0, 0)),
            InboundEntry.of(in -> in.signals().signal(T0, "old-1", 0, Side.BUY, 0.1, 0, 0, 0, T0)));
        for (final InboundEvent event : recorded)
        {
            final InboundEvent read = throughVersion2(event);
            if (read.type() == InboundEventType.ACCOUNT)
            {
                assertEquals(TradePermissions.ALL, read.tradePermissions());
            }
            engine.process(read);
        }
        final LifecycleEvent decision = events.stream()
            .filter(e -> e.type() == LifecycleEventType.SIGNAL_APPROVED || e.type() == LifecycleEventType.SIGNAL_REJECTED)
            .findFirst().orElseThrow();
        assertEquals(LifecycleEventType.SIGNAL_APPROVED, decision.type(), "decided as it was: " + decision.reason());
        assertTrue(events.stream().noneMatch(e -> e.type() == LifecycleEventType.TERMINAL_TRADING_NOT_PERMITTED));
    }
}
