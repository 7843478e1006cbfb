package dev.ringfence.tools.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the one configuration format (HOCON, {@code ringfence-reference.conf} documents every key and
 * default) with its overrides, rejects unknown keys, and validates every value, naming the key.
 */
public final class ConfigLoader
{
    private static final String REFERENCE = "ringfence-reference.conf";

    private final Config reference = ConfigFactory.parseResources(
        ConfigLoader.class.getClassLoader(), REFERENCE, ConfigParseOptions.defaults().setAllowMissing(false));
    private Config file = ConfigFactory.empty();
    private Config environment = ConfigFactory.empty();
    private Config scenario = ConfigFactory.empty();
    private Config sets = ConfigFactory.empty();

    /** The file given with {@code --config}. */
    public ConfigLoader file(final Path path)
    {
        if (path != null)
        {
            if (Files.isDirectory(path))
            {
                throw new IllegalArgumentException("config file " + path + " is a directory; give the file itself, e.g. " +
                    path.resolve("ringfence.conf"));
            }
            if (!Files.isRegularFile(path))
            {
                throw new IllegalArgumentException("config file " + path + " does not exist: check the path (without --config " +
                    "the defaults of " + REFERENCE + " apply)");
            }
            if (!Files.isReadable(path))
            {
                throw new IllegalArgumentException("config file " + path + " cannot be read (check its permissions)");
            }
            try
            {
                file = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            }
            catch (final ConfigException ex)
            {
                throw new IllegalArgumentException("config file " + path + (ex.origin() != null && ex.origin().lineNumber() > 0 ?
                    ", line " + ex.origin().lineNumber() : "") + ": " + problem(ex) + ". Fix the file: it is HOCON, and " + REFERENCE +
                    " shows every key in that format", ex);
            }
        }
        return this;
    }

    /** The environment variables of the original specification (see the reference file). */
    public ConfigLoader environment(final Map<String, String> env)
    {
        Config c = ConfigFactory.empty();
        c = envNumber(c, env, "HEARTBEAT_INTERVAL_SECONDS", "heartbeat.intervalMillis", 1000);
        c = envNumber(c, env, "MAX_DRAWDOWN_PERCENT", "risk.maxDrawdownPercent", 1);
        c = envNumber(c, env, "MIN_EQUITY_GBP", "risk.equityFloor", 1);
        c = envNumber(c, env, "MIN_EQUITY", "risk.equityFloor", 1);
        c = envText(c, env, "RINGFENCE_GATEWAY_SECRET", "gateway.secret");
        c = envText(c, env, "RINGFENCE_INGRESS_SECRET", "ingress.hmacSecret");
        c = envText(c, env, "RINGFENCE_ADMIN_TOKEN", "admin.token");
        c = envText(c, env, "TELEGRAM_BOT_TOKEN", "alerts.telegram.token");
        c = envText(c, env, "TELEGRAM_CHAT_ID", "alerts.telegram.chatId");
        environment = c;
        return this;
    }

    /** A scenario's {@code config} lines: key to JSON value. */
    public ConfigLoader scenario(final Map<String, Object> overrides)
    {
        Config c = ConfigFactory.empty();
        for (final Map.Entry<String, Object> e : overrides.entrySet())
        {
            c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "scenario config line"));
        }
        scenario = c;
        return this;
    }

    /** {@code --set key=value} pairs; the value is read as HOCON (numbers, booleans, lists, strings). */
    public ConfigLoader sets(final List<String> keyValues)
    {
        Config c = ConfigFactory.empty();
        for (final String kv : keyValues)
        {
            final int eq = kv.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("--set " + kv + ": expected key=value");
            }
            final String key = kv.substring(0, eq).trim();
            final String value = kv.substring(eq + 1).trim();
            try
            {
                final Config parsed = ConfigFactory.parseString("v = " + value);
                c = c.withValue(key, parsed.getValue("v"));
            }
            catch (final ConfigException ex)
            {
                throw new IllegalArgumentException("--set " + kv + ": " + ex.getMessage(), ex);
            }
        }
        sets = c;
        return this;
    }

    public RingfenceConfig load()
    {
        for (final Config layer : List.of(file, environment, scenario, sets))
        {
            rejectUnknownKeys(layer);
        }
        final Config c = sets.withFallback(scenario).withFallback(environment).withFallback(file)
            .withFallback(reference).resolve();
        try
        {
            return bind(c);
        }
        catch (final ConfigException ex)
        {
            throw new IllegalArgumentException(ex.getMessage() + ": give a value of that type (" + REFERENCE + " shows each key's type " +
                "and default)", ex);
        }
        catch (final IllegalArgumentException ex)
        {
            // "key = value: what is allowed": say where the value came from, so the operator knows what to change.
            final String source = source(ex.getMessage());
            throw source == null ? ex : new IllegalArgumentException(ex.getMessage() + " (set by " + source + ")", ex);
        }
    }

    /** Typesafe's message without its leading origin ("file.conf: 3: "), which the caller names itself. */
    private static String problem(final ConfigException ex)
    {
        final String message = ex.getMessage();
        final String origin = ex.origin() == null ? null : ex.origin().description() + ": ";
        return origin != null && message.startsWith(origin) ? message.substring(origin.length()) : message;
    }

    /** Where the key a validation message starts with was set: --set, a scenario line, the environment or the file. */
    private String source(final String message)
    {
        if (message == null)
        {
            return null;
        }
        final int end = message.indexOf(' ');
        final String key = end < 0 ? message : message.substring(0, end).replaceAll(":$", "");
        try
        {
            if (key.isEmpty() || !reference.hasPathOrNull(key))
            {
                return null;
            }
        }
        catch (final ConfigException notAKey)
        {
            return null;
        }
        if (sets.hasPathOrNull(key))
        {
            return "--set " + key;
        }
        if (scenario.hasPathOrNull(key))
        {
            return "the scenario's config line";
        }
        if (environment.hasPathOrNull(key))
        {
            return environment.getValue(key).origin().description();
        }
        if (file.hasPathOrNull(key))
        {
            final com.typesafe.config.ConfigOrigin origin = file.getValue(key).origin();
            return origin.filename() == null ? origin.description() : origin.filename() + ", line " + origin.lineNumber();
        }
        return null;
    }

    private void rejectUnknownKeys(final Config layer)
    {
        for (final Map.Entry<String, ConfigValue> entry : layer.entrySet())
        {
            if (!reference.hasPathOrNull(entry.getKey()))
            {
                final String near = nearestKey(entry.getKey());
                throw new IllegalArgumentException(
                    "unknown configuration key '" + entry.getKey() + "' (" + entry.getValue().origin().description() + "): " +
                    (near == null ? "" : "did you mean '" + near + "'? ") + "correct or remove it; every key is listed in " + REFERENCE);
            }
        }
    }

    /** The known key closest in spelling to {@code key} (a typo, a wrong case), or null when none is close. */
    private String nearestKey(final String key)
    {
        String cutShort = null;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final Map.Entry<String, ConfigValue> known : reference.entrySet())
        {
            final String name = known.getKey();
            if (key.contains(".") && name.startsWith(key) &&
                (cutShort == null || name.length() < cutShort.length() || name.length() == cutShort.length() && name.compareTo(cutShort) > 0))
            {
                // a key cut short (risk.maxDrawdown for risk.maxDrawdownPercent; of equal lengths the later in the alphabet)
                cutShort = name;
            }
            final int distance = distance(key.toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance || distance == bestDistance && name.compareTo(best) < 0)
            {
                best = name;
                bestDistance = distance;
            }
        }
        if (cutShort != null)
        {
            return cutShort;
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Config envText(final Config c, final Map<String, String> env, final String variable, final String key)
    {
        final String value = env.get(variable);
        if (value == null || value.isEmpty())
        {
            return c;
        }
        return ConfigValueFactory.fromAnyRef(value, "environment " + variable).atPath(key).withFallback(c);
    }

    private static Config envNumber(
        final Config c, final Map<String, String> env, final String variable, final String key, final double factor)
    {
        final String raw = env.get(variable);
        if (raw == null || raw.isBlank())
        {
            return c;
        }
        if (!raw.equals(raw.strip()))
        {
            // A value with spaces around it is a sign of a quoting mistake: say so rather than guess.
            throw new IllegalArgumentException("environment " + variable + " = '" + raw + "': spaces around the number");
        }
        final double value;
        try
        {
            value = Double.parseDouble(raw);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("environment " + variable + " = " + raw + ": not a number");
        }
        final double scaled = value * factor;
        final Object boxed = scaled == Math.rint(scaled) && Math.abs(scaled) < 1e15 ? (Object)(long)scaled : (Object)scaled;
        return ConfigValueFactory.fromAnyRef(boxed, "environment " + variable).atPath(key).withFallback(c);
    }

    private static RingfenceConfig bind(final Config c)
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
        final GatewayConfig g = new GatewayConfig();
        g.bind = c.getString("gateway.bind");
        g.port = c.getInt("gateway.port");
        g.secret = c.getString("gateway.secret");
        g.login = c.getLong("gateway.login");
        g.heartbeatMillis = c.getLong("gateway.heartbeatMillis");
        g.deadAfterMillis = c.getLong("gateway.deadAfterMillis");
        g.idleMaxParkMicros = c.getLong("gateway.idleMaxParkMicros");
        g.handshakeTimeoutMillis = c.getLong("gateway.handshakeTimeoutMillis");
        g.maxPendingHandshakes = c.getInt("gateway.maxPendingHandshakes");
        g.refusedHandshakesPerSecond = c.getDouble("gateway.refusedHandshakesPerSecond");
        g.validate();
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
        final String lifecycleLog = c.getString("logging.lifecycle");
        if (!lifecycleLog.equals("off") && !lifecycleLog.equals("text") && !lifecycleLog.equals("json"))
        {
            throw new IllegalArgumentException("logging.lifecycle = " + lifecycleLog + ": use off, text or json");
        }
        return new RingfenceConfig(e, t, ringSize, waitStrategy, timerMillis, start, Paths.get(c.getString("journal.dir")), syncMode,
            journalPlacement(c.getString("journal.thread"), Runtime.getRuntime().availableProcessors()), g, h, a, lifecycleLog);
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
