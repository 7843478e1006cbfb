package dev.ringfence.engine.config;

/**
 * The one decision about numbers: money, prices and volumes are {@code double}s, checked for finiteness
 * wherever they enter, and compared against limits with the small tolerances below.
 *
 * <p>Why doubles and not scaled longs: every figure arrives from MT5 as a double (the terminal itself
 * computes in doubles), account currencies and symbols have different digits, and the guard's ratios
 * (drawdown, budget used) are fractions anyway. Scaling would convert at every edge and still need a
 * tolerance for the ratios. What must be exact is where we round: only for output, half-up to the
 * account currency's digits (money) or 4 decimals (percentages).
 */
public final class Money
{
    /** Tolerance on ratios such as the drawdown fraction, so a breach exactly at the limit trips. */
    public static final double RATIO_EPSILON = 1e-9;
    /** Tolerance on volumes in lots (steps are 0.01 or coarser). */
    public static final double VOLUME_EPSILON = 1e-9;

    private Money()
    {
    }
}
