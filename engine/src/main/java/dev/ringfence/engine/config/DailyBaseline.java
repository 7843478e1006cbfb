package dev.ringfence.engine.config;

/** What the daily loss limit measures from at the start of each trading day. */
public enum DailyBaseline
{
    /** The balance at day start (prop-firm default). */
    BALANCE,
    /** The higher of balance and equity at day start. */
    MAX_BALANCE_EQUITY,
    /** The equity at day start. */
    EQUITY
}
