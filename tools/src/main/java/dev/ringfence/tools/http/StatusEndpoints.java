package dev.ringfence.tools.http;

import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.TradePermissions;
import dev.ringfence.tools.LifecycleJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import static dev.ringfence.tools.http.HttpJson.list;
import static dev.ringfence.tools.http.HttpJson.num;
import static dev.ringfence.tools.http.HttpJson.quote;

/**
 * {@code GET /status} (the {@link StatusBoard}'s figures as JSON) and {@code GET /health} (200 or 503 with
 * the reasons, for supervisors and load balancers). Both read only the board's volatiles and the liveness
 * checks they are given: never the business thread's state.
 */
final class StatusEndpoints
{
    private final StatusBoard board;
    private final LongPredicate businessThreadAlive;
    private final long heartbeatIntervalMillis;
    private final long startedMillis = System.currentTimeMillis();
    /** Whether the gateway's I/O thread runs; always true when there is no gateway. */
    private volatile BooleanSupplier gatewayAlive = () -> true;
    /** A dependency's problem (the journal cannot write, say), or null; read on the HTTP threads. */
    private volatile Supplier<String> dependencyHealth = () -> null;

    StatusEndpoints(final StatusBoard board, final LongPredicate businessThreadAlive, final long heartbeatIntervalMillis)
    {
        this.board = board;
        this.businessThreadAlive = businessThreadAlive;
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
    }

    void gatewayAlive(final BooleanSupplier alive)
    {
        this.gatewayAlive = alive;
    }

    void dependencyHealth(final Supplier<String> problem)
    {
        this.dependencyHealth = problem;
    }

    void status(final Exchange exchange)
    {
        final StatusBoard b = board;
        exchange.reply(200, String.format(Locale.ROOT,
            "{\"time\":%d,\"guardState\":\"%s\",\"entries\":\"%s\",\"halted\":%b,\"degraded\":%b,\"reconciling\":%b," +
                "\"rebaseRequired\":%b,\"loopRunning\":%b," +
                "\"equity\":%s,\"balance\":%s,\"peak\":%s,\"drawdownPercent\":%s,\"drawdownRemainingPercent\":%s," +
                "\"equityFloorDistance\":%s,\"dailyLossUsedPercent\":%s,\"dailyLossRemaining\":%s,\"openPositions\":%d," +
                "\"pendingOrders\":%d,\"terminalConnected\":%b,\"lastHeartbeat\":%d,\"signalsReceived\":%d,\"tradesExecuted\":%d," +
                "\"tradesFailed\":%d,\"errors\":%d,%s,\"symbolsWithoutSpec\":%s,\"symbolsRefused\":%s,\"latency\":%s}",
            b.timeMillis, b.guardState, entries(b), b.halted, b.degraded, b.reconciling, b.rebaseRequired, b.loopRunning,
            num(b.equity), num(b.balance),
            num(b.peak), num(b.drawdownPercent), num(b.drawdownRemainingPercent), num(b.floorDistance),
            num(b.dailyLossUsedRatio * 100), num(b.dailyLossRemaining), b.openPositions, b.pendingOrders, b.terminalConnected,
            b.lastHeartbeatMillis, b.signalsReceived, b.tradesExecuted, b.tradesFailed, b.errors, tradePermissions(b.tradePermissions),
            list(b.symbolsWithoutSpec), list(b.symbolsRefused), latency(b)));
    }

    /** The terminal's four trade permissions, each true or false: all true means it may trade. */
    private static String tradePermissions(final int permissions)
    {
        return String.format(Locale.ROOT, "\"tradePermissions\":{\"terminal\":%b,\"program\":%b,\"account\":%b,\"expert\":%b}",
            TradePermissions.has(permissions, TradePermissions.TERMINAL), TradePermissions.has(permissions, TradePermissions.PROGRAM),
            TradePermissions.has(permissions, TradePermissions.ACCOUNT), TradePermissions.has(permissions, TradePermissions.EXPERT));
    }

    /**
     * The business thread's event processing latency since start, as the histogram {@code /metrics} exports:
     * event count, total microseconds, and the events per bucket (not cumulative) with the buckets' upper
     * bounds in microseconds, the last bucket above every bound. Two readings give the latency between them.
     */
    private static String latency(final StatusBoard b)
    {
        final StringBuilder json = new StringBuilder(256);
        json.append("{\"count\":").append(b.latencyCount()).append(",\"sumMicros\":")
            .append(num(b.latencySumSeconds() * 1e6)).append(",\"boundsMicros\":[");
        for (int i = 0; i < StatusBoard.LATENCY_BOUNDS_MICROS.length; i++)
        {
            json.append(i == 0 ? "" : ",").append(LifecycleJson.plain(StatusBoard.LATENCY_BOUNDS_MICROS[i]));
        }
        json.append("],\"buckets\":[");
        final long[] counts = b.latencyBuckets();
        for (int i = 0; i < counts.length; i++)
        {
            json.append(i == 0 ? "" : ",").append(counts[i]);
        }
        return json.append("]}").toString();
    }

    /** Whether new entries are taken, in one word: the reason they are refused, or the guard's state when they are not. */
    private static String entries(final StatusBoard b)
    {
        final String denial = b.entryDenial;
        return denial != null ? denial : b.guardState.name();
    }

    /**
     * 200 when the business and gateway threads are alive, no dependency reports a problem, the last heartbeat is recent,
     * the terminal is connected and permits trading.
     * An operator halt keeps 200 (the engine is working and guarding as told; a 503 would have supervisors
     * restart or fail over a deliberately halted engine) and says so: {@code "halted":true}, the reason in
     * {@code notes}.
     */
    void health(final Exchange exchange)
    {
        final long now = System.currentTimeMillis();
        final List<String> problems = new ArrayList<>();
        if (!businessThreadAlive.test(now))
        {
            problems.add("the business thread is not processing events");
        }
        if (!gatewayAlive.getAsBoolean())
        {
            problems.add("the gateway thread has stopped");
        }
        final long lastBeat = board.lastHeartbeatMillis;
        final long allowed = 2 * heartbeatIntervalMillis + 1_000;
        if (lastBeat == 0 ? now - startedMillis > allowed : now - lastBeat > allowed)
        {
            problems.add("no heartbeat for more than " + allowed + " ms");
        }
        if (!board.terminalConnected)
        {
            problems.add("the terminal is not connected");
        }
        if (board.accountMismatch)
        {
            problems.add("the terminal reports another account than the journal's: its figures are not guarded");
        }
        final int permissions = board.tradePermissions;
        if (!TradePermissions.allowTrading(permissions))
        {
            problems.add("the terminal does not permit trading (missing " + TradePermissions.missing(permissions) +
                "): new entries are denied, closes are still attempted");
        }
        final String dependencyProblem = dependencyHealth.get();
        if (dependencyProblem != null)
        {
            problems.add(dependencyProblem);
        }
        final boolean halted = board.halted;
        final String state = ",\"guardState\":" + quote(board.guardState.name()) + ",\"entries\":" + quote(entries(board)) +
            ",\"halted\":" + halted + (halted ? ",\"notes\":[\"halted by operator\"]" : "");
        if (problems.isEmpty())
        {
            exchange.reply(200, "{\"status\":\"ok\"" + state + "}");
            return;
        }
        final StringBuilder reasons = new StringBuilder();
        for (final String problem : problems)
        {
            reasons.append(reasons.length() == 0 ? "" : ",").append(quote(problem));
        }
        exchange.reply(503, "{\"status\":\"unhealthy\",\"reasons\":[" + reasons + "]" + state + "}");
    }
}
