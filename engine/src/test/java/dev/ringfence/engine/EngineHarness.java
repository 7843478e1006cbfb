package dev.ringfence.engine;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.Commands;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drives the business logic by hand on a fake clock: a synchronous engine, every lifecycle event kept
 * (copied), every outbound command recorded. Plays the terminal's part explicitly, so each test states
 * exactly what the terminal said.
 */
public final class EngineHarness
{
    public static final long LOGIN = 1001;
    public static final long T0 = 1_767_571_200_000L; // 2026-01-05T00:00:00Z

    public final EngineConfig config;
    public final SymbolTable symbols;
    public final List<LifecycleEvent> events = new ArrayList<>();
    public final List<Command> commands = new ArrayList<>();
    public final DirectEngine engine;
    public long now = T0;
    public boolean commandQueueFull;
    /** While set, the command port throws instead of taking a command. */
    public boolean commandPortBroken;

    public EngineHarness(final EngineConfig config)
    {
        this.config = config.validate();
        this.symbols = new SymbolTable(config.symbols);
        this.engine = new DirectEngine(config, symbols, new Recorder(), event ->
        {
            final LifecycleEvent copy = new LifecycleEvent();
            copy.copyFrom(event);
            events.add(copy);
        }, () -> 0);
    }

    public EngineHarness()
    {
        this(new EngineConfig());
    }

    /** Starts the loop and connects a flat terminal with the given equity; entries are then allowed. */
    public EngineHarness startConnected(final double equity)
    {
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, "test");
        connect();
        account(equity, equity);
        positions();
        return this;
    }

    /** The terminal connects and describes every configured symbol, as the Expert Advisor does after its HELLO. */
    public void connect()
    {
        engine.inbound().terminalReports().terminalStatus(now, true);
        specs();
    }

    /** The terminal's spec of every configured symbol (the configured one). */
    public void specs()
    {
        for (int i = 0; i < symbols.size(); i++)
        {
            engine.inbound().terminalReports().symbolSpec(now, i, symbols.spec(i));
        }
    }

    /** The engine's state now, as a freshly published status board. */
    public StatusBoard status()
    {
        return engine.status();
    }

    public int symbol(final String name)
    {
        return symbols.idOf(name);
    }

    public void advance(final long millis)
    {
        now += millis;
        engine.inbound().timerTicks().timer(now);
    }

    /** Advances in 100 ms timer steps, as the live timer would. */
    public void advanceInSteps(final long millis)
    {
        for (long elapsed = 0; elapsed < millis; elapsed += 100)
        {
            advance(Math.min(100, millis - elapsed));
        }
    }

    public void account(final double balance, final double equity)
    {
        engine.inbound().terminalReports().account(now, LOGIN, balance, equity, 0, equity, true, now, 0, TradePermissions.ALL);
    }

    public void signal(final String id, final String symbol, final Side side, final double volume)
    {
        engine.inbound().signals().signal(now, id, symbols.idOf(symbol), side, volume, 0, 0, 0, now);
    }

    /** A positions snapshot: triples of (ticket, profit, magic) on EURUSD, 1 lot long. */
    public void positions(final long... ticketProfitMagic)
    {
        final int n = ticketProfitMagic.length / 3;
        engine.inbound().terminalReports().positionsBegin(now, n);
        for (int i = 0; i < n; i++)
        {
            engine.inbound().terminalReports().position(now, ticketProfitMagic[3 * i], symbol("EURUSD"), Side.BUY, 1.0, 1.1,
                ticketProfitMagic[3 * i + 1], ticketProfitMagic[3 * i + 2]);
        }
    }

    public void orderResult(final long clientOrderId, final int retcode, final long ticket, final double price, final double volume)
    {
        engine.inbound().terminalReports().orderResult(now, clientOrderId, retcode, ticket, price, volume, 0);
    }

    public Command lastCommand()
    {
        return commands.get(commands.size() - 1);
    }

    public List<Command> commands(final String kind)
    {
        return commands.stream().filter(c -> c.kind.equals(kind)).collect(Collectors.toList());
    }

    public List<LifecycleEvent> events(final LifecycleEventType type)
    {
        return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
    }

    public LifecycleEvent last(final LifecycleEventType type)
    {
        final List<LifecycleEvent> matching = events(type);
        if (matching.isEmpty())
        {
            throw new AssertionError("no " + type + " in " + types());
        }
        return matching.get(matching.size() - 1);
    }

    public List<LifecycleEventType> types()
    {
        return events.stream().map(LifecycleEvent::type).collect(Collectors.toList());
    }

    public void clear()
    {
        events.clear();
        commands.clear();
    }

    /** An outbound command as the terminal would receive it. */
    public static final class Command
    {
        public final String kind;
        public final long clientOrderId;
        public final long ticket;
        public final int symbolId;
        public final Side side;
        public final double volume;
        public final long expiresAtMillis;

        Command(final String kind, final long clientOrderId, final long ticket, final int symbolId, final Side side,
            final double volume, final long expiresAtMillis)
        {
            this.kind = kind;
            this.clientOrderId = clientOrderId;
            this.ticket = ticket;
            this.symbolId = symbolId;
            this.side = side;
            this.volume = volume;
            this.expiresAtMillis = expiresAtMillis;
        }

        @Override
        public String toString()
        {
            return kind + "(" + clientOrderId + ", ticket " + ticket + ")";
        }
    }

    /** Decodes every command the business logic sends, as the terminal would read it. */
    private final class Recorder implements OrderCommands
    {
        private final SymbolNames names = new SymbolNames(symbols);
        private final OrderNew.Decoder orderNew = new OrderNew.Decoder();
        private final ClosePosition.Decoder closePosition = new ClosePosition.Decoder();
        private final Resync.Decoder resync = new Resync.Decoder();

        @Override
        public boolean send(final int type, final DirectBuffer buffer, final int offset, final int length)
        {
            if (commandQueueFull)
            {
                return false;
            }
            if (commandPortBroken)
            {
                throw new IllegalStateException("the command port is broken");
            }
            assertEquals(Commands.length(type), length, "the body's length is its type's");
            switch (type)
            {
                case OrderNew.TYPE:
                    final OrderNew.Decoder place = orderNew.wrap(buffer, offset);
                    commands.add(new Command("place", place.clientOrderId(), 0, place.symbolId(names), place.side(), place.volume(),
                        place.expiresAt()));
                    break;
                case ClosePosition.TYPE:
                    final ClosePosition.Decoder close = closePosition.wrap(buffer, offset);
                    commands.add(new Command("close", close.clientOrderId(), close.ticket(), -1, null, close.volume(), 0));
                    break;
                case Resync.TYPE:
                    commands.add(new Command("resync", resync.wrap(buffer, offset).lookupClientOrderId(), 0, -1, null, 0, 0));
                    break;
                default:
                    throw new AssertionError("not a command: " + type);
            }
            return true;
        }
    }
}
