package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.attachment.FileFields;
import org.dossier.form.CompiledForm;
import org.dossier.record.RecordService;
import org.dossier.record.RecordValidationException;
import org.dossier.validation.FieldError;
import org.dossier.validation.Messages;
import org.dossier.web.Multipart;
import org.dossier.web.RequestContext;

/**
 * The files a case-file form posts. The form lists the files attached to each file field as hidden
 * values of the field (kept unless their "remove" box, {@code _remove_file}, is ticked) and posts
 * new ones as {@code _file:<field name>}; a save then stages the new files, names them in the data
 * it saves, and discards them, objects included, when the save is refused for any reason.
 */
final class AttachmentUploads {
    static final String FILE_PREFIX = "_file:";
    static final String REMOVE = "_remove_file";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+(\\[[0-9]+])?(\\.[A-Za-z0-9_]+(\\[[0-9]+])?)*");

    private final AttachmentService attachments;
    private final RecordService records;
    private final Messages messages;

    AttachmentUploads(AttachmentService attachments, RecordService records, Messages messages) {
        this.attachments = attachments;
        this.records = records;
        this.messages = messages;
    }

    /** The posted fields without the files whose "remove" box was ticked. */
    static Map<String, List<String>> withoutRemoved(Map<String, List<String>> params) {
        List<String> removed = params.getOrDefault(REMOVE, List.of());
        if (removed.isEmpty()) {
            return params;
        }
        Map<String, List<String>> kept = new LinkedHashMap<>();
        params.forEach((name, values) -> kept.put(name, name.startsWith("_") ? values
                : values.stream().filter(value -> !removed.contains(value)).toList()));
        return kept;
    }

    /**
     * Runs {@code save} with the data naming the files posted with it. A refused file (type, size,
     * a confidential field without the grant) refuses the save with every other error of the data.
     */
    <T> T saving(Context ctx, TenantAccess access, CompiledForm form, JsonNode schema, JsonNode posted, Locale locale,
                 Function<JsonNode, T> save) {
        List<FieldError> errors = new ArrayList<>();
        List<AttachmentService.Upload> uploads = uploads(ctx, form, schema, access, locale, errors);
        return saving(ctx, access, form, schema, posted, locale, uploads, errors, save);
    }

    /** As above, for files read by the caller (the API's upload) and the errors found reading them. */
    <T> T saving(Context ctx, TenantAccess access, CompiledForm form, JsonNode schema, JsonNode posted, Locale locale,
                 List<AttachmentService.Upload> uploads, List<FieldError> errors, Function<JsonNode, T> save) {
        if (uploads.isEmpty() && errors.isEmpty()) {
            return save.apply(posted);
        }
        AttachmentService.Staging staging = attachments.stage(access.tenant().id(), uploads, RequestContext.actor(ctx),
                locale);
        try {
            JsonNode data = withStaged(schema, posted, staging.staged());
            errors.addAll(staging.errors());
            if (!errors.isEmpty()) {
                List<FieldError> all = new ArrayList<>(errors);
                all.addAll(records.check(form, data, locale));
                throw new RecordValidationException(all);
            }
            return save.apply(data);
        } catch (RuntimeException e) {
            attachments.discard(staging.staged());
            throw e;
        }
    }

    private List<AttachmentService.Upload> uploads(Context ctx, CompiledForm form, JsonNode schema, TenantAccess access,
                                                   Locale locale, List<FieldError> errors) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return List.of();
        }
        Map<String, List<UploadedFile>> files;
        try {
            files = ctx.uploadedFileMap();
        } catch (Exception e) {
            throw Multipart.refusal(e);
        }
        List<AttachmentService.Upload> uploads = new ArrayList<>();
        for (Map.Entry<String, List<UploadedFile>> field : files.entrySet()) {
            Optional<String> pointer = pointer(field.getKey());
            if (pointer.isEmpty()) {
                continue; // not a file field's input: nothing of it is stored
            }
            boolean fileField = FileFields.schemaAt(schema, pointer.get()).filter(FileFields::isFileField).isPresent();
            if (!fileField) {
                continue;
            }
            for (UploadedFile file : field.getValue()) {
                if (file.size() == 0 && (file.filename() == null || file.filename().isBlank())) {
                    continue; // the input left empty
                }
                if (refusedConfidential(form, access, pointer.get(), locale, errors)) {
                    continue;
                }
                uploads.add(new AttachmentService.Upload(pointer.get(), file.filename(), bytes(file)));
            }
        }
        return uploads;
    }

    /** A file for a confidential field from a member without the grant is refused, as any value would be. */
    boolean refusedConfidential(CompiledForm form, TenantAccess access, String pointer, Locale locale,
                                List<FieldError> errors) {
        if (access.confidential() || form.confidential().pointers().stream()
                .noneMatch(location -> FileFields.within(location, pointer))) {
            return false;
        }
        errors.add(new FieldError(pointer, "confidential", messages.general("confidentialField", locale)));
        return true;
    }

    /** {@code _file:membres_foyer[0].piece} → {@code /membres_foyer/0/piece}. */
    static Optional<String> pointer(String inputName) {
        if (!inputName.startsWith(FILE_PREFIX)) {
            return Optional.empty();
        }
        String name = inputName.substring(FILE_PREFIX.length());
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("/" + name.replaceAll("\\[([0-9]+)]", ".$1").replace('.', '/'));
    }

    /** The data with each staged file named in its field: appended to a list, or replacing a single file. */
    static JsonNode withStaged(JsonNode schema, JsonNode posted, List<Attachment> staged) {
        if (staged.isEmpty() || !posted.isObject()) {
            return posted;
        }
        ObjectNode data = ((ObjectNode) posted).deepCopy();
        for (Attachment file : staged) {
            String[] segments = file.fieldPath().substring(1).split("/");
            JsonNode container = data;
            for (int i = 0; i < segments.length - 1 && container != null; i++) {
                String segment = segments[i];
                JsonNode next = container.isArray() ? container.get(Integer.parseInt(segment)) : container.get(segment);
                if (next == null && container.isObject()) {
                    next = ((ObjectNode) container).putObject(segment);
                }
                container = next;
            }
            if (!(container instanceof ObjectNode parent)) {
                continue; // a row that is not in the post: the file has no place to go
            }
            String key = segments[segments.length - 1];
            boolean several = FileFields.schemaAt(schema, file.fieldPath())
                    .map(field -> "array".equals(field.path("type").asText())).orElse(false);
            if (several) {
                JsonNode existing = parent.get(key);
                ArrayNode list = existing instanceof ArrayNode array ? array : parent.putArray(key);
                list.add(file.id());
            } else {
                parent.put(key, file.id());
            }
        }
        return data;
    }

    private static byte[] bytes(UploadedFile file) {
        try (InputStream content = file.content()) {
            return content.readAllBytes();
        } catch (IOException e) {
            throw new DomainException("invalidRequest", 400, "unreadable upload");
        }
    }
}
