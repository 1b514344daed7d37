package dev.floe.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket in an S3-compatible object store, through the AWS SDK.
 *
 * <p>An object of up to one part's size is written with a single PUT; a larger file is uploaded in
 * parts, and the object appears only when the upload is completed (an upload that fails is aborted).
 * Either way a reader sees the old object or the new one.
 */
public final class S3Bucket implements Bucket {
    /** Part size of multipart uploads, and the largest object written with one PUT. */
    static final long DEFAULT_PART_BYTES = 16L << 20;
    /** S3's limits: parts of at least 5 MiB (but the last), at most 10,000 of them. */
    private static final long MIN_PART_BYTES = 5L << 20;
    private static final int MAX_PARTS = 10_000;

    private final S3Settings settings;
    private final S3Client client;
    private final S3Failures failures;
    private final long partBytes;

    public S3Bucket(S3Settings settings) {
        this(settings, DEFAULT_PART_BYTES);
    }

    /** @param partBytes the part size of multipart uploads, at least 5 MiB */
    S3Bucket(S3Settings settings, long partBytes) {
        if (partBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB, got " + partBytes);
        }
        this.settings = settings;
        this.partBytes = partBytes;
        this.client = S3Clients.create(settings);
        this.failures = new S3Failures(settings);
    }

    /**
     * Checks that the remote bucket exists and these credentials may use it.
     *
     * @throws FloeException {@code NOT_FOUND}, {@code FORBIDDEN} or {@code UNAVAILABLE} saying which
     */
    public void checkAccess() {
        try {
            client.headBucket(request -> request.bucket(settings.bucket()));
        } catch (SdkException e) {
            throw failures.of("reach the bucket", null, e);
        }
    }

    @Override
    public void write(String key, Path source) {
        ObjectKeys.requireValid(key);
        SourceFile.requireRegularFile(source, key, this);
        try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = file.size();
            if (size <= partBytes) {
                client.putObject(request -> request.bucket(settings.bucket()).key(key), RequestBody.fromFile(source));
            } else {
                uploadInParts(key, file, size);
            }
        } catch (SdkException e) {
            throw failures.of("write", key, e);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot read " + source + " to write '" + key + "' to "
                    + location() + ": " + e.getMessage(), e);
        }
    }

    private void uploadInParts(String key, FileChannel file, long size) throws IOException {
        long part = Math.max(partBytes, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = client.createMultipartUpload(request -> request.bucket(settings.bucket()).key(key))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocate((int) part);
            for (long offset = 0; offset < size; offset += part) {
                int length = (int) Math.min(part, size - offset);
                readFully(file, buffer, offset, length);
                int number = parts.size() + 1;
                String eTag = client.uploadPart(request -> request.bucket(settings.bucket()).key(key)
                                .uploadId(uploadId).partNumber(number).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buffer.array(), 0, length), length))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            client.completeMultipartUpload(request -> request.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (IOException | RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    private static void readFully(FileChannel file, ByteBuffer buffer, long offset, int length) throws IOException {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("the file became shorter while it was uploaded");
            }
        }
    }

    /** Aborts an upload so that its parts stop taking space; a failure to do so joins the first one. */
    private void abort(String key, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(request -> request.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void write(String key, byte[] content) {
        ObjectKeys.requireValid(key);
        try {
            client.putObject(request -> request.bucket(settings.bucket()).key(key), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failures.of("write", key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        ObjectKeys.requireValid(key);
        try {
            return client.getObject(request -> request.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw failures.of("read", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        ObjectKeys.requireValid(key);
        try {
            client.headObject(request -> request.bucket(settings.bucket()).key(key));
            return true;
        } catch (SdkException e) {
            FloeException failure = failures.of("look up", key, e);
            if (failure.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        List<StoredObject> objects = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(settings.bucket())
                    .prefix(prefix)).contents()) {
                objects.add(new StoredObject(object.key(), object.size(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw failures.of("list", prefix, e);
        }
        return objects;
    }

    @Override
    public boolean isEmpty() {
        try {
            return client.listObjectsV2(request -> request.bucket(settings.bucket()).maxKeys(1)).contents().isEmpty();
        } catch (SdkException e) {
            throw failures.of("list", "", e);
        }
    }

    @Override
    public void delete(String key) {
        ObjectKeys.requireValid(key);
        try {
            client.deleteObject(request -> request.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw failures.of("delete", key, e);
        }
    }

    @Override
    public String location() {
        return settings.describe();
    }

    @Override
    public void close() {
        client.close();
    }
}
