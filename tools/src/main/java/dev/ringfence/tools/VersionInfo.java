package dev.ringfence.tools;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * What {@code ringfence version} and {@code --version} print: the version, the commit the build was made
 * from ({@code unknown} outside a git checkout) and the Java runtime running it.
 */
public final class VersionInfo implements CommandLine.IVersionProvider
{
    private static final String RESOURCE = "ringfence-version.properties";

    @Override
    public String[] getVersion()
    {
        return lines();
    }

    public static String[] lines()
    {
        final Properties build = new Properties();
        try (InputStream in = VersionInfo.class.getClassLoader().getResourceAsStream(RESOURCE))
        {
            if (in != null)
            {
                build.load(in);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new String[] {
            "ringfence " + known(build.getProperty("version")),
            "commit " + known(build.getProperty("commit")),
            "java " + System.getProperty("java.runtime.version", Runtime.version().toString()) + " (" +
                System.getProperty("java.vendor", "unknown vendor") + ", " + System.getProperty("java.home") + ") on " +
                System.getProperty("os.name") + " " + System.getProperty("os.arch").toLowerCase(Locale.ROOT)};
    }

    /** An unfiltered placeholder (a build that skipped the step) or an empty value is {@code unknown}. */
    static String known(final String value)
    {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.trim();
    }
}
