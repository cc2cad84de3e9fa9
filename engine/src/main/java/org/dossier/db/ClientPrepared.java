package org.dossier.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Statements that the driver prepares itself instead of the server: those whose text starts with
 * {@link #MARK}. The pool prepares every statement on the server and keeps it for the next
 * execution (see {@link Database}), which suits the statements run the same way thousands of
 * times. It does not suit the list's searches: MariaDB 11.4 runs a kept statement that reads a
 * name index ({@code records_by_last_name}, {@code records_by_first_name}) without using the
 * index alone once the connection has read case-file rows in between, fetching the whole row of
 * every entry it counts. Measured on a service of 200,000 case files: counting the active case
 * files whose last name starts with "ma" (about 10,000) took 11 ms on its first execution and 56
 * ms on every later one; prepared by the driver, 10 ms every time. The values are still bound,
 * never written into the text: the driver escapes them. Each execution costs the server a parse
 * of the statement's text, a fraction of a millisecond beside the index ranges these walk.
 */
public final class ClientPrepared extends DefaultStatementBuilder {
    /** Starts the text of a statement the driver prepares (a comment: the server ignores it). */
    public static final String MARK = "/* client-prepared */ ";

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        if (sql.startsWith(MARK) && connection.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)) {
            return connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).clientPrepareStatement(sql);
        }
        return super.create(connection, sql, context);
    }
}
