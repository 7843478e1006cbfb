package dev.ringfence.tools.alerts;

/** Settings of the alert pipeline (keys under {@code alerts.}). */
public final class AlertConfig
{
    /** {@code alerts.telegram.baseUrl}: the Bot API (a local fake in tests). */
    public String telegramBaseUrl = "https://api.telegram.org";
    /** {@code alerts.telegram.token} (or TELEGRAM_BOT_TOKEN); empty: alerts off. */
    public String telegramToken = "";
    /** {@code alerts.telegram.chatId} (or TELEGRAM_CHAT_ID). */
    public String telegramChatId = "";
    /** {@code alerts.minIntervalMillis}: Telegram allows about one message a second per chat. */
    public long minIntervalMillis = 1_100;
    /** {@code alerts.lockedReminderMinutes}: a reminder this often while the guard stays locked (0 = never). */
    public long lockedReminderMinutes = 60;
    /** {@code alerts.name}: names this engine in every message (several accounts, one chat). */
    public String name = "ringfence";

    public boolean enabled()
    {
        return !telegramToken.isEmpty() && !telegramChatId.isEmpty();
    }
}
