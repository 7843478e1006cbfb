package dev.ringfence.tools.http;

import dev.ringfence.tools.HeadlessChromium;
import dev.ringfence.tools.run.RunCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator console in a real browser: headless Chromium driven through chromedriver (Debian packages
 * {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them) against a paper run of the
 * engine. Skipped, with the reason, only when either program is missing.
 */
class ConsoleBrowserTest
{
    private static final String TOKEN = "console-token";
    private static final String SECRET = "console-secret";
    private static final Duration WAIT = HeadlessChromium.WAIT;
    private static final Path SCREENSHOTS = Path.of("target");

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private final HttpClient client = HttpClient.newHttpClient();
    private PaperRun run;

    @BeforeAll
    static void startBrowser() throws IOException
    {
        chromium = HeadlessChromium.start();
        browser = chromium == null ? null : chromium.browser;
    }

    @AfterAll
    static void stopBrowser() throws IOException
    {
        if (chromium != null)
        {
            chromium.close();
        }
    }

    @BeforeEach
    void needsTheBrowser()
    {
        assumeTrue(chromium != null, HeadlessChromium.missing());
    }

    @AfterEach
    void stopRun() throws Exception
    {
        if (browser != null)
        {
            // Leave the page before its engine stops: a page left polling a stopped engine logs refused connections
            // until the next test opens its own, and that test would read them as its own console errors.
            browser.get("about:blank");
            chromium.consoleProblems(null); // read and dropped: each test sees only what its own page logged
        }
        if (run != null)
        {
            run.close();
        }
    }

    @Test
    void thePageLoadsEverythingFromTheEngineWithoutConsoleErrors() throws Exception
    {
        // Limits unlike the defaults: no drawdown cap, a daily loss limit of 300.
        run = new PaperRun("--set", "risk.maxDrawdownEnabled=false", "--set", "risk.dailyLoss.enabled=true",
            "--set", "risk.dailyLoss.limit=300");
        open();

        assertEquals("Ringfence console", browser.getTitle());
        final Object uplot = browser.executeScript("return typeof uPlot");
        assertEquals("function", uplot, "uPlot is served from the engine's jar");
        assertEquals(2L, browser.executeScript("return document.querySelectorAll('.uplot canvas').length"), "two charts drawn");
        final Object external = browser.executeScript("return performance.getEntriesByType('resource')" +
            ".map(r => r.name).filter(n => !n.startsWith(location.origin))");
        assertEquals(List.of(), external, "nothing is loaded from outside the engine");
        waitUntilText("equity", Pattern.compile("10,0\\d\\d\\.\\d\\d"));
        assertTrue(text("floor-sub").contains("floor at 500.00"), text("floor-sub"));
        assertEquals("drawdown cap off", text("drawdown-sub"));
        waitUntilText("daily", Pattern.compile("0\\.0 % used"));
        waitUntilText("daily-sub", Pattern.compile("300\\.00 left today"));
        waitUntilText("latency", Pattern.compile("p99 [≤>] \\d+ [µm]s"));
        waitUntil(() -> (Boolean)browser.executeScript(
            "const rows = [...document.querySelectorAll('#equity-chart .u-legend tr')].map(r => r.textContent.replace(/\\s+/g, ''));" +
            "return rows.some(r => /^equity10,0\\d\\d\\.\\d\\d$/.test(r)) && rows.includes('equityfloor500.00') &&" +
            " rows.includes('drawdowncapoff') && rows.includes('dailylosslimit9,700.00');"));
        screenshot("console-limits.png");
        assertNoConsoleErrors();
    }

    @Test
    void aTripAndItsFlattenInAPaperRunAppearLive() throws Exception
    {
        run = new PaperRun("--set", "risk.equityFloor=9999.5");
        open();
        assertEquals("No open position.", browser.findElement(By.id("no-positions")).getText());

        // One lot costs the spread at once: equity falls below the 9,999.50 floor, the guard trips and flattens.
        final String body = "{\"id\":\"console-trip-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":1}";
        final String ts = Long.toString(System.currentTimeMillis() / 1000);
        final HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create(run.base + "/signals"))
            .header("X-Ringfence-Timestamp", ts)
            .header("X-Ringfence-Signature", HttpApi.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());

        waitFor(By.cssSelector("#events li[data-type='TRADE_EXECUTED']"));
        final WebElement tripped = waitFor(By.cssSelector("#events li[data-type='GUARD_TRIPPED']"));
        assertTrue(tripped.getText().contains("rule=EQUITY_FLOOR"), tripped.getText());
        assertEquals("bad", tripped.getAttribute("data-tone"));
        final WebElement flattened = waitFor(By.cssSelector("#events li[data-type='FLATTEN_COMPLETED']"));
        assertTrue(flattened.getText().contains("positionsClosed=1"), flattened.getText());
        waitUntilText("guard", Pattern.compile("LOCKED"));
        assertEquals("bad", browser.findElement(By.id("guard")).getAttribute("data-tone"));
        waitUntilText("entries", Pattern.compile("entries denied: LOCKED"));
        assertTrue(browser.findElement(By.id("no-positions")).isDisplayed(), "the flatten closed the position");
        assertTrue(text("floor").startsWith("-"), "equity is below the floor: " + text("floor"));
        assertTrue(text("drawdown-sub").startsWith("cap 20.00 %"), text("drawdown-sub"));
        waitUntil(() -> (Boolean)browser.executeScript(
            "const rows = [...document.querySelectorAll('#equity-chart .u-legend tr')].map(r => r.textContent.replace(/\\s+/g, ''));" +
            "return rows.includes('equityfloor9,999.50') && rows.includes('drawdowncap8,000.00') && rows.includes('dailylosslimitoff');"));
        screenshot("console-trip.png");

        final WebElement received = browser.findElement(By.cssSelector("#events li[data-type='SIGNAL_RECEIVED']"));
        assertTrue(received.isDisplayed());
        browser.findElement(By.id("hide-signals")).click();
        assertFalse(received.isDisplayed(), "signals hidden on request");
        assertTrue(tripped.isDisplayed(), "the trip stays");
        assertNoConsoleErrors();
    }

    @Test
    void commandsWithoutTheTokenAreRefused() throws Exception
    {
        run = new PaperRun();
        open();

        click("halt");
        waitUntilText("outcome", Pattern.compile("halt: not sent\\. Type the admin token first"));
        click("flatten");
        assertFalse(browser.findElement(By.id("confirm")).isDisplayed(), "no confirmation for a command that cannot be sent");
        waitUntilText("outcome", Pattern.compile("flatten: not sent\\. Type the admin token first"));

        browser.findElement(By.id("token")).sendKeys("not-the-token");
        click("halt");
        waitUntilText("outcome", Pattern.compile("halt: not executed \\(HTTP 401\\): missing or wrong Authorization"));
        assertEquals("bad", browser.findElement(By.id("outcome")).getAttribute("data-tone"));

        final String status = get("/status");
        assertTrue(status.contains("\"halted\":false"), status);
        assertTrue(status.contains("\"guardState\":\"ACTIVE\""), status);
        assertFalse(get("/events").contains("TRADING_HALTED"), "the engine never got a halt");
        assertFalse(text("guard").contains("HALTED"), text("guard"));
        // The engine's 401 is the one error the browser reports (a failed request is logged as a console error).
        assertNoConsoleErrorsBut(Pattern.compile(".*/admin/halt - Failed to load resource: .* 401 .*"));
    }

    @Test
    void aHaltWithTheTokenIsExecutedAndFlattenAndReArmAskFirst() throws Exception
    {
        run = new PaperRun();
        open();

        browser.findElement(By.id("token")).sendKeys(TOKEN);
        click("halt");
        waitUntilText("outcome", Pattern.compile("halt: applied\\. Guard ACTIVE, entries halted, equity 10,0\\d\\d\\.\\d\\d.*\\(command \\d+\\)"));
        assertEquals("ok", browser.findElement(By.id("outcome")).getAttribute("data-tone"));
        waitUntilText("guard", Pattern.compile("ACTIVE · HALTED"));
        waitUntilText("entries", Pattern.compile("entries denied: HALTED"));
        final WebElement halted = waitFor(By.cssSelector("#events li[data-type='TRADING_HALTED']"));
        assertTrue(halted.getText().contains("actor=http"), halted.getText());
        assertTrue(get("/status").contains("\"halted\":true"));

        // Flatten asks first; cancelling sends nothing.
        click("flatten");
        final WebElement dialog = browser.findElement(By.id("confirm"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(dialog));
        assertTrue(text("confirm-text").startsWith("Flatten: close every open position"), text("confirm-text"));
        browser.findElement(By.id("confirm-no")).click();
        waitUntilText("outcome", Pattern.compile("flatten: cancelled, nothing sent\\."));
        assertTrue(get("/status").contains("\"guardState\":\"ACTIVE\""));

        click("flatten");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(dialog));
        browser.findElement(By.id("confirm-yes")).click();
        waitUntilText("outcome", Pattern.compile("flatten: applied\\. Guard (FLATTENING|LOCKED)"));
        waitUntilText("guard", Pattern.compile("LOCKED"));
        screenshot("console-halt-flatten.png");

        click("rearm");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(dialog));
        assertTrue(text("confirm-text").startsWith("Re-arm:"), text("confirm-text"));
        browser.findElement(By.id("confirm-yes")).click();
        // The engine decides; the page shows its answer, applied or refused with the engine's reason.
        waitUntilText("outcome", Pattern.compile("rearm: (applied\\. Guard ACTIVE|refused by the engine: [A-Z_]+)"));
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ helpers

    /** Opens the console and waits until it shows a connected, reconciled engine. */
    private void open()
    {
        browser.get(run.base + "/");
        waitUntilText("link", Pattern.compile("terminal connected"));
        waitUntilText("entries", Pattern.compile("entries allowed"));
    }

    private void click(final String command)
    {
        browser.findElement(By.cssSelector("button[data-command='" + command + "']")).click();
    }

    private String text(final String id)
    {
        return browser.findElement(By.id(id)).getText();
    }

    private WebElement waitFor(final By locator)
    {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private void waitUntilText(final String id, final Pattern pattern)
    {
        try
        {
            new WebDriverWait(browser, WAIT).until(driver -> pattern.matcher(text(id)).find());
        }
        catch (final org.openqa.selenium.TimeoutException ex)
        {
            fail("#" + id + " never matched " + pattern + "; it shows: " + text(id));
        }
    }

    private void waitUntil(final java.util.function.Supplier<Boolean> condition)
    {
        new WebDriverWait(browser, WAIT).until(driver -> condition.get());
    }

    private String get(final String path) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create(run.base + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void screenshot(final String name) throws IOException
    {
        Files.createDirectories(SCREENSHOTS);
        chromium.screenshot(SCREENSHOTS.resolve(name));
    }

    private static void assertNoConsoleErrors()
    {
        assertNoConsoleErrorsBut(null);
    }

    /** Nothing at SEVERE or WARNING in the browser's console since the last look, but what {@code allowed} matches. */
    private static void assertNoConsoleErrorsBut(final Pattern allowed)
    {
        assertEquals(List.of(), chromium.consoleProblems(allowed), "the browser's console");
    }

    /** {@code ringfence run --paper} on its own thread with the console's HTTP port, stopped as Ctrl-C would. */
    private static final class PaperRun implements AutoCloseable
    {
        final RunCommand command = new RunCommand();
        final String base;
        final Thread thread;
        volatile int exit = -1;

        PaperRun(final String... settings) throws Exception
        {
            final int port;
            try (ServerSocket probe = new ServerSocket(0))
            {
                port = probe.getLocalPort();
            }
            base = "http://127.0.0.1:" + port;
            final List<String> args = new ArrayList<>(List.of("--paper", "--no-journal", "--quiet", "--duration", "2m",
                "--set", "http.port=" + port, "--set", "admin.token=" + TOKEN, "--set", "ingress.hmacSecret=" + SECRET));
            args.addAll(List.of(settings));
            thread = new Thread(() -> exit = new CommandLine(command).execute(args.toArray(new String[0])), "console-test-run");
            thread.start();
            final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true)
            {
                try
                {
                    if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200)
                    {
                        return;
                    }
                }
                catch (final IOException notYet)
                {
                    // the run has not bound its port yet
                }
                assertTrue(thread.isAlive(), "the paper run stopped at start (exit " + exit + ")");
                assertTrue(System.nanoTime() < deadline, "the paper run was not healthy within 30 s");
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws Exception
        {
            command.requestStop();
            thread.join(30_000);
            assertFalse(thread.isAlive(), "the paper run stopped");
            assertEquals(0, exit);
        }
    }
}
