package org.dossier.account;

import java.util.Optional;
import org.dossier.DomainException;

/** The rules a new password must meet; each failure is an error code of the errors bundle. */
public final class PasswordPolicy {
    private PasswordPolicy() {}

    /** @return the error code when the password is refused */
    public static Optional<String> problem(String password, String email) {
        if (password == null || password.length() < PasswordHasher.MIN_LENGTH) {
            return Optional.of("passwordTooShort");
        }
        if (password.length() > PasswordHasher.MAX_LENGTH) {
            return Optional.of("passwordTooLong");
        }
        if (password.equalsIgnoreCase(email)) {
            return Optional.of("passwordIsEmail");
        }
        return Optional.empty();
    }

    /** @throws DomainException with the error code when the password is refused */
    public static void require(String password, String email) {
        problem(password, email).ifPresent(code -> {
            throw new DomainException(code, 422, code);
        });
    }
}
