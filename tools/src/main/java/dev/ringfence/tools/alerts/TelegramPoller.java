package dev.ringfence.tools.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code getUpdates} long poll behind {@link TelegramCommands}, on a thread of its own (never the business
 * thread). Before the first poll it learns the bot's username with {@code getMe} once (null if that fails). Each
 * update is handed on once: the offset moves past it before it is handled. A failure (network, HTTP error, 429,
 * bad JSON, an update that throws) is counted, logged once per kind, and polling goes on after a backoff;
 * nothing ends the thread but {@link #close()}.
 */
final class TelegramPoller implements AutoCloseable
{
    /** Under the commands' name: one logger for everything Telegram commands report. */
    private static final Logger LOG = LoggerFactory.getLogger(TelegramCommands.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    /** What the poller hands each update's {@code message} to, on the poller thread. */
    interface MessageHandler
    {
        /** @param botUsername this bot's username from getMe, or null when it could not be learned */
        void onMessage(JsonNode message, String botUsername) throws InterruptedException;
    }

    private final TelegramClient telegram;
    private final int pollTimeoutSeconds;
    private final AlertPipeline.Sleeper sleeper;
    private final MessageHandler handler;
    private final Thread thread;
    private volatile boolean running = true;

    // Poller thread state.
    /** This bot's username from getMe; null if it could not be learned (then only commands without @ are taken). */
    private String botUsername;
    private long offset;
    private long backoffMillis;
    private final Set<String> loggedFailures = new HashSet<>();

    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pollFailures = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();

    /** @param sleeper how the thread waits between failed polls (tests shorten it) */
    TelegramPoller(
        final TelegramClient telegram, final int pollTimeoutSeconds, final AlertPipeline.Sleeper sleeper, final MessageHandler handler)
    {
        this.telegram = telegram;
        this.pollTimeoutSeconds = pollTimeoutSeconds;
        this.sleeper = sleeper;
        this.handler = handler;
        this.thread = new Thread(this::pollLoop, "ringfence-telegram-commands");
        this.thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    private void pollLoop()
    {
        try
        {
            learnUsername();
        }
        catch (final InterruptedException ex)
        {
            if (!running)
            {
                return;
            }
            Thread.interrupted();
        }
        while (running)
        {
            try
            {
                pollOnce();
            }
            catch (final InterruptedException ex)
            {
                if (!running)
                {
                    return;
                }
                Thread.interrupted(); // only close() may end the thread
            }
            catch (final Throwable ex)
            {
                failure("unexpected", ex.toString());
            }
            if (backoffMillis > 0 && running)
            {
                try
                {
                    sleeper.sleep(backoffMillis);
                }
                catch (final InterruptedException ex)
                {
                    if (!running)
                    {
                        return;
                    }
                }
            }
        }
    }

    /** Once, before the first poll: a failure leaves {@link #botUsername} null (fail closed). */
    private void learnUsername() throws InterruptedException
    {
        String detail;
        try
        {
            final HttpResponse<String> response = telegram.getMe();
            botUsername = TelegramClient.username(response);
            detail = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            detail = ex.toString();
        }
        if (botUsername == null)
        {
            LOG.warn("Telegram commands: getMe failed ({}); only commands without an @suffix are taken", detail);
        }
    }

    private void pollOnce() throws InterruptedException
    {
        final HttpResponse<String> response;
        try
        {
            response = telegram.getUpdates(offset, pollTimeoutSeconds);
        }
        catch (final java.io.IOException ex)
        {
            failure("network", ex.toString());
            return;
        }
        polls.incrementAndGet();
        if (response.statusCode() == 429)
        {
            failure("429", "rate limited");
            backoffMillis = Math.max(backoffMillis, 1_000L * TelegramClient.retryAfterSeconds(response.body()));
            return;
        }
        if (response.statusCode() != 200)
        {
            failure("http " + response.statusCode(), abbreviate(response.body()));
            return;
        }
        final JsonNode root;
        try
        {
            root = TelegramClient.JSON.readTree(response.body());
        }
        catch (final java.io.IOException ex)
        {
            failure("json", "getUpdates answered something that is not JSON: " + abbreviate(response.body()));
            return;
        }
        if (root == null || !root.path("ok").asBoolean(false) || !root.path("result").isArray())
        {
            failure("json", "getUpdates answered without ok and a result list: " + abbreviate(response.body()));
            return;
        }
        backoffMillis = 0;
        for (final JsonNode update : root.path("result"))
        {
            if (!running)
            {
                return; // stopping: no command is published once the engine is being stopped
            }
            final long id = update.path("update_id").asLong(-1);
            if (id < offset)
            {
                continue; // already handled: the server repeated it
            }
            offset = id + 1; // before handling: whatever happens, this update is not handled again
            handled.incrementAndGet();
            try
            {
                handler.onMessage(update.path("message"), botUsername);
            }
            catch (final InterruptedException ex)
            {
                throw ex;
            }
            catch (final RuntimeException ex)
            {
                failure("update", ex.toString());
            }
        }
    }

    private void failure(final String kind, final String detail)
    {
        pollFailures.incrementAndGet();
        logOnce(kind, detail);
        backoffMillis = backoffMillis == 0 ? 1_000 : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    /** The first failure of a kind is logged, the others only counted (poller thread). */
    void logOnce(final String kind, final String detail)
    {
        if (loggedFailures.add(kind))
        {
            LOG.warn("Telegram commands: {} failure ({}); counted, polling goes on with backoff", kind, detail);
        }
    }

    private static String abbreviate(final String s)
    {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** getUpdates answers received (good or bad). */
    long polls()
    {
        return polls.get();
    }

    long pollFailures()
    {
        return pollFailures.get();
    }

    /** Updates taken (each once). */
    long handled()
    {
        return handled.get();
    }

    boolean isAlive()
    {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
