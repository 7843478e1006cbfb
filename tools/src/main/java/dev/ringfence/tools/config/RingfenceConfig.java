package dev.ringfence.tools.config;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.paper.PaperTerminalConfig;
import dev.ringfence.tools.alerts.AlertConfig;
import dev.ringfence.tools.http.HttpConfig;
import net.openhft.chronicle.bytes.SyncMode;

import java.nio.file.Path;

/** The whole validated configuration of one run: engine, ring, simulated terminal, scenario clock. */
public final class RingfenceConfig
{
    public final EngineConfig engine;
    public final SymbolTable symbols;
    public final PaperTerminalConfig terminal;
    public final int ringSize;
    public final String waitStrategy;
    public final long timerMillis;
    public final long scenarioStartMillis;
    public final Path journalDir;
    public final SyncMode journalSyncMode;
    /** {@code journal.thread}, resolved: where the journal writes (auto has chosen by the machine's cores). */
    public final Engine.GatePlacement journalPlacement;
    public final GatewayConfig gateway;
    public final HttpConfig http;
    public final AlertConfig alerts;
    /** {@code logging.lifecycle}: off, text or json. */
    public final String lifecycleLog;

    RingfenceConfig(
        final EngineConfig engine,
        final PaperTerminalConfig terminal,
        final int ringSize,
        final String waitStrategy,
        final long timerMillis,
        final long scenarioStartMillis,
        final Path journalDir,
        final SyncMode journalSyncMode,
        final Engine.GatePlacement journalPlacement,
        final GatewayConfig gateway,
        final HttpConfig http,
        final AlertConfig alerts,
        final String lifecycleLog)
    {
        this.engine = engine;
        this.symbols = new SymbolTable(engine.symbols);
        this.terminal = terminal;
        this.ringSize = ringSize;
        this.waitStrategy = waitStrategy;
        this.timerMillis = timerMillis;
        this.scenarioStartMillis = scenarioStartMillis;
        this.journalDir = journalDir;
        this.journalSyncMode = journalSyncMode;
        this.journalPlacement = journalPlacement;
        this.gateway = gateway;
        this.http = http;
        this.alerts = alerts;
        this.lifecycleLog = lifecycleLog;
    }
}
