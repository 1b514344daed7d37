package dev.floe.catalog;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.exceptions.UnprocessableEntityException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures as the Iceberg REST protocol reports them: {@code {"error": {"message", "type", "code"}}},
 * with the status and type Iceberg's clients turn back into the same exception (a 404 of type
 * {@code NoSuchTableException} is a {@code NoSuchTableException} in Spark, PyIceberg and Java).
 */
public final class RestErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);
    /** Iceberg's exceptions and their status, as iceberg-core's own REST adapter maps them. */
    private static final Map<Class<?>, Integer> STATUS = statuses();

    private RestErrors() {
    }

    private static Map<Class<?>, Integer> statuses() {
        Map<Class<?>, Integer> statuses = new LinkedHashMap<>();
        statuses.put(IllegalArgumentException.class, 400);
        statuses.put(ValidationException.class, 400);
        statuses.put(BadRequestException.class, 400);
        statuses.put(NotAuthorizedException.class, 401);
        statuses.put(ForbiddenException.class, 403);
        statuses.put(NoSuchNamespaceException.class, 404);
        statuses.put(NoSuchTableException.class, 404);
        statuses.put(NoSuchViewException.class, 404);
        statuses.put(NotFoundException.class, 404);
        statuses.put(UnsupportedOperationException.class, 406);
        statuses.put(NamespaceNotEmptyException.class, 409);
        statuses.put(AlreadyExistsException.class, 409);
        statuses.put(CommitFailedException.class, 409);
        statuses.put(UnprocessableEntityException.class, 422);
        statuses.put(CommitStateUnknownException.class, 500);
        statuses.put(ServiceUnavailableException.class, 503);
        // The catalog database is down or busy past its timeout: the request may be sent again.
        statuses.put(UncheckedSQLException.class, 503);
        return Map.copyOf(statuses);
    }

    /** The answer to a failure; an unexpected one is logged and answered 500 with a reference, not its details. */
    public static CatalogAnswer answer(Throwable failure) {
        if (failure instanceof FloeException floe) {
            return answer(floe.code().httpStatus(), type(floe.code()), floe.getMessage());
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            Integer status = STATUS.get(type);
            if (status != null) {
                if (status >= 500) {
                    LOG.warn("Catalog request failed: {}", failure.toString());
                }
                return answer(status, failure.getClass().getSimpleName(), failure.getMessage());
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Catalog request failed (reference {})", reference, failure);
        return answer(500, "InternalServerError",
                "internal error (reference " + reference + "); the server log has the details");
    }

    static CatalogAnswer answer(int status, String type, String message) {
        ErrorResponse error = ErrorResponse.builder().responseCode(status).withType(type)
                .withMessage(message == null ? type : message).build();
        return new CatalogAnswer(status, ErrorResponseParser.toJson(error).getBytes(StandardCharsets.UTF_8));
    }

    /** The Iceberg exception name a client expects for one of floe's own failures. */
    private static String type(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, INVALID_RECORDS, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED ->
                    "BadRequestException";
            case UNAUTHENTICATED -> "NotAuthorizedException";
            case FORBIDDEN -> "ForbiddenException";
            case NOT_FOUND, CATALOG_NOT_ENABLED -> "NotFoundException";
            case CONFLICT -> "AlreadyExistsException";
            case TOO_MANY_REQUESTS, UNAVAILABLE -> "ServiceUnavailableException";
            case INTERNAL -> "InternalServerError";
            // query failures never reach the Iceberg protocol; named for completeness of the switch
            case SQL_SYNTAX, SQL_UNSUPPORTED, QUERY_TIMEOUT, QUERY_TOO_LARGE -> "BadRequestException";
        };
    }
}
