package dev.ringfence.engine.event;

/**
 * MT5 trade server return codes (official numbers, BRIDGE.md) and the class that decides what the engine
 * does with each. Three Ringfence codes below 10000 extend the set for answers that do not come from a
 * trade server.
 */
public final class ReturnCodes
{
    /** Ringfence: a lookup by magic found no order, position or deal: the order never executed. */
    public static final int NOT_FOUND = 1;
    /** Ringfence: the terminal refused a command whose expiry had passed; nothing was sent. */
    public static final int EXPIRED_COMMAND = 2;
    /**
     * Ringfence: the terminal has a record that it sent this client order id but no order, position or deal with
     * that magic is visible yet (history not synchronised). The outcome is unknown: never resent, never taken
     * as {@link #NOT_FOUND}; asked again after a backoff.
     */
    public static final int LOOKUP_PENDING = 3;

    public static final int REQUOTE = 10004;
    public static final int REJECT = 10006;
    public static final int CANCEL = 10007;
    public static final int PLACED = 10008;
    public static final int DONE = 10009;
    public static final int DONE_PARTIAL = 10010;
    public static final int ERROR = 10011;
    public static final int TIMEOUT = 10012;
    public static final int INVALID = 10013;
    public static final int INVALID_VOLUME = 10014;
    public static final int INVALID_PRICE = 10015;
    public static final int INVALID_STOPS = 10016;
    public static final int TRADE_DISABLED = 10017;
    public static final int MARKET_CLOSED = 10018;
    public static final int NO_MONEY = 10019;
    public static final int PRICE_CHANGED = 10020;
    public static final int PRICE_OFF = 10021;
    public static final int TOO_MANY_REQUESTS = 10024;
    public static final int LOCKED = 10028;
    public static final int FROZEN = 10029;
    public static final int INVALID_FILL = 10030;
    public static final int CONNECTION = 10031;
    public static final int POSITION_CLOSED = 10036;
    public static final int CLOSE_ORDER_EXIST = 10039;
    public static final int LIMIT_POSITIONS = 10040;
    public static final int CLIENT_DISABLES_AT = 10027;
    public static final int CLOSE_ONLY = 10044;
    public static final int FIFO_CLOSE = 10045;
    public static final int HEDGE_PROHIBITED = 10046;

    /** What to do with a return code. */
    public enum Class
    {
        /** Filled (fully or partly) or placed. */
        SUCCESS,
        /** Transient: retry with the same client order id, after a backoff. */
        RETRY,
        /** Outcome unknown: the order may have executed. Resolve by lookup, never resend blindly. */
        AMBIGUOUS,
        /** The request itself is wrong (volume, price, stops, filling): resending it unchanged cannot help. */
        FIX_REQUEST,
        /** Refused for good. */
        REJECTED,
        /** A close found the position already gone: the close is done. */
        ALREADY_CLOSED,
        /** A close is already pending at the server: wait for it. */
        CLOSE_PENDING,
        /** Market closed: park the symbol until it trades again. */
        MARKET_CLOSED,
        /** Lookup answer: the order never executed. */
        NOT_FOUND,
        /** Lookup answer: the terminal cannot tell yet; the outcome stays unknown and is asked again later. */
        LOOKUP_PENDING
    }

    private ReturnCodes()
    {
    }

    public static Class classify(final int retcode)
    {
        switch (retcode)
        {
            case DONE:
            case PLACED:
            case DONE_PARTIAL:
                return Class.SUCCESS;
            case REQUOTE:
            case PRICE_CHANGED:
            case PRICE_OFF:
            case TOO_MANY_REQUESTS:
            case LOCKED:
            case FROZEN:
                return Class.RETRY;
            case TIMEOUT:
            case CONNECTION:
            case ERROR:
                return Class.AMBIGUOUS;
            case INVALID_FILL:
            case INVALID_VOLUME:
            case INVALID_PRICE:
            case INVALID_STOPS:
            case INVALID:
                return Class.FIX_REQUEST;
            case POSITION_CLOSED:
                return Class.ALREADY_CLOSED;
            case CLOSE_ORDER_EXIST:
                return Class.CLOSE_PENDING;
            case MARKET_CLOSED:
                return Class.MARKET_CLOSED;
            case NOT_FOUND:
                return Class.NOT_FOUND;
            case LOOKUP_PENDING:
                return Class.LOOKUP_PENDING;
            default:
                return Class.REJECTED;
        }
    }

    /** A constant, readable name for a code (no allocation). */
    public static String describe(final int retcode)
    {
        switch (retcode)
        {
            case NOT_FOUND: return "NOT_FOUND";
            case EXPIRED_COMMAND: return "EXPIRED_COMMAND";
            case LOOKUP_PENDING: return "LOOKUP_PENDING";
            case REQUOTE: return "REQUOTE";
            case REJECT: return "REJECT";
            case CANCEL: return "CANCEL";
            case PLACED: return "PLACED";
            case DONE: return "DONE";
            case DONE_PARTIAL: return "DONE_PARTIAL";
            case ERROR: return "ERROR";
            case TIMEOUT: return "TIMEOUT";
            case INVALID: return "INVALID";
            case INVALID_VOLUME: return "INVALID_VOLUME";
            case INVALID_PRICE: return "INVALID_PRICE";
            case INVALID_STOPS: return "INVALID_STOPS";
            case TRADE_DISABLED: return "TRADE_DISABLED";
            case MARKET_CLOSED: return "MARKET_CLOSED";
            case NO_MONEY: return "NO_MONEY";
            case PRICE_CHANGED: return "PRICE_CHANGED";
            case PRICE_OFF: return "PRICE_OFF";
            case TOO_MANY_REQUESTS: return "TOO_MANY_REQUESTS";
            case CLIENT_DISABLES_AT: return "CLIENT_DISABLES_AT";
            case LOCKED: return "LOCKED";
            case FROZEN: return "FROZEN";
            case INVALID_FILL: return "INVALID_FILL";
            case CONNECTION: return "CONNECTION";
            case POSITION_CLOSED: return "POSITION_CLOSED";
            case CLOSE_ORDER_EXIST: return "CLOSE_ORDER_EXIST";
            case LIMIT_POSITIONS: return "LIMIT_POSITIONS";
            case CLOSE_ONLY: return "CLOSE_ONLY";
            case FIFO_CLOSE: return "FIFO_CLOSE";
            case HEDGE_PROHIBITED: return "HEDGE_PROHIBITED";
            default: return "RETCODE_OTHER";
        }
    }
}
