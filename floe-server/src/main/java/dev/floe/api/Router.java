package dev.floe.api;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches a method and a path against route templates such as
 * {@code /client/v4/accounts/{account_id}/pipelines/v1/streams/{stream}}: a segment in braces
 * captures one path segment.
 */
final class Router {
    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template.substring(1).split("/"), handler));
        return this;
    }

    /**
     * The handler and captured parameters for a request.
     *
     * @throws FloeException {@code NOT_FOUND} when no template matches the path,
     *     {@code METHOD_NOT_ALLOWED} when templates match it but not with this method
     */
    Match match(String method, String path) {
        String[] segments = path.length() <= 1 ? new String[] {""} : path.substring(1).split("/", -1);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = route.match(segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route.handler(), parameters);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw new FloeException(ErrorCode.NOT_FOUND, "no such API path: " + path);
        }
        throw new MethodNotAllowed(method, path, String.join(", ", allowed));
    }

    record Match(Handler handler, Map<String, String> parameters) {
    }

    /** Carries the methods a path does allow, for the {@code Allow} header. */
    static final class MethodNotAllowed extends FloeException {
        private final String allow;

        MethodNotAllowed(String method, String path, String allow) {
            this(allow, method + " is not allowed on " + path + "; use " + allow);
        }

        /** For a route that exists only to say why its resource cannot be changed. */
        MethodNotAllowed(String allow, String message) {
            super(ErrorCode.METHOD_NOT_ALLOWED, message);
            this.allow = allow;
        }

        String allow() {
            return allow;
        }
    }

    private record Route(String method, String[] template, Handler handler) {
        Map<String, String> match(String[] segments) {
            if (segments.length != template.length) {
                return null;
            }
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < template.length; i++) {
                String expected = template[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    if (segments[i].isEmpty()) {
                        return null;
                    }
                    parameters.put(expected.substring(1, expected.length() - 1), segments[i]);
                } else if (!expected.equals(segments[i])) {
                    return null;
                }
            }
            return parameters;
        }
    }
}
