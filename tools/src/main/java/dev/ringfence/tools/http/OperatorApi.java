package dev.ringfence.tools.http;

import dev.ringfence.engine.AdminOutcome;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.OperatorCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static dev.ringfence.tools.http.HttpJson.quote;

/**
 * {@code POST /admin/{command}}: the operator API (bearer token). A command is published onto the inbound
 * ring, with its own command id, only while its client is still connected; it is answered with its own
 * outcome, read from the {@link StatusBoard} by that id, polled from the timer thread so that no server
 * thread waits (202 when the answer timeout passes first). At most {@value #MAX_PENDING_ADMIN_COMMANDS}
 * wait at once; more get 503 instead of flooding the ring.
 */
final class OperatorApi
{
    private static final Map<String, AdminCommand> ADMIN = Map.of(
        "halt", AdminCommand.HALT, "resume", AdminCommand.RESUME, "flatten", AdminCommand.FLATTEN,
        "rearm", AdminCommand.REARM, "reduce-only", AdminCommand.REDUCE_ONLY, "rebase", AdminCommand.REBASE);
    private static final String ACTOR = "http";
    private static final int MAX_PENDING_ADMIN_COMMANDS = 64;
    private static final long ADMIN_POLL_MICROS = 500;

    private final HttpConfig config;
    private final OperatorCommands inbound;
    private final StatusBoard board;
    /** The timer thread, which exists once the server runs. */
    private final Supplier<ScheduledExecutorService> timers;
    private final Consumer<Throwable> timerFailure;
    /** Operator commands published and not yet answered. */
    private final Semaphore adminPermits = new Semaphore(MAX_PENDING_ADMIN_COMMANDS);

    OperatorApi(
        final HttpConfig config,
        final OperatorCommands inbound,
        final StatusBoard board,
        final Supplier<ScheduledExecutorService> timers,
        final Consumer<Throwable> timerFailure)
    {
        this.config = config;
        this.inbound = inbound;
        this.board = board;
        this.timers = timers;
        this.timerFailure = timerFailure;
    }

    void handle(final Exchange exchange, final String name)
    {
        if (config.adminToken.isEmpty())
        {
            exchange.reply(403, "{\"error\":\"the admin API is disabled: set admin.token\"}");
            return;
        }
        final String authorization = exchange.header("Authorization");
        final byte[] expected = ("Bearer " + config.adminToken).getBytes(StandardCharsets.UTF_8);
        if (authorization == null || !MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8)))
        {
            exchange.reply(401, "{\"error\":\"missing or wrong Authorization: Bearer token\"}");
            return;
        }
        final AdminCommand command = ADMIN.get(name);
        if (command == null)
        {
            exchange.reply(404, "{\"error\":\"unknown command; use one of " + String.join(", ", ADMIN.keySet()) + "\"}");
            return;
        }
        if (!adminPermits.tryAcquire())
        {
            exchange.reply(503, "{\"command\":" + quote(name) + ",\"error\":\"too many operator commands in progress; not executed, retry\"}");
            return;
        }
        // An operator who has gone (or gave up waiting) must not have the command executed behind their back.
        if (exchange.clientGone())
        {
            adminPermits.release();
            exchange.reply(499, "{\"command\":" + quote(name) + ",\"error\":\"the client went away; not executed\"}");
            return;
        }
        final long commandId = CommandIds.next(); // shared with the other operator ports
        if (!inbound.admin(System.currentTimeMillis(), command, ACTOR, commandId))
        {
            adminPermits.release();
            exchange.reply(503, "{\"command\":" + quote(name) + ",\"error\":\"the engine's inbound ring is full; not executed, retry\"}");
            return;
        }
        final long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.adminAnswerTimeoutMillis);
        answerWhenDecided(exchange, name, commandId, deadlineNanos);
    }

    /**
     * Answers with this command's own outcome once the business thread has published it, polling from the
     * timer thread so that no server thread waits; 202 (queued) when the answer timeout passes first.
     */
    private void answerWhenDecided(final Exchange exchange, final String name, final long commandId, final long deadlineNanos)
    {
        boolean answering = false;
        try
        {
            final AdminOutcome outcome = board.adminOutcome(commandId);
            if (outcome == null && System.nanoTime() - deadlineNanos < 0)
            {
                timers.get().schedule(() -> answerWhenDecided(exchange, name, commandId, deadlineNanos), ADMIN_POLL_MICROS,
                    TimeUnit.MICROSECONDS);
                return;
            }
            answering = true;
            adminPermits.release();
            answer(exchange, name, commandId, outcome);
        }
        catch (final Throwable ex)
        {
            // The timer thread outlives any one answer: report, give the permit back, tell the operator.
            timerFailure.accept(ex);
            if (!answering)
            {
                adminPermits.release();
            }
            try
            {
                exchange.reply(500, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId +
                    ",\"error\":\"the answer could not be read; check /status before retrying\"}");
            }
            catch (final Throwable replyFailed)
            {
                // the client is gone or the response was committed: nothing more to tell
            }
        }
    }

    private static void answer(final Exchange exchange, final String name, final long commandId, final AdminOutcome outcome)
    {
        if (outcome == null)
        {
            exchange.reply(202, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId +
                ",\"status\":\"queued; the engine has not processed it yet\"}");
        }
        else if (!outcome.applied())
        {
            exchange.reply(409, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId + ",\"refused\":" +
                quote(outcome.refusal) + ",\"guardState\":" + quote(outcome.guardState.name()) + ",\"halted\":" + outcome.halted + "}");
        }
        else
        {
            exchange.reply(200, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId + ",\"guardState\":" +
                quote(outcome.guardState.name()) + ",\"halted\":" + outcome.halted + ",\"peak\":" + outcome.peak +
                ",\"equity\":" + outcome.equity + "}");
        }
    }
}
