package dev.ringfence.engine.event;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link LifecycleEventWriter}'s methods are the declaration on {@link LifecycleEventType}: one per type, named after
 * it, taking the type's fields in their order, each argument landing in the field declared at its place.
 */
class LifecycleSchemaTest
{
    private final LifecycleEvent emitted = new LifecycleEvent();
    private final LifecycleEventWriter writer = LifecycleEventWriter.to(emitted::copyFrom);

    @Test
    void everyTypeHasOneMethodAndEveryMethodOneType()
    {
        final Set<String> expected = new TreeSet<>();
        for (final LifecycleEventType type : LifecycleEventType.values())
        {
            expected.add(methodName(type));
        }
        assertEquals(expected, new TreeSet<>(writerMethods().keySet()));
    }

    @Test
    void eachMethodTakesItsTypesFieldsInOrderAndFillsThem() throws Exception
    {
        final Map<String, Method> methods = writerMethods();
        for (final LifecycleEventType type : LifecycleEventType.values())
        {
            if (type == LifecycleEventType.HEARTBEAT)
            {
                continue;
            }
            final Method method = methods.get(methodName(type));
            final Class<?>[] parameters = method.getParameterTypes();
            final List<LifecycleField> fields = type.fields();
            assertEquals(long.class, parameters[0], method.getName() + " takes the time first");
            assertEquals(fields.size(), parameters.length - 1, method.getName() + " takes " + fields);
            final Object[] arguments = new Object[parameters.length];
            arguments[0] = 1_000L + type.code();
            for (int i = 1; i < parameters.length; i++)
            {
                arguments[i] = sample(parameters[i], i);
            }
            method.invoke(writer, arguments);
            assertEquals(type, emitted.type());
            assertEquals(1_000L + type.code(), emitted.timeMillis());
            for (int i = 0; i < fields.size(); i++)
            {
                assertEquals(String.valueOf(arguments[i + 1]), String.valueOf(fields.get(i).valueIn(emitted)),
                    method.getName() + "'s argument " + (i + 1) + " is " + type + "." + fields.get(i));
            }
        }
    }

    @Test
    void aHeartbeatCarriesEveryFigureItDeclares() throws Exception
    {
        writer.heartbeat(5, new HeartbeatData());
        final Object[] blank = new Object[LifecycleEventType.HEARTBEAT.fields().size()];
        for (int i = 0; i < blank.length; i++)
        {
            blank[i] = LifecycleEventType.HEARTBEAT.fields().get(i).valueIn(emitted);
        }
        final HeartbeatData figures = new HeartbeatData();
        int i = 1;
        for (final Field field : HeartbeatData.class.getFields())
        {
            field.set(figures, sample(field.getType(), i++));
        }
        writer.heartbeat(6, figures);
        assertEquals(LifecycleEventType.HEARTBEAT, emitted.type());
        for (int f = 0; f < blank.length; f++)
        {
            final LifecycleField field = LifecycleEventType.HEARTBEAT.fields().get(f);
            assertNotEquals(blank[f], field.valueIn(emitted), field + " reads a figure the heartbeat is given");
        }
        assertEquals(figures.equity, emitted.equity());
        assertEquals(figures.peak, emitted.peak());
        assertEquals(figures.drawdownPercent, emitted.drawdownPercent());
    }

    @Test
    void everyFieldBelongsToSomeType()
    {
        final Set<LifecycleField> used = EnumSet.noneOf(LifecycleField.class);
        for (final LifecycleEventType type : LifecycleEventType.values())
        {
            used.addAll(type.fields());
        }
        assertEquals(EnumSet.allOf(LifecycleField.class), used);
    }

    @Test
    void aTypeNamesEachOfItsFieldsOnce()
    {
        for (final LifecycleEventType type : LifecycleEventType.values())
        {
            final Set<String> names = new TreeSet<>();
            for (final LifecycleField field : type.fields())
            {
                assertTrue(names.add(field.jsonName()), type + " has two fields named " + field.jsonName());
            }
        }
    }

    /** The public instance methods, by name; a name given twice (an overload) fails. */
    private static Map<String, Method> writerMethods()
    {
        final Map<String, Method> methods = new HashMap<>();
        for (final Method method : LifecycleEventWriter.class.getDeclaredMethods())
        {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
            {
                assertNull(methods.put(method.getName(), method), method.getName() + " is overloaded");
            }
        }
        return methods;
    }

    /** SIGNAL_REJECTED: signalRejected. */
    static String methodName(final LifecycleEventType type)
    {
        final StringBuilder name = new StringBuilder();
        for (final String word : type.name().toLowerCase().split("_"))
        {
            name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    /** A value of {@code type} that differs with {@code i} and from the type's default. */
    private static Object sample(final Class<?> type, final int i)
    {
        if (type == long.class)
        {
            return 1_000_000L + i;
        }
        if (type == int.class)
        {
            return 100 + i;
        }
        if (type == double.class)
        {
            return i + 0.25;
        }
        if (type == boolean.class)
        {
            return true;
        }
        if (type == String.class)
        {
            return "text-" + i;
        }
        if (type.isEnum())
        {
            final Object[] constants = type.getEnumConstants();
            return constants[i % constants.length];
        }
        throw new AssertionError("no sample of " + type);
    }
}
