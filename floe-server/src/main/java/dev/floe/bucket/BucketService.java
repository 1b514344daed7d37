package dev.floe.bucket;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.AtomicFiles;
import dev.floe.io.DefinitionStore;
import dev.floe.storage.Bucket;
import dev.floe.storage.LocalBucket;
import dev.floe.storage.S3Bucket;
import dev.floe.storage.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets: creating, listing and deleting them, and opening them for the parts of floe that write
 * objects (sinks). The public face of the bucket package.
 *
 * <p>Under its directory ({@code <data-dir>/buckets}) each bucket has a definition file
 * {@code <name>.json}; a local bucket keeps its objects in the folder {@code <name>/} beside it, and
 * writes go through the shared staging folder {@code .staging/} (bucket names cannot start with a
 * dot, so neither can collide with a bucket).
 *
 * <p>Creating and deleting are serialized by one lock, which keeps names unique; opened buckets are
 * shared and stay open until their bucket is deleted or the service closes.
 */
public final class BucketService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BucketService.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*[a-z0-9]");
    private static final int MIN_NAME_LENGTH = 3;
    private static final int MAX_NAME_LENGTH = 63;
    /** R2's location hints, as wrangler offers them. */
    private static final Set<String> LOCATION_HINTS = Set.of("apac", "eeur", "enam", "weur", "wnam", "oc");
    private static final String STAGING = ".staging";

    private final Path directory;
    private final DefinitionStore<BucketDefinition> registry;
    private final Clock clock;
    private final Map<String, Bucket> open = new ConcurrentHashMap<>();
    private final Object controlLock = new Object();

    /**
     * Loads the bucket definitions under {@code directory} and clears what interrupted writes left in
     * the staging folder.
     */
    public BucketService(Path directory, Clock clock) {
        this.directory = directory;
        this.registry = new DefinitionStore<>(directory, "bucket", new BucketDefinitionCodec());
        this.clock = clock;
        try {
            AtomicFiles.deleteTree(staging());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the staging folder " + staging(), e);
        }
    }

    /**
     * Creates a bucket. An S3-backed one is checked first, outside the lock (the remote store may be
     * slow to answer): the remote bucket must exist and the credentials must reach it.
     */
    public BucketDefinition create(NewBucket request) {
        validateName(request.name());
        requireNew(request.name()); // before contacting S3, so that a duplicate is reported as one
        BucketDefinition definition = new BucketDefinition(request.name(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), location(request.locationHint()),
                request.storageClass(), request.s3());
        Bucket bucket = connect(definition);
        try {
            synchronized (controlLock) {
                requireNew(definition.name());
                registry.put(definition);
                open.put(definition.name(), bucket);
            }
        } catch (RuntimeException e) {
            bucket.close();
            throw e;
        }
        LOG.info("Created bucket {} in {}", definition.name(), bucket.location());
        return definition;
    }

    private void requireNew(String name) {
        if (registry.byName(name).isPresent()) {
            throw new FloeException(ErrorCode.CONFLICT, "a bucket named '" + name
                    + "' already exists; choose another name or delete it first");
        }
    }

    static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw invalidName("", "a name is required");
        }
        if (name.length() < MIN_NAME_LENGTH || name.length() > MAX_NAME_LENGTH) {
            throw invalidName(name, "it is " + name.length() + " characters long");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalidName(name, name.matches("[a-z0-9-]+") ? "it begins or ends with a hyphen"
                    : "it has characters other than lowercase letters, digits and hyphens");
        }
    }

    private static FloeException invalidName(String name, String reason) {
        return new FloeException(ErrorCode.INVALID_REQUEST, "bucket name '" + name + "' is invalid: " + reason
                + "; a bucket name has 3 to 63 lowercase letters, digits and hyphens, and begins and ends with a "
                + "letter or digit");
    }

    private static String location(String hint) {
        if (hint == null) {
            return null;
        }
        String lower = hint.toLowerCase(Locale.ROOT);
        if (!LOCATION_HINTS.contains(lower)) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "location hint '" + hint + "' is unknown; use one of "
                    + String.join(", ", LOCATION_HINTS.stream().sorted().toList()));
        }
        return lower.toUpperCase(Locale.ROOT);
    }

    /** A new bucket's storage, checked to be usable. */
    private Bucket connect(BucketDefinition definition) {
        if (!definition.s3Backed()) {
            return localBucket(definition.name());
        }
        S3Bucket bucket = new S3Bucket(definition.s3());
        try {
            bucket.checkAccess();
            return bucket;
        } catch (FloeException e) {
            bucket.close();
            // The request names a remote bucket that is not there: the request is wrong, not a path.
            ErrorCode code = e.code() == ErrorCode.NOT_FOUND ? ErrorCode.INVALID_REQUEST : e.code();
            throw new FloeException(code, "cannot create bucket '" + definition.name() + "': " + e.getMessage(), e);
        }
    }

    /** Every bucket, by name. */
    public List<BucketDefinition> list() {
        return registry.all(Comparator.comparing(BucketDefinition::name));
    }

    public boolean exists(String name) {
        return registry.byName(name).isPresent();
    }

    public BucketDefinition get(String name) {
        return registry.byName(name).orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND,
                "bucket '" + name + "' does not exist; list buckets with GET /r2/buckets"));
    }

    /**
     * The bucket's objects, for writing and reading them. The bucket is shared: do not close it; it is
     * closed when the bucket is deleted or the service closes.
     */
    public Bucket open(String name) {
        BucketDefinition definition = get(name);
        return open.computeIfAbsent(definition.name(), ignored -> storage(definition));
    }

    private Bucket storage(BucketDefinition definition) {
        return definition.s3Backed() ? new S3Bucket(definition.s3()) : localBucket(definition.name());
    }

    private LocalBucket localBucket(String name) {
        return new LocalBucket(directory.resolve(name), staging());
    }

    /** How many objects the bucket holds and their size, by listing them all. */
    public BucketUsage usage(String name) {
        List<StoredObject> objects = open(name).list("");
        return new BucketUsage(objects.size(), objects.stream().mapToLong(StoredObject::size).sum());
    }

    /**
     * Deletes an empty bucket. Like R2, floe refuses to delete a bucket that holds objects, and it
     * never deletes an S3-backed bucket's remote bucket, only floe's definition of it.
     */
    public void delete(String name) {
        synchronized (controlLock) {
            BucketDefinition definition = get(name);
            Bucket bucket = open(name);
            if (!bucket.isEmpty()) {
                // Where an S3-backed bucket's objects are helps; a local path would only expose the server's.
                throw new FloeException(ErrorCode.CONFLICT, "bucket '" + name + "' is not empty; delete its objects"
                        + " first" + (definition.s3Backed() ? " (they are in " + bucket.location() + ")" : ""));
            }
            registry.remove(definition);
            open.remove(name);
            bucket.close();
            if (definition.s3Backed()) {
                LOG.info("Deleted bucket {}; {} is left as it is", name, definition.s3().describe());
            } else {
                removeEmptyFolders(directory.resolve(name));
                LOG.info("Deleted bucket {}", name);
            }
        }
    }

    /**
     * Removes a deleted local bucket's folders, bottom up, but never a file: an object written while
     * the bucket was being deleted stays, with the folders above it.
     */
    private static void removeEmptyFolders(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).filter(Files::isDirectory).toList()) {
                try {
                    Files.delete(path);
                } catch (DirectoryNotEmptyException e) {
                    // Holds an object; so do the folders above it, which are kept too.
                }
            }
            AtomicFiles.syncDirectory(root.getParent());
            if (Files.exists(root)) {
                LOG.warn("Kept {}: it holds objects written while its bucket was deleted", root);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the folder {} of a deleted bucket", root, e);
        }
    }

    private Path staging() {
        return directory.resolve(STAGING);
    }

    /** Closes every opened bucket, releasing connections to S3. */
    @Override
    public void close() {
        open.values().forEach(Bucket::close);
        open.clear();
    }
}
