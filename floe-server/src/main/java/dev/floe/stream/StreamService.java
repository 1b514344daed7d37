package dev.floe.stream;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.DefinitionStore;
import dev.floe.stream.ingest.IngestBodyParser;
import dev.floe.stream.ingest.ParsedRecords;
import dev.floe.stream.ingest.ProducerBatch;
import dev.floe.stream.ingest.RecordValidator;
import dev.floe.stream.log.AppendBatch;
import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogStore;
import dev.floe.stream.log.StreamLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams: creating, changing and deleting them, and ingesting records into them. The public face
 * of the stream package; the log, the schema validation and the definition files sit behind it.
 *
 * <p>Control-plane changes are serialized by one lock, which keeps name uniqueness and the
 * definition files consistent; ingest takes no lock here (the log orders appends).
 */
public final class StreamService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamService.class);
    /** Oldest first, then by name, so that pages of a list are stable. */
    private static final Comparator<StreamDefinition> OLDEST_FIRST =
            Comparator.comparing(StreamDefinition::createdAt).thenComparing(StreamDefinition::name);

    private final DefinitionStore<StreamDefinition> registry;
    private final LogStore logStore;
    private final StreamMetrics metrics;
    private final Clock clock;
    private final IngestBodyParser parser;
    /** The open log of each stream, with its schema compiled for validation, by stream id. */
    private final Map<String, OpenStream> open = new ConcurrentHashMap<>();
    private final Object controlLock = new Object();

    public StreamService(Path definitionsDirectory, LogStore logStore, StreamMetrics metrics, Clock clock,
                         IngestBodyParser parser) {
        this.registry = new DefinitionStore<>(definitionsDirectory, "stream", DefinitionStore.Codec.of(
                StreamDefinition::id, StreamDefinition::name, StreamDefinitionCodec::toJson,
                StreamDefinitionCodec::fromJson));
        this.logStore = logStore;
        this.metrics = metrics;
        this.clock = clock;
        this.parser = parser;
        for (StreamDefinition definition : registry.all(OLDEST_FIRST)) {
            open(definition);
        }
        removeOrphanLogs();
    }

    /** A crash between deleting a definition and its log leaves the log behind; finish the deletion. */
    private void removeOrphanLogs() {
        for (String id : logStore.streamIds()) {
            if (registry.byId(id).isEmpty()) {
                LOG.info("Deleting the log of stream {}, whose deletion was interrupted", id);
                logStore.delete(id);
            }
        }
    }

    public StreamDefinition create(NewStream request) {
        DefinitionStore.validateName("stream", request.name());
        synchronized (controlLock) {
            registry.byName(request.name()).ifPresent(existing -> {
                throw new FloeException(ErrorCode.CONFLICT, "a stream named '" + request.name()
                        + "' already exists (id " + existing.id() + "); choose another name or delete it first");
            });
            Instant now = now();
            StreamDefinition definition = new StreamDefinition(DefinitionStore.newId(), request.name(), 1, now, now,
                    request.schema(), request.http(), request.workerBindingEnabled());
            registry.put(definition);
            open(definition);
            LOG.info("Created stream {} ({}), {}", definition.name(), definition.id(),
                    definition.unstructured() ? "unstructured" : definition.schema().fields().size() + " fields");
            return definition;
        }
    }

    /** Streams whose name contains {@code nameFilter} (ignoring case; every stream when null), oldest first. */
    public List<StreamDefinition> list(String nameFilter) {
        List<StreamDefinition> all = registry.all(OLDEST_FIRST);
        if (nameFilter == null || nameFilter.isEmpty()) {
            return all;
        }
        String needle = nameFilter.toLowerCase(Locale.ROOT);
        return all.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    /** The stream with this id, or else this name. */
    public StreamDefinition get(String idOrName) {
        return registry.byIdOrName(idOrName).orElseThrow(() ->
                new FloeException(ErrorCode.NOT_FOUND, "stream '" + idOrName
                        + "' does not exist; list streams with GET /pipelines/v1/streams"));
    }

    public StreamDefinition update(String idOrName, SettingsUpdate update) {
        synchronized (controlLock) {
            StreamDefinition current = get(idOrName);
            StreamDefinition updated = current.withSettings(
                    update.http() == null ? current.http() : update.http(),
                    update.workerBindingEnabled() == null ? current.workerBindingEnabled()
                            : update.workerBindingEnabled(),
                    now());
            registry.put(updated);
            LOG.info("Updated stream {} ({}) to version {}", updated.name(), updated.id(), updated.version());
            return updated;
        }
    }

    /**
     * Deletes a stream and every record it holds.
     *
     * @param force delete even when pipelines read the stream
     */
    public void delete(String idOrName, boolean force) {
        synchronized (controlLock) {
            StreamDefinition definition = get(idOrName);
            StreamLog log = log(definition);
            if (!force && !log.consumers().isEmpty()) {
                throw new FloeException(ErrorCode.CONFLICT, "stream '" + definition.name() + "' is read by "
                        + String.join(", ", log.consumers().keySet())
                        + "; delete those pipelines first, or delete with force=true");
            }
            registry.remove(definition);
            open.remove(definition.id());
            logStore.delete(definition.id());
            LOG.info("Deleted stream {} ({})", definition.name(), definition.id());
        }
    }

    private void open(StreamDefinition definition) {
        open.put(definition.id(), new OpenStream(logStore.open(definition.id()),
                RecordValidator.forSchema(definition.schema())));
    }

    private OpenStream opened(StreamDefinition definition) {
        OpenStream stream = open.get(definition.id());
        if (stream == null) {
            throw new FloeException(ErrorCode.NOT_FOUND, "stream '" + definition.name() + "' was deleted");
        }
        return stream;
    }

    /** The log of a stream, for pipelines to read from and commit to. */
    public StreamLog log(StreamDefinition definition) {
        return opened(definition).log();
    }

    /**
     * Validates a request body against the stream's schema and appends its records. Returns once they
     * are durable. Nothing is written when any record is invalid.
     *
     * @param producer the idempotent producer, or {@code null}
     */
    public IngestResult ingest(StreamDefinition definition, byte[] body, int length, Producer producer) {
        OpenStream stream = opened(definition);
        ParsedRecords records = parser.parse(body, length, stream.validator());
        AppendBatch batch = new AppendBatch(records.records(),
                producer == null ? null : producer.id(),
                producer == null ? 0 : producer.firstSequence(),
                clock.millis());
        AppendResult result = awaitDurable(stream.log(), batch);
        metrics.accepted(definition.name(), result.appended() + result.duplicates(), records.payloadBytes(),
                result.duplicates());
        return new IngestResult(result.appended() + result.duplicates(), result.appended(),
                result.duplicates(), result.firstOffset());
    }

    /**
     * Validates a body of several producers' batches ({@code [{"producer_id", "first_sequence",
     * "records"}, …]}) and appends each batch as {@link #ingest} would a request of its own, all of
     * them in one group commit. Returns once every batch is durable, one result per batch in order.
     * Nothing is written when any batch or record is invalid.
     */
    public List<IngestResult> ingestProducerBatches(StreamDefinition definition, byte[] body, int length) {
        OpenStream stream = opened(definition);
        List<ProducerBatch> parsed = parser.parseProducerBatches(body, length, stream.validator());
        long now = clock.millis();
        List<AppendBatch> batches = new ArrayList<>(parsed.size());
        long payloadBytes = 0;
        for (int i = 0; i < parsed.size(); i++) {
            ProducerBatch batch = parsed.get(i);
            Producer producer = producerOfBatch(i, batch);
            batches.add(new AppendBatch(batch.records().records(), producer.id(), producer.firstSequence(), now));
            payloadBytes += batch.records().payloadBytes();
        }
        List<CompletableFuture<AppendResult>> appends = stream.log().appendAll(batches);
        List<IngestResult> results = new ArrayList<>(appends.size());
        int committed = 0;
        int duplicates = 0;
        for (CompletableFuture<AppendResult> append : appends) {
            AppendResult result = awaitDurable(append);
            results.add(new IngestResult(result.appended() + result.duplicates(), result.appended(),
                    result.duplicates(), result.firstOffset()));
            committed += result.appended() + result.duplicates();
            duplicates += result.duplicates();
        }
        metrics.accepted(definition.name(), committed, payloadBytes, duplicates);
        return results;
    }

    private static Producer producerOfBatch(int index, ProducerBatch batch) {
        try {
            return new Producer(batch.producerId(), batch.firstSequence());
        } catch (FloeException e) {
            throw new FloeException(e.code(), "batch " + index + ": " + e.getMessage() + "; nothing was written");
        }
    }

    private static AppendResult awaitDurable(StreamLog log, AppendBatch batch) {
        return awaitDurable(log.append(batch));
    }

    private static AppendResult awaitDurable(CompletableFuture<AppendResult> append) {
        try {
            return append.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof FloeException floe) {
                throw floe;
            }
            throw new FloeException(ErrorCode.UNAVAILABLE, "append failed: " + e.getCause().getMessage(), e);
        }
    }

    public StreamMetrics metrics() {
        return metrics;
    }

    /** Deletes what retention allows in every stream; returns the number of records deleted. */
    public long enforceRetention() {
        long deleted = 0;
        long now = clock.millis();
        for (OpenStream stream : open.values()) {
            deleted += stream.log().enforceRetention(now);
        }
        return deleted;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Closes the logs: appends already queued become durable first. */
    @Override
    public void close() {
        logStore.close();
        open.clear();
    }

    private record OpenStream(StreamLog log, RecordValidator validator) {
    }
}
