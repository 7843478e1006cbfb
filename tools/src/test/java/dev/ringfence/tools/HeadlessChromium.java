package dev.ringfence.tools;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven through the system's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them), for the tests of the pages the engine and its
 * tools produce. {@link #start()} answers null when either program is missing; {@link #missing()} says which.
 */
public final class HeadlessChromium implements AutoCloseable
{
    public static final Duration WAIT = Duration.ofSeconds(20);

    public final ChromeDriver browser;
    private final Path profile;

    private HeadlessChromium(final ChromeDriver browser, final Path profile)
    {
        this.browser = browser;
        this.profile = profile;
    }

    /** Why the browser cannot run here, or null when it can. */
    public static String missing()
    {
        final Optional<Path> chromium = chromium();
        final Optional<Path> driver = chromedriver();
        if (chromium.isPresent() && driver.isPresent())
        {
            return null;
        }
        return "these browser tests need Chromium and chromedriver (Debian: apt-get install chromium chromium-driver; " +
            ".ci/run installs them): chromium " + chromium.map(Path::toString).orElse("not found") +
            ", chromedriver " + driver.map(Path::toString).orElse("not found");
    }

    /** A browser with a fresh profile and its console log recorded, or null when {@link #missing()}. */
    public static HeadlessChromium start() throws IOException
    {
        if (missing() != null)
        {
            return null;
        }
        final Path profile = Files.createTempDirectory("ringfence-chromium");
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1400,1250", "--user-data-dir=" + profile, "--no-first-run", "--disable-extensions");
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver().orElseThrow().toFile())
            .usingAnyFreePort()
            .build();
        final ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
        return new HeadlessChromium(browser, profile);
    }

    /** The console's lines at WARNING or worse since the last call, but those {@code allowed} matches (may be null). */
    public List<String> consoleProblems(final Pattern allowed)
    {
        final List<String> problems = new ArrayList<>();
        for (final LogEntry entry : browser.manage().logs().get(LogType.BROWSER))
        {
            final boolean serious = entry.getLevel().intValue() >= Level.WARNING.intValue();
            if (serious && (allowed == null || !allowed.matcher(entry.getMessage()).matches()))
            {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return problems;
    }

    /** Saves what the browser shows to {@code file} (a PNG). */
    public void screenshot(final Path file) throws IOException
    {
        final File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Path> chromium()
    {
        return program("RINGFENCE_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
    }

    private static Optional<Path> chromedriver()
    {
        return program("RINGFENCE_CHROMEDRIVER", "chromedriver");
    }

    /** An executable from a variable naming it, or the first of {@code names} on the PATH. */
    private static Optional<Path> program(final String variable, final String... names)
    {
        final String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank())
        {
            final Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        final String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (final String name : names)
        {
            for (final String directory : searchPath.split(File.pathSeparator))
            {
                final Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isExecutable(candidate))
                {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException
    {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile))
        {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> file.toFile().delete());
        }
    }
}
