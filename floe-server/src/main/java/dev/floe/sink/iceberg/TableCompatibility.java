package dev.floe.sink.iceberg;

import dev.floe.engine.HiddenColumns;
import dev.floe.engine.StreamColumns;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.List;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/** Whether an existing table can take a pipeline's rows, and if not, a message that says why. */
final class TableCompatibility {

    private TableCompatibility() {
    }

    static void check(Table table, TableIdentifier id, List<StreamColumns.Column> columns) {
        for (StreamColumns.Column column : columns) {
            Types.NestedField field = table.schema().caseInsensitiveFindField(column.name());
            if (field == null) {
                throw refused(id, "has no column '" + column.name() + "', which the pipeline writes");
            }
            Type written = IcebergTypes.of(column);
            if (!accepts(field.type(), written)) {
                throw refused(id, "column '" + field.name() + "' is " + field.type() + ", and the pipeline writes "
                        + written + " there");
            }
        }
        for (Types.NestedField field : table.schema().columns()) {
            boolean writtenByPipeline = columns.stream().anyMatch(column -> column.name().equalsIgnoreCase(field.name()));
            if (field.isRequired() && !writtenByPipeline && !field.name().equals(HiddenColumns.INGEST_TS)) {
                throw refused(id, "requires column '" + field.name() + "', which the pipeline does not write");
            }
        }
        if (!table.spec().isUnpartitioned() && !dayOfIngestTime(table)) {
            throw refused(id, "is partitioned by " + table.spec().fields() + "; floe appends to unpartitioned tables and "
                    + "to tables partitioned by day(" + HiddenColumns.INGEST_TS + ")");
        }
    }

    /** The same type, or one Iceberg may widen it to; nested types compared by their shape, not their ids. */
    private static boolean accepts(Type tableType, Type written) {
        if (tableType.isPrimitiveType() && written.isPrimitiveType()) {
            return tableType.equals(written) || TypeUtil.isPromotionAllowed(written, tableType.asPrimitiveType());
        }
        return IcebergTypes.duckDbType(tableType).equals(IcebergTypes.duckDbType(written));
    }

    private static boolean dayOfIngestTime(Table table) {
        if (table.spec().fields().size() != 1) {
            return false;
        }
        PartitionField field = table.spec().fields().getFirst();
        Types.NestedField source = table.schema().findField(field.sourceId());
        return source != null && source.name().equals(HiddenColumns.INGEST_TS) && field.transform().toString().equals("day");
    }

    private static FloeException refused(TableIdentifier id, String problem) {
        return new FloeException(ErrorCode.INVALID_REQUEST, "table " + id + " cannot take the pipeline's rows: it "
                + problem + "; change the SQL, or point the sink at another table");
    }
}
