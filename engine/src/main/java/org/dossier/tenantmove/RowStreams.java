package org.dossier.tenantmove;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * Rows from a database cursor to JSON lines, one object per row with every stored column, without
 * holding more than one row: the driver streams the result set (fetch size {@link Integer#MIN_VALUE}).
 */
final class RowStreams {
    private final Handle handle;
    private final ObjectMapper json;

    RowStreams(Handle handle, ObjectMapper json) {
        this.handle = handle;
        this.json = json;
    }

    /** The rows of {@code shape} where {@code column} (a tenant id column) is {@code tenantId}. @return how many */
    long write(TableShape shape, String column, long tenantId, OutputStream out) throws IOException {
        String sql = "SELECT " + shape.columnList() + " FROM `" + shape.table() + "` WHERE `" + column + "` = ?";
        if (!"id".equals(column) && !"tenant_id".equals(column)) {
            throw new IllegalArgumentException("rows are read by their service's id: " + column);
        }
        return stream(sql, tenantId, out, (rs, generator) -> {
            generator.writeStartObject();
            int index = 1;
            for (TableShape.Column each : shape.columns()) {
                generator.writeFieldName(each.name());
                each.kind().write(rs, index++, generator);
            }
            generator.writeEndObject();
        });
    }

    /**
     * The accounts the service's rows name (its members, and the authors of its kept posts): id,
     * e-mail, display name and creation time, never a password hash, a session or a token.
     */
    long writeMembers(long tenantId, OutputStream out) throws IOException {
        String sql = """
                SELECT id, email, display_name, created_at FROM users
                 WHERE id IN (SELECT user_id FROM memberships WHERE tenant_id = ?)
                    OR id IN (SELECT user_id FROM kept_posts WHERE tenant_id = ?)
                 ORDER BY id
                """;
        return stream(sql, tenantId, out, (rs, generator) -> {
            generator.writeStartObject();
            generator.writeNumberField("id", rs.getLong("id"));
            generator.writeStringField("email", rs.getString("email"));
            generator.writeStringField("display_name", rs.getString("display_name"));
            generator.writeStringField("created_at", rs.getObject("created_at", java.time.LocalDateTime.class).toString());
            generator.writeEndObject();
        });
    }

    private interface RowWriter {
        void write(ResultSet rs, JsonGenerator generator) throws SQLException, IOException;
    }

    private long stream(String sql, long tenantId, OutputStream out, RowWriter writer) throws IOException {
        Connection connection = handle.getConnection();
        long count = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            long parameters = sql.chars().filter(c -> c == '?').count();
            for (int i = 1; i <= parameters; i++) {
                statement.setLong(i, tenantId);
            }
            JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setRootValueSeparator(null);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    writer.write(rs, generator);
                    generator.writeRaw('\n');
                    count++;
                }
            }
            generator.flush();
        } catch (SQLException e) {
            throw new IOException("reading " + sql.lines().findFirst().orElse(sql) + ": " + e.getMessage(), e);
        }
        return count;
    }
}
