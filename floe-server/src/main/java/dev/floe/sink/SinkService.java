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
    private final Predicate<String> catalogEnabled;
    private final Clock clock;
    private final Object controlLock = new Object();

    /**
     * @param bucketExists   whether a bucket of the given name exists
     * @param catalogEnabled whether the bucket of the given name has its data catalog enabled
     */
    public SinkService(Path definitionsDirectory, Predicate<String> bucketExists, Predicate<String> catalogEnabled,
            Clock clock) {
        this.definitions = new DefinitionStore<>(definitionsDirectory, "sink", DefinitionStore.Codec.of(
                SinkDefinition::id, SinkDefinition::name, SinkDefinitionCodec::toStoredJson,
                SinkDefinitionCodec::fromStoredJson));
        this.bucketExists = bucketExists;
        this.catalogEnabled = catalogEnabled;
        this.clock = clock;
    }

    public SinkDefinition create(NewSink request) {
        DefinitionStore.validateName("sink", request.name());
        if (!bucketExists.test(request.bucket())) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "bucket '" + request.bucket()
                    + "' does not exist; create it first (wrangler r2 bucket create " + request.bucket() + ")");
        }
        if (request.type() == SinkType.R2_DATA_CATALOG) {
            checkTableSink(request);
        }
        synchronized (controlLock) {
            definitions.byName(request.name()).ifPresent(existing -> {
                throw new FloeException(ErrorCode.CONFLICT, "a sink named '" + request.name()
                        + "' already exists (id " + existing.id() + "); choose another name or delete it first");
            });
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            SinkDefinition sink = new SinkDefinition(DefinitionStore.newId(), request.name(), request.type(),
                    request.format(), request.bucket(), request.path(), request.partitioning(),
                    request.rollingPolicy(), request.fileNaming(), request.credentials(), request.table(), now, now);
            definitions.put(sink);
            LOG.info("Created sink {} ({}) writing {} to bucket {}{}", sink.name(), sink.id(), sink.format().type(),
                    sink.bucket(), sink.path().isEmpty() ? "" : "/" + sink.path());
            return sink;
        }
    }

    private void checkTableSink(NewSink request) {
        if (request.table() == null) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "an r2_data_catalog sink needs 'config.namespace' and "
                    + "'config.table_name': the Iceberg table it appends to");
        }
        if (!request.format().parquet()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "an r2_data_catalog sink writes Parquet; leave "
                    + "'format' out or make its type \"parquet\"");
        }
        if (!catalogEnabled.test(request.bucket())) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "bucket '" + request.bucket() + "' has no data catalog; "
                    + "enable it first (wrangler r2 bucket catalog enable " + request.bucket() + ")");
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
