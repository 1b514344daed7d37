package dev.floe.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that records the requests it gets and answers them from a script, in order. */
public final class ScriptedTransport implements HttpTransport {

    /** One scripted answer: a response, or a failure to reach the server. */
    @FunctionalInterface
    public interface Answer {
        ApiResponse answer(ApiRequest request) throws IOException;
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();

    public static ApiResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    public static ApiResponse json(int status, String body, Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new ApiResponse(status, multi, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A successful envelope around {@code resultJson}. */
    public static ApiResponse ok(String resultJson) {
        return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}");
    }

    public synchronized ScriptedTransport thenRespond(ApiResponse response) {
        script.add(request -> response);
        return this;
    }

    public synchronized ScriptedTransport thenAnswer(Answer answer) {
        script.add(answer);
        return this;
    }

    public synchronized ScriptedTransport thenFail(IOException failure) {
        script.add(request -> {
            throw failure;
        });
        return this;
    }

    @Override
    public ApiResponse send(ApiRequest request) throws IOException {
        requests.add(request);
        Answer next;
        synchronized (this) {
            next = script.poll();
        }
        if (next == null) {
            throw new AssertionError("unexpected request " + request.method() + " " + request.uri());
        }
        return next.answer(request);
    }

    public List<ApiRequest> requests() {
        return requests;
    }

    public ApiRequest lastRequest() {
        return requests.get(requests.size() - 1);
    }

    public static String body(ApiRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}
