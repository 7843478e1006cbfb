package dev.ringfence.engine.event;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    void aPortGivenNoConstantReadsBackNone()
    {
        entry.ports().signals().signal(1, "s-1", 0, null, 0.1, 0, 0, 0, 0);

        assertEquals(InboundEventType.SIGNAL, entry.event().type());
        assertNull(entry.event().side());
    }

    @Test
    void aCopyCarriesTheConstants()
    {
        entry.ports().terminalReports().positionClosed(1, 2, -5, CloseReason.STOP_OUT, 0, 0);
        final InboundEvent copy = new InboundEvent();

        copy.copyFrom(entry.event());

        assertEquals(InboundEventType.POSITION_CLOSED, copy.type());
        assertEquals(CloseReason.STOP_OUT, copy.closeReason());
    }
}
