package dev.floe.catalog;

import org.apache.iceberg.rest.Endpoint;

/**
 * The Iceberg REST catalog operations floe serves, each with its method and its path below a
 * catalog's URI ({@code /v1/namespaces/{namespace}/tables/{table}}: floe's catalog URIs name the
 * warehouse, so there is no {@code {prefix}} segment). A route with an {@link Endpoint} is announced
 * in the {@code config} answer.
 */
public enum RestRoute {
    CONFIG("GET", "/v1/config", null),
    LIST_NAMESPACES(Endpoint.V1_LIST_NAMESPACES),
    CREATE_NAMESPACE(Endpoint.V1_CREATE_NAMESPACE),
    LOAD_NAMESPACE(Endpoint.V1_LOAD_NAMESPACE),
    NAMESPACE_EXISTS(Endpoint.V1_NAMESPACE_EXISTS),
    DROP_NAMESPACE(Endpoint.V1_DELETE_NAMESPACE),
    UPDATE_NAMESPACE_PROPERTIES(Endpoint.V1_UPDATE_NAMESPACE),
    LIST_TABLES(Endpoint.V1_LIST_TABLES),
    CREATE_TABLE(Endpoint.V1_CREATE_TABLE),
    REGISTER_TABLE(Endpoint.V1_REGISTER_TABLE),
    LOAD_TABLE(Endpoint.V1_LOAD_TABLE),
    TABLE_EXISTS(Endpoint.V1_TABLE_EXISTS),
    UPDATE_TABLE(Endpoint.V1_UPDATE_TABLE),
    DROP_TABLE(Endpoint.V1_DELETE_TABLE),
    REPORT_METRICS(Endpoint.V1_REPORT_METRICS),
    RENAME_TABLE(Endpoint.V1_RENAME_TABLE),
    LIST_VIEWS(Endpoint.V1_LIST_VIEWS),
    CREATE_VIEW(Endpoint.V1_CREATE_VIEW),
    REGISTER_VIEW(Endpoint.V1_REGISTER_VIEW),
    LOAD_VIEW(Endpoint.V1_LOAD_VIEW),
    VIEW_EXISTS(Endpoint.V1_VIEW_EXISTS),
    UPDATE_VIEW(Endpoint.V1_UPDATE_VIEW),
    DROP_VIEW(Endpoint.V1_DELETE_VIEW),
    RENAME_VIEW(Endpoint.V1_RENAME_VIEW);

    private final String method;
    private final String path;
    private final Endpoint endpoint;

    RestRoute(Endpoint endpoint) {
        this(endpoint.httpMethod(), endpoint.path().replace("/{prefix}", ""), endpoint);
    }

    RestRoute(String method, String path, Endpoint endpoint) {
        this.method = method;
        this.path = path;
        this.endpoint = endpoint;
    }

    public String method() {
        return method;
    }

    /** The path template below the catalog's URI, with {@code {namespace}}, {@code {table}}, {@code {view}}. */
    public String path() {
        return path;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Whether the request changes the catalog, and so may carry an {@code Idempotency-Key}. */
    boolean mutating() {
        return method.equals("POST") || method.equals("DELETE");
    }
}
