package dev.ringfence.engine.event;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ring's entry: what a producer stores into it on every publish, and what its readers get back. */
class RingEntryTest
{
    private final InboundEntry entry = new InboundEntry();

    @Test
    void anEntryHoldsNoReferenceButTheStringsOfRareEvents()
    {
        // A reference stored into a long-lived entry dirties a GC card on every publish (see InboundEvent).
        final List<String> references = Arrays.stream(InboundEvent.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive())
            .map(Field::getName)
            .sorted()
            .collect(Collectors.toList());

        assertEquals(List.of("actor", "configText", "signalId"), references);
    }

    @Test
    void everyEnumConstantAPortIsGivenIsReadBack()
    {
        for (final Side side : Side.values())
        {
            entry.ports().terminalReports().position(1, 2, 0, side, 1.0, 1.1, 0, 0);
            assertEquals(InboundEventType.POSITION, entry.event().type());
            assertEquals(side, entry.event().side());
        }
        for (final CloseReason reason : CloseReason.values())
        {
            entry.ports().terminalReports().positionClosed(1, 2, -5, reason, 0, 0);
            assertEquals(InboundEventType.POSITION_CLOSED, entry.event().type());
            assertEquals(reason, entry.event().closeReason());
        }
        for (final AdminCommand command : AdminCommand.values())
        {
            entry.ports().operatorCommands().admin(1, command, "operator", 0);
            assertEquals(InboundEventType.ADMIN, entry.event().type());
            assertEquals(command, entry.event().adminCommand());
        }
    }

    @Test
    void aPortGivenNoConstantReadsBackNoneOverAnEarlierOne()
    {
        entry.ports().signals().signal(1, "s-1", 0, Side.BUY, 0.1, 0, 0, 0, 0);
        entry.ports().signals().signal(2, "s-2", 0, null, 0.1, 0, 0, 0, 0);
        entry.ports().terminalReports().positionClosed(3, 2, -5, CloseReason.MANUAL, 0, 0);
        entry.ports().terminalReports().positionClosed(4, 2, -5, null, 0, 0);
        entry.ports().operatorCommands().admin(5, AdminCommand.HALT, "operator", 0);
        entry.ports().operatorCommands().admin(6, null, "operator", 0);

        assertNull(entry.event().side());
        assertNull(entry.event().closeReason());
        assertNull(entry.event().adminCommand());
    }

    @Test
    void everyEnumFitsTheByteItIsHeldIn()
    {
        for (final Class<? extends Enum<?>> type : List.of(InboundEventType.class, Side.class, CloseReason.class, AdminCommand.class))
        {
            assertTrue(type.getEnumConstants().length <= Byte.MAX_VALUE, type.getSimpleName());
        }
    }

    @Test
    void aCopyCarriesEveryField() throws IllegalAccessException
    {
        final InboundEvent original = new InboundEvent();
        final InboundEvent fresh = new InboundEvent();
        int distinct = 1;
        for (final Field field : copiedFields())
        {
            field.set(original, distinctValue(field.getType(), distinct++));
            assertNotEquals(field.get(fresh), field.get(original), field.getName() + " set apart from a new entry's");
        }
        final InboundEvent copy = new InboundEvent();

        copy.copyFrom(original);

        for (final Field field : copiedFields())
        {
            assertEquals(field.get(original), field.get(copy), field.getName());
        }
    }

    private static List<Field> copiedFields()
    {
        return Arrays.stream(InboundEvent.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()) && !NOT_COPIED.contains(f.getName()))
            .peek(f -> f.setAccessible(true))
            .collect(Collectors.toList());
    }

    /** A value of {@code type} that no other field gets and no new entry holds; a new type of field fails here. */
    private static Object distinctValue(final Class<?> type, final int distinct)
    {
        if (type == long.class)
        {
            return (long)distinct;
        }
        if (type == int.class)
        {
            return distinct;
        }
        if (type == double.class)
        {
            return distinct + 0.5;
        }
        if (type == byte.class)
        {
            return (byte)1; // a valid ordinal of every enum held, unlike the new entry's
        }
        if (type == boolean.class)
        {
            return true;
        }
        if (type == String.class)
        {
            return "field-" + distinct;
        }
        throw new AssertionError("a field of a type this test does not know: " + type);
    }

    /** The claiming producer's slot and the journal gate's mark belong to the ring, not to the event. */
    private static final Set<String> NOT_COPIED = Set.of("claimedSlot", "notJournaled");
}
