package dev.ringfence.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Help text is written as whole sentences so picocli can wrap it to any terminal: a description line that stops
 * mid-sentence would leave a ragged break at every width but the one it was typed for.
 */
class HelpWrappingTest
{
    /** A description element ends a sentence (or a clause leading into a list), or is an indented table row. */
    private static final Pattern WHOLE = Pattern.compile("(?s).*[.:!?][)\"']?\\s*|\\s{2}.*");

    @Test
    void noDescriptionBreaksASentenceOverTwoLines()
    {
        final List<String> broken = new ArrayList<>();
        check(RingfenceCli.commandLine(), broken);
        assertEquals(List.of(), broken);
    }

    @Test
    void helpReflowsToTheWidthAskedForWithoutLosingAWord()
    {
        for (final String[] command : new String[][] {{"run"}, {"scenario"}, {"journal"}, {"journal", "replay"},
            {"signal", "send"}, {"status"}, {"terminal-sim"}})
        {
            final String narrow = usage(60, command);
            final String wide = usage(140, command);
            for (final String line : narrow.split("\\R"))
            {
                assertTrue(line.length() <= 60, String.join(" ", command) + " at 60 columns: " + line);
            }
            for (final String line : wide.split("\\R"))
            {
                assertTrue(line.length() <= 140, String.join(" ", command) + " at 140 columns: " + line);
            }
            // The same text: only the line breaks (and the indents after them) moved.
            assertEquals(squeeze(wide), squeeze(narrow), String.join(" ", command));
            // And at 140 columns a long description does use the width: fewer lines than at 60.
            assertTrue(wide.lines().count() <= narrow.lines().count(), String.join(" ", command));
        }
    }

    @Test
    void anExportedColumnsValueSetsTheWidth()
    {
        assertEquals(120, RingfenceCli.columns("120"));
        assertEquals(RingfenceCli.MIN_WIDTH, RingfenceCli.columns("20"));
        assertNull(RingfenceCli.columns(null));
        assertNull(RingfenceCli.columns("wide"));
    }

    private static String usage(final int width, final String... path)
    {
        CommandLine cli = RingfenceCli.commandLine();
        cli.setUsageHelpAutoWidth(false);
        cli.setUsageHelpWidth(width);
        for (final String name : path)
        {
            cli = cli.getSubcommands().get(name);
        }
        return cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static String squeeze(final String text)
    {
        // picocli may also break after punctuation inside a word (./ringfence-data), so compare without any whitespace.
        return text.replaceAll("\\s+", "");
    }

    private static void check(final CommandLine cli, final List<String> broken)
    {
        final CommandSpec spec = cli.getCommandSpec();
        checkAll(spec.qualifiedName(), spec.usageMessage().description(), broken);
        for (final OptionSpec option : spec.options())
        {
            checkAll(spec.qualifiedName() + " " + option.longestName(), option.description(), broken);
        }
        for (final PositionalParamSpec positional : spec.positionalParameters())
        {
            checkAll(spec.qualifiedName() + " " + positional.paramLabel(), positional.description(), broken);
        }
        cli.getSubcommands().values().stream().distinct().forEach(sub -> check(sub, broken));
    }

    private static void checkAll(final String where, final String[] description, final List<String> broken)
    {
        for (final String line : description)
        {
            // A %n opening or closing a paragraph (picocli's own help command) is a blank line, not a broken sentence.
            final String inner = line.replaceAll("^(%n)+|(%n)+$", "");
            if (inner.contains("\n") || inner.contains("%n"))
            {
                broken.add(where + ": hard line break in \"" + line + "\"");
            }
            else if (!inner.isBlank() && !WHOLE.matcher(inner).matches())
            {
                broken.add(where + ": \"" + line + "\" stops mid-sentence");
            }
        }
    }
}
