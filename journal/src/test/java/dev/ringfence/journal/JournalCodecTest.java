package dev.ringfence.journal;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEventWriter;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import net.openhft.chronicle.bytes.Bytes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JournalCodecTest
{
    private static InboundEvent roundTrip(final InboundEvent original)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
        JournalCodec.writeInbound(bytes, original);
        final InboundEntry copy = new InboundEntry();
        JournalCodec.readInbound(bytes, copy);
        assertEquals(0, bytes.readRemaining());
        return copy.event();
    }

    @Test
    void aJournalGapMarkerSurvivesTheRoundTripWithinTheCurrentVersion()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        JournalCodec.writeInbound(bytes, InboundEntry.of(in -> in.engineInputs().journalGap(1_767_571_200_123L, 42)));
        assertEquals(JournalCodec.VERSION, bytes.readByte(0), "a new type, not a new version: older entries read as before");
        assertEquals(InboundEventType.JOURNAL_GAP.code(), bytes.readByte(2));
        assertEquals(12, InboundEventType.JOURNAL_GAP.code(), "codes never move: journals record them");
        assertEquals(1 + 1 + 1 + 8 + 4 + 4, bytes.readRemaining(), "header, count, checksum");
        final InboundEvent copy = InboundEntry.of(in -> in.signals().signal(1, "stale", 1, Side.BUY, 1, 0, 0, 0, 0));
        JournalCodec.readInbound(bytes, new InboundEntry(copy));
        assertEquals(InboundEventType.JOURNAL_GAP, copy.type());
        assertEquals(1_767_571_200_123L, copy.timeMillis());
        assertEquals(42, copy.count());
        assertEquals(0, bytes.readRemaining());
    }

    @Test
    void everyInboundTypeSurvivesTheRoundTrip()
    {
        final List<InboundEvent> events = List.of(
            InboundEntry.of(in -> in.signals().signal(1, "sig-ü-1", 2, Side.SELL, 0.25, 1.2, 1.1, 500, 7)),
            InboundEntry.of(in -> in.signals().signal(1, null, -1, null, Double.NaN, 0, 0, 0, 0)),
            InboundEntry.of(in -> in.terminalReports().tick(2, 3, 1.1, 1.1002)),
            InboundEntry.of(in -> in.terminalReports().account(3, 42, 10_000, 9_876.5, 100, 9_776.5, true, 3, 7200, 13)),
            InboundEntry.of(in -> in.terminalReports().positionsBegin(4, 2)),
            InboundEntry.of(in -> in.terminalReports().position(5, 100_001, 1, Side.BUY, 1.5, 1.25, -12.5, 77)),
            InboundEntry.of(in -> in.terminalReports().orderResult(6, 99, 10009, 100_002, 1.3, 0.1, 4.5)),
            InboundEntry.of(in -> in.terminalReports().positionClosed(7, 100_003, -3.25, CloseReason.STOP_OUT, 0.3, 0.7)),
            InboundEntry.of(in -> in.terminalReports().positionClosed(7, 100_004, 1.5, CloseReason.LOCAL_FLOOR, 1, 0)),
            InboundEntry.of(in -> in.timerTicks().timer(8)),
            InboundEntry.of(in -> in.operatorCommands().admin(9, AdminCommand.REARM, "alice", 1_732_000_000_000_042L)),
            InboundEntry.of(in -> in.terminalReports().terminalStatus(10, true)),
            InboundEntry.of(in -> in.terminalReports().balanceOperation(11, -250, 7_000_123)),
            InboundEntry.of(in -> in.engineInputs().config(12, "risk.maxDrawdownPercent = 20\n")),
            InboundEntry.of(in -> in.terminalReports().symbolSpec(13, 3, 100, 0.01, 0.01, 50, 2, 3)),
            InboundEntry.of(in -> in.terminalReports().symbolRefused(14, 1)));
        for (final InboundEvent e : events)
        {
            final InboundEvent c = roundTrip(e);
            assertEquals(e.type(), c.type());
            assertEquals(e.timeMillis(), c.timeMillis());
            switch (e.type())
            {
                case SIGNAL:
                    assertEquals(e.signalId(), c.signalId());
                    assertEquals(e.side(), c.side());
                    assertEquals(e.volume(), c.volume());
                    assertEquals(e.takeProfit(), c.takeProfit());
                    assertEquals(e.sourceTimeMillis(), c.sourceTimeMillis());
                    break;
                case ACCOUNT:
                    assertEquals(e.equity(), c.equity());
                    assertEquals(e.login(), c.login());
                    assertEquals(e.serverGmtOffsetSeconds(), c.serverGmtOffsetSeconds());
                    assertEquals(13, c.tradePermissions());
                    break;
                case TERMINAL_STATUS:
                    assertTrue(c.connected());
                    assertTrue(c.reportsSymbolSpecs());
                    break;
                case BALANCE_OPERATION:
                    assertEquals(-250, c.amount());
                    assertEquals(7_000_123, c.ticket());
                    break;
                case SYMBOL_SPEC:
                    assertEquals(3, c.symbolId());
                    assertEquals(100, c.contractSize());
                    assertEquals(0.01, c.volumeMin());
                    assertEquals(0.01, c.volumeStep());
                    assertEquals(50, c.volumeMax());
                    assertEquals(2, c.digits());
                    assertEquals(3, c.fillingModes());
                    break;
                case SYMBOL_REFUSED:
                    assertEquals(1, c.symbolId());
                    break;
                case POSITION:
                    assertEquals(e.magic(), c.magic());
                    assertEquals(e.profit(), c.profit());
                    break;
                case POSITION_CLOSED:
                    assertEquals(e.closeReason(), c.closeReason());
                    assertEquals(e.volume(), c.volume());
                    assertEquals(e.remainingVolume(), c.remainingVolume());
                    break;
                case ADMIN:
                    assertEquals(e.adminCommand(), c.adminCommand());
                    assertEquals(e.actor(), c.actor());
                    assertEquals(e.adminCommandId(), c.adminCommandId());
                    break;
                case CONFIG:
                    assertEquals(e.configText(), c.configText());
                    break;
                default:
                    break;
            }
        }
    }

    @Test
    void aCommandEntryHoldsTheBodyAsTheBusinessThreadEncodedIt()
    {
        final SymbolNames names = new SymbolNames(new SymbolTable(new EngineConfig().validate().symbols));
        final UnsafeBuffer sent = new UnsafeBuffer(new byte[5 + OrderNew.LENGTH]);
        final OrderNew.Encoder order = new OrderNew.Encoder(names).wrap(sent, 5).clientOrderId(77).symbol(1).side(Side.SELL).volume(0.3)
            .stopLoss(1.3).takeProfit(1.2).expiresAt(1_767_571_210_000L);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(128);
        JournalCodec.writeCommand(bytes, new JournalCommand().wrap(order.type(), 1_767_571_200_000L, sent, 5, OrderNew.LENGTH));
        assertEquals(4, bytes.readByte(0), "version 4 records the body");
        assertEquals(OrderNew.TYPE, bytes.readByte(2), "under the bridge's message type");
        assertEquals(1 + 1 + 1 + 8 + OrderNew.LENGTH + 4, bytes.readRemaining(), "header, body, checksum");
        for (int i = 0; i < OrderNew.LENGTH; i++)
        {
            assertEquals(sent.getByte(5 + i), bytes.readByte(11 + i), "byte " + i + " of the body");
        }

        final JournalCommand read = new JournalCommand();
        JournalCodec.readCommand(bytes, read, () -> fail("a version 4 entry names its symbol itself"));
        assertEquals(0, bytes.readRemaining());
        assertEquals("PLACE_ORDER", read.typeName());
        assertEquals(1_767_571_200_000L, read.timeMillis());
        assertTrue(read.sameAs(OrderNew.TYPE, sent, 5, OrderNew.LENGTH));
        assertFalse(read.sameAs(OrderNew.TYPE, sent, 4, OrderNew.LENGTH));
        final OrderNew.Decoder decoded = new OrderNew.Decoder().wrap(read.body(), read.offset());
        assertEquals(77, decoded.clientOrderId());
        assertEquals(1, decoded.symbolId(names));
        assertEquals(Side.SELL, decoded.side());
        assertEquals(1_767_571_210_000L, decoded.expiresAt());
    }

    @Test
    void aCommandBodyInOffHeapMemoryIsRecordedByteForByte()
    {
        final SymbolNames names = new SymbolNames(new SymbolTable(new EngineConfig().validate().symbols));
        final UnsafeBuffer sent = new UnsafeBuffer(ByteBuffer.allocateDirect(3 + OrderNew.LENGTH)); // as the command ring's
        final OrderNew.Encoder order = new OrderNew.Encoder(names).wrap(sent, 3).clientOrderId(78).symbol(1).side(Side.BUY).volume(0.2)
            .stopLoss(1.1).takeProfit(1.4).expiresAt(1_767_571_220_000L);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(128);

        JournalCodec.writeCommand(bytes, new JournalCommand().wrap(order.type(), 1_767_571_200_000L, sent, 3, OrderNew.LENGTH));

        for (int i = 0; i < OrderNew.LENGTH; i++)
        {
            assertEquals(sent.getByte(3 + i), bytes.readByte(11 + i), "byte " + i + " of the body");
        }
        final JournalCommand read = new JournalCommand();
        JournalCodec.readCommand(bytes, read, () -> fail("a version 4 entry names its symbol itself"));
        assertTrue(read.sameAs(OrderNew.TYPE, sent, 3, OrderNew.LENGTH));
    }

    @Test
    void commandsOfVersion3ReadAsTheBodiesTheBridgeSends()
    {
        final SymbolNames names = new SymbolNames(new SymbolTable(new EngineConfig().validate().symbols));
        final JournalCommand place = new JournalCommand();
        JournalCodec.readCommand(version3Command(1), place, () -> names);
        final OrderNew.Decoder order = new OrderNew.Decoder().wrap(place.body(), place.offset());
        assertEquals(OrderNew.TYPE, place.type());
        assertEquals(9, place.timeMillis());
        assertEquals(41, order.clientOrderId());
        assertEquals(2, order.symbolId(names), "the id, named by the journal's symbols");
        assertEquals(Side.BUY, order.side());
        assertEquals(0.5, order.volume());
        assertEquals(1.1, order.stopLoss());
        assertEquals(1.2, order.takeProfit());
        assertEquals(19, order.expiresAt());

        final JournalCommand close = new JournalCommand();
        JournalCodec.readCommand(version3Command(2), close, () -> fail("only an order names a symbol"));
        final ClosePosition.Decoder closed = new ClosePosition.Decoder().wrap(close.body(), close.offset());
        assertEquals(ClosePosition.TYPE, close.type());
        assertEquals(42, closed.clientOrderId());
        assertEquals(100_001, closed.ticket());
        assertEquals(0.5, closed.volume());

        final JournalCommand resync = new JournalCommand();
        JournalCodec.readCommand(version3Command(3), resync, () -> fail("only an order names a symbol"));
        assertEquals(Resync.TYPE, resync.type());
        assertEquals(43, new Resync.Decoder().wrap(resync.body(), resync.offset()).lookupClientOrderId());
    }

    /** A command entry exactly as version 3 wrote it (types 1 to 3): every field of every command, the symbol as an id. */
    private static Bytes<?> version3Command(final int type)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(128);
        bytes.writeByte((byte)3).writeByte(JournalCodec.KIND_COMMAND).writeByte((byte)type).writeLong(9)
            .writeLong(40 + type).writeLong(type == 2 ? 100_001 : 0).writeInt(type == 3 ? -1 : 2)
            .writeByte(type == 1 ? (byte)Side.BUY.code() : JournalCodec.ABSENT)
            .writeDouble(type == 3 ? 0 : 0.5).writeDouble(type == 1 ? 1.1 : 0).writeDouble(type == 1 ? 1.2 : 0).writeLong(type == 1 ? 19 : 0);
        bytes.writeInt(JournalCodec.checksum(bytes, 0, bytes.writePosition()));
        return bytes;
    }

    @Test
    void anAdminEntryOfVersionOneStillReadsWithoutACommandId()
    {
        // Exactly what version 1 wrote: no command id after the actor.
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeByte((byte)1).writeByte(JournalCodec.KIND_INBOUND).writeByte((byte)InboundEventType.ADMIN.code()).writeLong(9);
        bytes.writeByte((byte)AdminCommand.HALT.code());
        bytes.writeUtf8("alice");
        bytes.writeInt(JournalCodec.checksum(bytes, 0, bytes.writePosition()));
        assertEquals(JournalCodec.KIND_INBOUND, JournalCodec.peekKind(bytes));
        final InboundEvent e = new InboundEvent();
        JournalCodec.readInbound(bytes, new InboundEntry(e));
        assertEquals(AdminCommand.HALT, e.adminCommand());
        assertEquals("alice", e.actor());
        assertEquals(0, e.adminCommandId());
        assertEquals(0, bytes.readRemaining());
    }

    /** An inbound entry exactly as version 2 wrote it: header, then {@code fields} writes the type's fields. */
    private static InboundEvent readVersion2(final InboundEventType type, final java.util.function.Consumer<Bytes<?>> fields)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeByte((byte)2).writeByte(JournalCodec.KIND_INBOUND).writeByte((byte)type.code()).writeLong(9);
        fields.accept(bytes);
        bytes.writeInt(JournalCodec.checksum(bytes, 0, bytes.writePosition()));
        final InboundEvent e = InboundEntry.of(in ->
        {
            in.terminalReports().account(1, 1, 1, 1, 1, 1, true, 1, 1, 0);
            in.terminalReports().positionClosed(1, 1, 1, null, 5, 5);
            in.terminalReports().terminalStatus(1, true, true);
            in.terminalReports().balanceOperation(1, 1, 99);
        });
        JournalCodec.readInbound(bytes, new InboundEntry(e));
        assertEquals(0, bytes.readRemaining());
        assertEquals(type, e.type());
        return e;
    }

    @Test
    void entriesOfVersionTwoReadAsWhatTheyMeantThen()
    {
        final InboundEvent account = readVersion2(InboundEventType.ACCOUNT, b -> b.writeLong(42).writeDouble(10_000)
            .writeDouble(9_000).writeDouble(0).writeDouble(9_000).writeBoolean(true).writeLong(9).writeInt(7200));
        assertEquals(9_000, account.equity());
        assertEquals(7200, account.serverGmtOffsetSeconds());
        assertEquals(TradePermissions.ALL, account.tradePermissions(), "no permissions recorded: all were present");

        final InboundEvent closed = readVersion2(InboundEventType.POSITION_CLOSED,
            b -> b.writeLong(100_001).writeDouble(-12.5).writeByte((byte)CloseReason.STOP_LOSS.code()));
        assertEquals(-12.5, closed.profit());
        assertEquals(CloseReason.STOP_LOSS, closed.closeReason());
        assertEquals(0, closed.remainingVolume(), "the whole position closed");

        final InboundEvent status = readVersion2(InboundEventType.TERMINAL_STATUS, b -> b.writeBoolean(true));
        assertTrue(status.connected());
        assertFalse(status.reportsSymbolSpecs(), "terminals reported no specs then: the configured ones were in force");

        final InboundEvent balance = readVersion2(InboundEventType.BALANCE_OPERATION, b -> b.writeDouble(-250));
        assertEquals(-250, balance.amount());
        assertEquals(0, balance.ticket(), "no deal ticket");
    }

    @Test
    void aPositionReducedKeepsItsRemainingVolume()
    {
        final LifecycleEvent e = new LifecycleEvent();
        LifecycleEventWriter.to(e::copyFrom).positionReduced(5, 700, -1, null, 0.6, 0.4, 12.5, CloseReason.MANUAL);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
        JournalCodec.writeLifecycle(bytes, e);
        final LifecycleEvent c = new LifecycleEvent();
        JournalCodec.readLifecycle(bytes, c);
        assertEquals(LifecycleEventType.POSITION_REDUCED, c.type());
        assertEquals(0.6, c.volume());
        assertEquals(0.4, c.remainingVolume());
        assertEquals(12.5, c.profit());
        assertEquals(0, bytes.readRemaining());
    }

    @Test
    void lifecycleEventsAndHeartbeatsSurviveTheRoundTrip()
    {
        // Every holder is journaled whatever the type: a record restored with all of them set reads back whole.
        final LifecycleEvent e = new LifecycleEvent();
        e.restore(LifecycleEventType.HEARTBEAT, 123, "s", LifecycleEvent.NONE, LifecycleEvent.NONE, -1, null, 0, 0, 0, 0, "REASON", null,
            GuardRule.DAILY_LOSS, 9_000.5, 0, 0, 0, 0, 0, GuardState.ACTIVE, GuardState.LOCKED_DAY, 3, 2, 0, "op", AdminCommand.FLATTEN, 0, 0);
        e.heartbeat().tradesExecuted = 17;
        e.heartbeat().guardState = GuardState.REDUCE_ONLY;
        e.heartbeat().latencyP99Nanos = 4_200;
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(512);
        JournalCodec.writeLifecycle(bytes, e);
        final LifecycleEvent c = new LifecycleEvent();
        JournalCodec.readLifecycle(bytes, c);
        assertEquals(LifecycleEventType.HEARTBEAT, c.type());
        assertEquals("s", c.signalId());
        assertNull(c.detail());
        assertEquals(GuardState.LOCKED_DAY, c.toState());
        assertEquals(AdminCommand.FLATTEN, c.command());
        assertEquals(2, c.pendingOrders());
        assertEquals(17, c.heartbeat().tradesExecuted);
        assertEquals(GuardState.REDUCE_ONLY, c.heartbeat().guardState);
        assertEquals(4_200, c.heartbeat().latencyP99Nanos);
    }

    @Test
    void everyHolderOfALifecycleEntryReadsBackInItsOwnPlace()
    {
        final LifecycleEvent e = new LifecycleEvent();
        e.restore(LifecycleEventType.POSITION_REDUCED, 1, "signal", 2, 3, 4, Side.SELL, 5.5, 6.5, 7.5, 8, "reason", "detail",
            GuardRule.EQUITY_FLOOR, 9.5, 10.5, 11.5, 12.5, 13, 14.5, GuardState.REDUCE_ONLY, GuardState.LOCKED, 15, 16, 17.5, "actor",
            AdminCommand.HALT, 18, 19.5);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(512);
        JournalCodec.writeLifecycle(bytes, e);
        final LifecycleEvent c = new LifecycleEvent();
        JournalCodec.readLifecycle(bytes, c);
        assertEquals(0, bytes.readRemaining());
        assertEquals(LifecycleEventType.POSITION_REDUCED, c.type());
        assertEquals(1, c.timeMillis());
        assertEquals("signal", c.signalId());
        assertEquals(2, c.clientOrderId());
        assertEquals(3, c.ticket());
        assertEquals(4, c.symbolId());
        assertEquals(Side.SELL, c.side());
        assertEquals(5.5, c.volume());
        assertEquals(6.5, c.price());
        assertEquals(7.5, c.profit());
        assertEquals(8, c.retcode());
        assertEquals("reason", c.reason());
        assertEquals("detail", c.detail());
        assertEquals(GuardRule.EQUITY_FLOOR, c.rule());
        assertEquals(9.5, c.equity());
        assertEquals(10.5, c.peak());
        assertEquals(11.5, c.drawdownPercent());
        assertEquals(12.5, c.threshold());
        assertEquals(13, c.levelPercent());
        assertEquals(14.5, c.usedPercent());
        assertEquals(GuardState.REDUCE_ONLY, c.fromState());
        assertEquals(GuardState.LOCKED, c.toState());
        assertEquals(15, c.count());
        assertEquals(16, c.pendingOrders());
        assertEquals(17.5, c.oldPeak());
        assertEquals("actor", c.actor());
        assertEquals(AdminCommand.HALT, c.command());
        assertEquals(18, c.ageMillis());
        assertEquals(19.5, c.remainingVolume());
    }

    @Test
    void aDamagedByteIsDetectedWhereverItIs()
    {
        final Bytes<?> clean = Bytes.allocateElasticOnHeap(256);
        JournalCodec.writeInbound(clean, InboundEntry.of(in -> in.terminalReports().account(3, 42, 10_000, 9_876.5, 100, 9_776.5, true, 3, 0, 15)));
        final byte[] original = clean.toByteArray();
        for (int i = 0; i < original.length; i++)
        {
            final byte[] damaged = original.clone();
            damaged[i] ^= 0x10;
            final Bytes<?> in = Bytes.wrapForRead(damaged);
            assertThrows(JournalFormatException.class, () -> JournalCodec.readInbound(in, new InboundEntry()), "byte " + i);
        }
        final Bytes<?> cut = Bytes.wrapForRead(java.util.Arrays.copyOf(original, original.length - 5));
        assertThrows(JournalFormatException.class, () -> JournalCodec.readInbound(cut, new InboundEntry()));
    }

    @Test
    void aCodeNoConstantHasIsRefusedByTheEnumsName()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeByte(JournalCodec.VERSION).writeByte(JournalCodec.KIND_INBOUND)
            .writeByte((byte)InboundEventType.POSITION_CLOSED.code()).writeLong(9);
        bytes.writeLong(100_001).writeDouble(-12.5).writeByte((byte)99).writeDouble(1).writeDouble(0);
        bytes.writeInt(JournalCodec.checksum(bytes, 0, bytes.writePosition()));
        final JournalFormatException ex =
            assertThrows(JournalFormatException.class, () -> JournalCodec.readInbound(bytes, new InboundEntry()));
        assertEquals("unknown CloseReason code 99", ex.getMessage());
    }
}
