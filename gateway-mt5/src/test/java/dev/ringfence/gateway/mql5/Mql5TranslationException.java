package dev.ringfence.gateway.mql5;

/** The translator met something it does not understand; {@link #line()} is the .mq5 line (0: not a source line). */
public final class Mql5TranslationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int line;

    Mql5TranslationException(final String fileName, final int line, final String message)
    {
        super(fileName + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    public int line()
    {
        return line;
    }
}
