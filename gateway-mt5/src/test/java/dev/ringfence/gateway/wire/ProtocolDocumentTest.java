package dev.ringfence.gateway.wire;

import dev.ringfence.engine.command.Commands;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * PROTOCOL.md's message table is what the Expert Advisor is written from: it must say what {@link Wire} does.
 * Every row's type and length, and every field's offset and size, are checked against Wire; the body cells
 * keep the form {@code (NN bytes)} at their end, which other tools parse too.
 */
class ProtocolDocumentTest
{
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| ([A-Z_]+) \\| [^|]+ \\| (.+) \\|$");
    private static final Pattern LENGTH = Pattern.compile("\\((\\d+) bytes\\)$");
    private static final Pattern FIELD = Pattern.compile("(\\d+): (\\w+) (int64|int32|double|char\\[(\\d+)\\])");

    private static List<String> rows() throws Exception
    {
        final String text = Files.readString(Path.of("PROTOCOL.md"), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# The Ringfence bridge protocol, version " + Wire.VERSION + "\n"), "the title names the version");
        final List<String> rows = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            if (ROW.matcher(line).matches())
            {
                rows.add(line);
            }
        }
        return rows;
    }

    @Test
    void everyMessageOfTheTableHasWiresTypeLengthAndFieldOffsets() throws Exception
    {
        final Set<Integer> documented = new HashSet<>();
        for (final String row : rows())
        {
            final Matcher m = ROW.matcher(row);
            assertTrue(m.matches());
            final int type = Integer.parseInt(m.group(1));
            final String name = m.group(2);
            final String body = m.group(3).trim();
            documented.add(type);
            assertEquals(type, Wire.class.getField(name).getInt(null), name + "'s type");

            final Matcher length = LENGTH.matcher(body);
            assertTrue(length.find(), name + ": the body cell ends with (NN bytes): " + body);
            final int bytes = Integer.parseInt(length.group(1));
            assertEquals(Wire.bodyLength(type), bytes, name + "'s length");

            final Class<?> layout = layoutOf(name);
            int next = 0;
            final Matcher field = FIELD.matcher(body);
            while (field.find())
            {
                final int offset = Integer.parseInt(field.group(1));
                final String fieldName = field.group(2);
                assertEquals(next, offset, name + "." + fieldName + " follows the field before it (packed to 1 byte)");
                assertEquals(offset, offsetInWire(layout, name, fieldName), name + "." + fieldName + " in Wire");
                next = offset + size(field.group(3), field.group(4));
            }
            assertEquals(bytes, next, name + ": the fields fill the body");
        }
        for (final Field constant : Wire.class.getFields())
        {
            if (constant.getType() == int.class && constant.getName().matches("[A-Z_]+") && Wire.bodyLength(constant.getInt(null)) >= 0 &&
                !constant.getName().endsWith("_LENGTH") && !constant.getName().equals("VERSION"))
            {
                assertTrue(documented.contains(constant.getInt(null)), constant.getName() + " is in PROTOCOL.md's table");
            }
        }
    }

    private static int size(final String type, final String chars)
    {
        switch (type)
        {
            case "int64":
            case "double":
                return 8;
            case "int32":
                return 4;
            default:
                return Integer.parseInt(chars);
        }
    }

    /**
     * The class holding a message's offsets: Wire's nested one (HEARTBEAT and HEARTBEAT_ECHO share one), or for the
     * engine's commands the engine's own layout, which Wire frames as it is.
     */
    private static Class<?> layoutOf(final String message) throws Exception
    {
        final String base = message.equals("HEARTBEAT_ECHO") ? "HEARTBEAT" : message;
        final StringBuilder camel = new StringBuilder();
        for (final String part : base.split("_"))
        {
            camel.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        if (Commands.length(Wire.class.getField(message).getInt(null)) >= 0)
        {
            return Class.forName(Commands.class.getPackageName() + "." + camel);
        }
        return Class.forName(Wire.class.getName() + "$" + camel);
    }

    private static int offsetInWire(final Class<?> layout, final String message, final String field) throws Exception
    {
        final String constant;
        if (message.equals("SYMBOL") && field.equals("symbol"))
        {
            constant = "NAME";
        }
        else if (message.startsWith("HEARTBEAT"))
        {
            constant = "NANOS";
        }
        else
        {
            constant = field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        }
        return layout.getField(constant).getInt(null);
    }
}
