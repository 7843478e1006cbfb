package dev.ringfence.tools.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** {@code GET /metrics}: the Prometheus registry in the text format (the figures: {@link RingfenceMetrics}). */
final class MetricsEndpoint
{
    private final PrometheusRegistry registry;

    MetricsEndpoint(final PrometheusRegistry registry)
    {
        this.registry = registry;
    }

    void handle(final Exchange exchange)
    {
        // Counted before the scrape, so this scrape's own answer is in the figures it shows.
        exchange.count(200);
        final ByteArrayOutputStream text = new ByteArrayOutputStream(8192);
        try
        {
            PrometheusTextFormatWriter.create().write(text, registry.scrape());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        exchange.send(200, PrometheusTextFormatWriter.CONTENT_TYPE, text.toByteArray());
    }
}
