package org.dossier.account;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in one service. The platform-wide super-admin is not a role here: it is a flag
 * on the user, since it belongs to no service.
 */
public enum Role {
    /** Administers one service: its users, its audit log, and everything a caseworker does. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** Fills and updates the service's case files. */
    CASEWORKER(EnumSet.of(Permission.READ_RECORDS, Permission.WRITE_RECORDS, Permission.EXPORT_RECORDS)),
    /** Reads the service's case files, changes nothing. */
    VIEWER(EnumSet.of(Permission.READ_RECORDS)),
    /**
     * The service's data protection officer (délégué à la protection des données): reads the
     * register of processing, the audit log and the lifecycle page, and runs access and erasure
     * requests. Does not browse or edit case files otherwise.
     */
    DPO(EnumSet.of(Permission.READ_AUDIT, Permission.DATA_PROTECTION));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The name stored in the database and shown in URLs and forms: {@code admin}, {@code caseworker}, {@code viewer}, {@code dpo}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
