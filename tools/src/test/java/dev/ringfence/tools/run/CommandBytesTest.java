package dev.ringfence.tools.run;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import dev.ringfence.journal.Journal;
import dev.ringfence.journal.JournalCommand;
import dev.ringfence.journal.JournalReader;
import dev.ringfence.journal.OutputJournal;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One path for a command: the bytes the business thread encodes are the bytes the output journal records and the
 * body of the frame the terminal reads, with nothing encoded again on the way. The real parts, wired as {@code run}
 * wires them, on one thread: the terminal's socket, the gateway (its duty cycles driven on fake clocks), the
 * business logic, the output journal and the command ring.
 */
class CommandBytesTest
{
    private static final long T0 = 1_767_571_200_000L;
    private static final String SECRET = "bytes-secret";
    private static final long LOGIN = 5001;

    @TempDir
    Path dir;

    /** A command as one stage saw it: its type and its body. */
    private record Command(int type, byte[] body)
    {
        static Command of(final int type, final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] body = new byte[length];
            buffer.getBytes(offset, body);
            return new Command(type, body);
        }

        DirectBuffer view()
        {
            return new UnsafeBuffer(body);
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Command && ((Command)o).type == type && Arrays.equals(((Command)o).body, body);
        }

        @Override
        public int hashCode()
        {
            return 31 * type + Arrays.hashCode(body);
        }

        @Override
        public String toString()
        {
            return type + " " + HexFormat.of().formatHex(body);
        }
    }

    private final EngineConfig config = new EngineConfig().validate();
    private final SymbolTable symbols = new SymbolTable(config.symbols);
    private final List<Command> encoded = new ArrayList<>();
    private final List<Command> framed = new ArrayList<>();
    private final List<LifecycleEventType> decisions = new ArrayList<>();
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(4096));
    private final FrameReader reader = new FrameReader();
    private final OrderNew.Decoder order = new OrderNew.Decoder();
    private final ClosePosition.Decoder close = new ClosePosition.Decoder();
    private boolean accepted;

    @Test
    void theBusinessThreadsBytesAreTheJournalsAndTheFramesOnTheSocket() throws Exception
    {
        final CachedEpochClock clock = new CachedEpochClock();
        final CachedNanoClock nanos = new CachedNanoClock();
        clock.update(T0);
        nanos.update(1_000_000_000L);
        final GatewayConfig gatewayConfig = new GatewayConfig();
        gatewayConfig.port = 0;
        gatewayConfig.secret = SECRET;
        final CommandRing ring = new CommandRing(1 << 16);
        try (Journal journal = Journal.open(dir))
        {
            final OutputJournal output = journal.outputJournal(event -> decisions.add(event.type()), ring);
            // What the business logic hands its port: kept, then passed on exactly as run passes it.
            final OrderCommands port = (type, buffer, offset, length) ->
            {
                encoded.add(Command.of(type, buffer, offset, length));
                return output.send(type, buffer, offset, length);
            };
            final DirectEngine engine = new DirectEngine(config, symbols, port, output, () -> 0);
            output.clock(engine::nowMillis);
            output.goLive();
            final Gateway gateway = new Gateway(gatewayConfig, symbols, engine.inbound().terminalReports(), ring, clock, nanos);
            try (SocketChannel terminal = SocketChannel.open(new InetSocketAddress("127.0.0.1", gateway.bind())))
            {
                terminal.configureBlocking(false);
                engine.inbound().operatorCommands().admin(T0, AdminCommand.START, "test");

                int at = Wire.hello(out, 0, LOGIN, 1, 0, 2, "test", "USD", SECRET);
                at += Wire.symbol(out, at, "EURUSD", 100_000, 0.01, 0.01, 100, 5, 3, "EURUSD");
                at += Wire.account(out, at, T0, LOGIN, 10_000, 10_000, 0, 10_000, true, 0, TradePermissions.ALL);
                at += Wire.positionsBegin(out, at, T0, 0);
                at += Wire.tick(out, at, T0, "EURUSD", 1.1000, 1.1002);
                write(terminal, at);
                pump(gateway, terminal, () -> accepted && decisions.contains(LifecycleEventType.RECONCILED), "the session, reconciled");

                assertTrue(engine.inbound().signals().signal(T0, "sig-1", symbols.idOf("EURUSD"), Side.BUY, 0.5, 1.09, 1.12, 0, T0));
                pump(gateway, terminal, () -> framed.size() == 1, "the ORDER_NEW");
                final long entryId = order.wrap(framed.get(0).view(), 0).clientOrderId();

                at = Wire.orderResult(out, 0, T0, entryId, ReturnCodes.DONE, 100_001, 1.1002, 0.5, 0);
                at += Wire.positionsBegin(out, at, T0, 1);
                at += Wire.position(out, at, 100_001, "EURUSD", 0, 0.5, 1.1002, -3_000, entryId);
                at += Wire.account(out, at, T0 + 1, LOGIN, 10_000, 7_000, 0, 7_000, true, 0, TradePermissions.ALL);
                write(terminal, at);
                pump(gateway, terminal, () -> framed.size() == 2, "the CLOSE_POSITION of the trip");

                final long closeId = close.wrap(framed.get(1).view(), 0).clientOrderId();
                write(terminal, Wire.orderResult(out, 0, T0 + 2, closeId, ReturnCodes.DONE, 100_001, 1.1, 0.5, -3_000));
                pump(gateway, terminal, () -> framed.size() == 3, "the RESYNC after the round");
            }
            finally
            {
                gateway.close();
            }

            assertEquals(List.of(OrderNew.TYPE, ClosePosition.TYPE, Resync.TYPE), encoded.stream().map(Command::type).toList());
            assertEquals(encoded, framed, "the frames' bodies are the bytes the business thread wrote");
            assertEquals(encoded, journaled(journal), "and so are the journal's commands");
            assertEquals(100_001, close.ticket());
            assertEquals(symbols.idOf("EURUSD"), order.symbolId(new SymbolNames(symbols)));
        }
    }

    private static List<Command> journaled(final Journal journal)
    {
        final List<Command> commands = new ArrayList<>();
        journal.reader().readOutput(new JournalReader.OutputVisitor()
        {
            @Override
            public void onLifecycle(final long index, final LifecycleEvent event)
            {
            }

            @Override
            public void onCommand(final long index, final JournalCommand command)
            {
                commands.add(Command.of(command.type(), command.body(), command.offset(), command.length()));
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                fail(problem);
            }
        });
        return commands;
    }

    private void write(final SocketChannel terminal, final int length) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(out.byteArray(), 0, length);
        while (bytes.hasRemaining())
        {
            terminal.write(bytes);
        }
    }

    /** Duty cycles of the gateway and reads of the terminal's socket until {@code condition} holds. */
    private void pump(final Gateway gateway, final SocketChannel terminal, final BooleanSupplier condition, final String what)
        throws IOException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.currentTimeMillis() < deadline, "waited for " + what + "; decisions " + decisions);
            gateway.doWork();
            final int result = reader.readFrom(terminal, (type, buffer, offset) ->
            {
                if (type == Wire.HELLO_ACK)
                {
                    accepted = new Wire.HelloAck().wrap(buffer, offset).accepted();
                }
                else if (type == Wire.ORDER_NEW || type == Wire.CLOSE_POSITION || type == Wire.RESYNC)
                {
                    framed.add(Command.of(type, buffer, offset, Wire.bodyLength(type)));
                }
            });
            assertTrue(result >= 0, "the gateway closed the connection: " + FrameReader.problem(result));
        }
    }
}
