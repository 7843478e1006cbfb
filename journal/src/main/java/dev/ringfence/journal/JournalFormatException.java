package dev.ringfence.journal;

/** A journal entry that cannot be decoded: unknown version or type, a bad checksum, or cut short. */
public final class JournalFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalFormatException(final String message)
    {
        super(message);
    }
}
