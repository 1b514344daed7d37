package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.bucket.NewBucket;
import dev.floe.bucket.StorageClass;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.storage.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of a bucket creation, naming any field that is wrong: R2's {@code name},
 * {@code locationHint} and {@code storageClass}, and floe's {@code floe_s3}, which puts the bucket's
 * objects in an S3 bucket instead of the data directory.
 */
final class BucketRequests {
    static final String S3_FIELD = "floe_s3";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final Set<String> S3_FIELDS = Set.of("endpoint", "region", "bucket", "access_key_id",
            "secret_access_key", "path_style");

    private BucketRequests() {
    }

    static NewBucket create(JsonNode body) {
        if (!body.isObject()) {
            throw invalid("request body must be a JSON object such as {\"name\":\"my-bucket\"}");
        }
        return new NewBucket(
                requiredText(body, "name", "name"),
                optionalText(body, "locationHint", "locationHint"),
                StorageClass.fromApiName(defaultIfNull(optionalText(body, "storageClass", "storageClass"),
                        StorageClass.STANDARD.apiName())),
                s3(body.path(S3_FIELD)));
    }

    private static S3Settings s3(JsonNode s3) {
        if (s3.isMissingNode() || s3.isNull()) {
            return null;
        }
        if (!s3.isObject()) {
            throw invalid("'" + S3_FIELD + "' must be a JSON object with bucket, access_key_id and "
                    + "secret_access_key, and optionally endpoint, region and path_style");
        }
        List<String> unknown = new ArrayList<>();
        s3.fieldNames().forEachRemaining(field -> {
            if (!S3_FIELDS.contains(field)) {
                unknown.add(field);
            }
        });
        if (!unknown.isEmpty()) {
            throw invalid("'" + S3_FIELD + "' has unknown fields " + unknown + "; its fields are "
                    + S3_FIELDS.stream().sorted().toList());
        }
        JsonNode pathStyle = s3.path("path_style");
        if (!pathStyle.isMissingNode() && !pathStyle.isNull() && !pathStyle.isBoolean()) {
            throw invalid("'" + S3_FIELD + ".path_style' must be true or false, got " + pathStyle);
        }
        return new S3Settings(
                endpoint(optionalText(s3, "endpoint", S3_FIELD + ".endpoint")),
                defaultIfNull(optionalText(s3, "region", S3_FIELD + ".region"), DEFAULT_REGION),
                requiredText(s3, "bucket", S3_FIELD + ".bucket"),
                requiredText(s3, "access_key_id", S3_FIELD + ".access_key_id"),
                requiredText(s3, "secret_access_key", S3_FIELD + ".secret_access_key"),
                pathStyle.asBoolean(false));
    }

    private static URI endpoint(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with what an endpoint looks like
        }
        throw invalid("'" + S3_FIELD + ".endpoint' must be an http or https URL such as http://127.0.0.1:9000, got '"
                + text + "'");
    }

    private static String requiredText(JsonNode parent, String field, String path) {
        String value = optionalText(parent, field, path);
        if (value == null || value.isEmpty()) {
            throw invalid("'" + path + "' is required and must be a non-empty string");
        }
        return value;
    }

    private static String optionalText(JsonNode parent, String field, String path) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("'" + path + "' must be a string, got " + value);
        }
        return value.asText();
    }

    private static String defaultIfNull(String value, String defaultValue) {
        return value == null ? defaultValue : value;
    }

    private static FloeException invalid(String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, message);
    }
}
