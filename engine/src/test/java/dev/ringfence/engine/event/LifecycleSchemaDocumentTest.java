package dev.ringfence.engine.event;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The docs say what {@link LifecycleEventType} declares: SCENARIOS.md's "Output" table lists every type once with
 * its fields in order ({@code `name`}, {@code `name` if any} for an optional one, {@code none}; a note in parentheses
 * is free text), and RISK.md section 4 names every type.
 */
class LifecycleSchemaDocumentTest
{
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (.+) \\|$");
    private static final Pattern FIELD = Pattern.compile("`(\\w+)`( if any)?");

    @Test
    void theOutputTableOfScenariosListsEveryTypesFieldsInOrder() throws IOException
    {
        final Map<String, String> documented = new LinkedHashMap<>();
        for (final String line : section("../docs/SCENARIOS.md", "## Output").split("\n"))
        {
            final Matcher row = ROW.matcher(line);
            if (row.matches())
            {
                assertNull(documented.put(row.group(1), row.group(2)), row.group(1) + " has one row");
            }
        }
        for (final LifecycleEventType type : LifecycleEventType.values())
        {
            final String cell = documented.remove(type.name());
            assertNotNull(cell, type + " has a row in SCENARIOS.md's Output table");
            assertEquals(declared(type), fields(type, cell), type + " in SCENARIOS.md");
        }
        assertEquals(Map.of(), documented, "rows of types the code does not have");
    }

    @Test
    void sectionFourOfRiskNamesEveryType() throws IOException
    {
        final String section = section("../docs/RISK.md", "## 4. Lifecycle events");
        for (final LifecycleEventType type : LifecycleEventType.values())
        {
            assertTrue(section.contains("`" + type.name() + "`"), type + " in RISK.md section 4");
        }
    }

    private static List<String> declared(final LifecycleEventType type)
    {
        final List<String> fields = new ArrayList<>();
        for (final LifecycleField field : type.fields())
        {
            fields.add(field.jsonName() + (field.kind() == LifecycleField.Kind.TEXT_IF_ANY ? " if any" : ""));
        }
        return fields;
    }

    /** The cell's fields as {@link #declared} spells them. */
    private static List<String> fields(final LifecycleEventType type, final String cell)
    {
        final String plain = cell.replaceAll("\\s*\\([^)]*\\)", "").trim();
        final List<String> fields = new ArrayList<>();
        if (plain.equals("none"))
        {
            return fields;
        }
        for (final String item : plain.split(","))
        {
            final Matcher field = FIELD.matcher(item.trim());
            assertTrue(field.matches(), type + ": \"" + item.trim() + "\" is `name` or `name` if any");
            fields.add(field.group(1) + (field.group(2) == null ? "" : " if any"));
        }
        return fields;
    }

    /** From the heading to the next heading of the same level. */
    private static String section(final String file, final String heading) throws IOException
    {
        final String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        final int start = text.indexOf("\n" + heading);
        assertTrue(start >= 0, file + " has " + heading);
        final int end = text.indexOf("\n## ", start + 1);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }
}
