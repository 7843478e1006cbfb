package dev.ringfence.tools.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** A failing journal and failing alert deliveries are numbers an operator can alert on, read at scrape time. */
class DependencyMetricsTest
{
    private final AtomicReference<String> journalProblem = new AtomicReference<>();
    private final AtomicLong alertsFailed = new AtomicLong();
    private final AtomicLong telegramPollFailures = new AtomicLong();
    private final PrometheusRegistry registry = RingfenceMetrics.registerDependencies(
        new PrometheusRegistry(), journalProblem::get, alertsFailed::get, telegramPollFailures::get);

    @Test
    void theJournalGaugeFollowsTheJournalsHealth() throws IOException
    {
        assertTrue(scrape().contains("ringfence_journal_healthy 1.0"));
        journalProblem.set("cannot write the inbound queue: no space left");
        assertTrue(scrape().contains("ringfence_journal_healthy 0.0"));
        journalProblem.set(null);
        assertTrue(scrape().contains("ringfence_journal_healthy 1.0"));
    }

    @Test
    void failedAlertDeliveriesAreCounted() throws IOException
    {
        alertsFailed.set(3);
        assertTrue(scrape().contains("ringfence_alert_deliveries_failed_total 3.0"), scrape());
    }

    @Test
    void failedTelegramPollsAreCounted() throws IOException
    {
        telegramPollFailures.set(2);
        assertTrue(scrape().contains("ringfence_telegram_poll_failures_total 2.0"), scrape());
    }

    private String scrape() throws IOException
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, registry.scrape());
        return text.toString(StandardCharsets.UTF_8);
    }
}
