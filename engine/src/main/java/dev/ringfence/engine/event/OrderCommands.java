package dev.ringfence.engine.event;

import org.agrona.DirectBuffer;

/**
 * Outbound port: what the business logic asks of the terminal, one command at a time, as the body the bridge sends
 * ({@code dev.ringfence.engine.command}: {@code OrderNew}, {@code ClosePosition}, {@code Resync}). The business
 * thread encodes each command once; every stage after it (the output journal, the command ring, the gateway's frame)
 * carries those bytes as they are. Implementations enqueue or copy and return at once; they never block and never
 * call back into the business logic. {@code false} means the command queue is full: the business logic counts it
 * and treats the command as not sent.
 *
 * <p>Every command carries a {@code clientOrderId}, which the terminal side stores as the order's magic number: the
 * idempotency key that makes a resend or a replay harmless.
 */
@FunctionalInterface
public interface OrderCommands
{
    /** Accepts every command and sends nothing: for replays, reports and benchmarks that decide but never trade. */
    OrderCommands DISCARD = (type, buffer, offset, length) -> true;

    /**
     * One command: its message type and its body, {@code length} bytes at {@code offset}. The bytes are lent for the
     * call only: an implementation copies what it keeps.
     */
    boolean send(int type, DirectBuffer buffer, int offset, int length);
}
