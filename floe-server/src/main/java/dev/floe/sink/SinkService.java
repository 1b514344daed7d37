package dev.floe.sink;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.DefinitionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sinks: where pipelines write. Creating, listing and deleting their definitions; a sink names a
 * bucket that must exist.
 */
public final class SinkService {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final Comparator<SinkDefinition> OLDEST_FIRST =
            Comparator.comparing(SinkDefinition::createdAt).thenComparing(SinkDefinition::name);

    private final DefinitionStore<SinkDefinition> definitions;
    private final Predicate<String> bucketExists;
    private final Clock clock;
    private final Object controlLock = new Object();

    /**
     * @param bucketExists whether a bucket of the given name exists
     */
    public SinkService(Path definitionsDirectory, Predicate<String> bucketExists, Clock clock) {
        this.definitions = new DefinitionStore<>(definitionsDirectory, "sink", DefinitionStore.Codec.of(
                SinkDefinition::id, SinkDefinition::name, SinkDefinitionCodec::toStoredJson,
                SinkDefinitionCodec::fromStoredJson));
        this.bucketExists = bucketExists;
        this.clock = clock;
    }

    public SinkDefinition create(NewSink request) {
        DefinitionStore.validateName("sink", request.name());
        if (request.type() != SinkType.R2) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "sink type '" + request.type().wireName()
                    + "' is not available in this version of floe; create an 'r2' sink");
        }
        if (!bucketExists.test(request.bucket())) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "bucket '" + request.bucket()
                    + "' does not exist; create it first (wrangler r2 bucket create " + request.bucket() + ")");
        }
        synchronized (controlLock) {
            definitions.byName(request.name()).ifPresent(existing -> {
                throw new FloeException(ErrorCode.CONFLICT, "a sink named '" + request.name()
                        + "' already exists (id " + existing.id() + "); choose another name or delete it first");
            });
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            SinkDefinition sink = new SinkDefinition(DefinitionStore.newId(), request.name(), request.type(),
                    request.format(), request.bucket(), request.path(), request.partitioning(),
                    request.rollingPolicy(), request.fileNaming(), request.credentials(), now, now);
            definitions.put(sink);
            LOG.info("Created sink {} ({}) writing {} to bucket {}{}", sink.name(), sink.id(), sink.format().type(),
                    sink.bucket(), sink.path().isEmpty() ? "" : "/" + sink.path());
            return sink;
        }
    }

    /** Every sink, oldest first. */
    public List<SinkDefinition> list() {
        return definitions.all(OLDEST_FIRST);
    }

    /** The sink with this id, or else this name. */
    public SinkDefinition get(String idOrName) {
        return definitions.byIdOrName(idOrName).orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND,
                "sink '" + idOrName + "' does not exist; list sinks with GET /pipelines/v1/sinks"));
    }

    /** Whether any sink writes to the bucket, which may then not be deleted. */
    public boolean writesTo(String bucket) {
        return list().stream().anyMatch(sink -> sink.bucket().equals(bucket));
    }

    public void delete(String idOrName) {
        synchronized (controlLock) {
            SinkDefinition sink = get(idOrName);
            definitions.remove(sink);
            LOG.info("Deleted sink {} ({})", sink.name(), sink.id());
        }
    }
}
