package dev.ringfence.tools;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleField;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes lifecycle events as JSON Lines in the SCENARIOS.md format: {@code t} (ms since the run's time
 * origin), {@code type}, then the fields the type declares ({@link LifecycleEventType#fields()}), each written
 * as its {@link LifecycleField.Kind} says. Money is rounded half-up to the account
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
        for (final LifecycleField field : e.type().fields())
        {
            field(b, e, field);
        }
        return b.append('}').toString();
    }

    private void field(final StringBuilder b, final LifecycleEvent e, final LifecycleField field)
    {
        final String name = field.jsonName();
        final Object value = field.valueIn(e);
        switch (field.kind())
        {
            case TEXT:
                string(b, name, value == null ? null : value.toString());
                break;
            case TEXT_IF_ANY:
                optional(b, name, value == null ? null : value.toString());
                break;
            case WHOLE:
                number(b, name, ((Number)value).longValue());
                break;
            case FLAG:
                bool(b, name, (Boolean)value);
                break;
            case SYMBOL:
                string(b, name, symbols.name(((Number)value).intValue()));
                break;
            case VOLUME:
                decimal(b, name, ((Number)value).doubleValue(), 2);
                break;
            case PRICE:
                decimal(b, name, ((Number)value).doubleValue(), priceDigits(e.symbolId()));
                break;
            case MONEY:
                decimal(b, name, ((Number)value).doubleValue(), currencyDigits);
                break;
            case PERCENT:
                decimal(b, name, ((Number)value).doubleValue(), 4);
                break;
            case THRESHOLD:
                // A percentage for the drawdown rule, an equity level (money) for the others.
                decimal(b, name, ((Number)value).doubleValue(), e.rule() == GuardRule.MAX_DRAWDOWN ? 4 : currencyDigits);
                break;
            case MICROS:
                decimal(b, name, ((Number)value).longValue() / 1000.0, 3);
                break;
            default:
                throw new IllegalStateException("no JSON form for " + field.kind());
        }
    }

    private int priceDigits(final int symbolId)
    {
        return symbols.isKnown(symbolId) ? symbols.spec(symbolId).digits() : 5;
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
