package dev.ringfence.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Journals written by earlier versions, kept under {@code src/test/resources/journal-fixtures/}, still decode
 * to what they recorded and still replay to the decisions they recorded. A change that moves an enum code, a
 * field or a version rule fails here, not in an operator's recovery. See {@link JournalFixtureWriter}.
 */
class JournalFixtureTest
{
    private static final SymbolTable SYMBOLS = new SymbolTable(new EngineConfig().validate().symbols);

    @TempDir
    Path dir;

    /** Every fixture's inbound entries, as {@link #describe(InboundEvent)} spells them. */
    private static final List<String> INBOUND = List.of(
        "+0 CONFIG 1089 chars",
        "+0 ADMIN START by fixture id 0",
        "+0 TERMINAL_STATUS true specs true",
        "+0 SYMBOL_SPEC 0 contract 100000.0 volume 0.01..100.0 step 0.01 digits 5 filling 3",
        "+0 ACCOUNT 7 balance 10000.0 equity 10000.0 margin 0.0 free 10000.0 true gmt 7200 permissions 15",
        "+0 POSITIONS_BEGIN 0",
        "+0 TICK 0 1.1/1.1002",
        "+0 SIGNAL fx-1 0 BUY 1.0 sl 1.09 tp 1.12 ttl 0",
        "+0 ORDER_RESULT 1173774448788788559 retcode 10009 ticket 100001 @1.1002 volume 1.0 profit 0.0",
        "+1000 POSITIONS_BEGIN 1",
        "+1000 POSITION 100001 0 BUY 1.0 @1.1002 profit -2.0 magic 0",
        "+2000 ADMIN HALT by alice id 42",
        "+2000 SIGNAL fx-2 0 SELL 0.5 sl 0.0 tp 0.0 ttl 0",
        "+2000 ADMIN RESUME by alice id 43",
        "+3000 BALANCE_OPERATION 500.0 deal 7000001",
        "+3000 ACCOUNT 7 balance 10500.0 equity 10498.0 margin 0.0 free 10498.0 true gmt 7200 permissions 15",
        "+4000 POSITION_CLOSED 100001 profit 12.5 TAKE_PROFIT closed 1.0 remaining 0.0",
        "+4000 POSITIONS_BEGIN 0",
        "+5000 SYMBOL_REFUSED 1",
        "+5000 SIGNAL fx-3 0 SELL 1.0 sl 0.0 tp 0.0 ttl 0",
        "+5000 ORDER_RESULT 1171861298556079869 retcode 10009 ticket 100002 @1.1 volume 1.0 profit 0.0",
        "+11000 TIMER",
        "+12000 ACCOUNT 7 balance 10512.5 equity 8000.0 margin 0.0 free 8000.0 true gmt 7200 permissions 15",
        "+12000 ORDER_RESULT 6465118769621499904 retcode 10009 ticket 100002 @1.125 volume 1.0 profit -2512.5",
        "+12000 POSITIONS_BEGIN 0",
        "+13000 JOURNAL_GAP 3",
        "+13000 ADMIN STOP by fixture id 0"
    );

    /** Every fixture's output entries, as {@link #describe(LifecycleEvent)} and {@link #describe(JournalCommand)} spell them. */
    private static final List<String> OUTPUT = List.of(
        "+0 LOOP_STARTED",
        "+0 TERMINAL_CONNECTED",
        "+0 RECONCILED",
        "+0 SIGNAL_RECEIVED signal fx-1",
        "+0 SIGNAL_APPROVED signal fx-1 order 1173774448788788559 BUY 1.0",
        "+0 PLACE_ORDER 1173774448788788559 symbol EURUSD BUY 1.0 sl 1.09 tp 1.12 expires +10000",
        "+0 TRADE_EXECUTED signal fx-1 order 1173774448788788559 ticket 100001 BUY 1.0",
        "+2000 TRADING_HALTED",
        "+2000 SIGNAL_RECEIVED signal fx-2",
        "+2000 SIGNAL_REJECTED signal fx-2 reason HALTED",
        "+2000 TRADING_RESUMED",
        "+4000 POSITION_CLOSED ticket 100001 BUY 1.0 reason TAKE_PROFIT",
        "+5000 SYMBOL_REFUSED reason BAD_SYMBOL",
        "+5000 SIGNAL_RECEIVED signal fx-3",
        "+5000 SIGNAL_APPROVED signal fx-3 order 1171861298556079869 SELL 1.0",
        "+5000 PLACE_ORDER 1171861298556079869 symbol EURUSD SELL 1.0 sl 0.0 tp 0.0 expires +15000",
        "+5000 TRADE_EXECUTED signal fx-3 order 1171861298556079869 ticket 100002 SELL 1.0",
        "+11000 HEARTBEAT guard ACTIVE executed 2",
        "+12000 GUARD_TRIPPED rule MAX_DRAWDOWN",
        "+12000 GUARD_STATE_CHANGED ACTIVE->FLATTENING",
        "+12000 CLOSE_POSITION 6465118769621499904 ticket 100002 volume 0.0",
        "+12000 POSITION_CLOSED ticket 100002 SELL 1.0 reason GUARD_FLATTEN",
        "+12000 RESYNC 0",
        "+12000 FLATTEN_COMPLETED",
        "+12000 GUARD_STATE_CHANGED FLATTENING->LOCKED",
        "+13000 ERROR reason JOURNAL_GAP",
        "+13000 LOOP_STOPPED"
    );

    /**
     * Each fixture recorded the same session ({@link JournalFixtureWriter}) and reads entry for entry alike: version 3
     * recorded a command's fields, read now as the body the bridge sends; version 4 recorded that body.
     */
    @ParameterizedTest
    @ValueSource(strings = {"v3", "v4"})
    void aFixtureDecodesToWhatItRecorded(final String version)
    {
        try (Journal journal = Journal.open(copyOf(version)))
        {
            final Entries entries = read(journal);
            assertEquals(List.of(), entries.damaged);
            assertEquals(INBOUND, entries.inbound);
            assertEquals(OUTPUT, entries.output);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "v4"})
    void aFixtureReplaysToTheDecisionsItRecorded(final String version)
    {
        try (Journal journal = Journal.open(copyOf(version)))
        {
            assertEquals(List.of(), replayDivergences(journal));
        }
    }

    /** Every output a fresh engine produces from the recorded inputs, compared in order with the recorded one. */
    private static List<String> replayDivergences(final Journal journal)
    {
        final JournalReader reader = journal.reader();
        final EngineConfig config = EngineConfig.parse(reader.firstConfig()).validate();
        final JournalReader.OutputCursor cursor = reader.outputCursor();
        final LifecycleEvent recordedEvent = new LifecycleEvent();
        final JournalCommand recordedCommand = new JournalCommand();
        final List<String> divergences = new ArrayList<>();
        final OrderCommands commands = (type, buffer, offset, length) ->
        {
            final int kind = cursor.next(recordedEvent, recordedCommand);
            if (kind != JournalReader.OutputCursor.COMMAND || !recordedCommand.sameAs(type, buffer, offset, length))
            {
                divergences.add("produced " + command(new JournalCommand().wrap(type, 0, buffer, offset, length)) + " where the journal has " +
                    (kind == JournalReader.OutputCursor.COMMAND ? describe(recordedCommand) : "kind " + kind));
            }
            return true;
        };
        final DirectEngine engine = new DirectEngine(config, new SymbolTable(config.symbols), commands, event ->
        {
            final int kind = cursor.next(recordedEvent, recordedCommand);
            if (kind != JournalReader.OutputCursor.LIFECYCLE || !Decisions.same(recordedEvent, event))
            {
                divergences.add("produced " + describe(event) + " where the journal has " +
                    (kind == JournalReader.OutputCursor.LIFECYCLE ? describe(recordedEvent) : "kind " + kind));
            }
        }, () -> 0);
        reader.readInbound(new JournalReader.InboundVisitor()
        {
            @Override
            public void onEvent(final long index, final InboundEvent event)
            {
                engine.process(event);
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                divergences.add("damaged inbound entry: " + problem);
            }
        });
        if (cursor.next(recordedEvent, recordedCommand) != JournalReader.OutputCursor.END)
        {
            divergences.add("the journal holds outputs the replay did not produce");
        }
        return divergences;
    }

    private static final class Entries
    {
        final List<String> inbound = new ArrayList<>();
        final List<String> output = new ArrayList<>();
        final List<String> damaged = new ArrayList<>();
    }

    private static Entries read(final Journal journal)
    {
        final Entries entries = new Entries();
        journal.reader().readInbound(new JournalReader.InboundVisitor()
        {
            @Override
            public void onEvent(final long index, final InboundEvent event)
            {
                entries.inbound.add(describe(event));
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                entries.damaged.add(problem);
            }
        });
        journal.reader().readOutput(new JournalReader.OutputVisitor()
        {
            @Override
            public void onLifecycle(final long index, final LifecycleEvent event)
            {
                entries.output.add(describe(event));
            }

            @Override
            public void onCommand(final long index, final JournalCommand command)
            {
                entries.output.add(describe(command));
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                entries.damaged.add(problem);
            }
        });
        return entries;
    }

    static String describe(final InboundEvent e)
    {
        final String head = "+" + (e.timeMillis() - JournalFixtureWriter.T0) + " " + e.type();
        switch (e.type())
        {
            case SIGNAL:
                return head + " " + e.signalId() + " " + e.symbolId() + " " + e.side() + " " + e.volume() + " sl " +
                    e.stopLoss() + " tp " + e.takeProfit() + " ttl " + e.ttlMillis();
            case TICK:
                return head + " " + e.symbolId() + " " + e.bid() + "/" + e.ask();
            case ACCOUNT:
                return head + " " + e.login() + " balance " + e.balance() + " equity " + e.equity() + " margin " + e.margin() +
                    " free " + e.freeMargin() + " " + e.connected() + " gmt " + e.serverGmtOffsetSeconds() + " permissions " +
                    e.tradePermissions();
            case POSITIONS_BEGIN:
            case JOURNAL_GAP:
                return head + " " + e.count();
            case POSITION:
                return head + " " + e.ticket() + " " + e.symbolId() + " " + e.side() + " " + e.volume() + " @" + e.price() +
                    " profit " + e.profit() + " magic " + e.magic();
            case ORDER_RESULT:
                return head + " " + e.clientOrderId() + " retcode " + e.retcode() + " ticket " + e.ticket() + " @" + e.price() +
                    " volume " + e.volume() + " profit " + e.profit();
            case POSITION_CLOSED:
                return head + " " + e.ticket() + " profit " + e.profit() + " " + e.closeReason() + " closed " + e.volume() +
                    " remaining " + e.remainingVolume();
            case ADMIN:
                return head + " " + e.adminCommand() + " by " + e.actor() + " id " + e.adminCommandId();
            case TERMINAL_STATUS:
                return head + " " + e.connected() + " specs " + e.reportsSymbolSpecs();
            case BALANCE_OPERATION:
                return head + " " + e.amount() + " deal " + e.ticket();
            case SYMBOL_SPEC:
                return head + " " + e.symbolId() + " contract " + e.contractSize() + " volume " + e.volumeMin() + ".." +
                    e.volumeMax() + " step " + e.volumeStep() + " digits " + e.digits() + " filling " + e.fillingModes();
            case SYMBOL_REFUSED:
                return head + " " + e.symbolId();
            case CONFIG:
                return head + " " + e.configText().length() + " chars";
            default:
                return head;
        }
    }

    static String describe(final LifecycleEvent e)
    {
        final StringBuilder b = new StringBuilder("+").append(e.timeMillis() - JournalFixtureWriter.T0).append(' ').append(e.type());
        if (e.signalId() != null)
        {
            b.append(" signal ").append(e.signalId());
        }
        if (e.clientOrderId() != 0)
        {
            b.append(" order ").append(e.clientOrderId());
        }
        if (e.ticket() != 0)
        {
            b.append(" ticket ").append(e.ticket());
        }
        if (e.side() != null)
        {
            b.append(' ').append(e.side()).append(' ').append(e.volume());
        }
        if (e.reason() != null)
        {
            b.append(" reason ").append(e.reason());
        }
        if (e.rule() != null)
        {
            b.append(" rule ").append(e.rule());
        }
        if (e.fromState() != null || e.toState() != null)
        {
            b.append(' ').append(e.fromState()).append("->").append(e.toState());
        }
        if (e.command() != null)
        {
            b.append(" command ").append(e.command()).append(" by ").append(e.actor());
        }
        if (e.type() == LifecycleEventType.HEARTBEAT)
        {
            b.append(" guard ").append(e.heartbeat().guardState).append(" executed ").append(e.heartbeat().tradesExecuted);
        }
        return b.toString();
    }

    static String describe(final JournalCommand c)
    {
        return "+" + (c.timeMillis() - JournalFixtureWriter.T0) + " " + command(c);
    }

    /** A command's type and fields, read from its body as the terminal reads them; the fixtures' symbols are the default ones. */
    private static String command(final JournalCommand c)
    {
        final String head = c.typeName() + " ";
        switch (c.type())
        {
            case OrderNew.TYPE:
                final OrderNew.Decoder order = new OrderNew.Decoder().wrap(c.body(), c.offset());
                return head + order.clientOrderId() + " symbol " + SYMBOLS.name(order.symbolId(new SymbolNames(SYMBOLS))) + " " +
                    order.side() + " " + order.volume() + " sl " + order.stopLoss() + " tp " + order.takeProfit() + " expires +" +
                    (order.expiresAt() - JournalFixtureWriter.T0);
            case ClosePosition.TYPE:
                final ClosePosition.Decoder close = new ClosePosition.Decoder().wrap(c.body(), c.offset());
                return head + close.clientOrderId() + " ticket " + close.ticket() + " volume " + close.volume();
            case Resync.TYPE:
                return head + new Resync.Decoder().wrap(c.body(), c.offset()).lookupClientOrderId();
            default:
                return head + c.type();
        }
    }

    /** A copy of a fixture: opening a queue may write to it, and the one in the repository stays as it was. */
    private Path copyOf(final String version)
    {
        try
        {
            final Path source = Path.of(JournalFixtureTest.class.getResource("/journal-fixtures/" + version).toURI());
            final Path target = dir.resolve(version);
            try (Stream<Path> files = Files.walk(source))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                }
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
