package dev.floe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Iceberg's own Java client against a floe server, as another engine uses a bucket's catalog: its
 * {@link RESTCatalog}, its generic Parquet writer, and its generic reader.
 */
public final class IcebergClient {
    private IcebergClient() {
    }

    /**
     * A client of a bucket's catalog, signed in with the API token.
     *
     * @param properties further client properties, such as the FileIO and its credentials
     */
    public static RESTCatalog connect(RunningServer server, String bucket, String token, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("uri", server.catalogUri(bucket));
        all.put("warehouse", RunningServer.ACCOUNT + "_" + bucket);
        all.put("token", token);
        all.put("rest.auth.type", "oauth2");
        all.put("oauth2-server-uri", server.catalogUri(bucket) + "/v1/oauth/tokens");
        RESTCatalog catalog = new RESTCatalog();
        catalog.initialize("floe", all);
        return catalog;
    }

    /** Creates a table (and its namespace, when missing) in a local bucket's catalog with Iceberg's client. */
    public static void createTable(RunningServer server, String bucket, String token, TableIdentifier table,
                                   Schema schema) {
        try (RESTCatalog catalog = connect(server, bucket, token, localFiles())) {
            if (!catalog.namespaceExists(table.namespace())) {
                catalog.createNamespace(table.namespace());
            }
            catalog.createTable(table, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client properties for a local bucket: floe's plain-file FileIO, no Hadoop. */
    public static Map<String, String> localFiles() {
        return Map.of("io-impl", "dev.floe.catalog.LocalFileIO");
    }

    /** Client properties for an S3-backed bucket on a {@link LocalS3}: the endpoint comes from the catalog. */
    public static Map<String, String> s3Files() {
        return Map.of("io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.access-key-id", LocalS3.ACCESS_KEY_ID,
                "s3.secret-access-key", LocalS3.SECRET_ACCESS_KEY,
                "http-client.type", "urlconnection");
    }

    /** Writes rows of {@code (id, name)} into a new Parquet data file of an unpartitioned table and appends it. */
    public static DataFile append(Table table, Map<Long, String> rows) {
        List<Record> records = new ArrayList<>();
        for (Map.Entry<Long, String> row : rows.entrySet()) {
            Record record = GenericRecord.create(table.schema());
            record.setField("id", row.getKey());
            record.setField("name", row.getValue());
            records.add(record);
        }
        return append(table, records).getFirst();
    }

    /**
     * Writes records of the table's schema into one new Parquet data file per partition they fall in,
     * with the table's write properties (its Parquet codec among them), and appends them in one commit.
     */
    public static List<DataFile> append(Table table, List<Record> records) {
        Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
        InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
        for (Record record : records) {
            PartitionKey key = new PartitionKey(table.spec(), table.schema());
            key.partition(wrapper.wrap(record));
            byPartition.computeIfAbsent(key, ignored -> new ArrayList<>()).add(record);
        }
        List<DataFile> files = new ArrayList<>();
        AppendFiles append = table.newAppend();
        byPartition.forEach((partition, rows) -> {
            DataFile file = write(table, partition, rows);
            files.add(file);
            append.appendFile(file);
        });
        append.commit();
        return files;
    }

    private static DataFile write(Table table, PartitionKey partition, List<Record> rows) {
        String name = "part-" + UUID.randomUUID() + ".parquet";
        String location = table.spec().isUnpartitioned() ? table.locationProvider().newDataLocation(name)
                : table.locationProvider().newDataLocation(table.spec(), partition, name);
        DataWriter<Record> writer;
        try {
            writer = Parquet.writeData(table.io().newOutputFile(location))
                    .schema(table.schema())
                    .setAll(table.properties())
                    .createWriterFunc(GenericParquetWriter::create)
                    .withSpec(table.spec())
                    .withPartition(table.spec().isUnpartitioned() ? null : partition)
                    .overwrite()
                    .build();
            try (writer) {
                rows.forEach(writer::write);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toDataFile();
    }

    /** Every row of the table's current snapshot, as {@code "id:name"}. */
    public static List<String> rows(Table table) {
        return table.currentSnapshot() == null ? List.of() : rows(table, table.currentSnapshot().snapshotId());
    }

    /** Every row of a snapshot of the table, as {@code "id:name"}. */
    public static List<String> rows(Table table, long snapshotId) {
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
            records.forEach(record -> rows.add(record.getField("id") + ":" + record.getField("name")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
