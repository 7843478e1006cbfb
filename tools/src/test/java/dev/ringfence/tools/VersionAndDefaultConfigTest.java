package dev.ringfence.tools;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ringfence version}'s lines, and the configuration file used when --config is not given. */
class VersionAndDefaultConfigTest
{
    @Test
    void versionNamesTheVersionTheCommitAndTheJavaRuntime()
    {
        final String[] lines = VersionInfo.lines();

        assertEquals(3, lines.length);
        assertTrue(lines[0].matches("ringfence \\S+"), lines[0]);
        assertTrue(lines[1].matches("commit ([0-9a-f]{7,40}|unknown)"), lines[1]);
        assertTrue(lines[2].startsWith("java " + Runtime.version().feature()), lines[2]);
    }

    @Test
    void aCommitTheBuildCouldNotRecordIsUnknown()
    {
        assertEquals("unknown", VersionInfo.known(null));
        assertEquals("unknown", VersionInfo.known(" "));
        assertEquals("unknown", VersionInfo.known("${ringfence.git.commit}"));
        assertEquals("f3606fbbb316", VersionInfo.known("f3606fbbb316"));
    }

    @Test
    void versionCommandAndOptionAreBothThere()
    {
        assertEquals(0, RingfenceCli.commandLine().execute("--version"));
        assertEquals(0, RingfenceCli.commandLine().execute("version"));
    }

    @Test
    void configGivenOnTheCommandLineWinsOverTheEnvironment()
    {
        final ConfigOptions options = new ConfigOptions();
        options.configFile = Path.of("mine.conf");

        assertEquals(Path.of("mine.conf"), options.configFile(Map.of(ConfigOptions.CONFIG_VARIABLE, "bundle.conf")));
    }

    @Test
    void withoutConfigTheEnvironmentNamesTheFile()
    {
        final ConfigOptions options = new ConfigOptions();

        assertEquals(Path.of("bundle.conf"), options.configFile(Map.of(ConfigOptions.CONFIG_VARIABLE, "bundle.conf")));
        assertNull(options.configFile(Map.of(ConfigOptions.CONFIG_VARIABLE, "  ")));
        assertNull(options.configFile(Map.of()));
    }
}
