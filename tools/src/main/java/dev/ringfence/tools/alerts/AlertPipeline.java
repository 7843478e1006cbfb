package dev.ringfence.tools.alerts;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.LifecycleEvent;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lifecycle events that matter to a person, sent to Telegram ({@code sendMessage}). It never runs on the
 * business thread: {@link #onLifecycleEvent} is called on the lifecycle thread and only queues, and a
 * sender thread of its own delivers. Critical alerts go first; a (kind, episode) is sent once; messages
 * are spaced to Telegram's limit of about one a second per chat and a 429's {@code retry_after} is
 * honoured; while the guard stays locked a reminder goes out every so often, and a re-arm is reported
 * as resolved. A failed delivery is counted and dropped after a few tries: it never affects trading.
 */
public final class AlertPipeline implements AutoCloseable
{
    /** How the sender waits (tests count the waits instead of spending them). */
    @FunctionalInterface
    public interface Sleeper
    {
        void sleep(long millis) throws InterruptedException;
    }

    private static final int MAX_QUEUED = 1_000;
    private static final int MAX_TRIES = 5;

    private final AlertConfig config;
    private final Sleeper sleeper;
    private final TelegramClient telegram;
    private final PriorityBlockingQueue<Alert> queue = new PriorityBlockingQueue<>();
    private final Thread sender;
    private volatile boolean running = true;

    // Lifecycle thread state.
    private final Set<String> sentKeys = new HashSet<>();
    private long sequence;
    private long tripEpisode;
    private long degradedEpisode;
    private long journalEpisode;
    private long disconnectEpisode;
    private long notPermittedEpisode;
    private boolean tradingPermitted = true;
    private SymbolTable symbols;
    private GuardState guardState = GuardState.ACTIVE;
    /** The last state change left a locked state: the GUARD_REARMED that follows it re-armed a latch. */
    private boolean unlocked;
    private long lockedSinceMillis;
    private long nextReminderMillis = Long.MAX_VALUE;

    private final AtomicBoolean gatewayStopped = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public AlertPipeline(final AlertConfig config, final Sleeper sleeper)
    {
        this.config = config;
        this.sleeper = sleeper;
        this.telegram = new TelegramClient(config.telegramBaseUrl, config.telegramToken);
        this.sender = new Thread(this::deliverLoop, "ringfence-alerts");
        this.sender.setDaemon(true);
    }

    /** Names symbols in the alerts that concern one (without it they are named by id). */
    public AlertPipeline symbols(final SymbolTable symbols)
    {
        this.symbols = symbols;
        return this;
    }

    public AlertPipeline start()
    {
        sender.start();
        return this;
    }

    /** On the lifecycle thread: decide whether this event alerts, and queue it. Never blocks. */
    public void onLifecycleEvent(final LifecycleEvent e)
    {
        final long now = e.timeMillis();
        switch (e.type())
        {
            case GUARD_TRIPPED:
                tripEpisode++;
                queue(Alert.Severity.CRITICAL, "TRIPPED:" + tripEpisode, String.format(Locale.ROOT,
                    "GUARD TRIPPED (%s): equity %.2f, peak %.2f, drawdown %.2f %%. Flattening every position.",
                    e.rule(), e.equity(), e.peak(), e.drawdownPercent()));
                break;
            case FLATTEN_COMPLETED:
                queue(Alert.Severity.CRITICAL, "FLAT:" + tripEpisode, String.format(Locale.ROOT,
                    "Flatten completed: %d positions closed, equity %.2f. The guard is locked until re-armed.", e.count(), e.equity()));
                break;
            case ERROR:
                if ("FLATTEN_ROUND_FAILED".equals(e.reason()))
                {
                    queue(Alert.Severity.CRITICAL, "FLATTEN_FAILING:" + tripEpisode,
                        "Flatten is failing (" + e.detail() + "): still retrying until the account is flat.");
                }
                else if ("ACCOUNT_MISMATCH".equals(e.reason()))
                {
                    queue(Alert.Severity.CRITICAL, "ACCOUNT_MISMATCH",
                        "The terminal reports another account than the journal's: that account is NOT guarded and " +
                            "entries are denied. " + e.detail());
                }
                else if ("JOURNAL_GAP".equals(e.reason()))
                {
                    queue(Alert.Severity.CRITICAL, "JOURNAL_GAP:" + e.timeMillis(),
                        "The journal missed inputs (" + e.detail() + "): a restart would not know what they did. " +
                        "Check the account, then REARM.");
                }
                else
                {
                    queue(Alert.Severity.WARNING, "ERROR:" + e.reason() + ":" + e.detail(),
                        "Engine error: " + e.reason() + (e.detail() != null ? " (" + e.detail() + ")" : ""));
                }
                break;
            case GUARD_WARNING:
                queue(Alert.Severity.WARNING, "WARNING:" + e.rule() + ":" + e.levelPercent() + ":" + tripEpisode,
                    String.format(Locale.ROOT, "Guard warning: %s budget %d %% used (%.1f %%), equity %.2f.",
                        e.rule(), e.levelPercent(), e.usedPercent(), e.equity()));
                break;
            case DATA_DEGRADED:
                degradedEpisode++;
                queue(Alert.Severity.CRITICAL, "DEGRADED:" + degradedEpisode,
                    "Equity data is stale (" + e.ageMillis() / 1000 + " s without a valid sample): entries denied.");
                break;
            case JOURNAL_FAILED:
                journalEpisode++;
                queue(Alert.Severity.CRITICAL, "JOURNAL:" + journalEpisode,
                    "The journal cannot write (" + e.detail() + "): new entries are denied; guarding and flattening go on.");
                break;
            case JOURNAL_RECOVERED:
                queue(Alert.Severity.RESOLVED, "JOURNAL_OK:" + journalEpisode,
                    "The journal writes again; entries stay denied (JOURNAL_GAP) until an operator re-arms.");
                break;
            case DATA_RECOVERED:
                queue(Alert.Severity.RESOLVED, "RECOVERED:" + degradedEpisode, "Equity data recovered.");
                break;
            case TERMINAL_DISCONNECTED:
                disconnectEpisode++;
                queue(Alert.Severity.CRITICAL, "DISCONNECTED:" + disconnectEpisode, "The MT5 terminal disconnected.");
                break;
            case TERMINAL_CONNECTED:
                if (disconnectEpisode > 0)
                {
                    queue(Alert.Severity.RESOLVED, "CONNECTED:" + disconnectEpisode, "The MT5 terminal is connected again.");
                }
                break;
            case TERMINAL_TRADING_NOT_PERMITTED:
                if (tradingPermitted)
                {
                    tradingPermitted = false;
                    notPermittedEpisode++;
                }
                queue(Alert.Severity.CRITICAL, "NOT_PERMITTED:" + notPermittedEpisode + ":" + e.reason(),
                    "The terminal does not permit trading (missing " + e.reason() + "): new entries are denied; " +
                        "closes are still attempted. Check the Algo Trading button and the Expert Advisor's settings.");
                break;
            case TERMINAL_TRADING_PERMITTED:
                tradingPermitted = true;
                queue(Alert.Severity.RESOLVED, "PERMITTED:" + notPermittedEpisode, "The terminal permits trading again.");
                break;
            case SYMBOL_REFUSED:
                queue(Alert.Severity.WARNING, "SYMBOL_REFUSED:" + e.symbolId() + ":" + disconnectEpisode,
                    "The terminal's spec of " + symbolName(e.symbolId()) + " was refused (not finite, not positive or out of " +
                        "range): entries on it are denied until a valid spec arrives. Check the symbol at the broker.");
                break;
            case CIRCUIT_OPENED:
                queue(Alert.Severity.CRITICAL, "CIRCUIT:" + e.timeMillis(),
                    "Circuit breaker open after " + e.count() + " consecutive execution failures: entries paused.");
                break;
            case CONFIG_CHANGED:
                queue(Alert.Severity.CRITICAL, "CONFIG:" + e.timeMillis(),
                    "Configuration changed since the journal (" + e.detail() + "): entries denied until an operator re-bases.");
                break;
            case GUARD_REARMED:
                if ("JOURNAL_GAP".equals(e.reason()))
                {
                    queue(Alert.Severity.RESOLVED, "JOURNAL_GAP_CLEARED:" + e.timeMillis(),
                        "Journal gap accepted by " + e.actor() + ": entries allowed again (if nothing else denies them).");
                    if (!unlocked)
                    {
                        break; // only the gap held: the guard was not locked
                    }
                }
                unlocked = false;
                queue(Alert.Severity.RESOLVED, "REARMED:" + tripEpisode, String.format(Locale.ROOT,
                    "Guard re-armed by %s: new peak %.2f.", e.actor(), e.peak()));
                break;
            case GUARD_STATE_CHANGED:
                unlocked = guardState.isLocked() && !e.toState().isLocked();
                guardState = e.toState();
                if (guardState.isLocked())
                {
                    lockedSinceMillis = now;
                    nextReminderMillis = config.lockedReminderMinutes > 0 ? now + TimeUnit.MINUTES.toMillis(config.lockedReminderMinutes) : Long.MAX_VALUE;
                }
                else
                {
                    nextReminderMillis = Long.MAX_VALUE;
                }
                break;
            case HEARTBEAT:
                if (guardState.isLocked() && now >= nextReminderMillis)
                {
                    nextReminderMillis = now + TimeUnit.MINUTES.toMillis(config.lockedReminderMinutes);
                    queue(Alert.Severity.WARNING, "REMINDER:" + now, "Reminder: the guard has been " + guardState + " since " +
                        Instant.ofEpochMilli(lockedSinceMillis) + "; trading stays off until an operator re-arms.");
                }
                break;
            default:
                break;
        }
    }

    /**
     * From any thread, at most once: the gateway's I/O thread has stopped. Not a lifecycle event, because
     * the engine cannot see it (it only sees the terminal go); the dying gateway reports it directly.
     */
    public void onGatewayStopped(final String reason)
    {
        if (gatewayStopped.compareAndSet(false, true))
        {
            queue.add(new Alert(Alert.Severity.CRITICAL, "GATEWAY_STOPPED", "[" + config.name + "] " + reason +
                ": no terminal can connect, the guard cannot see or flatten the account. Restart Ringfence.", Long.MIN_VALUE));
        }
    }

    private String symbolName(final int symbolId)
    {
        return symbols != null && symbols.isKnown(symbolId) ? symbols.name(symbolId) : "symbol #" + symbolId;
    }

    private void queue(final Alert.Severity severity, final String key, final String text)
    {
        if (sentKeys.size() > 100_000)
        {
            sentKeys.clear(); // episodes that old no longer repeat
        }
        if (!sentKeys.add(key))
        {
            return;
        }
        if (queue.size() >= MAX_QUEUED)
        {
            dropped.incrementAndGet();
            return;
        }
        queue.add(new Alert(severity, key, "[" + config.name + "] " + text, sequence++));
    }

    // ------------------------------------------------------------------ the sender thread

    private void deliverLoop()
    {
        try
        {
            while (running)
            {
                final Alert alert = queue.poll(200, TimeUnit.MILLISECONDS);
                if (alert == null)
                {
                    continue;
                }
                deliver(alert);
                sleeper.sleep(config.minIntervalMillis);
            }
        }
        catch (final InterruptedException ignored)
        {
            // closing
        }
    }

    private void deliver(final Alert alert) throws InterruptedException
    {
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++)
        {
            try
            {
                final HttpResponse<String> response = telegram.sendMessage(config.telegramChatId, alert.text);
                if (response.statusCode() == 200)
                {
                    delivered.incrementAndGet();
                    return;
                }
                if (response.statusCode() == 429)
                {
                    sleeper.sleep(1_000L * TelegramClient.retryAfterSeconds(response.body()));
                    continue;
                }
                failed.incrementAndGet();
                if (response.statusCode() >= 400 && response.statusCode() < 500)
                {
                    return; // a bad token or chat id will not fix itself by retrying
                }
            }
            catch (final IOException ex)
            {
                failed.incrementAndGet();
            }
            sleeper.sleep(1_000L << Math.min(attempt, 5));
        }
    }

    public long delivered()
    {
        return delivered.get();
    }

    public long failed()
    {
        return failed.get();
    }

    public long dropped()
    {
        return dropped.get();
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        sender.interrupt();
        sender.join(2_000);
    }
}
