package dev.ringfence.gateway.sim;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The paper terminal's report port for the simulator: every report becomes a protocol frame in the
 * send buffer, as the Expert Advisor would send it. Connection status is the socket itself, and a refused
 * symbol is the gateway's verdict: neither has a frame. A report that finds the buffer full is dropped
 * (the paper terminal does not retry). Sim thread only.
 */
final class WireReports extends InboundEntry
{
    /** MT5's DEAL_TYPE_BALANCE: the only kind of balance operation the paper broker makes. */
    private static final int DEAL_BALANCE = 2;

    private final SymbolTable symbols;
    private final ByteBuffer bytes;
    private final UnsafeBuffer buffer;

    WireReports(final SymbolTable symbols, final ByteBuffer bytes)
    {
        this.symbols = symbols;
        this.bytes = bytes;
        this.buffer = new UnsafeBuffer(bytes);
    }

    @Override
    protected void commit(final long slot)
    {
        final InboundEvent e = event();
        final int at = bytes.position();
        switch (e.type())
        {
            case TICK:
                if (room(Wire.TICK))
                {
                    advance(Wire.tick(buffer, at, e.timeMillis(), symbols.name(e.symbolId()), e.bid(), e.ask()));
                }
                break;
            case ACCOUNT:
                if (room(Wire.ACCOUNT))
                {
                    advance(Wire.account(buffer, at, e.reportTimeMillis(), e.login(), e.balance(), e.equity(), e.margin(),
                        e.freeMargin(), e.connected(), e.serverGmtOffsetSeconds(), e.tradePermissions()));
                }
                break;
            case POSITIONS_BEGIN:
                if (room(Wire.POSITIONS_BEGIN))
                {
                    advance(Wire.positionsBegin(buffer, at, e.timeMillis(), e.count()));
                }
                break;
            case POSITION:
                if (room(Wire.POSITION))
                {
                    advance(Wire.position(buffer, at, e.ticket(), symbols.name(e.symbolId()), e.side() == Side.BUY ? 0 : 1, e.volume(),
                        e.price(), e.profit(), e.magic()));
                }
                break;
            case ORDER_RESULT:
                if (room(Wire.ORDER_RESULT))
                {
                    advance(Wire.orderResult(buffer, at, e.timeMillis(), e.clientOrderId(), e.retcode(), e.ticket(), e.price(),
                        e.volume(), e.profit()));
                }
                break;
            case POSITION_CLOSED:
                if (room(Wire.POSITION_CLOSED))
                {
                    advance(Wire.positionClosed(buffer, at, e.timeMillis(), e.ticket(), e.profit(), Wire.closeReasonCode(e.closeReason()),
                        e.volume(), e.remainingVolume()));
                }
                break;
            case BALANCE_OPERATION:
                if (room(Wire.BALANCE_OPERATION))
                {
                    advance(Wire.balanceOperation(buffer, at, e.timeMillis(), e.amount(), e.ticket(), DEAL_BALANCE));
                }
                break;
            case SYMBOL_SPEC:
                // The paper broker names its symbols as the engine does.
                if (room(Wire.SYMBOL))
                {
                    final String name = symbols.name(e.symbolId());
                    advance(Wire.symbol(buffer, at, name, e.contractSize(), e.volumeMin(), e.volumeStep(), e.volumeMax(), e.digits(),
                        e.fillingModes(), name));
                }
                break;
            default:
                break; // TERMINAL_STATUS is the socket itself; SYMBOL_REFUSED the gateway's verdict
        }
    }

    private boolean room(final int type)
    {
        return bytes.remaining() >= Wire.HEADER_LENGTH + Wire.bodyLength(type);
    }

    private void advance(final int length)
    {
        bytes.position(bytes.position() + length);
    }
}
