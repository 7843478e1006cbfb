package dev.ringfence.tools.http;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.tools.LifecycleJson;

import java.util.regex.Pattern;

/**
 * The latest lifecycle events as JSON, numbered from 1, for {@code GET /events}: a consumer on the
 * lifecycle thread (never the business thread) writes, HTTP threads read. Heartbeats are left out: they
 * would push the events an operator looks for (trips, flattens, trades, commands) out of a bounded buffer,
 * and {@code /status} already carries what they say. Each event is the lifecycle JSON of SCENARIOS.md with
 * {@code seq} first, {@code t} in epoch milliseconds, and {@code clientOrderId} as a string.
 */
public final class RecentEvents
{
    /** Client order ids use all 64 bits: as JSON numbers, JavaScript would round them. */
    private static final Pattern ORDER_ID = Pattern.compile("\"clientOrderId\":(-?\\d+)");

    private final LifecycleJson json;
    private final String[] ring;
    private long last;

    public RecentEvents(final SymbolTable symbols, final int currencyDigits, final int capacity)
    {
        this.json = new LifecycleJson(symbols, currencyDigits, 0);
        this.ring = new String[capacity];
    }

    /** Lifecycle thread: keeps {@code event} (its time {@code t} in epoch milliseconds) with the next number. */
    public void accept(final LifecycleEvent event)
    {
        if (event.type() == LifecycleEventType.HEARTBEAT)
        {
            return;
        }
        final String text = ORDER_ID.matcher(json.toJson(event)).replaceFirst("\"clientOrderId\":\"$1\"");
        synchronized (this)
        {
            last++;
            ring[(int)(last % ring.length)] = "{\"seq\":" + last + "," + text.substring(1);
        }
    }

    /**
     * The kept events numbered above {@code after}, oldest first, at most {@code max} of the newest:
     * {@code {"last":N,"events":[...]}}, where {@code last} is the number to ask after next time. A number
     * above {@code last} (asked of an engine that restarted since) is taken as 0.
     */
    public String since(final long after, final int max)
    {
        final StringBuilder b = new StringBuilder(4096);
        synchronized (this)
        {
            final long oldestKept = Math.max(1, last - ring.length + 1);
            // A number above the last one was given by a previous run of the engine: start again from the oldest.
            final long start = after > last ? 0 : after;
            final long from = Math.max(Math.max(start + 1, oldestKept), last - max + 1);
            b.append("{\"last\":").append(last).append(",\"events\":[");
            for (long seq = from; seq <= last; seq++)
            {
                b.append(seq == from ? "" : ",").append(ring[(int)(seq % ring.length)]);
            }
        }
        return b.append("]}").toString();
    }
}
