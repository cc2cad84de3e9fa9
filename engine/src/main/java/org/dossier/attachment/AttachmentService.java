package org.dossier.attachment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.record.CaseFileAttachments;
import org.dossier.record.RecordId;
import org.dossier.record.RecordValidationException;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FieldError;
import org.dossier.validation.Messages;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The files of case files. An upload is checked (type by content, size) and <em>staged</em>: its
 * object written first, then its row, with no case file yet; the save that names it, through
 * {@code RecordService}, makes it the case file's in its own transaction ({@link #link}), or the
 * caller {@link #discard}s it when the save is refused, object included. Reads check the case
 * file, the field's confidentiality and audit every download.
 */
public final class AttachmentService implements CaseFileAttachments {
    /** Staged files no save took within this time are removed by {@link #removeAbandoned}. */
    public static final Duration ABANDONED_AFTER = Duration.ofHours(24);
    private static final int MAX_NAME = 255;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final AttachmentStore store;
    private final AttachmentSettings settings;
    private final Messages messages;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final AttachmentDeletions deletions;

    public AttachmentService(Jdbi jdbi, AttachmentStore store, AttachmentSettings settings, Messages messages,
                             AuditLog audit, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.settings = settings;
        this.messages = messages;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.deletions = new AttachmentDeletions(jdbi, store);
    }

    /** One file as posted: the pointer of its field, its name as given and its bytes. */
    public record Upload(String fieldPointer, String fileName, byte[] bytes) {}

    /** The files staged, and an error on its field for each file refused (nothing stored of those). */
    public record Staging(List<Attachment> staged, List<FieldError> errors) {
        public Staging {
            staged = List.copyOf(staged);
            errors = List.copyOf(errors);
        }

        /** The ids staged for a field, in upload order. */
        public List<String> idsFor(String fieldPointer) {
            return staged.stream().filter(a -> a.fieldPath().equals(fieldPointer)).map(Attachment::id).toList();
        }
    }

    public AttachmentSettings settings() {
        return settings;
    }

    public AttachmentStore store() {
        return store;
    }

    public AttachmentDeletions deletions() {
        return deletions;
    }

    /** Checks each upload and stages those accepted. */
    public Staging stage(TenantId tenantId, List<Upload> uploads, Actor actor, Locale locale) {
        List<Attachment> staged = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (Upload upload : uploads) {
            String name = cleanName(upload.fileName());
            if (upload.bytes().length > settings.maxFileBytes()) {
                errors.add(new FieldError(upload.fieldPointer(), "attachmentTooLarge",
                        messages.general("attachmentTooLarge", locale, name, megabytes(settings.maxFileBytes(), locale)), true));
                continue;
            }
            Optional<String> type = ContentTypes.detect(upload.bytes());
            if (type.isEmpty()) {
                errors.add(new FieldError(upload.fieldPointer(), "attachmentType",
                        messages.general("attachmentType", locale, name), true));
                continue;
            }
            staged.add(stageOne(tenantId, upload, name, type.get(), actor));
        }
        return new Staging(staged, errors);
    }

    private Attachment stageOne(TenantId tenantId, Upload upload, String name, String type, Actor actor) {
        Attachment attachment = new Attachment(tenantId, newId(), Optional.empty(), upload.fieldPointer(), name, type,
                upload.bytes().length, sha256(upload.bytes()), now(), actor.id());
        try {
            store.put(attachment.key(), new ByteArrayInputStream(upload.bytes()), upload.bytes().length, type);
        } catch (IOException e) {
            throw new UncheckedIOException("attachment not stored", e);
        }
        try {
            jdbi.useHandle(handle -> new AttachmentDao(handle).insertStaged(attachment));
        } catch (RuntimeException e) {
            deleteQuietly(attachment.key());
            throw e;
        }
        return attachment;
    }

    /** Removes staged files a refused save did not take: rows and objects. */
    public void discard(List<Attachment> staged) {
        for (Attachment attachment : staged) {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            DELETE FROM attachments WHERE tenant_id = :tenantId AND id = :id AND record_id IS NULL""")
                    .bind("tenantId", attachment.tenantId().value()).bind("id", attachment.id()).execute());
            deleteQuietly(attachment.key());
        }
    }

    @Override
    public boolean names(JsonNode effectiveSchema, JsonNode data) {
        return !FileFields.idsIn(effectiveSchema, data).isEmpty();
    }

    @Override
    public boolean link(Handle handle, TenantId tenantId, RecordId id, JsonNode effectiveSchema, JsonNode data,
                        Locale locale) {
        AttachmentDao dao = new AttachmentDao(handle);
        Map<String, String> named = FileFields.idsIn(effectiveSchema, data);
        Map<String, Attachment> existing = new LinkedHashMap<>();
        dao.ofRecord(tenantId, id).forEach(attachment -> existing.put(attachment.id(), attachment));
        List<FieldError> errors = new ArrayList<>();
        String lastLinked = null;
        for (Map.Entry<String, String> file : named.entrySet()) {
            if (existing.containsKey(file.getKey())) {
                continue;
            }
            boolean linked = validId(file.getKey()) && dao.link(tenantId, file.getKey(), id, file.getValue());
            if (!linked) {
                errors.add(new FieldError(file.getValue(), "attachmentUnknown",
                        messages.general("attachmentUnknown", locale), false));
            } else {
                lastLinked = file.getValue();
            }
        }
        if (errors.isEmpty() && lastLinked != null && dao.bytesOf(tenantId, id) > settings.maxCaseFileBytes()) {
            errors.add(new FieldError(lastLinked, "attachmentCaseFileTooLarge", messages.general(
                    "attachmentCaseFileTooLarge", locale, megabytes(settings.maxCaseFileBytes(), locale)), true));
        }
        if (!errors.isEmpty()) {
            throw new RecordValidationException(errors);
        }
        List<String> dropped = existing.keySet().stream().filter(key -> !named.containsKey(key)).toList();
        return dao.deleteQueued(tenantId, dropped, now()) > 0;
    }

    @Override
    public void afterCommit() {
        deletions.finish();
    }

    /** The files of a case file a reader may see: those of confidential fields only with the grant. */
    public List<Attachment> visible(TenantId tenantId, RecordId recordId, List<String> confidentialLocations,
                                    boolean confidentialGrant) {
        return jdbi.withHandle(handle -> new AttachmentDao(handle).ofRecord(tenantId, recordId)).stream()
                .filter(attachment -> confidentialGrant || !attachment.under(confidentialLocations))
                .toList();
    }

    /** Every file of a case file (the person's access export, which the DPO runs with every grant). */
    public List<Attachment> all(TenantId tenantId, RecordId recordId) {
        return jdbi.withHandle(handle -> new AttachmentDao(handle).ofRecord(tenantId, recordId));
    }

    /** Every file of several case files, by case file (an export's page of case files), in the order attached. */
    public Map<RecordId, List<Attachment>> ofRecords(TenantId tenantId, List<RecordId> recordIds) {
        Map<RecordId, List<Attachment>> byRecord = new java.util.HashMap<>();
        jdbi.withHandle(handle -> new AttachmentDao(handle).ofRecords(tenantId, recordIds)).forEach(attachment ->
                attachment.recordId().ifPresent(id -> byRecord.computeIfAbsent(id, key -> new ArrayList<>())
                        .add(attachment)));
        return byRecord;
    }

    /**
     * Checks that one file of one case file may be read by a reader, and records the read
     * ({@code record.attachment.read}); its bytes then come from {@link #open}, or from the store's
     * short-lived link where it offers one.
     *
     * @throws NoSuchAttachmentException when the case file has no such file, or the reader may not see its field
     */
    public Attachment download(TenantId tenantId, RecordId recordId, String attachmentId, Actor reader,
                               List<String> confidentialLocations, boolean confidentialGrant) {
        Optional<Attachment> found = validId(attachmentId)
                ? jdbi.withHandle(handle -> new AttachmentDao(handle).find(tenantId, attachmentId))
                : Optional.empty();
        Attachment attachment = found.filter(one -> one.recordId().equals(Optional.of(recordId)))
                // A file of a confidential field is as absent to a reader without the grant.
                .filter(one -> confidentialGrant || !one.under(confidentialLocations))
                .orElseThrow(() -> new NoSuchAttachmentException(attachmentId));
        jdbi.useHandle(handle -> audit.record(handle, tenantId, reader, "record.attachment.read", "record",
                recordId.toString(), json.createObjectNode().put("attachment", attachment.id())
                        .put("field", attachment.fieldPath()).put("size", attachment.size())));
        return attachment;
    }

    /** The bytes of a file {@link #download} allowed; the caller closes them. */
    public InputStream open(Attachment attachment) {
        try {
            return store.open(attachment.key());
        } catch (IOException e) {
            throw new UncheckedIOException("attachment object unreadable", e);
        }
    }

    /** Staged files older than {@link #ABANDONED_AFTER} go, with their objects; answers how many. */
    public int removeAbandoned() {
        List<Attachment> abandoned = jdbi.withHandle(handle ->
                new AttachmentDao(handle).abandoned(now().minus(ABANDONED_AFTER), 1_000));
        discard(abandoned);
        return abandoned.size();
    }

    private void deleteQuietly(ObjectKey key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            // An object with no row is reachable by nobody; the service's deletion removes it at the latest.
        }
    }

    /** The name as given, without a path some browsers add, control characters or excess length. */
    static String cleanName(String given) {
        String name = given == null ? "" : given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "fichier";
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    private static boolean validId(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{16,64}");
    }

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * 32 letters and digits (190 random bits). Not base64url: an id beginning with "-" would be taken
     * for a formula by a spreadsheet, so the CSV export would have to quote it and the id would no
     * longer read back as itself.
     */
    static String newId() {
        StringBuilder id = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A limit in megabytes as people read it: 10, or 0,5 (fr) / 0.5 (en) for a limit under one. */
    private static String megabytes(long bytes, Locale locale) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(3);
        return format.format(bytes / (1024.0 * 1024.0));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
