package dev.floe.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.engine.IcebergDuckDbTypes;
import dev.floe.engine.SqlLiterals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.InclusiveMetricsEvaluator;
import org.apache.iceberg.expressions.ManifestEvaluator;
import org.apache.iceberg.expressions.Projections;
import org.apache.iceberg.types.Types;

/**
 * One table reference planned with Iceberg: the local paths of the data files its filter keeps, the
 * locations of those it pruned (by partitions and statistics, and apart those by bloom filters), and
 * the DuckDB read of them, columns mapped by Iceberg field id (so renamed and
 * added columns read right, an added column as NULL in older files).
 */
record ScannedTable(String name, Schema schema, List<Path> files, long bytes, List<String> prunedFiles,
                    List<String> bloomPrunedFiles, String filesPlaceholder) {

    /**
     * Plans a scan (already pinned to a snapshot when the query travels in time) with the filter, as
     * Iceberg's own planning does: manifests whose partition summaries rule the filter out, then data
     * files whose partition values or column statistics do; then files whose bloom filters rule out
     * the values the filter requires a column to equal. Delete files are not read.
     *
     * @param name the table as the query names it, for EXPLAIN
     */
    static ScannedTable plan(String name, Table table, TableScan scan, Expression filter, ManifestCache manifests,
                             BloomFilterIndex blooms, FileCache cache) {
        Map<Integer, List<Object>> equalities = BloomFilterIndex.equalities(filter, scan.schema());
        List<Path> files = new ArrayList<>();
        List<String> pruned = new ArrayList<>();
        List<String> bloomPruned = new ArrayList<>();
        long bytes = 0;
        Snapshot snapshot = scan.snapshot();
        try {
            for (ManifestFile manifest : snapshot == null ? List.<ManifestFile>of() : manifests.dataManifests(snapshot, table.io())) {
                PartitionSpec spec = table.specs().get(manifest.partitionSpecId());
                Expression partitionFilter = Projections.inclusive(spec, false).project(filter);
                boolean manifestKept = ManifestEvaluator.forPartitionFilter(partitionFilter, spec, false).eval(manifest);
                Evaluator partition = new Evaluator(spec.partitionType(), partitionFilter, false);
                InclusiveMetricsEvaluator metrics = new InclusiveMetricsEvaluator(scan.schema(), filter, false);
                for (DataFile file : manifests.dataFiles(manifest, table.io(), table.specs())) {
                    if (manifestKept && partition.eval(file.partition()) && metrics.eval(file)) {
                        Path local = cache.local(table.io(), file.location());
                        if (equalities.isEmpty() || blooms.mayContain(local, equalities)) {
                            files.add(local);
                            bytes += file.fileSizeInBytes();
                        } else {
                            cache.release(List.of(local));
                            bloomPruned.add(file.location());
                        }
                    } else {
                        pruned.add(file.location());
                    }
                }
            }
        } catch (RuntimeException e) {
            cache.release(files);
            throw e;
        }
        return new ScannedTable(name, scan.schema(), List.copyOf(files), bytes, List.copyOf(pruned),
                List.copyOf(bloomPruned), "floe-files-" + UUID.randomUUID());
    }

    /**
     * The FROM item that reads this table's kept files, named {@code alias}, with
     * {@link #filesPlaceholder} for the list of files: {@link #withFiles} puts them in the query's
     * text. DuckDB parses the item once per table schema and alias ({@code parsed} keeps it); the list
     * of a table of hundreds of files took DuckDB tens of milliseconds to parse and write back as text.
     */
    ObjectNode readNode(SqlTree tree, String alias, WeighedCache<String, ObjectNode> parsed) {
        if (files.isEmpty()) {
            // read_parquet needs at least one file; no file kept is an empty table of the same columns
            StringJoiner columns = new StringJoiner(", ");
            for (Types.NestedField field : schema.columns()) {
                columns.add("CAST(NULL AS " + IcebergDuckDbTypes.readType(field.type()) + ") AS " + SqlLiterals.identifier(field.name()));
            }
            return parsedOnce("SELECT * FROM (SELECT " + columns + " LIMIT 0) AS " + SqlLiterals.identifier(alias),
                    tree, parsed);
        }
        ObjectNode read = parsedOnce("SELECT * FROM read_parquet([''], schema = " + IcebergDuckDbTypes.readSchema(schema) + ") AS "
                + SqlLiterals.identifier(alias), tree, parsed);
        ((ObjectNode) read.path("function").path("arguments").path(0).path("expression").path("arguments").path(0)
                .path("expression").path("literal")).put("text", filesPlaceholder);
        return read;
    }

    /** The query's text with this table's files in place of {@link #filesPlaceholder}, which a UUID makes unique. */
    String withFiles(String sql) {
        StringJoiner paths = new StringJoiner(", ");
        files.forEach(path -> paths.add(SqlLiterals.string(path.toString())));
        return sql.replace(SqlLiterals.string(filesPlaceholder), paths.toString());
    }

    /** A copy of the FROM item of {@code sql}, parsed by DuckDB the first time. */
    private static ObjectNode parsedOnce(String sql, SqlTree tree, WeighedCache<String, ObjectNode> parsed) {
        ObjectNode node = parsed.get(sql);
        if (node == null) {
            node = (ObjectNode) tree.parse(sql).path("from_table");
            parsed.put(sql, node);
        }
        return node.deepCopy();
    }
}
