package dev.floe.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns the AWS SDK's exceptions into floe's, with messages that name the bucket and what to check. */
final class S3Failures {
    private final S3Settings settings;

    S3Failures(S3Settings settings) {
        this.settings = settings;
    }

    /**
     * @param action what was being done, such as {@code write}
     * @param key    the object key or list prefix it was done to, or {@code null} for the bucket itself
     */
    FloeException of(String action, String key, SdkException e) {
        String what = key == null ? action : action + " '" + key + "'";
        if (!(e instanceof AwsServiceException answer)) {
            // No answer at all: the connection was refused, the host is unknown, or it timed out.
            return new FloeException(ErrorCode.UNAVAILABLE, "cannot reach the S3 endpoint " + endpointName()
                    + " to " + what + " in bucket '" + settings.bucket() + "': " + e.getMessage()
                    + "; check that it is running and that the endpoint is right", e);
        }
        int status = answer.statusCode();
        AwsErrorDetails details = answer.awsErrorDetails();
        String errorCode = details == null ? null : details.errorCode();
        String detail = "HTTP " + status + (errorCode == null ? "" : " " + errorCode)
                + (details == null || details.errorMessage() == null ? "" : ": " + details.errorMessage());
        if ("NoSuchBucket".equals(errorCode) || (status == 404 && key == null)) {
            return new FloeException(ErrorCode.NOT_FOUND, "the S3 bucket '" + settings.bucket()
                    + "' does not exist at " + endpointName() + "; create it there, or correct the bucket name", e);
        }
        if (status == 404) {
            return new FloeException(ErrorCode.NOT_FOUND, "object '" + key + "' does not exist in "
                    + settings.describe(), e);
        }
        if (status == 401 || status == 403) {
            return new FloeException(ErrorCode.FORBIDDEN, settings.describe() + " refused to " + what + " ("
                    + detail + "); check the access key, its secret and its permissions on the bucket", e);
        }
        if (status == 429 || status >= 500) {
            return new FloeException(ErrorCode.UNAVAILABLE, settings.describe() + " could not " + what + " ("
                    + detail + "); try again later", e);
        }
        return new FloeException(ErrorCode.INTERNAL, settings.describe() + " refused to " + what + " (" + detail
                + ")", e);
    }

    private String endpointName() {
        return settings.endpoint() == null ? "AWS in " + settings.region() : settings.endpoint().toString();
    }
}
