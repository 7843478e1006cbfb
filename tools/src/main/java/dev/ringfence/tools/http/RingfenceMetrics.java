package dev.ringfence.tools.http;

import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.TradePermissions;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayCounters;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The engine's metrics for Prometheus, with the official client: every value is read from the
 * {@link StatusBoard} at scrape time (callbacks), so the business thread never touches the client.
 */
public final class RingfenceMetrics
{
    private RingfenceMetrics()
    {
    }

    public static PrometheusRegistry registry(final StatusBoard b, final LongSupplier ringBacklog)
    {
        final PrometheusRegistry r = new PrometheusRegistry();
        gauge(r, "ringfence_equity", "Account equity (account currency), from the last valid sample.", () -> b.equity);
        gauge(r, "ringfence_balance", "Account balance (account currency).", () -> b.balance);
        gauge(r, "ringfence_peak_equity", "The guard's peak equity since it was last armed.", () -> b.peak);
        gauge(r, "ringfence_drawdown_ratio", "Drawdown from the peak, 0..1.", () -> b.drawdownPercent / 100.0);
        gauge(r, "ringfence_drawdown_remaining_ratio", "Drawdown budget left before the cap trips, 0..1 (NaN when off).",
            () -> b.drawdownRemainingPercent / 100.0);
        gauge(r, "ringfence_equity_floor_distance", "Equity above the floor (account currency; NaN when off).", () -> b.floorDistance);
        gauge(r, "ringfence_daily_loss_ratio", "Share of today's loss budget used (NaN when off).", () -> b.dailyLossUsedRatio);
        gauge(r, "ringfence_daily_loss_remaining", "Today's loss budget left (account currency; NaN when off).", () -> b.dailyLossRemaining);
        gauge(r, "ringfence_open_positions", "Open positions.", () -> b.openPositions);
        gauge(r, "ringfence_pending_orders", "Orders in flight (entries and closes).", () -> b.pendingOrders);
        gauge(r, "ringfence_terminal_connected", "1 while the MT5 terminal is connected.", () -> b.terminalConnected ? 1 : 0);
        gauge(r, "ringfence_terminal_trade_permitted",
            "1 while the terminal reports every trade permission (0: new entries denied, closes still attempted).",
            () -> TradePermissions.allowTrading(b.tradePermissions) ? 1 : 0);
        gauge(r, "ringfence_halted", "1 while an operator halt is in force (new entries refused).", () -> b.halted ? 1 : 0);
        gauge(r, "ringfence_data_degraded", "1 while equity data is stale (entries denied).", () -> b.degraded ? 1 : 0);
        gauge(r, "ringfence_ring_backlog", "Inbound events published but not yet processed.", () -> ringBacklog.getAsLong());
        gauge(r, "ringfence_heartbeat_timestamp_seconds", "Event time of the last heartbeat (epoch seconds).",
            () -> b.lastHeartbeatMillis / 1000.0);
        GaugeWithCallback.builder()
            .name("ringfence_guard_state")
            .help("1 for the guard's current state, 0 for the others.")
            .labelNames("state")
            .callback(cb ->
            {
                final GuardState current = b.guardState;
                for (final GuardState state : GuardState.values())
                {
                    cb.call(state == current ? 1 : 0, state.name());
                }
            })
            .register(r);
        CounterWithCallback.builder()
            .name("ringfence_guard_trips")
            .help("Guard trips by rule.")
            .labelNames("rule")
            .callback(cb ->
            {
                for (final GuardRule rule : GuardRule.values())
                {
                    cb.call(b.tripsByRule.get(rule.ordinal()), rule.name());
                }
            })
            .register(r);
        CounterWithCallback.builder()
            .name("ringfence_signals")
            .help("Signals by outcome.")
            .labelNames("outcome")
            .callback(cb ->
            {
                cb.call(b.signalsReceived, "received");
                cb.call(b.signalsApproved, "approved");
                cb.call(b.signalsRejected, "rejected");
            })
            .register(r);
        CounterWithCallback.builder()
            .name("ringfence_trades")
            .help("Trades by outcome.")
            .labelNames("outcome")
            .callback(cb ->
            {
                cb.call(b.tradesExecuted, "executed");
                cb.call(b.tradesFailed, "failed");
            })
            .register(r);
        counter(r, "ringfence_errors", "ERROR events and failures of outbound ports.", () -> b.errors);
        counter(r, "ringfence_invalid_equity_samples", "Account reports the guard did not accept as valid samples.", () -> b.invalidSamples);
        counter(r, "ringfence_events", "Inbound events processed by the business logic.", () -> b.eventsProcessed);
        r.register(() -> latencyHistogram(b));
        return r;
    }

    /**
     * The gateway's own counters (the MT5 bridge, also used by paper mode over loopback), read from the
     * gateway's atomics at scrape time. Register only when a gateway runs.
     */
    public static PrometheusRegistry registerGateway(final PrometheusRegistry r, final Gateway g)
    {
        final GatewayCounters c = g.counters();
        gauge(r, "ringfence_gateway_up", "1 while the gateway's I/O thread runs (0: no terminal can connect).", () -> g.isAlive() ? 1 : 0);
        gauge(r, "ringfence_gateway_pending_handshakes", "Connections accepted that have not sent their HELLO yet.",
            () -> c.pendingHandshakes());
        gauge(r, "ringfence_gateway_terminal_connected", "1 while a terminal session is up (a valid HELLO, not yet closed).",
            () -> c.isTerminalConnected() ? 1 : 0);
        gauge(r, "ringfence_gateway_heartbeat_round_trip_seconds", "Round trip of the last heartbeat the terminal echoed (NaN before the first).",
            () -> c.lastRoundTripNanos() < 0 ? Double.NaN : c.lastRoundTripNanos() / 1e9);
        counter(r, "ringfence_gateway_reads_paused_ring_full",
            "Times the gateway stopped reading the terminal because the inbound ring was full (TCP pushes back on the terminal).",
            c::readPausesRingFull);
        counter(r, "ringfence_gateway_terminal_sessions", "Terminal sessions started (accepted HELLOs).", c::sessions);
        counter(r, "ringfence_gateway_protocol_errors", "Malformed or unexpected frames (each closed its connection).",
            c::protocolErrors);
        CounterWithCallback.builder()
            .name("ringfence_gateway_refused_handshakes")
            .help("Connections that did not become the terminal, by reason.")
            .labelNames("reason")
            .callback(cb ->
            {
                for (final Gateway.HandshakeRefusal reason : Gateway.HandshakeRefusal.values())
                {
                    cb.call(c.refusedHandshakes(reason), reason.name());
                }
            })
            .register(r);
        counter(r, "ringfence_gateway_accept_pauses", "Times accepting paused because refused handshakes came too fast.",
            c::acceptPauses);
        counter(r, "ringfence_gateway_unknown_symbols", "Ticks, specs and positions in symbols the engine does not know.",
            c::unknownSymbols);
        counter(r, "ringfence_gateway_bad_symbols",
            "Symbol specs refused (ERROR 18 BAD_SYMBOL): not finite, not positive or out of range; entries on them denied.",
            c::badSymbols);
        counter(r, "ringfence_gateway_commands_dropped_disconnected", "Engine commands dropped because no terminal was connected.",
            c::commandsDroppedWhileDisconnected);
        counter(r, "ringfence_gateway_thread_failures", "Failures caught on the gateway's I/O thread (each closed one connection).",
            c::threadFailures);
        return r;
    }

    /**
     * The engine's other dependencies: the journal's health (read from the journal at scrape time) and, when
     * alerts are on, the Telegram deliveries that failed. Each failure a dependency has is a number here.
     */
    public static PrometheusRegistry registerDependencies(
        final PrometheusRegistry r, final Supplier<String> journalProblem, final LongSupplier alertsFailed,
        final LongSupplier telegramPollFailures)
    {
        gauge(r, "ringfence_journal_healthy", "1 while the journal records every input (0: entries denied until it can again).",
            () -> journalProblem.get() == null ? 1 : 0);
        counter(r, "ringfence_alert_deliveries_failed", "Telegram alert deliveries that failed after their retries.", alertsFailed);
        counter(r, "ringfence_telegram_poll_failures",
            "Telegram getUpdates polls that failed (network, 429, 5xx, bad JSON); commands wait meanwhile.", telegramPollFailures);
        return r;
    }

    /** HTTP answers by endpoint and status (429s and 503s included); the HTTP API counts each answer once. */
    public static Counter httpResponses(final PrometheusRegistry r)
    {
        return Counter.builder()
            .name("ringfence_http_responses")
            .help("HTTP responses by endpoint and status code.")
            .labelNames("endpoint", "status")
            .register(r);
    }

    /** The event-processing latency the business thread records, as a classic Prometheus histogram. */
    private static HistogramSnapshot latencyHistogram(final StatusBoard b)
    {
        final int n = StatusBoard.LATENCY_BOUNDS_MICROS.length;
        final double[] bounds = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            bounds[i] = StatusBoard.LATENCY_BOUNDS_MICROS[i] / 1e6;
        }
        bounds[n] = Double.POSITIVE_INFINITY;
        final long[] counts = b.latencyBuckets();
        return new HistogramSnapshot(
            new MetricMetadata("ringfence_event_processing_seconds", "From an event's publication to the end of its processing."),
            List.of(new HistogramSnapshot.HistogramDataPointSnapshot(
                ClassicHistogramBuckets.of(bounds, counts), b.latencySumSeconds(), Labels.EMPTY, Exemplars.EMPTY, 0)));
    }

    private static void gauge(final PrometheusRegistry r, final String name, final String help, final DoubleSupplier value)
    {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(r);
    }

    private static void counter(final PrometheusRegistry r, final String name, final String help, final LongSupplier value)
    {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong())).register(r);
    }
}
