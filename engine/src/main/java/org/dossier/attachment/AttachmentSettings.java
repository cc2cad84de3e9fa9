package org.dossier.attachment;

import java.util.Map;
import java.util.Optional;

/**
 * How large attachments may be: {@code DOSSIER_ATTACHMENT_MAX_MB} per file (10 by default) and
 * {@code DOSSIER_ATTACHMENT_CASE_FILE_MAX_MB} for all the files of one case file (50 by default); and where
 * they are stored: an S3-compatible bucket when {@code DOSSIER_S3_*} says so ({@link S3Settings}), else the
 * filesystem under the data directory.
 */
public record AttachmentSettings(long maxFileBytes, long maxCaseFileBytes, Optional<S3Settings> s3) {
    private static final long MIB = 1024L * 1024L;

    public AttachmentSettings {
        if (maxFileBytes <= 0 || maxCaseFileBytes < maxFileBytes) {
            throw new IllegalArgumentException("attachment limits: a file up to " + maxFileBytes
                    + " bytes, a case file up to " + maxCaseFileBytes + " (at least one file's)");
        }
        s3 = s3 == null ? Optional.empty() : s3;
    }

    /** Limits only, the files on the filesystem. */
    public AttachmentSettings(long maxFileBytes, long maxCaseFileBytes) {
        this(maxFileBytes, maxCaseFileBytes, Optional.empty());
    }

    /** The same limits, the files in an S3-compatible bucket. */
    public AttachmentSettings withS3(S3Settings settings) {
        return new AttachmentSettings(maxFileBytes, maxCaseFileBytes, Optional.of(settings));
    }

    public static AttachmentSettings defaults() {
        return new AttachmentSettings(10 * MIB, 50 * MIB);
    }

    public static AttachmentSettings fromMap(Map<String, String> env) {
        AttachmentSettings defaults = defaults();
        return new AttachmentSettings(
                megabytes(env, "DOSSIER_ATTACHMENT_MAX_MB", defaults.maxFileBytes()),
                megabytes(env, "DOSSIER_ATTACHMENT_CASE_FILE_MAX_MB", defaults.maxCaseFileBytes()),
                S3Settings.fromMap(env));
    }

    private static long megabytes(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim()) * MIB;
    }
}
