package dev.ringfence.tools.journal;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.journal.JournalCommand;
import dev.ringfence.tools.LifecycleJson;

/** Journal entries (inbound events, commands) as JSON objects, for {@code journal dump}. */
final class InboundJson
{
    private final SymbolTable symbols;
    private final SymbolNames names;
    private final OrderNew.Decoder orderNew = new OrderNew.Decoder();
    private final ClosePosition.Decoder closePosition = new ClosePosition.Decoder();

    InboundJson(final SymbolTable symbols)
    {
        this.symbols = symbols;
        this.names = new SymbolNames(symbols);
    }

    String toJson(final long index, final InboundEvent e)
    {
        final StringBuilder b = new StringBuilder(128);
        b.append("{\"index\":").append(index).append(",\"t\":").append(e.timeMillis()).append(",\"type\":\"").append(e.type()).append('"');
        switch (e.type())
        {
            case SIGNAL:
                text(b, "signalId", e.signalId());
                symbol(b, e.symbolId());
                text(b, "side", e.side() == null ? null : e.side().name());
                number(b, "volume", e.volume());
                number(b, "sl", e.stopLoss());
                number(b, "tp", e.takeProfit());
                b.append(",\"ttlMillis\":").append(e.ttlMillis()).append(",\"sourceT\":").append(e.sourceTimeMillis());
                break;
            case TICK:
                symbol(b, e.symbolId());
                number(b, "bid", e.bid());
                number(b, "ask", e.ask());
                break;
            case ACCOUNT:
                b.append(",\"login\":").append(e.login());
                number(b, "balance", e.balance());
                number(b, "equity", e.equity());
                number(b, "margin", e.margin());
                number(b, "freeMargin", e.freeMargin());
                b.append(",\"connected\":").append(e.connected()).append(",\"reportT\":").append(e.reportTimeMillis())
                    .append(",\"tradePermissions\":").append(e.tradePermissions());
                break;
            case POSITIONS_BEGIN:
                b.append(",\"count\":").append(e.count());
                break;
            case POSITION:
                b.append(",\"ticket\":").append(e.ticket());
                symbol(b, e.symbolId());
                text(b, "side", e.side() == null ? null : e.side().name());
                number(b, "volume", e.volume());
                number(b, "openPrice", e.price());
                number(b, "profit", e.profit());
                b.append(",\"magic\":").append(e.magic());
                break;
            case ORDER_RESULT:
                b.append(",\"clientOrderId\":").append(e.clientOrderId()).append(",\"retcode\":").append(e.retcode())
                    .append(",\"ticket\":").append(e.ticket());
                number(b, "price", e.price());
                number(b, "volume", e.volume());
                number(b, "profit", e.profit());
                break;
            case POSITION_CLOSED:
                b.append(",\"ticket\":").append(e.ticket());
                number(b, "profit", e.profit());
                text(b, "reason", e.closeReason() == null ? null : e.closeReason().name());
                number(b, "closedVolume", e.volume());
                number(b, "remainingVolume", e.remainingVolume());
                break;
            case ADMIN:
                text(b, "command", e.adminCommand() == null ? null : e.adminCommand().name());
                text(b, "actor", e.actor());
                if (e.adminCommandId() != 0)
                {
                    b.append(",\"commandId\":").append(e.adminCommandId());
                }
                break;
            case TERMINAL_STATUS:
                b.append(",\"connected\":").append(e.connected());
                if (e.connected() && !e.reportsSymbolSpecs())
                {
                    text(b, "note", "recorded before terminals reported symbol specs: the configured specs were in force");
                }
                break;
            case BALANCE_OPERATION:
                number(b, "amount", e.amount());
                b.append(",\"dealTicket\":").append(e.ticket());
                break;
            case SYMBOL_SPEC:
                symbol(b, e.symbolId());
                number(b, "contractSize", e.contractSize());
                number(b, "volumeMin", e.volumeMin());
                number(b, "volumeStep", e.volumeStep());
                number(b, "volumeMax", e.volumeMax());
                b.append(",\"digits\":").append(e.digits()).append(",\"fillingModes\":").append(e.fillingModes());
                break;
            case SYMBOL_REFUSED:
                symbol(b, e.symbolId());
                break;
            case CONFIG:
                text(b, "config", e.configText());
                break;
            case JOURNAL_GAP:
                b.append(",\"notJournaled\":").append(e.count());
                text(b, "note", "inputs before this entry were processed but not journaled; entries denied until an operator re-arms");
                break;
            default:
                break;
        }
        return b.append('}').toString();
    }

    /** A command's fields, read from the body the terminal was sent; a close names its position by its ticket alone, as the wire does. */
    String toJson(final long index, final JournalCommand c)
    {
        final StringBuilder b = new StringBuilder(128);
        b.append("{\"index\":").append(index).append(",\"t\":").append(c.timeMillis()).append(",\"type\":\"").append(c.typeName())
            .append("\",\"clientOrderId\":").append(c.clientOrderId());
        if (c.type() == OrderNew.TYPE)
        {
            final OrderNew.Decoder order = orderNew.wrap(c.body(), c.offset());
            text(b, "symbol", symbols.name(order.symbolId(names)));
            text(b, "side", order.side().name());
            number(b, "volume", order.volume());
            number(b, "sl", order.stopLoss());
            number(b, "tp", order.takeProfit());
            b.append(",\"expiresAt\":").append(order.expiresAt());
        }
        else if (c.type() == ClosePosition.TYPE)
        {
            final ClosePosition.Decoder close = closePosition.wrap(c.body(), c.offset());
            b.append(",\"ticket\":").append(close.ticket());
            number(b, "volume", close.volume());
        }
        return b.append('}').toString();
    }

    /**
     * The symbol by name; one the journal's recorded configuration does not know (an adapter journals
     * {@code SymbolTable.UNKNOWN} for a name no configured symbol has) as null, with the id the journal holds.
     */
    private void symbol(final StringBuilder b, final int symbolId)
    {
        if (symbols.isKnown(symbolId))
        {
            text(b, "symbol", symbols.name(symbolId));
        }
        else
        {
            b.append(",\"symbol\":null,\"symbolId\":").append(symbolId);
        }
    }

    private static void text(final StringBuilder b, final String name, final String value)
    {
        LifecycleJson.string(b, name, value);
    }

    private static void number(final StringBuilder b, final String name, final double value)
    {
        b.append(",\"").append(name).append("\":").append(Double.isFinite(value) ? LifecycleJson.plain(value) : "null");
    }
}
