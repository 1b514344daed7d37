package dev.floe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
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

    /** Writes rows of {@code (id, name)} into a new Parquet data file of the table and appends it. */
    public static DataFile append(Table table, Map<Long, String> rows) {
        String location = table.locationProvider().newDataLocation("part-" + UUID.randomUUID() + ".parquet");
        DataWriter<Record> writer;
        try {
            writer = Parquet.writeData(table.io().newOutputFile(location))
                    .schema(table.schema())
                    .createWriterFunc(GenericParquetWriter::create)
                    .withSpec(table.spec())
                    .overwrite()
                    .build();
            try (writer) {
                for (Map.Entry<Long, String> row : rows.entrySet()) {
                    Record record = GenericRecord.create(table.schema());
                    record.setField("id", row.getKey());
                    record.setField("name", row.getValue());
                    writer.write(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataFile file = writer.toDataFile();
        table.newAppend().appendFile(file).commit();
        return file;
    }

    /** Every row of the table's current snapshot, as {@code "id:name"}. */
    public static List<String> rows(Table table) {
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(record -> rows.add(record.getField("id") + ":" + record.getField("name")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
