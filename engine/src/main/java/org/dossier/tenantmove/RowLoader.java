package org.dossier.tenantmove;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * Rows of one table inserted in batches, every stored column bound by its kind, in the caller's
 * transaction. A row's missing column is bound as NULL (an {@code AUTO_INCREMENT} id then draws a new one).
 */
final class RowLoader implements AutoCloseable {
    private static final int BATCH = 500;
    private final TableShape shape;
    private final PreparedStatement statement;
    private int pending;
    private long count;

    RowLoader(Handle handle, TableShape shape) throws SQLException {
        this.shape = shape;
        String placeholders = String.join(", ", shape.columns().stream().map(column -> "?").toList());
        this.statement = handle.getConnection().prepareStatement(
                "INSERT INTO `" + shape.table() + "` (" + shape.columnList() + ") VALUES (" + placeholders + ")");
    }

    void add(JsonNode row) throws SQLException {
        int index = 1;
        for (TableShape.Column column : shape.columns()) {
            column.kind().bind(statement, index++, row.get(column.name()));
        }
        statement.addBatch();
        count++;
        if (++pending == BATCH) {
            flush();
        }
    }

    /** @return how many rows were inserted */
    long finish() throws SQLException {
        flush();
        return count;
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
