package dev.ringfence.journal;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.Commands;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.HeartbeatData;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.InboundPorts;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import net.openhft.chronicle.bytes.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The journal's binary encoding, version {@value #VERSION}. Every entry is
 * {@code [version:1][kind:1][type:1][time:8][fields of the type...][checksum:4]}, little-endian, the
 * checksum an FNV-1a over every byte before it, so a damaged entry is found and reported instead of
 * replayed. Writing allocates nothing; reading allocates only the strings it returns.
 *
 * <p>Every enum (the entry's type, sides, close reasons, admin commands, guard rules and states) is one byte:
 * the constant's stable {@code code()}, never its ordinal, or {@value #ABSENT} for none. The codes are the
 * ordinals the constants had when versions 1 to 3 were written, so those journals read unchanged; from here
 * on reordering an enum changes nothing on disk, and a code no constant has is refused by name.
 *
 * <p>Kinds: {@code I} an inbound event, {@code L} a lifecycle event, {@code C} an outbound command. A new
 * field is added by a new version; readers refuse versions they do not know.
 *
 * <p>Versions: 1 the first; 2 adds the issuer's command id (long) after the actor of an ADMIN entry.
 * New inbound types are appended within a version (their codes are new, every older entry reads as
 * before): JOURNAL_GAP ({@code [count:4]}, the inputs the gate could not journal) came within version 2.
 * 3 (bridge protocol 2) adds the trade permissions (int) at the end of an ACCOUNT entry, the closed and
 * remaining volumes (two doubles) at the end of a POSITION_CLOSED, the deal ticket (long) at the end of a
 * BALANCE_OPERATION, whether the terminal reports its symbol specs (boolean) at the end of a TERMINAL_STATUS,
 * the inbound types SYMBOL_SPEC and SYMBOL_REFUSED, and the remaining volume (double) at the end of a
 * POSITION_REDUCED lifecycle entry. What an older entry lacks reads as what it meant then: every trade
 * permission present, the whole position closed, no deal ticket, a terminal that reports no specs (the
 * configured ones were in force). 4 records a command as the body the business thread encoded and the gateway
 * frames ({@code dev.ringfence.engine.command}): {@code [type:1][time:8][body]}, the type the bridge's message type
 * (20, 21, 22) and the body its length. Versions 1 to 3 recorded a command's fields, types 1 to 3; they read into
 * the same body: a PLACE_ORDER's symbol id as the name the journal's configuration gives it, a CLOSE_POSITION
 * without the symbol id it carried (the wire never did).
 * Entries are written in the current version; every version from {@link #OLDEST_READABLE_VERSION} reads.
 *
 * <p>One class (over the usual size) on purpose: the layout of each kind is written down once, its writer
 * and its reader side by side, so a field cannot be added to one and not the other.
 */
public final class JournalCodec
{
    public static final byte VERSION = 4;
    public static final byte OLDEST_READABLE_VERSION = 1;
    public static final byte KIND_INBOUND = 'I';
    public static final byte KIND_LIFECYCLE = 'L';
    public static final byte KIND_COMMAND = 'C';

    /** Written where an enum field is empty (null); every enum's own codes are 0 and up. */
    static final byte ABSENT = -1;

    /** The command types of versions 1 to 3 (from version 4 a command's type is its message type on the wire). */
    private static final int PLACE_ORDER_BEFORE_4 = 1;
    private static final int CLOSE_POSITION_BEFORE_4 = 2;
    private static final int RESYNC_BEFORE_4 = 3;
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    /** Chronicle's bytes are in the machine's order; the checksum folds them in the order they are stored. */
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private JournalCodec()
    {
    }

    // ------------------------------------------------------------------ inbound

    public static void writeInbound(final Bytes<?> out, final InboundEvent e)
    {
        final long start = out.writePosition();
        out.writeByte(VERSION).writeByte(KIND_INBOUND).writeByte((byte)e.type().code()).writeLong(e.timeMillis());
        switch (e.type())
        {
            case SIGNAL:
                out.writeUtf8(e.signalId());
                out.writeInt(e.symbolId()).writeByte(code(e.side()))
                    .writeDouble(e.volume()).writeDouble(e.stopLoss()).writeDouble(e.takeProfit())
                    .writeLong(e.ttlMillis()).writeLong(e.sourceTimeMillis());
                break;
            case TICK:
                out.writeInt(e.symbolId()).writeDouble(e.bid()).writeDouble(e.ask());
                break;
            case ACCOUNT:
                out.writeLong(e.login()).writeDouble(e.balance()).writeDouble(e.equity()).writeDouble(e.margin())
                    .writeDouble(e.freeMargin()).writeBoolean(e.connected()).writeLong(e.reportTimeMillis())
                    .writeInt(e.serverGmtOffsetSeconds()).writeInt(e.tradePermissions());
                break;
            case POSITIONS_BEGIN:
            case JOURNAL_GAP:
                out.writeInt(e.count());
                break;
            case POSITION:
                out.writeLong(e.ticket()).writeInt(e.symbolId()).writeByte(code(e.side())).writeDouble(e.volume())
                    .writeDouble(e.price()).writeDouble(e.profit()).writeLong(e.magic());
                break;
            case ORDER_RESULT:
                out.writeLong(e.clientOrderId()).writeInt(e.retcode()).writeLong(e.ticket()).writeDouble(e.price())
                    .writeDouble(e.volume()).writeDouble(e.profit());
                break;
            case POSITION_CLOSED:
                out.writeLong(e.ticket()).writeDouble(e.profit()).writeByte(code(e.closeReason()))
                    .writeDouble(e.volume()).writeDouble(e.remainingVolume());
                break;
            case ADMIN:
                out.writeByte(code(e.adminCommand()));
                out.writeUtf8(e.actor());
                out.writeLong(e.adminCommandId());
                break;
            case TERMINAL_STATUS:
                out.writeBoolean(e.connected()).writeBoolean(e.reportsSymbolSpecs());
                break;
            case BALANCE_OPERATION:
                out.writeDouble(e.amount()).writeLong(e.ticket());
                break;
            case SYMBOL_SPEC:
                out.writeInt(e.symbolId()).writeDouble(e.contractSize()).writeDouble(e.volumeMin()).writeDouble(e.volumeStep())
                    .writeDouble(e.volumeMax()).writeInt(e.digits()).writeInt(e.fillingModes());
                break;
            case SYMBOL_REFUSED:
                out.writeInt(e.symbolId());
                break;
            case CONFIG:
                out.writeUtf8(e.configText());
                break;
            case TIMER:
            default:
                break;
        }
        out.writeInt(checksum(out, start, out.writePosition()));
    }

    /**
     * Decodes an inbound entry into {@code into}'s event, through the ports as a live publisher fills one (it is
     * not measured); the entry's kind byte must be {@link #KIND_INBOUND}.
     */
    public static void readInbound(final Bytes<?> in, final InboundEntry into)
    {
        final long start = in.readPosition();
        final long end = in.readLimit();
        final InboundPorts to = into.ports();
        try
        {
            verify(in, start, end);
            final byte version = header(in, KIND_INBOUND);
            final InboundEventType type = decode(in.readByte(), InboundEventType::fromCode);
            final long time = in.readLong();
            switch (type)
            {
                case SIGNAL:
                    to.signals().signal(time, in.readUtf8(), in.readInt(), side(in.readByte()), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readLong(), in.readLong());
                    break;
                case TICK:
                    to.terminalReports().tick(time, in.readInt(), in.readDouble(), in.readDouble());
                    break;
                case ACCOUNT:
                    to.terminalReports().account(time, in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readBoolean(), in.readLong(), in.readInt(), version >= 3 ? in.readInt() : TradePermissions.ALL);
                    break;
                case POSITIONS_BEGIN:
                    to.terminalReports().positionsBegin(time, in.readInt());
                    break;
                case POSITION:
                    to.terminalReports().position(time, in.readLong(), in.readInt(), side(in.readByte()), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readLong());
                    break;
                case ORDER_RESULT:
                    to.terminalReports().orderResult(time, in.readLong(), in.readInt(), in.readLong(), in.readDouble(), in.readDouble(),
                        in.readDouble());
                    break;
                case POSITION_CLOSED:
                    final long ticket = in.readLong();
                    final double profit = in.readDouble();
                    final CloseReason reason = closeReason(in.readByte());
                    final double closed = version >= 3 ? in.readDouble() : 0;
                    to.terminalReports().positionClosed(time, ticket, profit, reason, closed, version >= 3 ? in.readDouble() : 0);
                    break;
                case ADMIN:
                    final AdminCommand command = adminCommand(in.readByte());
                    final String actor = in.readUtf8();
                    to.operatorCommands().admin(time, command, actor, version >= 2 ? in.readLong() : 0);
                    break;
                case TERMINAL_STATUS:
                    final boolean connected = in.readBoolean();
                    to.terminalReports().terminalStatus(time, connected, version >= 3 && in.readBoolean());
                    break;
                case BALANCE_OPERATION:
                    final double amount = in.readDouble();
                    to.terminalReports().balanceOperation(time, amount, version >= 3 ? in.readLong() : 0);
                    break;
                case SYMBOL_SPEC:
                    to.terminalReports().symbolSpec(time, in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readInt(), in.readInt());
                    break;
                case SYMBOL_REFUSED:
                    to.terminalReports().symbolRefused(time, in.readInt());
                    break;
                case CONFIG:
                    to.engineInputs().config(time, in.readUtf8());
                    break;
                case JOURNAL_GAP:
                    to.engineInputs().journalGap(time, in.readInt());
                    break;
                case TIMER:
                default:
                    to.timerTicks().timer(time);
                    break;
            }
            expectChecksumNext(in, end);
        }
        catch (final JournalFormatException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalFormatException("inbound entry cut short or malformed: " + ex);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    public static void writeLifecycle(final Bytes<?> out, final LifecycleEvent e)
    {
        final long start = out.writePosition();
        out.writeByte(VERSION).writeByte(KIND_LIFECYCLE).writeByte((byte)e.type().code()).writeLong(e.timeMillis());
        out.writeUtf8(e.signalId());
        out.writeLong(e.clientOrderId()).writeLong(e.ticket()).writeInt(e.symbolId()).writeByte(code(e.side()))
            .writeDouble(e.volume()).writeDouble(e.price()).writeDouble(e.profit()).writeInt(e.retcode());
        out.writeUtf8(e.reason());
        out.writeUtf8(e.detail());
        out.writeByte(code(e.rule())).writeDouble(e.equity()).writeDouble(e.peak()).writeDouble(e.drawdownPercent())
            .writeDouble(e.threshold()).writeInt(e.levelPercent()).writeDouble(e.usedPercent())
            .writeByte(code(e.fromState())).writeByte(code(e.toState())).writeInt(e.count()).writeInt(e.pendingOrders())
            .writeDouble(e.oldPeak());
        out.writeUtf8(e.actor());
        out.writeByte(code(e.command())).writeLong(e.ageMillis());
        if (e.type() == LifecycleEventType.POSITION_REDUCED)
        {
            out.writeDouble(e.remainingVolume());
        }
        if (e.type() == LifecycleEventType.HEARTBEAT)
        {
            final HeartbeatData h = e.heartbeat();
            out.writeLong(h.loopId).writeLong(h.uptimeMillis)
                .writeLong(h.signalsReceived).writeLong(h.signalsApproved).writeLong(h.signalsRejected)
                .writeLong(h.tradesExecuted).writeLong(h.tradesFailed).writeLong(h.errors)
                .writeLong(h.intervalSignalsReceived).writeLong(h.intervalSignalsApproved).writeLong(h.intervalSignalsRejected)
                .writeLong(h.intervalTradesExecuted).writeLong(h.intervalTradesFailed).writeLong(h.intervalErrors)
                .writeInt(h.openPositions).writeInt(h.pendingOrders).writeDouble(h.equity).writeDouble(h.peak)
                .writeDouble(h.drawdownPercent).writeByte(code(h.guardState)).writeBoolean(h.degraded)
                .writeBoolean(h.reconciling).writeLong(h.lastValidSampleAgeMillis).writeBoolean(h.terminalConnected)
                .writeLong(h.invalidSamples).writeLong(h.commandsRejectedQueueFull)
                // Measurements last: they differ between a live run and its replay.
                .writeLong(h.ringBacklog).writeLong(h.latencyP50Nanos).writeLong(h.latencyP99Nanos).writeLong(h.latencyMaxNanos);
        }
        out.writeInt(checksum(out, start, out.writePosition()));
    }

    public static void readLifecycle(final Bytes<?> in, final LifecycleEvent e)
    {
        final long start = in.readPosition();
        final long end = in.readLimit();
        try
        {
            verify(in, start, end);
            final byte version = header(in, KIND_LIFECYCLE);
            final LifecycleEventType type = decode(in.readByte(), LifecycleEventType::fromCode);
            // Arguments are evaluated left to right: the fields in the order writeLifecycle wrote them.
            e.restore(type, in.readLong(),
                in.readUtf8(),                                                            // signalId
                in.readLong(), in.readLong(), in.readInt(), side(in.readByte()),          // clientOrderId, ticket, symbolId, side
                in.readDouble(), in.readDouble(), in.readDouble(), in.readInt(),          // volume, price, profit, retcode
                in.readUtf8(), in.readUtf8(),                                             // reason, detail
                rule(in.readByte()), in.readDouble(), in.readDouble(), in.readDouble(),   // rule, equity, peak, drawdownPercent
                in.readDouble(), in.readInt(), in.readDouble(),                           // threshold, levelPercent, usedPercent
                state(in.readByte()), state(in.readByte()), in.readInt(), in.readInt(),   // fromState, toState, count, pendingOrders
                in.readDouble(), in.readUtf8(),                                           // oldPeak, actor
                adminCommand(in.readByte()), in.readLong(),                               // command, ageMillis
                type == LifecycleEventType.POSITION_REDUCED && version >= 3 ? in.readDouble() : 0); // remainingVolume
            if (type == LifecycleEventType.HEARTBEAT)
            {
                final HeartbeatData h = e.heartbeat();
                h.loopId = in.readLong();
                h.uptimeMillis = in.readLong();
                h.signalsReceived = in.readLong();
                h.signalsApproved = in.readLong();
                h.signalsRejected = in.readLong();
                h.tradesExecuted = in.readLong();
                h.tradesFailed = in.readLong();
                h.errors = in.readLong();
                h.intervalSignalsReceived = in.readLong();
                h.intervalSignalsApproved = in.readLong();
                h.intervalSignalsRejected = in.readLong();
                h.intervalTradesExecuted = in.readLong();
                h.intervalTradesFailed = in.readLong();
                h.intervalErrors = in.readLong();
                h.openPositions = in.readInt();
                h.pendingOrders = in.readInt();
                h.equity = in.readDouble();
                h.peak = in.readDouble();
                h.drawdownPercent = in.readDouble();
                h.guardState = state(in.readByte());
                h.degraded = in.readBoolean();
                h.reconciling = in.readBoolean();
                h.lastValidSampleAgeMillis = in.readLong();
                h.terminalConnected = in.readBoolean();
                h.invalidSamples = in.readLong();
                h.commandsRejectedQueueFull = in.readLong();
                h.ringBacklog = in.readLong();
                h.latencyP50Nanos = in.readLong();
                h.latencyP99Nanos = in.readLong();
                h.latencyMaxNanos = in.readLong();
            }
            expectChecksumNext(in, end);
        }
        catch (final JournalFormatException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalFormatException("lifecycle entry cut short or malformed: " + ex);
        }
    }

    // ------------------------------------------------------------------ commands

    /** The command's event time, type and body, the body's bytes as they are. */
    public static void writeCommand(final Bytes<?> out, final JournalCommand c)
    {
        final long start = out.writePosition();
        out.writeByte(VERSION).writeByte(KIND_COMMAND).writeByte((byte)c.type()).writeLong(c.timeMillis());
        final DirectBuffer body = c.body();
        final byte[] array = body.byteArray();
        if (array != null)
        {
            out.write(array, body.wrapAdjustment() + c.offset(), c.length());
        }
        else
        {
            out.unsafeWrite(body.addressOffset() + c.offset(), c.length()); // off-heap: addressOffset is the address
        }
        out.writeInt(checksum(out, start, out.writePosition()));
    }

    /**
     * Decodes a command entry into {@code c}; the entry's kind byte must be {@link #KIND_COMMAND}. An entry of
     * versions 1 to 3 is encoded now as that body; a PLACE_ORDER's symbol id is named by {@code recordedSymbols},
     * asked only then.
     */
    public static void readCommand(final Bytes<?> in, final JournalCommand c, final Supplier<SymbolNames> recordedSymbols)
    {
        final long start = in.readPosition();
        final long end = in.readLimit();
        try
        {
            verify(in, start, end);
            final byte version = header(in, KIND_COMMAND);
            final int type = in.readByte();
            final long time = in.readLong();
            if (version < 4)
            {
                readFieldsBefore4(in, c, type, time, recordedSymbols);
            }
            else
            {
                final int length = Commands.length(type);
                if (length < 0)
                {
                    throw new JournalFormatException("unknown command type " + type);
                }
                final MutableDirectBuffer body = c.hold(type, time, length);
                for (int i = 0; i < length; i++)
                {
                    body.putByte(i, in.readByte());
                }
            }
            expectChecksumNext(in, end);
        }
        catch (final JournalFormatException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalFormatException("command entry cut short or malformed: " + ex);
        }
    }

    /** A command of versions 1 to 3: every command's fields, whatever its type, encoded now as the bridge's body. */
    private static void readFieldsBefore4(
        final Bytes<?> in, final JournalCommand c, final int type, final long time, final Supplier<SymbolNames> recordedSymbols)
    {
        final long clientOrderId = in.readLong();
        final long ticket = in.readLong();
        final int symbolId = in.readInt();
        final Side side = side(in.readByte());
        final double volume = in.readDouble();
        final double stopLoss = in.readDouble();
        final double takeProfit = in.readDouble();
        final long expiresAtMillis = in.readLong();
        switch (type)
        {
            case PLACE_ORDER_BEFORE_4:
                new OrderNew.Encoder(recordedSymbols.get()).wrap(c.hold(OrderNew.TYPE, time, OrderNew.LENGTH), 0)
                    .clientOrderId(clientOrderId).symbol(symbolId).side(side).volume(volume).stopLoss(stopLoss).takeProfit(takeProfit)
                    .expiresAt(expiresAtMillis);
                break;
            case CLOSE_POSITION_BEFORE_4:
                new ClosePosition.Encoder().wrap(c.hold(ClosePosition.TYPE, time, ClosePosition.LENGTH), 0)
                    .clientOrderId(clientOrderId).ticket(ticket).volume(volume);
                break;
            case RESYNC_BEFORE_4:
                new Resync.Encoder().wrap(c.hold(Resync.TYPE, time, Resync.LENGTH), 0).lookupClientOrderId(clientOrderId);
                break;
            default:
                throw new JournalFormatException("unknown command type " + type);
        }
    }

    /** The kind byte of the entry at the read position (without consuming it), after checking the version. */
    public static byte peekKind(final Bytes<?> in)
    {
        if (in.readRemaining() < 2)
        {
            throw new JournalFormatException("entry of " + in.readRemaining() + " bytes is too short");
        }
        final byte version = in.readByte(in.readPosition());
        if (version < OLDEST_READABLE_VERSION || version > VERSION)
        {
            throw new JournalFormatException("unknown journal version " + version);
        }
        return in.readByte(in.readPosition() + 1);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * FNV-1a over [from, to): cheap, allocation-free, and catches the damage a crash or a bad disk does. The bytes
     * are read eight at a time and folded in one by one in the order they are stored, the same hash as reading one
     * byte at a time (a property test holds it to that) for an eighth of the bounds-checked reads: it runs on the
     * business thread for every entry written, and byte by byte it was a fifth of that thread's time at full rate.
     */
    static int checksum(final Bytes<?> bytes, final long from, final long to)
    {
        int hash = FNV_OFFSET;
        long at = from;
        for (; at <= to - Long.BYTES; at += Long.BYTES)
        {
            long word = bytes.readLong(at);
            if (NATIVE_BIG_ENDIAN)
            {
                word = Long.reverseBytes(word); // the byte stored first in the low bits, as on little-endian machines
            }
            for (int k = 0; k < Long.BYTES; k++)
            {
                hash = (hash ^ ((int)word & 0xff)) * FNV_PRIME;
                word >>>= Byte.SIZE;
            }
        }
        for (; at < to; at++)
        {
            hash = (hash ^ (bytes.readByte(at) & 0xff)) * FNV_PRIME;
        }
        return hash;
    }

    private static void verify(final Bytes<?> in, final long start, final long end)
    {
        if (end - start < 4 + 11)
        {
            throw new JournalFormatException("entry of " + (end - start) + " bytes is too short");
        }
        final int stored = in.readInt(end - 4);
        if (stored != checksum(in, start, end - 4))
        {
            throw new JournalFormatException("checksum mismatch: the entry is damaged");
        }
    }

    /** Checks the version and kind; returns the version, which decides the fields that follow. */
    private static byte header(final Bytes<?> in, final byte kind)
    {
        final byte version = in.readByte();
        if (version < OLDEST_READABLE_VERSION || version > VERSION)
        {
            throw new JournalFormatException("unknown journal version " + version);
        }
        final byte actual = in.readByte();
        if (actual != kind)
        {
            throw new JournalFormatException("expected an entry of kind " + (char)kind + ", found " + (char)actual);
        }
        return version;
    }

    private static void expectChecksumNext(final Bytes<?> in, final long end)
    {
        if (in.readPosition() != end - 4)
        {
            throw new JournalFormatException("entry length does not match its type");
        }
        in.readSkip(4);
    }

    // Enums are written as their codes (each enum's code()), never their ordinals, so reordering the constants
    // of an enum cannot change what a journal means; an empty field is ABSENT. An unknown code (a newer
    // writer) is refused with the enum's name.

    private static byte code(final Side value)
    {
        return value == null ? ABSENT : (byte)value.code();
    }

    private static byte code(final GuardRule value)
    {
        return value == null ? ABSENT : (byte)value.code();
    }

    private static byte code(final GuardState value)
    {
        return value == null ? ABSENT : (byte)value.code();
    }

    private static byte code(final CloseReason value)
    {
        return value == null ? ABSENT : (byte)value.code();
    }

    private static byte code(final AdminCommand value)
    {
        return value == null ? ABSENT : (byte)value.code();
    }

    /** The constant with {@code code}; a code its enum does not know (a newer writer) is a format error. */
    private static <E> E decode(final int code, final IntFunction<E> fromCode)
    {
        try
        {
            return fromCode.apply(code);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalFormatException(ex.getMessage());
        }
    }

    private static Side side(final byte code)
    {
        return code == ABSENT ? null : decode(code, Side::fromCode);
    }

    private static GuardRule rule(final byte code)
    {
        return code == ABSENT ? null : decode(code, GuardRule::fromCode);
    }

    private static GuardState state(final byte code)
    {
        return code == ABSENT ? null : decode(code, GuardState::fromCode);
    }

    private static CloseReason closeReason(final byte code)
    {
        return code == ABSENT ? null : decode(code, CloseReason::fromCode);
    }

    private static AdminCommand adminCommand(final byte code)
    {
        return code == ABSENT ? null : decode(code, AdminCommand::fromCode);
    }
}
