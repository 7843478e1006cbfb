package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.gateway.CommandRing;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A gateway with no thread of its own: the test calls {@link Gateway#doWork()} on fake clocks, so time passes
 * only when the test says so. The sockets are real (loopback); an inbound ring that can be made full.
 */
final class DrivenGateway implements AutoCloseable
{
    static final String SECRET = "driven-secret";

    final CachedEpochClock clock = new CachedEpochClock();
    final CachedNanoClock nanos = new CachedNanoClock();
    final GatedInbound inbound = new GatedInbound();
    final SymbolTable symbols = new SymbolTable(new EngineConfig().validate().symbols);
    final CommandRing commands = new CommandRing(1 << 16);
    final GatewayConfig config = new GatewayConfig();
    final Gateway gateway;
    final int port;
    volatile boolean engineAlive = true;

    DrivenGateway(final Consumer<GatewayConfig> tune) throws IOException
    {
        clock.update(1_700_000_000_000L);
        nanos.update(1_000_000_000L);
        config.port = 0;
        config.secret = SECRET;
        config.heartbeatMillis = 100;
        config.deadAfterMillis = 5_000;
        tune.accept(config);
        gateway = new Gateway(config, symbols, inbound.ports().terminalReports(), commands, clock, nanos).heartbeatOnlyWhile(now -> engineAlive);
        port = gateway.bind();
    }

    /** Time passes. */
    void advance(final long millis)
    {
        clock.advance(millis);
        nanos.advance(millis * 1_000_000);
    }

    /** Duty cycles (and reads by {@code client}) until {@code condition} holds; fails after a wall-clock deadline. */
    void pump(final RawClient client, final BooleanSupplier condition, final String what) throws IOException
    {
        final long deadline = System.currentTimeMillis() + RawClient.WAIT_MILLIS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("waited for " + what);
            }
            gateway.doWork();
            if (client != null)
            {
                client.poll();
            }
        }
    }

    /** A number of duty cycles and reads, long enough for loopback bytes to arrive: to see that nothing happens. */
    void idle(final RawClient client, final int cycles) throws IOException
    {
        for (int i = 0; i < cycles; i++)
        {
            gateway.doWork();
            if (client != null)
            {
                client.poll();
            }
        }
    }

    /** A client whose valid HELLO was accepted and announced to the engine. */
    RawClient connect() throws IOException
    {
        final RawClient client = new RawClient(port);
        client.hello(SECRET).send();
        pump(client, () -> client.accepted == 1 && inbound.count(InboundEventType.TERMINAL_STATUS) == 1, "the session");
        return client;
    }

    @Override
    public void close()
    {
        gateway.close();
    }

    /** Counts what the gateway publishes, by type; while {@link #full} it accepts nothing, as a full ring. */
    static final class GatedInbound extends InboundEntry
    {
        private final long[] counts = new long[InboundEventType.values().length];
        volatile boolean full;
        boolean lastTerminalStatus;

        long count(final InboundEventType type)
        {
            return counts[type.ordinal()];
        }

        @Override
        protected long claim()
        {
            return full ? -1 : 0;
        }

        @Override
        protected void commit(final long slot)
        {
            counts[event().type().ordinal()]++;
            if (event().type() == InboundEventType.TERMINAL_STATUS)
            {
                lastTerminalStatus = event().connected();
            }
        }
    }
}
