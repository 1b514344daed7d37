package dev.floe.objects.internal.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.objects.SqlCursor;
import dev.floe.objects.SqlStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code ctx.storage().sql()}: one statement at a time on the object's database. */
final class ObjectSql implements SqlStorage {
    private static final Pattern TRANSACTION_STATEMENT = Pattern.compile(
            "^\\s*(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\\b", Pattern.CASE_INSENSITIVE);

    private final ObjectDatabase db;
    private final boolean capturing;

    /** @param capturing whether triggers capture row changes, which then must commit with their state changes */
    ObjectSql(ObjectDatabase db, boolean capturing) {
        this.db = db;
        this.capturing = capturing;
    }

    @Override
    public SqlCursor exec(String query, Object... bindings) {
        if (TRANSACTION_STATEMENT.matcher(query).find()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "transaction statements are not allowed in exec():"
                    + " a call is already a transaction; group writes with storage().transactionSync(...)");
        }
        if (capturing && !db.inTransaction()) {
            return db.inTransaction(() -> run(query, bindings));
        }
        return run(query, bindings);
    }

    private SqlCursor run(String query, Object... bindings) {
        try {
            PreparedStatement statement = db.prepare(query);
            ObjectDatabase.bind(statement, bindings);
            long changesBefore = db.totalChanges();
            List<String> columns = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            if (statement.execute()) {
                try (ResultSet result = statement.getResultSet()) {
                    ResultSetMetaData meta = result.getMetaData();
                    int count = meta.getColumnCount();
                    for (int i = 1; i <= count; i++) {
                        columns.add(meta.getColumnLabel(i));
                    }
                    while (result.next()) {
                        Object[] row = new Object[count];
                        for (int i = 0; i < count; i++) {
                            row[i] = normalize(result.getObject(i + 1));
                        }
                        rows.add(row);
                    }
                }
            }
            return new ResultCursor(columns, rows, db.totalChanges() - changesBefore);
        } catch (SQLException e) {
            throw db.failure(query, e);
        }
    }

    /** SQLite has one integer type; the driver answers small ones as Integer. */
    private static Object normalize(Object value) {
        return value instanceof Integer number ? Long.valueOf(number) : value;
    }

    @Override
    public long databaseSize() {
        try {
            return Files.size(db.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
