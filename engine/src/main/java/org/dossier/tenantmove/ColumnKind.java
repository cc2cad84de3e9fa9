package org.dossier.tenantmove;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;

/**
 * How a column's values are written in the archive and bound back: whole numbers as JSON numbers,
 * bytes in base64, times as ISO local date-times (the columns hold no zone, and none is added or
 * lost on the way), every other value as text, exactly as stored. A type this class does not know
 * stops the export rather than carry a value approximately.
 */
enum ColumnKind {
    INTEGER, TEXT, BYTES, DATETIME, DATE;

    static ColumnKind of(String table, String column, String dataType) {
        return switch (dataType) {
            case "bigint", "int", "integer", "mediumint", "smallint", "tinyint", "bit" -> INTEGER;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json", "enum", "set", "decimal" -> TEXT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> BYTES;
            case "datetime", "timestamp" -> DATETIME;
            case "date" -> DATE;
            default -> throw new IllegalStateException("column " + table + "." + column + " has type " + dataType
                    + ", which a service archive does not carry yet");
        };
    }

    void write(ResultSet rs, int index, JsonGenerator out) throws SQLException, IOException {
        switch (this) {
            case INTEGER -> {
                long value = rs.getLong(index);
                if (rs.wasNull()) {
                    out.writeNull();
                } else {
                    out.writeNumber(value);
                }
            }
            case TEXT -> out.writeString(rs.getString(index));
            case BYTES -> {
                byte[] bytes = rs.getBytes(index);
                out.writeString(bytes == null ? null : Base64.getEncoder().encodeToString(bytes));
            }
            case DATETIME -> {
                LocalDateTime time = rs.getObject(index, LocalDateTime.class);
                out.writeString(time == null ? null : time.toString());
            }
            case DATE -> {
                LocalDate date = rs.getObject(index, LocalDate.class);
                out.writeString(date == null ? null : date.toString());
            }
        }
    }

    void bind(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(index, Types.NULL);
            return;
        }
        switch (this) {
            case INTEGER -> statement.setLong(index, value.asLong());
            case TEXT -> statement.setString(index, value.textValue());
            case BYTES -> statement.setBytes(index, Base64.getDecoder().decode(value.textValue()));
            case DATETIME -> statement.setObject(index, LocalDateTime.parse(value.textValue()));
            case DATE -> statement.setObject(index, LocalDate.parse(value.textValue()));
        }
    }
}
