package dev.floe.pipeline.sql;

import dev.floe.engine.BatchLoader;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineTesting;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.schema.StreamSchema;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A catalog of streams and sinks given in the test, and running a compiled statement over records. */
final class PipelineTesting {
    private PipelineTesting() {}

    record TestCatalog(Map<String, StreamSchema> streams, List<String> sinks) implements Catalog {
        static TestCatalog of(List<String> sinks, Object... namesAndSchemas) {
            Map<String, StreamSchema> streams = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < namesAndSchemas.length; i += 2) {
                streams.put((String) namesAndSchemas[i], (StreamSchema) namesAndSchemas[i + 1]);
            }
            return new TestCatalog(streams, sinks);
        }

        @Override
        public Optional<Stream> stream(String name) {
            return streams.containsKey(name)
                    ? Optional.of(new Stream(streams.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElseThrow(),
                            streams.get(name)))
                    : Optional.empty();
        }

        @Override
        public boolean sinkExists(String name) {
            return sinks.stream().anyMatch(name::equalsIgnoreCase);
        }

        @Override
        public List<String> streamNames() {
            return List.copyOf(streams.keySet());
        }

        @Override
        public List<String> sinkNames() {
            return sinks;
        }
    }

    /** Loads the records, runs the statement and returns its output rows in offset order, as text. */
    static List<Map<String, String>> run(DuckDbEngine engine, Connection connection, CompiledStatement statement,
            StreamSchema schema, List<LogRecord> records) throws Exception {
        new BatchLoader(schema, engine.workDirectory()).load(connection, records, "batch");
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS output");
        }
        new StatementRunner(connection).run(statement, "batch", 0, "output");
        return EngineTesting.rows(connection, "SELECT * EXCLUDE (__ingest_ts) FROM output ORDER BY __offset");
    }
}
