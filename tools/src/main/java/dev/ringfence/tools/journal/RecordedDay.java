package dev.ringfence.tools.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.journal.JournalReader;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A journal read as the day's world rather than the engine's history: the market (ticks), the signals, the
 * deposits and withdrawals, and the operator's commands, with the account's starting figures and the
 * configuration the day was traded with. Re-run through the real engine and the paper broker (a scenario),
 * it shows what other limits would have done with the same day.
 *
 * <p>What the terminal answered (account reports, positions, fills, closes) is left out: the paper broker
 * answers instead, filling at the recorded quotes. Times are milliseconds since the journal's first entry.
 */
final class RecordedDay
{
    /** The operator commands a scenario can carry; START, STOP and REBASE belong to the runs themselves. */
    private static final Set<AdminCommand> OPERATOR_COMMANDS =
        Set.of(AdminCommand.HALT, AdminCommand.RESUME, AdminCommand.FLATTEN, AdminCommand.REARM, AdminCommand.REDUCE_ONLY);

    /** Where the day's inputs go, in time order. */
    interface Inputs
    {
        /** The account's figures at the first report differ from its balance (positions open before the journal). */
        void account(long t, double balance, double equity);

        void tick(long t, int symbolId, double bid, double ask);

        /** {@code signal} is the recorded event (id, symbol, side, volume, sl, tp, ttl); valid during the call only. */
        void signal(long t, InboundEvent signal);

        void balance(long t, double amount);

        void admin(long t, AdminCommand command);
    }

    final RecordedJournal recorded;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    boolean hasAccount;
    long firstAccountMillis;
    double firstBalance;
    double firstEquity;
    long login;
    int gmtOffsetSeconds;
    double lastRecordedEquity = Double.NaN;
    long ticks;
    long badTicks;
    long signals;
    long balanceOperations;
    long operatorCommands;
    long damaged;

    private RecordedDay(final RecordedJournal recorded)
    {
        this.recorded = recorded;
    }

    /** Reads the journal once for the day's span, its first account report and what it holds. */
    static RecordedDay scan(final RecordedJournal recorded)
    {
        final RecordedDay day = new RecordedDay(recorded);
        recorded.journal.reader().readInbound(new JournalReader.InboundVisitor()
        {
            @Override
            public void onEvent(final long index, final InboundEvent event)
            {
                day.firstMillis = Math.min(day.firstMillis, event.timeMillis());
                day.lastMillis = Math.max(day.lastMillis, event.timeMillis());
                switch (event.type())
                {
                    case ACCOUNT:
                        if (Double.isFinite(event.equity()))
                        {
                            day.lastRecordedEquity = event.equity();
                        }
                        if (!day.hasAccount && Double.isFinite(event.balance()) && event.balance() > 0 && Double.isFinite(event.equity()))
                        {
                            day.hasAccount = true;
                            day.firstAccountMillis = event.timeMillis();
                            day.firstBalance = event.balance();
                            day.firstEquity = event.equity();
                            day.login = event.login();
                            day.gmtOffsetSeconds = event.serverGmtOffsetSeconds();
                        }
                        break;
                    case TICK:
                        if (day.validTick(event))
                        {
                            day.ticks++;
                        }
                        else
                        {
                            day.badTicks++;
                        }
                        break;
                    case SIGNAL:
                        day.signals++;
                        break;
                    case BALANCE_OPERATION:
                        if (day.hasAccount)
                        {
                            day.balanceOperations++;
                        }
                        break;
                    case ADMIN:
                        if (OPERATOR_COMMANDS.contains(event.adminCommand()))
                        {
                            day.operatorCommands++;
                        }
                        break;
                    default:
                        break;
                }
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                day.damaged++;
            }
        });
        if (day.firstMillis == Long.MAX_VALUE)
        {
            throw new IllegalArgumentException(recorded.dir + " holds an empty journal: nothing to re-run");
        }
        return day;
    }

    private boolean validTick(final InboundEvent e)
    {
        return recorded.symbols.isKnown(e.symbolId()) && e.bid() > 0 && e.ask() >= e.bid() && Double.isFinite(e.ask());
    }

    /** Milliseconds since the day's start, the scenario's {@code t}. */
    long t(final long timeMillis)
    {
        return timeMillis - firstMillis;
    }

    long endT()
    {
        return t(lastMillis);
    }

    /**
     * The configuration keys that make a scenario run with the day's own settings: every engine key the journal
     * recorded (limits, loop, symbols), the start instant (day boundaries), and the paper account's starting
     * balance, login and server time offset from the first account report. Sorted by key.
     */
    Map<String, Object> config()
    {
        final Config engine = ConfigFactory.parseString(recorded.config.describe());
        final Map<String, Object> config = new LinkedHashMap<>();
        engine.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
            .forEach(e -> config.put(e.getKey(), unwrap(e.getValue())));
        config.put("scenario.startTime", Instant.ofEpochMilli(firstMillis).toString());
        if (hasAccount)
        {
            config.put("terminal.initialBalance", firstBalance);
            if (login > 0)
            {
                config.put("terminal.login", login);
            }
            if (Math.abs(gmtOffsetSeconds) <= 14 * 3600)
            {
                config.put("terminal.gmtOffsetSeconds", gmtOffsetSeconds);
            }
        }
        return config;
    }

    private static Object unwrap(final ConfigValue value)
    {
        final Object raw = value.unwrapped();
        if (raw instanceof List)
        {
            return List.copyOf((List<?>)raw);
        }
        return raw;
    }

    /** Reads the journal again and hands the day's inputs to {@code inputs}, in order. */
    void replay(final Inputs inputs)
    {
        final boolean[] accountSeen = {false};
        final long[] lastT = {0};
        recorded.journal.reader().readInbound(new JournalReader.InboundVisitor()
        {
            @Override
            public void onEvent(final long index, final InboundEvent event)
            {
                // Inputs from several threads can reach the journal a millisecond out of order; time never goes back.
                final long t = Math.max(lastT[0], t(event.timeMillis()));
                lastT[0] = t;
                switch (event.type())
                {
                    case ACCOUNT:
                        if (!accountSeen[0] && hasAccount && event.timeMillis() == firstAccountMillis)
                        {
                            accountSeen[0] = true;
                            if (Math.abs(firstEquity - firstBalance) >= 0.005)
                            {
                                inputs.account(t, firstBalance, firstEquity);
                            }
                        }
                        break;
                    case TICK:
                        if (validTick(event))
                        {
                            inputs.tick(t, event.symbolId(), event.bid(), event.ask());
                        }
                        break;
                    case SIGNAL:
                        inputs.signal(t, event);
                        break;
                    case BALANCE_OPERATION:
                        // One before the first account report is already in the starting balance.
                        if (accountSeen[0] && Double.isFinite(event.amount()) && event.amount() != 0)
                        {
                            inputs.balance(t, event.amount());
                        }
                        break;
                    case ADMIN:
                        if (OPERATOR_COMMANDS.contains(event.adminCommand()))
                        {
                            inputs.admin(t, event.adminCommand());
                        }
                        break;
                    default:
                        break;
                }
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                // counted by scan()
            }
        });
    }
}
