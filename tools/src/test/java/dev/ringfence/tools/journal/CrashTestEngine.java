package dev.ringfence.tools.journal;

import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.paper.PaperTerminal;
import dev.ringfence.tools.config.ConfigLoader;
import dev.ringfence.tools.config.RingfenceConfig;
import dev.ringfence.tools.run.LifecycleOutbound;
import dev.ringfence.tools.run.LiveEngine;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * A child engine process for {@code CrashRecoveryTest}: the production assembly ({@link LiveEngine}:
 * journal, recovery, Disruptor ring, business thread) with a paper terminal driven from main, and a
 * script per phase. It reports on standard output, one line per fact the test waits for.
 * <ul>
 *   <li>{@code crash DIR}: execute signal crash-1, then breach with every close rejected; print
 *   {@code FLATTENING} and keep flattening until killed.</li>
 *   <li>{@code resume DIR TICKET MAGIC}: a terminal that still holds the position; wait for the flatten to
 *   complete, send crash-1 again, print its rejection, exit.</li>
 *   <li>{@code status DIR}: recover, print, exit.</li>
 * </ul>
 */
public final class CrashTestEngine
{
    private static volatile boolean reconciled;
    private static volatile long executedTicket;
    private static volatile long executedMagic;
    private static volatile boolean locked;
    private static volatile String rejection;

    public static void main(final String[] args) throws Exception
    {
        final String phase = args[0];
        final Path dir = Paths.get(args[1]);
        final RingfenceConfig config = new ConfigLoader().environment(Map.of()).sets(List.of(
            "ring.timerMillis=20", "loop.orderTimeoutMillis=300", "risk.flatten.retryMaxMillis=200",
            "terminal.reportIntervalMillis=100")).load();
        final CommandRing commands = new CommandRing(1 << 20);
        final LifecycleOutbound lifecycle = new LifecycleOutbound(1 << 16, List.of(CrashTestEngine::observe));
        final LiveEngine live = LiveEngine.start(config, dir, commands, lifecycle, "crash-test", false, null, System.out);
        System.out.flush();
        if (phase.equals("status"))
        {
            live.close();
            lifecycle.close();
            return;
        }
        final PaperTerminal terminal = new PaperTerminal(config.terminal, config.symbols, live.engine().inbound().terminalReports());
        final int eurusd = config.symbols.idOf("EURUSD");
        long now = System.currentTimeMillis();
        terminal.onTick(now, eurusd, 1.1, 1.1001);
        if (phase.equals("resume"))
        {
            terminal.restorePosition(Long.parseLong(args[2]), eurusd, Side.BUY, 1.0, 1.1001, Long.parseLong(args[3]));
        }
        terminal.connect(now);

        boolean signalled = false;
        boolean breached = false;
        boolean resent = false;
        long nextTimer = now;
        while (true)
        {
            now = System.currentTimeMillis();
            commands.drainTo(terminal);
            terminal.onTime(now);
            if (now >= nextTimer)
            {
                live.engine().inbound().timerTicks().timer(now);
                nextTimer = now + config.timerMillis;
            }
            if (phase.equals("crash"))
            {
                if (reconciled && !signalled)
                {
                    signalled = live.engine().inbound().signals().signal(now, "crash-1", eurusd, Side.BUY, 1.0, 0, 0, 0, now);
                }
                if (executedTicket != 0 && !breached)
                {
                    System.out.println("EXECUTED " + executedTicket + " " + executedMagic);
                    terminal.rejectNext(ReturnCodes.REJECT, 1_000_000);
                    terminal.setAccount(now, 10_000, 7_000, Double.NaN, Double.NaN, true);
                    breached = true;
                }
            }
            else if (locked && !resent)
            {
                resent = live.engine().inbound().signals().signal(now, "crash-1", eurusd, Side.BUY, 1.0, 0, 0, 0, now);
            }
            if (rejection != null)
            {
                System.out.println("REJECTED " + rejection);
                System.out.println("DONE");
                System.out.flush();
                live.engine().inbound().operatorCommands().admin(now, AdminCommand.STOP, "crash-test");
                Thread.sleep(200);
                live.close();
                lifecycle.close();
                return;
            }
            Thread.sleep(2);
        }
    }

    private static void observe(final LifecycleEvent event)
    {
        System.out.println("EVENT " + event.type() + (event.toState() != null ? " " + event.toState() : ""));
        if (event.type() == LifecycleEventType.RECONCILED)
        {
            reconciled = true;
        }
        else if (event.type() == LifecycleEventType.TRADE_EXECUTED)
        {
            executedMagic = event.clientOrderId();
            executedTicket = event.ticket();
        }
        else if (event.type() == LifecycleEventType.GUARD_STATE_CHANGED && event.toState() != null)
        {
            if (event.toState().name().equals("FLATTENING"))
            {
                System.out.println("FLATTENING");
            }
            locked = event.toState().isLocked();
        }
        else if (event.type() == LifecycleEventType.SIGNAL_REJECTED)
        {
            rejection = event.reason();
        }
        System.out.flush();
    }
}
