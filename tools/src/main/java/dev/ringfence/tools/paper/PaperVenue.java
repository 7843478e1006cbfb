package dev.ringfence.tools.paper;

import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.paper.PaperTerminal;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.SplittableRandom;

/**
 * The market and the terminal for paper trading, on one thread of its own (the paper terminal is
 * single-threaded): a random-walk quote per symbol, the engine's commands delivered to the terminal,
 * the terminal's periodic reports, and optionally a demo signal source. It sleeps when idle, so it
 * never competes with the business thread for a core.
 */
public final class PaperVenue implements Runnable, AutoCloseable
{
    private static final long TICK_INTERVAL_MILLIS = 250;

    private final SymbolTable symbols;
    private final PaperTerminal terminal;
    private final CommandRing commands;
    private final CommandRing.Decoder toTerminal;
    private final InboundEvents inbound;
    private final long demoSignalIntervalMillis;
    private final double volatility;
    private final SplittableRandom random;
    private final double[] mids;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean signalsOn = true;
    private int demoSignals;

    public PaperVenue(
        final SymbolTable symbols,
        final PaperTerminal terminal,
        final CommandRing commands,
        final InboundEvents inbound,
        final long demoSignalIntervalMillis,
        final double volatility,
        final long seed)
    {
        this.symbols = symbols;
        this.terminal = terminal;
        this.commands = commands;
        this.toTerminal = new CommandRing.Decoder(terminal);
        this.inbound = inbound;
        this.demoSignalIntervalMillis = demoSignalIntervalMillis;
        this.volatility = volatility;
        this.random = new SplittableRandom(seed);
        this.mids = new double[symbols.size()];
        for (int i = 0; i < mids.length; i++)
        {
            mids[i] = startingMid(symbols.name(i));
        }
        this.thread = new Thread(this, "ringfence-paper-venue");
        this.thread.setDaemon(true);
    }

    public void start()
    {
        thread.start();
    }

    @Override
    public void run()
    {
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        long now = System.currentTimeMillis();
        publishQuotes(now);
        terminal.connect(now);
        long nextTick = now + TICK_INTERVAL_MILLIS;
        long nextSignal = demoSignalIntervalMillis > 0 ? now + demoSignalIntervalMillis : Long.MAX_VALUE;
        while (running)
        {
            now = System.currentTimeMillis();
            int work = commands.drainTo(toTerminal);
            if (now >= nextTick)
            {
                nextTick += TICK_INTERVAL_MILLIS;
                walk();
                publishQuotes(now);
                work++;
            }
            terminal.onTime(now);
            if (signalsOn && now >= nextSignal)
            {
                nextSignal += demoSignalIntervalMillis;
                sendDemoSignal(now);
                work++;
            }
            idle.idle(work);
        }
    }

    private void walk()
    {
        for (int i = 0; i < mids.length; i++)
        {
            mids[i] *= Math.exp(volatility * gaussian());
        }
    }

    private void publishQuotes(final long now)
    {
        for (int i = 0; i < mids.length; i++)
        {
            final SymbolSpec spec = symbols.spec(i);
            final double point = Math.pow(10, -spec.digits());
            final double halfSpread = 5 * point;
            final double bid = round(mids[i] - halfSpread, spec.digits());
            final double ask = round(mids[i] + halfSpread, spec.digits());
            terminal.onTick(now, i, bid, ask);
        }
    }

    private void sendDemoSignal(final long now)
    {
        demoSignals++;
        final int symbolId = random.nextInt(symbols.size());
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        inbound.signal(now, "demo-" + demoSignals, symbolId, side, 0.10, 0, 0, 0, now);
    }

    private double gaussian()
    {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        final double u1 = Math.max(1e-12, random.nextDouble());
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double round(final double value, final int digits)
    {
        final double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static double startingMid(final String symbol)
    {
        switch (symbol)
        {
            case "EURUSD": return 1.0850;
            case "GBPUSD": return 1.2650;
            case "USDJPY": return 150.00;
            case "XAUUSD": return 2350.00;
            default: return 100.0;
        }
    }

    /** No more demo signals; the market and the terminal go on (a graceful stop still needs them). */
    public void stopSignals()
    {
        signalsOn = false;
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.join(2_000);
    }
}
