package org.dossier.attachment;

import java.util.Map;

/**
 * How large attachments may be: {@code DOSSIER_ATTACHMENT_MAX_MB} per file (10 by default) and
 * {@code DOSSIER_ATTACHMENT_CASE_FILE_MAX_MB} for all the files of one case file (50 by default).
 */
public record AttachmentSettings(long maxFileBytes, long maxCaseFileBytes) {
    private static final long MIB = 1024L * 1024L;

    public AttachmentSettings {
        if (maxFileBytes <= 0 || maxCaseFileBytes < maxFileBytes) {
            throw new IllegalArgumentException("attachment limits: a file up to " + maxFileBytes
                    + " bytes, a case file up to " + maxCaseFileBytes + " (at least one file's)");
        }
    }

    public static AttachmentSettings defaults() {
        return new AttachmentSettings(10 * MIB, 50 * MIB);
    }

    public static AttachmentSettings fromMap(Map<String, String> env) {
        AttachmentSettings defaults = defaults();
        return new AttachmentSettings(
                megabytes(env, "DOSSIER_ATTACHMENT_MAX_MB", defaults.maxFileBytes()),
                megabytes(env, "DOSSIER_ATTACHMENT_CASE_FILE_MAX_MB", defaults.maxCaseFileBytes()));
    }

    private static long megabytes(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim()) * MIB;
    }
}
