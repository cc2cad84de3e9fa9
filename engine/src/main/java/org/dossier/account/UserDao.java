package org.dossier.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the platform table of users. Memberships, which are per service, are in {@link MembershipDao}. */
public final class UserDao {
    static final String COLUMNS = "u.id, u.email, u.display_name, u.super_admin, u.must_change_password, u.created_at";

    private final Handle handle;

    public UserDao(Handle handle) {
        this.handle = handle;
    }

    public long insert(String email, String displayName, String passwordHash, boolean superAdmin,
                       boolean mustChangePassword, Instant now) {
        return handle.createUpdate("""
                        INSERT INTO users (email, display_name, password_hash, super_admin, must_change_password,
                                           created_at, password_changed_at)
                        VALUES (:email, :displayName, :hash, :superAdmin, :mustChange, :now, :now)
                        """)
                .bind("email", email).bind("displayName", displayName).bind("hash", passwordHash)
                .bind("superAdmin", superAdmin).bind("mustChange", mustChangePassword).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<User> findById(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.id = :id")
                .bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    public Optional<User> findByEmail(String email) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.email = :email")
                .bind("email", email).map((rs, ctx) -> map(rs)).findOne();
    }

    /** The stored hash, for verification only; it never leaves the account package. */
    Optional<String> passwordHash(long userId) {
        return handle.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", userId).mapTo(String.class).findOne();
    }

    public void setPassword(long userId, String passwordHash, boolean mustChange, Instant now) {
        handle.createUpdate("""
                        UPDATE users SET password_hash = :hash, must_change_password = :mustChange,
                                         password_changed_at = :now
                         WHERE id = :id
                        """)
                .bind("id", userId).bind("hash", passwordHash).bind("mustChange", mustChange).bind("now", now)
                .execute();
    }

    public void setSuperAdmin(long userId, boolean superAdmin) {
        handle.createUpdate("UPDATE users SET super_admin = :superAdmin WHERE id = :id")
                .bind("id", userId).bind("superAdmin", superAdmin).execute();
    }

    public long countSuperAdmins() {
        return handle.createQuery("SELECT COUNT(*) FROM users WHERE super_admin").mapTo(Long.class).one();
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                rs.getBoolean("super_admin"), rs.getBoolean("must_change_password"),
                rs.getTimestamp("created_at").toInstant());
    }
}
