package dev.ringfence.tools.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * How a signal request proves its sender: {@code X-Ringfence-Signature} = lowercase hex
 * HMAC-SHA256(secret, timestamp + "." + body), the timestamp ({@code X-Ringfence-Timestamp}, unix seconds)
 * within a window of this clock.
 */
final class SignalSignature
{
    private SignalSignature()
    {
    }

    /** Null when the signature is good; else what is wrong, for the 401 answer. */
    static String check(
        final HttpConfig config, final String timestamp, final String signature, final byte[] body, final long nowMillis)
    {
        if (timestamp == null || signature == null)
        {
            return "missing X-Ringfence-Timestamp or X-Ringfence-Signature";
        }
        final long signedMillis = signedMillis(timestamp);
        if (signedMillis == Long.MIN_VALUE)
        {
            return "X-Ringfence-Timestamp is not unix seconds (at most 3 decimals)";
        }
        if (Math.abs(nowMillis - signedMillis) > config.timestampWindowSeconds * 1_000)
        {
            return "X-Ringfence-Timestamp is outside the " + config.timestampWindowSeconds + " s window";
        }
        final String expected = sign(config.hmacSecret, timestamp.trim(), body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.trim().getBytes(StandardCharsets.US_ASCII)))
        {
            return "bad signature";
        }
        return null;
    }

    /**
     * {@code X-Ringfence-Timestamp} in epoch milliseconds: unix seconds, optionally with up to three
     * decimals (a short ttl needs them: whole seconds add up to a second of age); MIN_VALUE when malformed.
     */
    static long signedMillis(final String timestamp)
    {
        final String text = timestamp.trim();
        final int dot = text.indexOf('.');
        final String whole = dot < 0 ? text : text.substring(0, dot);
        final String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 12 || fraction.length() > 3 || (dot >= 0 && fraction.isEmpty()) ||
            !(whole + fraction).chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            return Long.MIN_VALUE;
        }
        final long millis = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00").substring(0, 3));
        return Long.parseLong(whole) * 1_000 + millis;
    }

    /** The signature a client sends; the one place it is computed. */
    static String sign(final String secret, final String timestamp, final byte[] body)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte)'.');
            final byte[] digest = mac.doFinal(body);
            final StringBuilder hex = new StringBuilder(64);
            for (final byte b : digest)
            {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }
}
