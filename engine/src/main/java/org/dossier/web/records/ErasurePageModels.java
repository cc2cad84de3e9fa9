package org.dossier.web.records;

/** The page model of the erasure request (GDPR Art. 17) of one case file. */
final class ErasurePageModels {
    private ErasurePageModels() {}

    /**
     * {@code pages/record-erase}: what identifies the case file (no other content: a DPO erases
     * without reading the file), the version the request is for, the reason typed so far.
     *
     * @param phase     the phase's label (active, archived, due for deletion)
     * @param held      under legal hold: the page says so and the request will be refused
     * @param cancelUrl the case file's page for a reader of case files, the lifecycle page otherwise
     */
    record ErasePage(String displayName, String lastName, String firstName, String birthDate, String createdAt,
                     String lastActivity, String phase, boolean held, int version, String action, String cancelUrl,
                     String reason) {}
}
