package dev.ringfence.tools.journal;

import dev.ringfence.tools.HeadlessChromium;
import dev.ringfence.tools.RingfenceCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The journal report of a recorded drawdown trip, opened from its file in headless Chromium: it draws
 * without a console error, zooms, and shows a marker's details on hover. Skipped, with the reason, only
 * when Chromium or chromedriver is missing.
 */
class ReportBrowserTest
{
    private static HeadlessChromium chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() throws IOException
    {
        chromium = HeadlessChromium.start();
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

    @Test
    void theReportOfATripDrawsZoomsAndExplainsItsMarkers() throws IOException
    {
        final Path journal = dir.resolve("j");
        assertEquals(0, RingfenceCli.commandLine().execute("scenario", "../examples/drawdown-trip.jsonl", "--journal", journal.toString(),
            "--out", dir.resolve("events.jsonl").toString()));
        final Path html = dir.resolve("report.html");
        assertEquals(0, RingfenceCli.commandLine().execute("journal", "report", journal.toString(), "--out", html.toString()));

        chromium.browser.get(html.toUri().toString());
        final WebDriverWait wait = new WebDriverWait(chromium.browser, HeadlessChromium.WAIT);
        wait.until(b -> !b.findElement(By.id("window")).getText().isEmpty());
        assertEquals(2L, chromium.browser.executeScript("return document.querySelectorAll('.uplot canvas').length"), "two charts drawn");
        assertEquals(List.of(), chromium.consoleProblems(null), "the browser's console");

        final String whole = chromium.browser.findElement(By.id("window")).getText();
        chromium.browser.findElement(By.id("in")).click();
        wait.until(b -> !b.findElement(By.id("window")).getText().equals(whole));
        chromium.browser.findElement(By.id("all")).click();
        wait.until(b -> b.findElement(By.id("window")).getText().equals(whole));

        // Sweep the pointer across the equity chart until the trip's marker shows its details.
        final WebElement over = chromium.browser.findElement(By.cssSelector("#equity .u-over"));
        final int width = over.getSize().getWidth();
        final WebElement tip = chromium.browser.findElement(By.id("tip"));
        boolean shown = false;
        for (int x = 1; x < width && !shown; x += 8)   // a marker answers within 5 px either side
        {
            new Actions(chromium.browser).moveToElement(over, x - width / 2, 0).perform();
            shown = tip.isDisplayed() && tip.getText().contains("guard tripped");
        }
        assertTrue(shown, "hovering the trip shows its details");
        assertTrue(tip.getText().contains("MAX_DRAWDOWN"), tip.getText());
        chromium.screenshot(Path.of("target", "report-trip.png"));
        assertEquals(List.of(), chromium.consoleProblems(null), "the browser's console after the interactions");
    }
}
