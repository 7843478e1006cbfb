package dev.ringfence.tools.config;

import com.typesafe.config.Config;
import dev.ringfence.engine.Engine;
import dev.ringfence.engine.WaitStrategies;
import dev.ringfence.engine.config.ConfigChecks;
import dev.ringfence.engine.config.DailyBaseline;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.paper.PaperTerminalConfig;
import dev.ringfence.tools.alerts.AlertConfig;
import dev.ringfence.tools.http.HttpConfig;
import net.openhft.chronicle.bytes.SyncMode;

import java.nio.file.Paths;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The merged configuration bound to the settings each part takes (engine, paper terminal, ring, gateway, HTTP,
 * alerts), every value validated on the way: a value refused throws {@link IllegalArgumentException} with a
 * message that starts with its key, which {@link ConfigLoader} completes with where the value was set.
 */
final class ConfigBinder
{
    private ConfigBinder()
    {
    }

    /** The settings of the merged configuration, checked in this order; the first value refused ends it. */
    static RingfenceConfig bind(final Config c)
    {
        final EngineConfig e = engine(c);
        final PaperTerminalConfig t = terminal(c);
        final int ringSize = c.getInt("ring.size");
        ConfigChecks.range("ring.size", ringSize, 64, 1 << 24);
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring.size = " + ringSize + ": must be a power of two");
        }
        final String waitStrategy = c.getString("ring.waitStrategy");
        WaitStrategies.fromName(waitStrategy);
        final long timerMillis = c.getLong("ring.timerMillis");
        ConfigChecks.range("ring.timerMillis", timerMillis, 1, 10_000);
        final long start;
        try
        {
            start = Instant.parse(c.getString("scenario.startTime")).toEpochMilli();
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(
                "scenario.startTime = " + c.getString("scenario.startTime") + ": not an ISO-8601 instant such as 2026-01-05T00:00:00Z");
        }
        final SyncMode syncMode = enumValue(SyncMode.class, "journal.syncMode", c.getString("journal.syncMode"));
        final GatewayConfig g = gateway(c);
        final HttpConfig h = http(c);
        final AlertConfig a = alerts(c);
        final String lifecycleLog = c.getString("logging.lifecycle");
        if (!lifecycleLog.equals("off") && !lifecycleLog.equals("text") && !lifecycleLog.equals("json"))
        {
            throw new IllegalArgumentException("logging.lifecycle = " + lifecycleLog + ": use off, text or json");
        }
        return new RingfenceConfig(e, t, ringSize, waitStrategy, timerMillis, start, Paths.get(c.getString("journal.dir")), syncMode,
            journalPlacement(c.getString("journal.thread"), Runtime.getRuntime().availableProcessors()), g, h, a, lifecycleLog);
    }

    private static EngineConfig engine(final Config c)
    {
        final EngineConfig e = new EngineConfig();
        e.accountLogin = c.getLong("account.login");
        e.currencyDigits = c.getInt("account.currencyDigits");
        e.maxDrawdownEnabled = c.getBoolean("risk.maxDrawdownEnabled");
        e.maxDrawdownPercent = c.getDouble("risk.maxDrawdownPercent");
        e.equityFloorEnabled = c.getBoolean("risk.equityFloorEnabled");
        e.equityFloor = c.getDouble("risk.equityFloor");
        e.dailyLossEnabled = c.getBoolean("risk.dailyLoss.enabled");
        e.dailyLossLimit = c.getDouble("risk.dailyLoss.limit");
        e.dailyTimeZone = c.getString("risk.dailyLoss.timeZone");
        e.dailyBaseline = enumValue(DailyBaseline.class, "risk.dailyLoss.baseline", c.getString("risk.dailyLoss.baseline"));
        e.warningLevelsPercent = c.getIntList("risk.warningLevelsPercent").stream().mapToInt(Integer::intValue).toArray();
        e.reduceOnlyLevelPercent = c.getInt("risk.reduceOnlyLevelPercent");
        e.confirmSamples = c.getInt("risk.confirmSamples");
        e.hardBreachMarginPercent = c.getDouble("risk.hardBreachMarginPercent");
        e.equityMaxAgeMillis = c.getLong("risk.equityMaxAgeMillis");
        e.staleAfterMillis = c.getLong("risk.staleAfterMillis");
        e.rearmHysteresisPercent = c.getDouble("risk.rearm.hysteresisPercent");
        e.rearmRebasePeak = c.getBoolean("risk.rearm.rebasePeak");
        e.rearmCooldownMillis = c.getLong("risk.rearm.cooldownMillis");
        e.flattenRetryInitialMillis = c.getLong("risk.flatten.retryInitialMillis");
        e.flattenRetryMaxMillis = c.getLong("risk.flatten.retryMaxMillis");
        e.loopId = c.getLong("loop.id");
        e.signalMaxAgeMillis = c.getLong("loop.signalMaxAgeMillis");
        e.maxOpenPositions = c.getInt("loop.maxOpenPositions");
        e.ordersPerSecond = c.getDouble("loop.ordersPerSecond");
        e.orderBurst = c.getInt("loop.orderBurst");
        e.retryMaxAttempts = c.getInt("loop.retry.maxAttempts");
        e.retryInitialBackoffMillis = c.getLong("loop.retry.initialBackoffMillis");
        e.orderTimeoutMillis = c.getLong("loop.orderTimeoutMillis");
        e.orderExpiryMillis = c.getLong("loop.orderExpiryMillis");
        e.circuitBreakerFailures = c.getInt("loop.circuitBreaker.failures");
        e.circuitBreakerCooloffMillis = c.getLong("loop.circuitBreaker.cooloffMillis");
        e.stopDrainMillis = c.getLong("loop.stopDrainMillis");
        e.maxInFlightOrders = c.getInt("loop.maxInFlightOrders");
        e.heartbeatIntervalMillis = c.getLong("heartbeat.intervalMillis");
        final List<SymbolSpec> symbols = new ArrayList<>();
        for (final String name : c.getStringList("symbols"))
        {
            if (!name.matches("[A-Z0-9._]{3,20}"))
            {
                throw new IllegalArgumentException("symbols: '" + name + "' is not a symbol name");
            }
            symbols.add(SymbolSpec.standard(name));
        }
        e.symbols = symbols;
        e.validate();
        return e;
    }

    private static PaperTerminalConfig terminal(final Config c)
    {
        final PaperTerminalConfig t = new PaperTerminalConfig();
        t.login = c.getLong("terminal.login");
        t.hedging = c.getBoolean("terminal.hedging");
        t.currency = c.getString("terminal.currency");
        t.leverage = c.getInt("terminal.leverage");
        t.initialBalance = c.getDouble("terminal.initialBalance");
        t.stopOutLevelPercent = c.getDouble("terminal.stopOutLevelPercent");
        t.gmtOffsetSeconds = c.getInt("terminal.gmtOffsetSeconds");
        t.reportIntervalMillis = c.getLong("terminal.reportIntervalMillis");
        t.slippagePoints = c.getInt("terminal.slippagePoints");
        t.validate();
        return t;
    }

    private static GatewayConfig gateway(final Config c)
    {
        final GatewayConfig g = new GatewayConfig();
        g.bind = c.getString("gateway.bind");
        g.port = c.getInt("gateway.port");
        g.secret = c.getString("gateway.secret");
        g.login = c.getLong("gateway.login");
        g.heartbeatMillis = c.getLong("gateway.heartbeatMillis");
        g.deadAfterMillis = c.getLong("gateway.deadAfterMillis");
        g.idleWaitMillis = c.getLong("gateway.idleWaitMillis");
        g.handshakeTimeoutMillis = c.getLong("gateway.handshakeTimeoutMillis");
        g.maxPendingHandshakes = c.getInt("gateway.maxPendingHandshakes");
        g.refusedHandshakesPerSecond = c.getDouble("gateway.refusedHandshakesPerSecond");
        g.validate();
        return g;
    }

    private static HttpConfig http(final Config c)
    {
        final HttpConfig h = new HttpConfig();
        h.enabled = c.getBoolean("http.enabled");
        h.bind = c.getString("http.bind");
        h.port = c.getInt("http.port");
        h.readTimeoutMillis = c.getLong("http.readTimeoutMillis");
        h.maxThreads = c.getInt("http.maxThreads");
        h.maxConcurrentSignals = c.getInt("ingress.maxConcurrent");
        h.adminAnswerTimeoutMillis = c.getLong("admin.answerTimeoutMillis");
        h.hmacSecret = c.getString("ingress.hmacSecret");
        h.maxBodyBytes = c.getInt("ingress.maxBodyBytes");
        h.requestsPerSecond = c.getDouble("ingress.requestsPerSecond");
        h.timestampWindowSeconds = c.getLong("ingress.timestampWindowSeconds");
        h.adminToken = c.getString("admin.token");
        ConfigChecks.range("http.port", h.port, 0, 65_535);
        ConfigChecks.range("http.readTimeoutMillis", h.readTimeoutMillis, 100, 120_000);
        ConfigChecks.range("http.maxThreads", h.maxThreads, 8, 1_024);
        ConfigChecks.range("ingress.maxConcurrent", h.maxConcurrentSignals, 1, h.maxThreads - 6);
        // An operator's answer must come before the connection's own idle timeout could end the exchange.
        ConfigChecks.range("admin.answerTimeoutMillis", h.adminAnswerTimeoutMillis, 100, h.readTimeoutMillis - 1);
        ConfigChecks.range("ingress.maxBodyBytes", h.maxBodyBytes, 64, 1 << 20);
        ConfigChecks.range("ingress.requestsPerSecond", h.requestsPerSecond, 0.01, 1_000_000);
        ConfigChecks.range("ingress.timestampWindowSeconds", h.timestampWindowSeconds, 1, 86_400);
        return h;
    }

    private static AlertConfig alerts(final Config c)
    {
        final AlertConfig a = new AlertConfig();
        a.telegramBaseUrl = c.getString("alerts.telegram.baseUrl");
        a.telegramToken = c.getString("alerts.telegram.token");
        a.telegramChatId = c.getString("alerts.telegram.chatId");
        a.commandsEnabled = c.getBoolean("alerts.telegram.commandsEnabled");
        a.commandChatIds = java.util.List.copyOf(c.getStringList("alerts.telegram.commandChatIds"));
        a.commandUserIds = java.util.List.copyOf(c.getStringList("alerts.telegram.commandUserIds"));
        for (final String user : a.commandUserIds)
        {
            // A user id is a positive number (an @username is not one: it can change hands).
            if (!user.matches("[0-9]{1,19}"))
            {
                throw new IllegalArgumentException("alerts.telegram.commandUserIds: " + user +
                    " is not a Telegram user id (digits only; not an @username)");
            }
        }
        a.pollTimeoutSeconds = c.getInt("alerts.telegram.pollTimeoutSeconds");
        a.confirmSeconds = c.getInt("alerts.telegram.confirmSeconds");
        ConfigChecks.range("alerts.telegram.pollTimeoutSeconds", a.pollTimeoutSeconds, 1, 50);
        ConfigChecks.range("alerts.telegram.confirmSeconds", a.confirmSeconds, 5, 600);
        // A bot token is letters, digits, ':', '_' and '-' (e.g. 123456:AAE...). Anything else (a space, a quote,
        // a newline from an env file) would break the request URL, and the error would carry the token into a
        // log: it is refused here, without echoing it.
        if (!a.telegramToken.isEmpty() && !a.telegramToken.matches("[A-Za-z0-9:_-]+"))
        {
            throw new IllegalArgumentException("alerts.telegram.token (TELEGRAM_BOT_TOKEN) is not a bot token " +
                "(letters, digits, ':', '_' and '-' only): check for spaces, quotes or a line break around it");
        }
        if (a.commandsEnabled && (a.telegramToken.isEmpty() || a.commandChats().isEmpty()))
        {
            throw new IllegalArgumentException("alerts.telegram.commandsEnabled = true needs alerts.telegram.token (TELEGRAM_BOT_TOKEN) " +
                "and alerts.telegram.commandChatIds or alerts.telegram.chatId (TELEGRAM_CHAT_ID)");
        }
        a.name = c.getString("alerts.name");
        a.minIntervalMillis = c.getLong("alerts.minIntervalMillis");
        a.lockedReminderMinutes = c.getLong("alerts.lockedReminderMinutes");
        ConfigChecks.range("alerts.minIntervalMillis", a.minIntervalMillis, 0, 60_000);
        ConfigChecks.range("alerts.lockedReminderMinutes", a.lockedReminderMinutes, 0, 10_080);
        if (!a.telegramBaseUrl.startsWith("http://") && !a.telegramBaseUrl.startsWith("https://"))
        {
            throw new IllegalArgumentException("alerts.telegram.baseUrl = " + a.telegramBaseUrl + ": an http(s) URL");
        }
        return a;
    }

    /** {@code journal.thread}: inline, own, or auto (inline on {@code cores} <= 2, where a third busy thread costs most). */
    static Engine.GatePlacement journalPlacement(final String value, final int cores)
    {
        switch (value)
        {
            case "inline":
                return Engine.GatePlacement.BUSINESS_THREAD;
            case "own":
                return Engine.GatePlacement.OWN_THREADS;
            case "auto":
                return cores <= 2 ? Engine.GatePlacement.BUSINESS_THREAD : Engine.GatePlacement.OWN_THREADS;
            default:
                throw new IllegalArgumentException("journal.thread = " + value + ": use auto, inline or own");
        }
    }

    private static <E extends Enum<E>> E enumValue(final Class<E> type, final String key, final String value)
    {
        try
        {
            return Enum.valueOf(type, value);
        }
        catch (final IllegalArgumentException ex)
        {
            final StringBuilder allowed = new StringBuilder();
            for (final E constant : type.getEnumConstants())
            {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
            }
            throw new IllegalArgumentException(key + " = " + value + ": use one of " + allowed);
        }
    }
}
