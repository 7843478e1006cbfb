package dev.ringfence.tools.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringfence.engine.AdminOutcome;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.OperatorCommands;
import dev.ringfence.tools.http.CommandIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Operator commands from Telegram: {@code /status}, {@code /halt}, {@code /resume}, {@code /flatten} and
 * {@code /rearm}, the last two only after {@code /confirm CODE} from the same chat and the same user within the
 * confirmation window. The messages come from a {@link TelegramPoller} (a thread of its own, each update handed
 * on once); this class decides what each one asks for and answers it. Only the configured chats are obeyed, and,
 * when {@code alerts.telegram.commandUserIds} is set, only those users: anything else is ignored and counted.
 * A command addressed to another bot ({@code /halt@OtherBot}) is ignored: the bot learns its own username with
 * {@code getMe} once, before the first poll, and takes {@code /cmd@<its username>} (any case) or a bare
 * {@code /cmd}; if {@code getMe} fails, only bare commands are taken. A command is published like every other operator command,
 * {@code OperatorCommands.admin(now, command, "telegram:<chat id>", commandId)}, so it is journaled, and the
 * chat is answered with the engine's own outcome read from {@link StatusBoard#adminOutcome}.
 *
 * <p>Messages older than two minutes (left unacknowledged by an earlier run) are skipped, so a restart never
 * executes yesterday's {@code /halt}.
 */
public final class TelegramCommands implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TelegramCommands.class);
    private static final long STALE_MESSAGE_SECONDS = 120;
    private static final long OUTCOME_WAIT_MILLIS = 5_000;

    private final AlertConfig config;
    private final TelegramClient telegram;
    private final OperatorCommands inbound;
    private final StatusBoard board;
    private final LongSupplier clock;
    /** When this process started polling, in unix seconds: older messages belong to an earlier run. */
    private final long startedSeconds;
    private final Set<String> allowedChats;
    /** Empty: any member of an allowed chat. */
    private final Set<String> allowedUsers;
    private final SecureRandom random = new SecureRandom();
    private final TelegramPoller poller;

    // Poller thread state.
    private final Map<String, Pending> pending = new HashMap<>();
    /** The chats and users already logged as ignored (at most 1,000, so a flood cannot grow it without bound). */
    private final Set<String> loggedIgnored = new HashSet<>();

    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong replyFailures = new AtomicLong();

    private static final class Pending
    {
        final AdminCommand command;
        final String code;
        final long expiresMillis;
        /** Who asked: only that user may confirm. */
        final String userId;

        Pending(final AdminCommand command, final String code, final long expiresMillis, final String userId)
        {
            this.command = command;
            this.code = code;
            this.expiresMillis = expiresMillis;
            this.userId = userId;
        }
    }

    /**
     * @param sleeper how the poller waits between failed polls (tests shorten it)
     * @param clock   wall-clock milliseconds (the confirmation window and stale messages)
     */
    public TelegramCommands(
        final AlertConfig config,
        final OperatorCommands inbound,
        final StatusBoard board,
        final AlertPipeline.Sleeper sleeper,
        final LongSupplier clock)
    {
        this.config = config;
        this.telegram = new TelegramClient(config.telegramBaseUrl, config.telegramToken);
        this.inbound = inbound;
        this.board = board;
        this.clock = clock;
        this.startedSeconds = clock.getAsLong() / 1_000;
        this.allowedChats = Set.copyOf(config.commandChats());
        this.allowedUsers = Set.copyOf(config.commandUserIds);
        this.poller = new TelegramPoller(telegram, config.pollTimeoutSeconds, sleeper, this::handle);
    }

    public TelegramCommands start()
    {
        poller.start();
        return this;
    }

    // ------------------------------------------------------------------ on the poller thread

    private void handle(final JsonNode message, final String botUsername) throws InterruptedException
    {
        final String chatId = message.path("chat").path("id").asText("");
        final String text = message.path("text").asText("").trim();
        if (chatId.isEmpty() || !text.startsWith("/"))
        {
            return; // not a command (an edit, a photo, a join)
        }
        if (!allowedChats.contains(chatId))
        {
            ignored.incrementAndGet();
            if (loggedIgnored.size() < 1_000 && loggedIgnored.add("chat:" + chatId))
            {
                LOG.warn("Telegram: ignoring commands from chat {}, not in alerts.telegram.commandChatIds", chatId);
            }
            return;
        }
        final String[] words = text.split("\\s+");
        final String first = words[0].toLowerCase(Locale.ROOT);
        final int at = first.indexOf('@');
        if (at >= 0 && (botUsername == null || !first.substring(at + 1).equalsIgnoreCase(botUsername)))
        {
            ignored.incrementAndGet(); // addressed to another bot (or ours is unknown: fail closed)
            return;
        }
        final String verb = at >= 0 ? first.substring(0, at) : first;
        final JsonNode from = message.path("from").path("id");
        final String userId = from.isIntegralNumber() || from.isTextual() ? from.asText("") : "";
        if (!allowedUsers.isEmpty() && !allowedUsers.contains(userId))
        {
            ignored.incrementAndGet();
            if (loggedIgnored.size() < 1_000 && loggedIgnored.add("user:" + userId))
            {
                LOG.warn("Telegram: ignoring commands from user {} in chat {}, not in alerts.telegram.commandUserIds",
                    userId.isEmpty() ? "(none)" : userId, chatId);
            }
            return;
        }
        final long now = clock.getAsLong();
        final long date = message.path("date").asLong(0);
        // Undated, stale, or sent before this process started (a restart must never repeat a command that an
        // earlier run may already have carried out, even if Telegram still lists it as unconfirmed).
        if (date <= 0 || now / 1_000 - date > STALE_MESSAGE_SECONDS || date < startedSeconds)
        {
            ignored.incrementAndGet();
            return;
        }
        switch (verb)
        {
            case "/status":
                reply(chatId, status());
                break;
            case "/halt":
                execute(chatId, AdminCommand.HALT);
                break;
            case "/resume":
                execute(chatId, AdminCommand.RESUME);
                break;
            case "/flatten":
                ask(chatId, userId, AdminCommand.FLATTEN, now);
                break;
            case "/rearm":
                ask(chatId, userId, AdminCommand.REARM, now);
                break;
            case "/confirm":
                confirm(chatId, userId, words.length > 1 ? words[1] : "", now);
                break;
            default:
                reply(chatId, "Commands: /status, /halt, /resume, /flatten, /rearm (the last two ask for /confirm).");
                break;
        }
    }

    private void ask(final String chatId, final String userId, final AdminCommand command, final long now)
        throws InterruptedException
    {
        final String code = String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
        pending.put(chatId, new Pending(command, code, now + TimeUnit.SECONDS.toMillis(config.confirmSeconds), userId));
        reply(chatId, command.name() + ": reply /confirm " + code + " within " + config.confirmSeconds + " s to execute it.");
    }

    private void confirm(final String chatId, final String userId, final String code, final long now)
        throws InterruptedException
    {
        final Pending asked = pending.get(chatId);
        if (asked != null && now <= asked.expiresMillis && !asked.userId.equals(userId))
        {
            // Someone else's request: neither executed nor cancelled by this /confirm.
            reply(chatId, asked.command.name() + " can only be confirmed by the user who asked for it: nothing done.");
            return;
        }
        final Pending p = pending.remove(chatId); // one try: a wrong code cancels it
        if (p == null || now > p.expiresMillis)
        {
            reply(chatId, "Nothing to confirm (none asked, or more than " + config.confirmSeconds + " s ago): nothing done.");
            return;
        }
        if (!p.code.equals(code))
        {
            reply(chatId, "Wrong code: " + p.command.name() + " cancelled, nothing done.");
            return;
        }
        execute(chatId, p.command);
    }

    private void execute(final String chatId, final AdminCommand command) throws InterruptedException
    {
        final long commandId = CommandIds.next();
        if (!inbound.admin(clock.getAsLong(), command, "telegram:" + chatId, commandId))
        {
            reply(chatId, command.name() + " not executed: the engine's inbound ring is full. Retry.");
            return;
        }
        executed.incrementAndGet();
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OUTCOME_WAIT_MILLIS);
        AdminOutcome outcome = board.adminOutcome(commandId);
        while (outcome == null && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            outcome = board.adminOutcome(commandId);
        }
        if (outcome == null)
        {
            reply(chatId, command.name() + " queued (command " + commandId + "); the engine has not processed it yet: check /status.");
        }
        else if (!outcome.applied())
        {
            reply(chatId, command.name() + " refused: " + outcome.refusal + ". Guard " + outcome.guardState +
                (outcome.halted ? ", halted" : "") + ".");
        }
        else
        {
            reply(chatId, String.format(Locale.ROOT, "%s applied. Guard %s%s, equity %.2f, peak %.2f.", command.name(),
                outcome.guardState, outcome.halted ? ", halted" : "", outcome.equity, outcome.peak));
        }
    }

    private String status()
    {
        final StatusBoard b = board;
        final String entries = b.entryDenial != null ? b.entryDenial : b.guardState.name();
        return String.format(Locale.ROOT,
            "[%s] guard %s%s, entries %s\nequity %.2f, peak %.2f, drawdown %.2f %% (%.2f %% left)\n" +
                "positions %d, pending orders %d, terminal %s",
            config.name, b.guardState, b.halted ? " (halted)" : "", entries, b.equity, b.peak, b.drawdownPercent,
            b.drawdownRemainingPercent, b.openPositions, b.pendingOrders, b.terminalConnected ? "connected" : "disconnected");
    }

    private void reply(final String chatId, final String text) throws InterruptedException
    {
        try
        {
            final HttpResponse<String> response = telegram.sendMessage(chatId, "[" + config.name + "] " + text);
            if (response.statusCode() != 200)
            {
                replyFailures.incrementAndGet();
                poller.logOnce("reply", "sendMessage answered HTTP " + response.statusCode());
            }
        }
        catch (final java.io.IOException ex)
        {
            replyFailures.incrementAndGet();
            poller.logOnce("reply", ex.toString());
        }
    }

    // ------------------------------------------------------------------ counters, close

    /** getUpdates answers received (good or bad). */
    public long polls()
    {
        return poller.polls();
    }

    public long pollFailures()
    {
        return poller.pollFailures();
    }

    /** Commands from chats or users not allowed, addressed to another bot, or too old to obey. */
    public long ignored()
    {
        return ignored.get();
    }

    /** Operator commands published to the engine. */
    public long executed()
    {
        return executed.get();
    }

    /** Updates taken (each once). */
    public long handled()
    {
        return poller.handled();
    }

    public long replyFailures()
    {
        return replyFailures.get();
    }

    public boolean isAlive()
    {
        return poller.isAlive();
    }

    @Override
    public void close() throws InterruptedException
    {
        poller.close();
    }
}
