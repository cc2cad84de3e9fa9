package org.dossier.register;

/**
 * What the platform itself processes, besides the services' case files: the entries of the
 * platform's register after one entry per service. Each is phrased in the pages bundles
 * ({@code register.platform.<key>.*}); {@code legalBasis} is a key of the form vocabulary.
 */
public enum PlatformProcessing {
    /** Staff accounts, sessions and sign-in attempts: who may open which service. */
    ACCOUNTS("accounts", "legitimate-interests"),
    /** The audit log: who read or changed what, and when (accountability, Art. 5.2 and 32). */
    AUDIT("audit", "legal-obligation"),
    /** Statistics across services: counts only, small counts suppressed, never a person. */
    STATISTICS("statistics", "public-task");

    private final String key;
    private final String legalBasis;

    PlatformProcessing(String key, String legalBasis) {
        this.key = key;
        this.legalBasis = legalBasis;
    }

    public String key() {
        return key;
    }

    public String legalBasis() {
        return legalBasis;
    }
}
