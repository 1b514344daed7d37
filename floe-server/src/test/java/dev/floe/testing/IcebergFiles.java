package dev.floe.testing;

import dev.floe.catalog.LocalFileIO;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.parquet.Parquet;

/**
 * The data files of a table in a local bucket, found without a running server: its current metadata
 * file from the SQLite catalog database, then the files its current snapshot lists.
 */
public final class IcebergFiles {
    private IcebergFiles() {
    }

    /**
     * Compacts a table of a stopped server as another writer would: its current rows rewritten into one
     * new data file, committed with Iceberg's {@code RewriteFiles}.
     */
    public static void compact(Path catalogDatabase, String warehouse, String namespace, String table) throws Exception {
        try (JdbcCatalog catalog = catalog(catalogDatabase, warehouse)) {
            Table current = catalog.loadTable(TableIdentifier.of(namespace, table));
            Set<DataFile> before = new HashSet<>();
            List<Record> rows = new ArrayList<>();
            try (CloseableIterable<FileScanTask> tasks = current.newScan().planFiles();
                    CloseableIterable<Record> records = IcebergGenerics.read(current).build()) {
                tasks.forEach(task -> before.add(task.file()));
                records.forEach(rows::add);
            }
            Map<String, List<Record>> byPartition = new LinkedHashMap<>();
            for (Record row : rows) {
                byPartition.computeIfAbsent(partitionOf(current, row), ignored -> new ArrayList<>()).add(row);
            }
            RewriteFiles rewrite = current.newRewrite();
            before.forEach(rewrite::deleteFile);
            for (Map.Entry<String, List<Record>> partition : byPartition.entrySet()) {
                rewrite.addFile(write(current, partition.getKey(), partition.getValue()));
            }
            rewrite.commit();
        }
    }

    /**
     * Expires every snapshot of a stopped server's table but its current one, as any engine's snapshot
     * expiration may, deleting the files only they referred to.
     */
    public static void expireAllButCurrent(Path catalogDatabase, String warehouse, String namespace, String table)
            throws Exception {
        try (JdbcCatalog catalog = catalog(catalogDatabase, warehouse)) {
            Table current = catalog.loadTable(TableIdentifier.of(namespace, table));
            current.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();
        }
    }

    private static JdbcCatalog catalog(Path catalogDatabase, String warehouse) {
        JdbcCatalog catalog = new JdbcCatalog(ignored -> new LocalFileIO(), null, true);
        catalog.initialize(warehouse, Map.of(CatalogProperties.URI, "jdbc:sqlite:" + catalogDatabase,
                CatalogProperties.WAREHOUSE_LOCATION, catalogDatabase.getParent().toUri().toString(),
                JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1"));
        return catalog;
    }

    private static String partitionOf(Table table, Record row) {
        PartitionKey key = new PartitionKey(table.spec(), table.schema());
        key.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(row));
        return table.spec().partitionToPath(key);
    }

    private static DataFile write(Table table, String partitionPath, List<Record> rows) throws Exception {
        String location = table.locationProvider().newDataLocation("compacted-" + UUID.randomUUID() + ".parquet");
        DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(location)).schema(table.schema())
                .createWriterFunc(GenericParquetWriter::create).withSpec(table.spec())
                .withPartition(DataFiles.data(table.spec(), partitionPath)).overwrite().build();
        try (writer) {
            rows.forEach(writer::write);
        }
        return writer.toDataFile();
    }

    /** Local paths of the table's current data files; empty when the table does not exist yet. */
    public static List<String> currentDataFiles(Path catalogDatabase, String namespace, String table) throws Exception {
        String metadataLocation = null;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + catalogDatabase);
                PreparedStatement query = connection.prepareStatement("SELECT metadata_location FROM iceberg_tables "
                        + "WHERE table_namespace = ? AND table_name = ?")) {
            query.setString(1, namespace);
            query.setString(2, table);
            try (ResultSet result = query.executeQuery()) {
                if (result.next()) {
                    metadataLocation = result.getString(1);
                }
            }
        }
        if (metadataLocation == null) {
            return List.of();
        }
        LocalFileIO io = new LocalFileIO();
        Table current = new BaseTable(new StaticTableOperations(metadataLocation, io), namespace + "." + table);
        List<String> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = current.newScan().planFiles()) {
            tasks.forEach(task -> files.add(Path.of(URI.create(task.file().location())).toString()));
        }
        return files;
    }
}
