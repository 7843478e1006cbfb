package dev.ringfence.gateway.bridge;

/** Settings of the gateway (keys under {@code gateway.} in the configuration file). */
public final class GatewayConfig
{
    /** {@code gateway.bind}: loopback only; the terminal runs on the same machine. */
    public String bind = "127.0.0.1";
    /** {@code gateway.port}: 0 picks a free port (tests, paper mode). */
    public int port = 7788;
    /** The reference configuration's placeholder secret: fine for paper runs, refused for a live terminal. */
    public static final String DEFAULT_SECRET = "change-me";

    /** {@code gateway.secret}: the shared secret the EA sends in HELLO (at most 32 ASCII characters). */
    public String secret = DEFAULT_SECRET;
    /** {@code gateway.login}: the account the EA must report; 0 accepts any. */
    public long login = 0;
    /** {@code gateway.heartbeatMillis}. */
    public long heartbeatMillis = 1_000;
    /** {@code gateway.deadAfterMillis}: silence after which the terminal is declared gone. */
    public long deadAfterMillis = 5_000;
    /**
     * {@code gateway.idleWaitMillis}: the longest the idle I/O thread waits in its selector when neither a socket
     * nor a command wakes it: the bound on its timed duties. Retries of what the engine's full ring refused do not
     * wait for it.
     */
    public long idleWaitMillis = 10;
    /**
     * {@code gateway.handshakeTimeoutMillis}: a connection that has not sent a valid HELLO within this
     * long is closed. It holds no terminal slot meanwhile; the slot is taken only by a valid HELLO.
     */
    public long handshakeTimeoutMillis = 2_000;
    /**
     * {@code gateway.maxPendingHandshakes}: connections waiting for their HELLO at once; a new one beyond
     * that evicts the oldest (a real terminal sends its HELLO as soon as it connects).
     */
    public int maxPendingHandshakes = 8;
    /**
     * {@code gateway.refusedHandshakesPerSecond}: refused handshakes (wrong secret or login, garbage before
     * HELLO) answered per second on average, bursts of as many; beyond that accepting pauses.
     */
    public double refusedHandshakesPerSecond = 5;

    /** A copy of every setting: the one place a new field must be added to be carried along. */
    public GatewayConfig copy()
    {
        final GatewayConfig copy = new GatewayConfig();
        copy.bind = bind;
        copy.port = port;
        copy.secret = secret;
        copy.login = login;
        copy.heartbeatMillis = heartbeatMillis;
        copy.deadAfterMillis = deadAfterMillis;
        copy.idleWaitMillis = idleWaitMillis;
        copy.handshakeTimeoutMillis = handshakeTimeoutMillis;
        copy.maxPendingHandshakes = maxPendingHandshakes;
        copy.refusedHandshakesPerSecond = refusedHandshakesPerSecond;
        return copy;
    }

    public GatewayConfig validate()
    {
        if (!bind.equals("127.0.0.1") && !bind.equals("localhost") && !bind.equals("::1"))
        {
            throw new IllegalArgumentException("gateway.bind = " + bind + ": the gateway listens on loopback only (127.0.0.1)");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("gateway.port = " + port + ": outside the allowed range 0..65535");
        }
        if (secret == null || secret.isEmpty() || secret.length() > 32 || !secret.chars().allMatch(c -> c > 32 && c < 127))
        {
            throw new IllegalArgumentException("gateway.secret: 1 to 32 printable ASCII characters without spaces");
        }
        if (idleWaitMillis < 1 || idleWaitMillis > 100)
        {
            throw new IllegalArgumentException("gateway.idleWaitMillis = " + idleWaitMillis + ": outside the allowed range 1..100");
        }
        if (heartbeatMillis < 100 || deadAfterMillis < 2 * heartbeatMillis)
        {
            throw new IllegalArgumentException(
                "gateway.heartbeatMillis >= 100 and gateway.deadAfterMillis >= 2 x heartbeatMillis");
        }
        if (handshakeTimeoutMillis < 100 || handshakeTimeoutMillis > 60_000)
        {
            throw new IllegalArgumentException(
                "gateway.handshakeTimeoutMillis = " + handshakeTimeoutMillis + ": outside the allowed range 100..60000");
        }
        if (maxPendingHandshakes < 1 || maxPendingHandshakes > 1_024)
        {
            throw new IllegalArgumentException(
                "gateway.maxPendingHandshakes = " + maxPendingHandshakes + ": outside the allowed range 1..1024");
        }
        if (!(refusedHandshakesPerSecond >= 0.1 && refusedHandshakesPerSecond <= 1_000))
        {
            throw new IllegalArgumentException(
                "gateway.refusedHandshakesPerSecond = " + refusedHandshakesPerSecond + ": outside the allowed range 0.1..1000");
        }
        return this;
    }
}
