package dev.ringfence.journal;

import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The codes every journaled enum is written as, frozen: a journal on disk means what these tables say. A new
 * constant adds a row with a new code; a row is never changed or removed (an old journal would change meaning).
 */
class JournalCodesTest
{
    private static final String SIDES = "BUY=0 SELL=1";
    private static final String GUARD_RULES = "MAX_DRAWDOWN=0 EQUITY_FLOOR=1 DAILY_LOSS=2 MANUAL=3";
    private static final String GUARD_STATES = "ACTIVE=0 REDUCE_ONLY=1 FLATTENING=2 LOCKED=3 LOCKED_DAY=4";
    private static final String CLOSE_REASONS =
        "GUARD_FLATTEN=0 STOP_LOSS=1 TAKE_PROFIT=2 MANUAL=3 STOP_OUT=4 ENGINE=5 UNKNOWN=6 LOCAL_FLOOR=7";
    private static final String ADMIN_COMMANDS = "START=0 STOP=1 HALT=2 RESUME=3 FLATTEN=4 REARM=5 REDUCE_ONLY=6 REBASE=7";
    private static final String INBOUND_TYPES = "SIGNAL=0 TICK=1 ACCOUNT=2 POSITIONS_BEGIN=3 POSITION=4 ORDER_RESULT=5 " +
        "POSITION_CLOSED=6 TIMER=7 ADMIN=8 TERMINAL_STATUS=9 BALANCE_OPERATION=10 CONFIG=11 JOURNAL_GAP=12 " +
        "SYMBOL_SPEC=13 SYMBOL_REFUSED=14";
    private static final String LIFECYCLE_TYPES = "SIGNAL_RECEIVED=0 SIGNAL_APPROVED=1 SIGNAL_REJECTED=2 " +
        "TRADE_EXECUTED=3 TRADE_FAILED=4 POSITION_CLOSED=5 LOOP_STARTED=6 LOOP_STOPPED=7 HEARTBEAT=8 GUARD_WARNING=9 " +
        "GUARD_TRIPPED=10 GUARD_STATE_CHANGED=11 FLATTEN_COMPLETED=12 GUARD_REARMED=13 DATA_DEGRADED=14 " +
        "DATA_RECOVERED=15 TERMINAL_CONNECTED=16 TERMINAL_DISCONNECTED=17 RECONCILED=18 CIRCUIT_OPENED=19 " +
        "CIRCUIT_CLOSED=20 CONFIG_CHANGED=21 CONFIG_REBASED=22 COMMAND_REFUSED=23 ERROR=24 JOURNAL_FAILED=25 " +
        "JOURNAL_RECOVERED=26 TRADING_HALTED=27 TRADING_RESUMED=28 SYMBOL_REFUSED=29 " +
        "TERMINAL_TRADING_NOT_PERMITTED=30 TERMINAL_TRADING_PERMITTED=31 POSITION_REDUCED=32 ORDER_WAITING=33";

    @Test
    void everyJournaledEnumKeepsItsCodes()
    {
        assertCodes(SIDES, Side.values(), Side::code, Side::fromCode);
        assertCodes(GUARD_RULES, GuardRule.values(), GuardRule::code, GuardRule::fromCode);
        assertCodes(GUARD_STATES, GuardState.values(), GuardState::code, GuardState::fromCode);
        assertCodes(CLOSE_REASONS, CloseReason.values(), CloseReason::code, CloseReason::fromCode);
        assertCodes(ADMIN_COMMANDS, AdminCommand.values(), AdminCommand::code, AdminCommand::fromCode);
        assertCodes(INBOUND_TYPES, InboundEventType.values(), InboundEventType::code, InboundEventType::fromCode);
        assertCodes(LIFECYCLE_TYPES, LifecycleEventType.values(), LifecycleEventType::code, LifecycleEventType::fromCode);
    }

    @Test
    void anUnknownCodeIsRefusedByName()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> CloseReason.fromCode(99));
        assertEquals("unknown CloseReason code 99", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Side.fromCode(-1));
        assertThrows(IllegalArgumentException.class, () -> InboundEventType.fromCode(InboundEventType.values().length));
    }

    private static <E extends Enum<E>> void assertCodes(
        final String frozen, final E[] values, final ToIntFunction<E> code, final IntFunction<E> fromCode)
    {
        final Map<String, Integer> expected = new LinkedHashMap<>();
        for (final String pair : frozen.split(" "))
        {
            final String[] nameAndCode = pair.split("=");
            expected.put(nameAndCode[0], Integer.parseInt(nameAndCode[1]));
        }
        final Map<String, Integer> actual = new LinkedHashMap<>();
        final Set<Integer> seen = new HashSet<>();
        for (final E value : values)
        {
            final int c = code.applyAsInt(value);
            actual.put(value.name(), c);
            assertTrue(seen.add(c), value + " repeats the code " + c);
            assertTrue(c >= 0 && c <= Byte.MAX_VALUE, value + " has a code that is not one byte: " + c);
            assertSame(value, fromCode.apply(c));
        }
        assertEquals(expected, actual, values[0].getDeclaringClass().getSimpleName() +
            ": a code changed, or a constant was removed or added without its row here");
    }
}
