package dev.ringfence.tools.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.HeartbeatData;
import dev.ringfence.engine.event.LifecycleEventWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The alert pipeline against a local fake Telegram Bot API; the sender's waits are counted, not spent. */
class AlertPipelineTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private HttpServer telegram;
    private AlertPipeline pipeline;
    private LifecycleEventWriter events;

    @BeforeEach
    void fakeTelegram() throws IOException
    {
        telegram = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        telegram.createContext("/bottest-token/sendMessage", exchange ->
        {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            String answer = "{\"ok\":true}";
            if (tooManyRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
            {
                status = 429;
                answer = "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":3}}";
            }
            else if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
            {
                status = 500;
                answer = "{\"ok\":false}";
            }
            else
            {
                messages.add(JSON.readTree(body).get("text").asText());
                assertEquals("42", JSON.readTree(body).get("chat_id").asText());
            }
            final byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        });
        telegram.start();
        final AlertConfig config = new AlertConfig();
        config.telegramBaseUrl = "http://127.0.0.1:" + telegram.getAddress().getPort();
        config.telegramToken = "test-token";
        config.telegramChatId = "42";
        config.lockedReminderMinutes = 60;
        config.name = "acct-1";
        pipeline = new AlertPipeline(config, sleeps::add);
        events = LifecycleEventWriter.to(pipeline::onLifecycleEvent);
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        pipeline.close();
        telegram.stop(0);
    }

    private void awaitMessages(final int n) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (messages.size() < n && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(n, messages.size(), messages.toString());
    }

    @Test
    void aBurstGoesOutCriticalFirstOneASecond() throws Exception
    {
        events.guardWarning(1, GuardRule.MAX_DRAWDOWN, 50, 0, 9_000, 0);
        events.terminalDisconnected(2);
        events.guardTripped(3, GuardRule.MAX_DRAWDOWN, 7_990, 10_000, 20.1, 0);
        events.guardRearmed(4, 8_000, 0, 0, "alice", null);
        pipeline.start();
        awaitMessages(4);
        assertTrue(messages.get(0).startsWith("[acct-1] The MT5 terminal disconnected"), messages.toString());
        assertTrue(messages.get(1).startsWith("[acct-1] GUARD TRIPPED (MAX_DRAWDOWN): equity 7990.00"), messages.toString());
        assertTrue(messages.get(2).contains("Guard warning"), messages.toString());
        assertTrue(messages.get(3).contains("re-armed by alice"), messages.toString());
        assertTrue(sleeps.size() >= 3 && sleeps.stream().allMatch(s -> s >= 1_000), "spaced a second apart: " + sleeps);
    }

    @Test
    void a429IsHonouredAndTheMessageStillArrives() throws Exception
    {
        tooManyRequests.set(1);
        pipeline.start();
        events.dataDegraded(1, 15_000);
        awaitMessages(1);
        assertEquals(3_000L, sleeps.get(0), "waited retry_after = 3 s");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pipeline.delivered() < 1 && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(1, pipeline.delivered());
    }

    @Test
    void aFailingFlattenAlertsOncePerEpisodeAndFailuresAreCounted() throws Exception
    {
        serverErrors.set(1);
        pipeline.start();
        events.guardTripped(1, GuardRule.EQUITY_FLOOR, 0, 0, 0, 0);
        for (int round = 0; round < 5; round++)
        {
            events.error(2 + round, "FLATTEN_ROUND_FAILED", "POSITIONS_REMAIN");
        }
        awaitMessages(2);
        assertTrue(messages.get(1).startsWith("[acct-1] Flatten is failing"), messages.toString());
        assertEquals(1, pipeline.failed(), "the 500 was counted, then the retry delivered");
        Thread.sleep(100);
        assertEquals(2, messages.size(), "one failing-flatten alert per episode");
    }

    @Test
    void aLockedGuardIsRemindedOfEveryHour() throws Exception
    {
        pipeline.start();
        final long locked = 1_000_000;
        final HeartbeatData figures = new HeartbeatData();
        events.guardStateChanged(locked, GuardState.FLATTENING, GuardState.LOCKED);
        events.heartbeat(locked + TimeUnit.MINUTES.toMillis(59), figures);
        events.heartbeat(locked + TimeUnit.MINUTES.toMillis(60), figures);
        events.heartbeat(locked + TimeUnit.MINUTES.toMillis(61), figures);
        awaitMessages(1);
        assertTrue(messages.get(0).contains("Reminder: the guard has been LOCKED"), messages.toString());
    }

    @Test
    void aMissingTradePermissionAlertsCriticalAndItsReturnResolves() throws Exception
    {
        pipeline.symbols(new SymbolTable(new EngineConfig().symbols));
        events.symbolRefused(1, 3, "BAD_SYMBOL", null);
        events.terminalTradingNotPermitted(2, "EXPERT", 7);
        events.terminalTradingNotPermitted(3, "EXPERT", 7);
        events.terminalTradingPermitted(4, 15);
        pipeline.start();
        awaitMessages(3);
        assertTrue(messages.get(0).startsWith("[acct-1] The terminal does not permit trading (missing EXPERT)"), messages.toString());
        assertTrue(messages.get(1).contains("spec of XAUUSD was refused"), messages.toString());
        assertTrue(messages.get(2).contains("permits trading again"), messages.toString());
        Thread.sleep(100);
        assertEquals(3, messages.size(), "one alert per episode");
    }
}
