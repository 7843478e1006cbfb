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

    /** {@code alerts.telegram.commandsEnabled}: take /status, /halt, /resume, /flatten, /rearm from the chat. */
    public boolean commandsEnabled = false;
    /** {@code alerts.telegram.commandChatIds}: chats whose commands are taken; empty: the alert chat only. */
    public java.util.List<String> commandChatIds = java.util.List.of();
    /**
     * {@code alerts.telegram.commandUserIds}: Telegram user ids ({@code message.from.id}) whose commands are taken;
     * empty: any member of an allowed chat (set it for group chats).
     */
    public java.util.List<String> commandUserIds = java.util.List.of();
    /** {@code alerts.telegram.pollTimeoutSeconds}: how long one getUpdates long poll waits. */
    public int pollTimeoutSeconds = 25;
    /** {@code alerts.telegram.confirmSeconds}: how long a /flatten or /rearm waits for its /confirm. */
    public int confirmSeconds = 60;

    /** The chats whose commands are accepted. */
    public java.util.List<String> commandChats()
    {
        if (!commandChatIds.isEmpty())
        {
            return commandChatIds;
        }
        return telegramChatId.isEmpty() ? java.util.List.of() : java.util.List.of(telegramChatId);
    }

    /** Commands are on, with a token and at least one chat to take them from. */
    public boolean commandsOn()
    {
        return commandsEnabled && !telegramToken.isEmpty() && !commandChats().isEmpty();
    }

    public boolean enabled()
    {
        return !telegramToken.isEmpty() && !telegramChatId.isEmpty();
    }
}
