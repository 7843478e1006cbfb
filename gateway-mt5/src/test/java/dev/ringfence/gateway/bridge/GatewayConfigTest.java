package dev.ringfence.gateway.bridge;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The gateway's settings: a copy carries every one of them. */
class GatewayConfigTest
{
    @Test
    void aCopyCarriesEverySetting() throws IllegalAccessException
    {
        final GatewayConfig original = new GatewayConfig();
        final GatewayConfig defaults = new GatewayConfig();
        for (final Field field : settings())
        {
            field.set(original, changed(field, field.get(original)));
            assertNotEquals(field.get(defaults), field.get(original), field.getName() + " changed for the test");
        }

        final GatewayConfig copy = original.copy();

        for (final Field field : settings())
        {
            assertEquals(field.get(original), field.get(copy), field.getName());
        }
    }

    private static Field[] settings()
    {
        return Arrays.stream(GatewayConfig.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()))
            .toArray(Field[]::new);
    }

    /** A value other than {@code value}, of the field's type; a new type of setting fails here until it is added. */
    private static Object changed(final Field field, final Object value)
    {
        final Class<?> type = field.getType();
        if (type == String.class)
        {
            return value + "-changed";
        }
        if (type == int.class)
        {
            return (Integer)value + 1;
        }
        if (type == long.class)
        {
            return (Long)value + 1;
        }
        if (type == double.class)
        {
            return (Double)value + 1;
        }
        throw new AssertionError("a setting of a type this test does not know: " + field);
    }
}
