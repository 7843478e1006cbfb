package dev.ringfence.tools.config;

import dev.ringfence.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConfigLoaderTest
{
    @TempDir
    Path dir;

    private static IllegalArgumentException failure(final ConfigLoader loader)
    {
        return assertThrows(IllegalArgumentException.class, loader::load);
    }

    @Test
    void defaultsAreTheDocumentedOnes()
    {
        final RingfenceConfig c = new ConfigLoader().environment(Map.of()).load();
        assertEquals(20, c.engine.maxDrawdownPercent);
        assertEquals(500, c.engine.equityFloor);
        assertFalse(c.engine.dailyLossEnabled);
        assertEquals(10_000, c.engine.heartbeatIntervalMillis);
        assertEquals(1, c.engine.confirmSamples);
        assertEquals(10, c.engine.ordersPerSecond);
        assertEquals(4, c.symbols.size());
        assertEquals("blocking", c.waitStrategy);
    }

    @Test
    void theJournalWritesInlineOnTwoCoresOrFewerAndOnItsOwnThreadAbove()
    {
        assertEquals(Engine.GatePlacement.BUSINESS_THREAD, ConfigBinder.journalPlacement("auto", 2));
        assertEquals(Engine.GatePlacement.OWN_THREADS, ConfigBinder.journalPlacement("auto", 4));
        assertEquals(Engine.GatePlacement.OWN_THREADS, ConfigBinder.journalPlacement("own", 2));
        assertEquals(Engine.GatePlacement.BUSINESS_THREAD, ConfigBinder.journalPlacement("inline", 8));
    }

    @Test
    void anUnknownJournalThreadIsNamed()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.journalPlacement("both", 2));
        assertEquals("journal.thread = both: use auto, inline or own", ex.getMessage());
    }

    @Test
    void theOriginalEnvironmentVariablesWork()
    {
        final RingfenceConfig c = new ConfigLoader().environment(Map.of(
            "HEARTBEAT_INTERVAL_SECONDS", "5",
            "MAX_DRAWDOWN_PERCENT", "12.5",
            "MIN_EQUITY_GBP", "750")).load();
        assertEquals(5_000, c.engine.heartbeatIntervalMillis);
        assertEquals(12.5, c.engine.maxDrawdownPercent);
        assertEquals(750, c.engine.equityFloor);

        final RingfenceConfig both = new ConfigLoader().environment(Map.of("MIN_EQUITY_GBP", "750", "MIN_EQUITY", "900")).load();
        assertEquals(900, both.engine.equityFloor, "MIN_EQUITY wins when both are set");
    }

    @Test
    void precedenceIsFileThenEnvironmentThenScenarioThenSet() throws IOException
    {
        final Path file = dir.resolve("ringfence.conf");
        Files.writeString(file, "risk { maxDrawdownPercent = 30, equityFloor = 100 }\nheartbeat.intervalMillis = 2000\nloop.maxOpenPositions = 3\n");
        final RingfenceConfig c = new ConfigLoader()
            .file(file)
            .environment(Map.of("MAX_DRAWDOWN_PERCENT", "25", "MIN_EQUITY", "200"))
            .scenario(Map.of("risk.maxDrawdownPercent", 15, "loop.maxOpenPositions", 4))
            .sets(List.of("risk.maxDrawdownPercent=10"))
            .load();
        assertEquals(10, c.engine.maxDrawdownPercent);
        assertEquals(200, c.engine.equityFloor);
        assertEquals(2_000, c.engine.heartbeatIntervalMillis);
        assertEquals(4, c.engine.maxOpenPositions);
    }

    @Test
    void outOfRangeValuesNameTheKeyAndTheRange()
    {
        assertEquals("risk.maxDrawdownPercent = 0: outside the allowed range 1..99 (set by --set risk.maxDrawdownPercent)",
            failure(new ConfigLoader().environment(Map.of()).sets(List.of("risk.maxDrawdownPercent=0"))).getMessage());
        assertEquals("risk.maxDrawdownPercent = 100: outside the allowed range 1..99 (set by environment MAX_DRAWDOWN_PERCENT)",
            failure(new ConfigLoader().environment(Map.of("MAX_DRAWDOWN_PERCENT", "100"))).getMessage());
        assertEquals("risk.equityFloor = -1: must be a number >= 0 (set by environment MIN_EQUITY)",
            failure(new ConfigLoader().environment(Map.of("MIN_EQUITY", "-1"))).getMessage());
        assertTrue(failure(new ConfigLoader().environment(Map.of()).sets(List.of("risk.dailyLoss.timeZone=Mars/Olympus")))
            .getMessage().startsWith("risk.dailyLoss.timeZone = Mars/Olympus"));
        assertTrue(failure(new ConfigLoader().environment(Map.of()).sets(List.of("risk.dailyLoss.enabled=true")))
            .getMessage().startsWith("risk.dailyLoss.limit = 0.0: must be > 0"));
        assertTrue(failure(new ConfigLoader().environment(Map.of()).sets(List.of("ring.waitStrategy=spin-forever")))
            .getMessage().startsWith("ring.waitStrategy = spin-forever"));
        assertEquals("environment HEARTBEAT_INTERVAL_SECONDS = ten: not a number", assertThrows(IllegalArgumentException.class,
            () -> new ConfigLoader().environment(Map.of("HEARTBEAT_INTERVAL_SECONDS", "ten"))).getMessage());
    }

    @Test
    void aBotTokenThatWouldBreakTheRequestUrlIsRefusedWithoutEchoingIt()
    {
        final String message = failure(new ConfigLoader().environment(Map.of("TELEGRAM_BOT_TOKEN", "123:secret-part\n",
            "TELEGRAM_CHAT_ID", "99"))).getMessage();
        assertTrue(message.startsWith("alerts.telegram.token (TELEGRAM_BOT_TOKEN) is not a bot token"), message);
        assertFalse(message.contains("secret-part"), "the token never reaches a message: " + message);
    }

    @Test
    void aNumberWithSpacesAroundItIsRefusedNotGuessed()
    {
        assertEquals("environment MAX_DRAWDOWN_PERCENT = ' 30 ': spaces around the number", assertThrows(
            IllegalArgumentException.class, () -> new ConfigLoader().environment(Map.of("MAX_DRAWDOWN_PERCENT", " 30 "))).getMessage());
    }

    @Test
    void wrongTypesAreReportedWithTheKey()
    {
        assertTrue(failure(new ConfigLoader().environment(Map.of()).sets(List.of("risk.maxDrawdownPercent=lots")))
            .getMessage().contains("risk.maxDrawdownPercent"));
    }

    @Test
    void unknownKeysAreRejectedWhereverTheyComeFrom() throws IOException
    {
        final Path file = dir.resolve("typo.conf");
        Files.writeString(file, "risk.maxDrawdownPercnt = 10\n");
        assertTrue(failure(new ConfigLoader().environment(Map.of()).file(file)).getMessage()
            .startsWith("unknown configuration key 'risk.maxDrawdownPercnt'"));
        assertTrue(failure(new ConfigLoader().environment(Map.of()).scenario(Map.of("risk.floor", 3))).getMessage()
            .startsWith("unknown configuration key 'risk.floor'"));
        assertTrue(failure(new ConfigLoader().environment(Map.of()).sets(List.of("nonsense=1"))).getMessage()
            .startsWith("unknown configuration key 'nonsense'"));
    }

    @Test
    void aRenamedKeyIsRefusedWithItsNewName() throws IOException
    {
        final Path file = dir.resolve("old.conf");
        Files.writeString(file, "gateway.idleMaxParkMicros = 10000\n");
        final String message = failure(new ConfigLoader().environment(Map.of()).file(file)).getMessage();
        assertTrue(message.startsWith("configuration key 'gateway.idleMaxParkMicros' ("), message);
        assertTrue(message.contains("old.conf: 1"), message);
        assertTrue(message.endsWith(") was renamed: use gateway.idleWaitMillis, in whole milliseconds (10000 µs is 10)"), message);
    }

    @Test
    void secretsAndTokensComeFromTheEnvironment()
    {
        final RingfenceConfig c = new ConfigLoader().environment(Map.of(
            "RINGFENCE_GATEWAY_SECRET", "gw", "RINGFENCE_INGRESS_SECRET", "in", "RINGFENCE_ADMIN_TOKEN", "adm",
            "TELEGRAM_BOT_TOKEN", "bot", "TELEGRAM_CHAT_ID", "99")).load();
        assertEquals("gw", c.gateway.secret);
        assertEquals("in", c.http.hmacSecret);
        assertEquals("adm", c.http.adminToken);
        assertTrue(c.alerts.enabled());
        assertEquals("99", c.alerts.telegramChatId);
        assertFalse(new ConfigLoader().environment(Map.of()).load().alerts.enabled(), "alerts are off without a token");
        assertFalse(c.alerts.commandsOn(), "Telegram commands are off by default");
        assertEquals(java.util.List.of("99"), c.alerts.commandChats(), "commands come from the alert chat by default");
        final RingfenceConfig commands = new ConfigLoader().environment(Map.of("TELEGRAM_BOT_TOKEN", "bot", "TELEGRAM_CHAT_ID", "99"))
            .sets(List.of("alerts.telegram.commandsEnabled=true", "alerts.telegram.commandChatIds=[7, -100123]")).load();
        assertTrue(commands.alerts.commandsOn());
        assertEquals(List.of("7", "-100123"), commands.alerts.commandChats());
        assertEquals(List.of(), commands.alerts.commandUserIds, "any member of an allowed chat by default");
        final RingfenceConfig users = new ConfigLoader().environment(Map.of("TELEGRAM_BOT_TOKEN", "bot", "TELEGRAM_CHAT_ID", "99"))
            .sets(List.of("alerts.telegram.commandsEnabled=true", "alerts.telegram.commandUserIds=[123456789, \"42\"]")).load();
        assertEquals(List.of("123456789", "42"), users.alerts.commandUserIds);
        assertTrue(failure(new ConfigLoader().environment(Map.of())
                .sets(List.of("alerts.telegram.commandUserIds=[\"@someone\"]")))
            .getMessage().contains("alerts.telegram.commandUserIds"));
        assertTrue(failure(new ConfigLoader().environment(Map.of()).sets(List.of("alerts.telegram.commandsEnabled=true")))
            .getMessage().contains("alerts.telegram.token"));
    }

    @Test
    void loggingAndGatewaySettingsAreChecked()
    {
        assertEquals("logging.lifecycle = xml: use off, text or json (set by --set logging.lifecycle)",
            failure(new ConfigLoader().environment(Map.of()).sets(List.of("logging.lifecycle=xml"))).getMessage());
        assertTrue(failure(new ConfigLoader().environment(Map.of()).sets(List.of("gateway.bind=\"0.0.0.0\""))).getMessage()
            .startsWith("gateway.bind = 0.0.0.0: the gateway listens on loopback only"));
    }

    @Test
    void aMissingConfigFileIsAClearError()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ConfigLoader().file(dir.resolve("missing.conf")));
        assertTrue(ex.getMessage().endsWith("does not exist: check the path (without --config the defaults of ringfence-reference.conf apply)"),
            ex.getMessage());
    }
}
