package dev.ringfence.tools.http;

import io.prometheus.metrics.core.metrics.Counter;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One request and its answer; answered exactly once, counted by endpoint and status. */
final class Exchange
{
    final Request request;
    final Response response;
    private final Callback callback;
    private final Counter responses;
    String endpoint = "other";
    private boolean counted;

    Exchange(final Request request, final Response response, final Callback callback, final Counter responses)
    {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.responses = responses;
    }

    boolean allows(final String method)
    {
        if (request.getMethod().equals(method))
        {
            return true;
        }
        reply(405, "{\"error\":\"use " + method + "\"}");
        return false;
    }

    String header(final String name)
    {
        return request.getHeaders().get(name);
    }

    /** True when the client has closed its side or the connection is gone. */
    boolean clientGone()
    {
        final EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        return !endPoint.isOpen() || endPoint.isInputShutdown();
    }

    void closeAfterReply()
    {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    void count(final int status)
    {
        if (!counted)
        {
            counted = true;
            responses.labelValues(endpoint, Integer.toString(status)).inc();
        }
    }

    void reply(final int status, final String json)
    {
        count(status);
        send(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    void send(final int status, final String contentType, final byte[] bytes)
    {
        response.setStatus(status);
        response.getHeaders().put(new HttpField(HttpHeader.CONTENT_TYPE, contentType));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
