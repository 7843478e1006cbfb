package dev.ringfence.tools;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.HeartbeatData;
import dev.ringfence.engine.event.LifecycleEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes lifecycle events as JSON Lines in the SCENARIOS.md format: {@code t} (ms since the run's time
 * origin), {@code type}, then the fields of that type. Money is rounded half-up to the account
 * currency's digits, prices to the symbol's digits, percentages to 4 decimals, so output is stable
 * byte for byte. Runs off the business thread (or, in scenario runs, on the single driving thread).
 */
public final class LifecycleJson
{
    private final SymbolTable symbols;
    private final int currencyDigits;
    private final long originMillis;

    public LifecycleJson(final SymbolTable symbols, final int currencyDigits, final long originMillis)
    {
        this.symbols = symbols;
        this.currencyDigits = currencyDigits;
        this.originMillis = originMillis;
    }

    public String toJson(final LifecycleEvent e)
    {
        final StringBuilder b = new StringBuilder(160);
        b.append("{\"t\":").append(e.timeMillis() - originMillis).append(",\"type\":\"").append(e.type().name()).append('"');
        switch (e.type())
        {
            case SIGNAL_RECEIVED:
                string(b, "signalId", e.signalId());
                symbol(b, e.symbolId());
                break;
            case SIGNAL_APPROVED:
                string(b, "signalId", e.signalId());
                number(b, "clientOrderId", e.clientOrderId());
                symbol(b, e.symbolId());
                string(b, "side", e.side() == null ? null : e.side().name());
                decimal(b, "volume", e.volume(), 2);
                break;
            case SIGNAL_REJECTED:
                string(b, "signalId", e.signalId());
                string(b, "reason", e.reason());
                optional(b, "detail", e.detail());
                break;
            case TRADE_EXECUTED:
                string(b, "signalId", e.signalId());
                number(b, "clientOrderId", e.clientOrderId());
                number(b, "ticket", e.ticket());
                symbol(b, e.symbolId());
                string(b, "side", e.side().name());
                decimal(b, "volume", e.volume(), 2);
                decimal(b, "price", e.price(), priceDigits(e.symbolId()));
                optional(b, "detail", e.detail());
                break;
            case TRADE_FAILED:
                string(b, "signalId", e.signalId());
                number(b, "clientOrderId", e.clientOrderId());
                symbol(b, e.symbolId());
                number(b, "retcode", e.retcode());
                string(b, "reason", e.reason());
                break;
            case POSITION_CLOSED:
                number(b, "ticket", e.ticket());
                symbol(b, e.symbolId());
                string(b, "side", e.side() == null ? null : e.side().name());
                decimal(b, "volume", e.volume(), 2);
                decimal(b, "profit", e.profit(), currencyDigits);
                string(b, "reason", e.reason());
                break;
            case POSITION_REDUCED:
                number(b, "ticket", e.ticket());
                symbol(b, e.symbolId());
                string(b, "side", e.side() == null ? null : e.side().name());
                decimal(b, "volume", e.volume(), 2);
                decimal(b, "remainingVolume", e.remainingVolume(), 2);
                decimal(b, "profit", e.profit(), currencyDigits);
                string(b, "reason", e.reason());
                break;
            case ORDER_WAITING:
                string(b, "signalId", e.signalId());
                number(b, "clientOrderId", e.clientOrderId());
                symbol(b, e.symbolId());
                number(b, "retcode", e.retcode());
                string(b, "reason", e.reason());
                number(b, "waitMillis", e.ageMillis());
                break;
            case SYMBOL_REFUSED:
                symbol(b, e.symbolId());
                string(b, "reason", e.reason());
                optional(b, "detail", e.detail());
                break;
            case TERMINAL_TRADING_NOT_PERMITTED:
                string(b, "missing", e.reason());
                number(b, "permissions", e.count());
                break;
            case TERMINAL_TRADING_PERMITTED:
                number(b, "permissions", e.count());
                break;
            case LOOP_STARTED:
                optional(b, "actor", e.actor());
                break;
            case LOOP_STOPPED:
                number(b, "openPositions", e.count());
                number(b, "pendingOrders", e.pendingOrders());
                break;
            case HEARTBEAT:
                heartbeat(b, e.heartbeat());
                break;
            case GUARD_WARNING:
                string(b, "rule", e.rule().name());
                number(b, "levelPercent", e.levelPercent());
                decimal(b, "usedPercent", e.usedPercent(), 4);
                decimal(b, "equity", e.equity(), currencyDigits);
                decimal(b, "peak", e.peak(), currencyDigits);
                break;
            case GUARD_TRIPPED:
                string(b, "rule", e.rule().name());
                decimal(b, "equity", e.equity(), currencyDigits);
                decimal(b, "peak", e.peak(), currencyDigits);
                decimal(b, "drawdownPercent", e.drawdownPercent(), 4);
                // A percentage for the drawdown rule, an equity level (money) for the others.
                decimal(b, "threshold", e.threshold(), e.rule() == GuardRule.MAX_DRAWDOWN ? 4 : currencyDigits);
                break;
            case GUARD_STATE_CHANGED:
                string(b, "from", e.fromState().name());
                string(b, "to", e.toState().name());
                break;
            case FLATTEN_COMPLETED:
                number(b, "positionsClosed", e.count());
                decimal(b, "equity", e.equity(), currencyDigits);
                break;
            case GUARD_REARMED:
                decimal(b, "peak", e.peak(), currencyDigits);
                decimal(b, "oldPeak", e.oldPeak(), currencyDigits);
                decimal(b, "equity", e.equity(), currencyDigits);
                optional(b, "actor", e.actor());
                optional(b, "reason", e.reason());
                break;
            case DATA_DEGRADED:
                number(b, "lastValidSampleAgeMillis", e.ageMillis());
                break;
            case DATA_RECOVERED:
                decimal(b, "equity", e.equity(), currencyDigits);
                break;
            case RECONCILED:
                number(b, "differences", e.count());
                break;
            case CIRCUIT_OPENED:
                number(b, "consecutiveFailures", e.count());
                break;
            case CONFIG_CHANGED:
                string(b, "reason", e.reason());
                optional(b, "changes", e.detail());
                break;
            case CONFIG_REBASED:
                decimal(b, "peak", e.peak(), currencyDigits);
                decimal(b, "oldPeak", e.oldPeak(), currencyDigits);
                optional(b, "actor", e.actor());
                break;
            case TRADING_HALTED:
            case TRADING_RESUMED:
                optional(b, "actor", e.actor());
                break;
            case COMMAND_REFUSED:
                string(b, "command", e.command() == null ? null : e.command().name());
                string(b, "reason", e.reason());
                optional(b, "actor", e.actor());
                break;
            case ERROR:
            case JOURNAL_FAILED:
            case JOURNAL_RECOVERED:
                string(b, "reason", e.reason());
                optional(b, "detail", e.detail());
                break;
            default:
                break;
        }
        return b.append('}').toString();
    }

    private void heartbeat(final StringBuilder b, final HeartbeatData h)
    {
        number(b, "loopId", h.loopId);
        number(b, "uptimeMillis", h.uptimeMillis);
        decimal(b, "equity", h.equity, currencyDigits);
        decimal(b, "peak", h.peak, currencyDigits);
        decimal(b, "drawdownPercent", h.drawdownPercent, 4);
        string(b, "guardState", h.guardState.name());
        bool(b, "degraded", h.degraded);
        bool(b, "reconciling", h.reconciling);
        bool(b, "terminalConnected", h.terminalConnected);
        number(b, "openPositions", h.openPositions);
        number(b, "pendingOrders", h.pendingOrders);
        number(b, "signalsReceived", h.signalsReceived);
        number(b, "signalsApproved", h.signalsApproved);
        number(b, "signalsRejected", h.signalsRejected);
        number(b, "tradesExecuted", h.tradesExecuted);
        number(b, "tradesFailed", h.tradesFailed);
        number(b, "errors", h.errors);
        number(b, "intervalSignalsReceived", h.intervalSignalsReceived);
        number(b, "intervalTradesExecuted", h.intervalTradesExecuted);
        number(b, "intervalTradesFailed", h.intervalTradesFailed);
        number(b, "intervalErrors", h.intervalErrors);
        number(b, "invalidSamples", h.invalidSamples);
        number(b, "lastValidSampleAgeMillis", h.lastValidSampleAgeMillis);
        number(b, "ringBacklog", h.ringBacklog);
        decimal(b, "latencyP50Micros", h.latencyP50Nanos / 1000.0, 3);
        decimal(b, "latencyP99Micros", h.latencyP99Nanos / 1000.0, 3);
        decimal(b, "latencyMaxMicros", h.latencyMaxNanos / 1000.0, 3);
    }

    private int priceDigits(final int symbolId)
    {
        return symbols.isKnown(symbolId) ? symbols.spec(symbolId).digits() : 5;
    }

    private void symbol(final StringBuilder b, final int symbolId)
    {
        string(b, "symbol", symbols.name(symbolId));
    }

    /** Appends {@code ,"name":"value"} with the value JSON-escaped ({@code null} for null). */
    public static void string(final StringBuilder b, final String name, final String value)
    {
        b.append(",\"").append(name).append("\":");
        if (value == null)
        {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        b.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    private static void optional(final StringBuilder b, final String name, final String value)
    {
        if (value != null)
        {
            string(b, name, value);
        }
    }

    private static void number(final StringBuilder b, final String name, final long value)
    {
        b.append(",\"").append(name).append("\":").append(value);
    }

    private static void bool(final StringBuilder b, final String name, final boolean value)
    {
        b.append(",\"").append(name).append("\":").append(value);
    }

    /** A plain JSON number rounded half-up to {@code digits}; never exponent notation, never -0. */
    static void decimal(final StringBuilder b, final String name, final double value, final int digits)
    {
        b.append(",\"").append(name).append("\":").append(format(value, digits));
    }

    /** A double as a plain JSON number, as exact as the double (no exponent). */
    public static String plain(final double value)
    {
        final BigDecimal exact = BigDecimal.valueOf(value);
        return exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString();
    }

    static String format(final double value, final int digits)
    {
        if (!Double.isFinite(value))
        {
            return "null";
        }
        final BigDecimal rounded = BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP);
        if (rounded.signum() == 0)
        {
            return "0";
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
