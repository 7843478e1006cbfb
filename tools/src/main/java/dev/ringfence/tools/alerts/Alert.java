package dev.ringfence.tools.alerts;

/** One message for the phone: how urgent, what it is about (for deduplication), and the text. */
final class Alert implements Comparable<Alert>
{
    enum Severity
    {
        CRITICAL,
        WARNING,
        RESOLVED
    }

    final Severity severity;
    /** Kind and episode: the same key is sent once. */
    final String key;
    final String text;
    final long sequence;

    Alert(final Severity severity, final String key, final String text, final long sequence)
    {
        this.severity = severity;
        this.key = key;
        this.text = text;
        this.sequence = sequence;
    }

    /** Critical first; within a severity, first come first served. */
    @Override
    public int compareTo(final Alert other)
    {
        final int bySeverity = severity.compareTo(other.severity);
        return bySeverity != 0 ? bySeverity : Long.compare(sequence, other.sequence);
    }
}
