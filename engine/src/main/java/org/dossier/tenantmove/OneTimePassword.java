package org.dossier.tenantmove;

/**
 * A one-time password drawn for an account the import created, to hand over as an invitation's is:
 * it must be changed at first sign-in. Shown once on the terminal, stored only as its hash.
 */
public record OneTimePassword(String email, String password) {
    @Override
    public String toString() {
        return "OneTimePassword[" + email + "]";
    }
}
