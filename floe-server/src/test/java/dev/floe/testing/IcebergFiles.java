package dev.floe.testing;

import dev.floe.catalog.LocalFileIO;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The data files of a table in a local bucket, found without a running server: its current metadata
 * file from the SQLite catalog database, then the files its current snapshot lists.
 */
public final class IcebergFiles {
    private IcebergFiles() {
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
