package dev.ringfence.tools.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ringfence.engine.AdminOutcome;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.OperatorCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Telegram commands against a local fake Bot API ({@code getMe}, {@code getUpdates}, {@code sendMessage}) and an in-memory
 * engine port that publishes each operator command's outcome on a {@link StatusBoard} as the engine does.
 */
class TelegramCommandsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWED = "42";
    /** The user who sends unless a test says otherwise. */
    private static final long OPERATOR = 7;
    private static final long OTHER_USER = 8;
    /** The fake bot's username, as getMe answers it (commands may name it in any case). */
    private static final String BOT_USERNAME = "Ringfence_Bot";

    /** One operator command as the engine received it. */
    private static final class Published
    {
        final AdminCommand command;
        final String actor;
        final long commandId;

        Published(final AdminCommand command, final String actor, final long commandId)
        {
            this.command = command;
            this.actor = actor;
            this.commandId = commandId;
        }
    }

    private final List<ObjectNode> updates = new CopyOnWriteArrayList<>();
    private final List<String[]> replies = new CopyOnWriteArrayList<>();
    private final List<Long> offsets = new CopyOnWriteArrayList<>();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger garbage = new AtomicInteger();
    /** The fake ignores the offset and repeats every update (a server or proxy that does). */
    private final AtomicBoolean repeatAll = new AtomicBoolean();
    /** getMe answers HTTP 500. */
    private final AtomicBoolean getMeFails = new AtomicBoolean();
    private final AtomicInteger getMeCalls = new AtomicInteger();
    private OperatorCommands inbound;
    private final StatusBoard board = new StatusBoard();
    private int nextUpdateId = 1_000;
    private HttpServer telegram;
    private TelegramCommands commands;

    @BeforeEach
    void fakeTelegram() throws IOException, InterruptedException
    {
        telegram = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        telegram.createContext("/bottest-token/getUpdates", exchange ->
        {
            final JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            final long offset = request.path("offset").asLong();
            offsets.add(offset);
            if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
            {
                respond(exchange, 500, "{\"ok\":false,\"description\":\"Internal Server Error\"}");
                return;
            }
            if (garbage.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
            {
                respond(exchange, 200, "<html>bad gateway</html>");
                return;
            }
            final ArrayNode result = JSON.createArrayNode();
            for (final ObjectNode u : updates)
            {
                if (repeatAll.get() || u.path("update_id").asLong() >= offset)
                {
                    result.add(u);
                }
            }
            if (result.isEmpty())
            {
                try
                {
                    Thread.sleep(20); // a short long poll
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            respond(exchange, 200, JSON.createObjectNode().put("ok", true).set("result", result).toString());
        });
        telegram.createContext("/bottest-token/getMe", exchange ->
        {
            exchange.getRequestBody().readAllBytes();
            getMeCalls.incrementAndGet();
            if (getMeFails.get())
            {
                respond(exchange, 500, "{\"ok\":false,\"description\":\"Internal Server Error\"}");
                return;
            }
            final ObjectNode me = JSON.createObjectNode().put("id", 1).put("is_bot", true).put("username", BOT_USERNAME);
            respond(exchange, 200, JSON.createObjectNode().put("ok", true).set("result", me).toString());
        });
        telegram.createContext("/bottest-token/sendMessage", exchange ->
        {
            final JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            replies.add(new String[] {body.path("chat_id").asText(), body.path("text").asText()});
            respond(exchange, 200, "{\"ok\":true}");
        });
        telegram.start();

        inbound = new InboundEntry()
        {
            @Override
            protected void commit(final long slot)
            {
                final AdminCommand command = event().adminCommand();
                final long id = event().adminCommandId();
                published.add(new Published(command, event().actor(), id));
                // As the business thread would: apply, or refuse with its reason.
                if (command == AdminCommand.REARM && board.guardState == GuardState.ACTIVE)
                {
                    board.publishAdminOutcome(new AdminOutcome(id, "NOT_LOCKED", board.guardState, board.halted, 10_000, 9_900));
                }
                else
                {
                    if (command == AdminCommand.HALT)
                    {
                        board.halted = true;
                    }
                    board.publishAdminOutcome(new AdminOutcome(id, null, board.guardState, board.halted, 10_000, 9_900));
                }
            }
        }.ports().operatorCommands();

        start(config -> { });
    }

    /** (Re)starts the commands with the test configuration, adjusted by {@code adjust}. */
    private void start(final java.util.function.Consumer<AlertConfig> adjust) throws InterruptedException
    {
        if (commands != null)
        {
            commands.close();
        }
        final AlertConfig config = new AlertConfig();
        config.telegramBaseUrl = "http://127.0.0.1:" + telegram.getAddress().getPort();
        config.telegramToken = "test-token";
        config.telegramChatId = ALLOWED;
        config.commandsEnabled = true;
        config.pollTimeoutSeconds = 1;
        config.name = "acct-1";
        assertTrue(config.commandsOn());
        assertEquals(List.of(ALLOWED), config.commandChats());
        adjust.accept(config);
        commands = new TelegramCommands(config, inbound, board, millis -> Thread.sleep(Math.min(millis, 10)),
            System::currentTimeMillis).start();
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        commands.close();
        assertFalse(commands.isAlive(), "the poller thread ends on close");
        telegram.stop(0);
    }

    private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    private void send(final String chatId, final String text)
    {
        send(chatId, OPERATOR, text);
    }

    private synchronized void send(final String chatId, final long userId, final String text)
    {
        final ObjectNode message = JSON.createObjectNode();
        message.put("message_id", nextUpdateId).put("date", System.currentTimeMillis() / 1_000).put("text", text);
        message.putObject("chat").put("id", Long.parseLong(chatId));
        message.putObject("from").put("id", userId).put("is_bot", false);
        final ObjectNode update = JSON.createObjectNode().put("update_id", nextUpdateId++);
        update.set("message", message);
        updates.add(update);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private List<String> repliesTo(final String chatId)
    {
        final List<String> texts = new ArrayList<>();
        for (final String[] r : replies)
        {
            if (r[0].equals(chatId))
            {
                texts.add(r[1]);
            }
        }
        return texts;
    }

    @Test
    void aCommandFromAnUnknownChatIsIgnoredAndCounted() throws InterruptedException
    {
        send("666", "/halt");
        send(ALLOWED, "/status");
        await("the status answer", () -> !repliesTo(ALLOWED).isEmpty());
        assertEquals(1, commands.ignored());
        assertTrue(published.isEmpty(), "nothing published for the unknown chat");
        assertTrue(repliesTo("666").isEmpty(), "the unknown chat gets no answer");
        assertFalse(board.halted);
    }

    @Test
    void haltFromTheAllowedChatIsPublishedAndAnsweredWithTheOutcome() throws InterruptedException
    {
        send(ALLOWED, "/halt");
        await("the halt answer", () -> !repliesTo(ALLOWED).isEmpty());
        assertEquals(1, published.size());
        assertEquals(AdminCommand.HALT, published.get(0).command);
        assertEquals("telegram:" + ALLOWED, published.get(0).actor);
        assertNotEquals(0, published.get(0).commandId);
        final String answer = repliesTo(ALLOWED).get(0);
        assertTrue(answer.contains("HALT applied") && answer.contains("halted"), answer);
    }

    @Test
    void aRefusalIsAnsweredWithTheEnginesReason() throws InterruptedException
    {
        send(ALLOWED, "/rearm");
        await("the confirmation request", () -> repliesTo(ALLOWED).size() == 1);
        send(ALLOWED, "/confirm " + code(repliesTo(ALLOWED).get(0)));
        await("the outcome", () -> repliesTo(ALLOWED).size() == 2);
        assertTrue(repliesTo(ALLOWED).get(1).contains("REARM refused: NOT_LOCKED"), repliesTo(ALLOWED).get(1));
    }

    @Test
    void flattenNeedsTheRightConfirmationAndExecutesOnce() throws InterruptedException
    {
        send(ALLOWED, "/flatten");
        await("the confirmation request", () -> repliesTo(ALLOWED).size() == 1);
        assertTrue(published.isEmpty(), "no flatten before /confirm");
        final String code = code(repliesTo(ALLOWED).get(0));

        send(ALLOWED, "/confirm " + (code.equals("0000") ? "0001" : "0000"));
        await("the wrong-code answer", () -> repliesTo(ALLOWED).size() == 2);
        assertTrue(repliesTo(ALLOWED).get(1).contains("Wrong code"), repliesTo(ALLOWED).get(1));
        assertTrue(published.isEmpty(), "a wrong code executes nothing");

        send(ALLOWED, "/flatten@ringfence_bot");
        await("the second confirmation request", () -> repliesTo(ALLOWED).size() == 3);
        send("666", "/confirm " + code(repliesTo(ALLOWED).get(2)));
        send(ALLOWED, "/confirm " + code(repliesTo(ALLOWED).get(2)));
        send(ALLOWED, "/confirm " + code(repliesTo(ALLOWED).get(2)));
        await("both confirm answers", () -> repliesTo(ALLOWED).size() == 5);
        assertEquals(1, published.size(), "executed once");
        assertEquals(AdminCommand.FLATTEN, published.get(0).command);
        assertTrue(repliesTo(ALLOWED).get(3).contains("FLATTEN applied"), repliesTo(ALLOWED).get(3));
        assertTrue(repliesTo(ALLOWED).get(4).contains("Nothing to confirm"), repliesTo(ALLOWED).get(4));
        assertEquals(1, commands.ignored(), "the other chat's /confirm");
    }

    @Test
    void anUpdateIsNeverHandledTwiceAcrossPolls() throws InterruptedException
    {
        repeatAll.set(true);
        send(ALLOWED, "/halt");
        await("the halt answer", () -> !repliesTo(ALLOWED).isEmpty());
        final int pollsBefore = offsets.size();
        await("several more polls", () -> offsets.size() >= pollsBefore + 5);
        assertEquals(1, published.size());
        assertEquals(1, commands.handled());
        assertEquals(1_001L, offsets.get(offsets.size() - 1), "the offset moved past the handled update");
        send(ALLOWED, "/resume");
        await("the resume answer", () -> repliesTo(ALLOWED).size() == 2);
        final int pollsAfter = offsets.size();
        await("several more polls", () -> offsets.size() >= pollsAfter + 5);
        assertEquals(2, published.size());
        assertEquals(AdminCommand.RESUME, published.get(1).command);
        assertEquals(2, commands.handled());
    }

    @Test
    void serverErrorsAndGarbageDoNotStopPolling() throws InterruptedException
    {
        serverErrors.set(3);
        garbage.set(3);
        await("the failures to be polled through", () -> commands.pollFailures() == 6);
        send(ALLOWED, "/halt");
        await("the halt answer after the failures", () -> !repliesTo(ALLOWED).isEmpty());
        assertTrue(commands.isAlive());
        assertEquals(1, published.size());
        assertEquals(6, commands.pollFailures());
    }

    @Test
    void aUserNotInCommandUserIdsIsIgnoredAndCounted() throws InterruptedException
    {
        start(config -> config.commandUserIds = List.of(String.valueOf(OPERATOR)));
        send(ALLOWED, OTHER_USER, "/halt");
        send(ALLOWED, OTHER_USER, "/resume");
        send(ALLOWED, OPERATOR, "/status");
        await("the status answer", () -> !repliesTo(ALLOWED).isEmpty());
        assertEquals(1, repliesTo(ALLOWED).size(), "the other user gets no answer");
        assertEquals(2, commands.ignored());
        assertTrue(published.isEmpty(), "nothing published for a user not listed");
        assertFalse(board.halted);
        send(ALLOWED, OPERATOR, "/halt");
        await("the halt answer", () -> repliesTo(ALLOWED).size() == 2);
        assertEquals(1, published.size());
        assertEquals(AdminCommand.HALT, published.get(0).command);
    }

    @Test
    void aConfirmFromAnotherUserDoesNotExecute() throws InterruptedException
    {
        send(ALLOWED, OPERATOR, "/flatten");
        await("the confirmation request", () -> repliesTo(ALLOWED).size() == 1);
        final String code = code(repliesTo(ALLOWED).get(0));
        send(ALLOWED, OTHER_USER, "/confirm " + code);
        await("the other user's answer", () -> repliesTo(ALLOWED).size() == 2);
        assertTrue(repliesTo(ALLOWED).get(1).contains("only be confirmed by the user who asked"), repliesTo(ALLOWED).get(1));
        assertTrue(published.isEmpty(), "another user's /confirm executes nothing");
        // Nor does it cancel the request: the user who asked can still confirm it.
        send(ALLOWED, OPERATOR, "/confirm " + code);
        await("the outcome", () -> repliesTo(ALLOWED).size() == 3);
        assertEquals(1, published.size());
        assertEquals(AdminCommand.FLATTEN, published.get(0).command);
        assertTrue(repliesTo(ALLOWED).get(2).contains("FLATTEN applied"), repliesTo(ALLOWED).get(2));
    }

    @Test
    void aCommandAddressedToAnotherBotIsIgnored() throws InterruptedException
    {
        send(ALLOWED, "/halt@OtherBot");
        send(ALLOWED, "/status@" + BOT_USERNAME + "x");
        send(ALLOWED, "/halt@" + BOT_USERNAME.toUpperCase(java.util.Locale.ROOT));
        await("the halt answer", () -> !repliesTo(ALLOWED).isEmpty());
        assertEquals(1, repliesTo(ALLOWED).size(), "no answer to commands for other bots");
        assertTrue(repliesTo(ALLOWED).get(0).contains("HALT applied"), repliesTo(ALLOWED).get(0));
        assertEquals(1, published.size());
        assertEquals(AdminCommand.HALT, published.get(0).command);
        assertEquals(2, commands.ignored());
    }

    @Test
    void whenGetMeFailsOnlyCommandsWithoutASuffixAreTaken() throws InterruptedException
    {
        getMeFails.set(true);
        final int callsBefore = getMeCalls.get();
        start(config -> { });
        await("getMe to be asked", () -> getMeCalls.get() > callsBefore);
        send(ALLOWED, "/halt@" + BOT_USERNAME);
        send(ALLOWED, "/status@" + BOT_USERNAME);
        send(ALLOWED, "/resume");
        await("the resume answer", () -> !repliesTo(ALLOWED).isEmpty());
        assertEquals(1, repliesTo(ALLOWED).size(), "the suffixed commands get no answer");
        assertEquals(1, published.size());
        assertEquals(AdminCommand.RESUME, published.get(0).command);
        assertEquals(2, commands.ignored());
        assertFalse(board.halted);
        assertEquals(callsBefore + 1, getMeCalls.get(), "getMe is asked once per start");
    }

    private static String code(final String request)
    {
        final Matcher m = Pattern.compile("/confirm (\\d{4})").matcher(request);
        assertTrue(m.find(), request);
        return m.group(1);
    }
}
