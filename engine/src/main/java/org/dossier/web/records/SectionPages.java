package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.form.HiddenData;
import org.dossier.form.RowIdentities;
import org.dossier.keep.KeptPost;
import org.dossier.record.CaseRecord;
import org.dossier.record.FollowUp;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.retention.RecordArchive;
import org.dossier.record.RecordValidationException;
import org.dossier.record.StaleRecordException;
import org.dossier.render.EditableSection;
import org.dossier.render.FormRenderer;
import org.dossier.referent.Referents;
import org.dossier.render.RenderOptions;
import org.dossier.render.SectionSummary;
import org.dossier.tenant.Tenant;
import org.dossier.validation.CoercionResult;
import org.dossier.validation.FieldError;
import org.dossier.validation.FormPostCoercer;
import org.dossier.web.FormBody;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.auth.Csrf;
import org.dossier.web.keep.KeptPosts;
import org.dossier.web.view.PebbleTemplates;

/**
 * The case file one section at a time: the summary page (a card per section) and each section's
 * own page, which shows only that section and saves only it, through {@link RecordService}'s one
 * save path (what the page does not show is carried over as stored).
 */
public final class SectionPages {
    private static final String VERSION = "_version";
    private static final String ACTION = "_action";
    /** The fingerprint of the section as the page showed it: a save in between elsewhere does not conflict. */
    private static final String SHOWN = "_shown";

    private final FormPostCoercer coercer;
    private final FormBody formBody;
    private final FormService forms;
    private final RecordService records;
    private final FormRenderer renderer;
    private final PebbleTemplates templates;
    private final ConflictPages conflicts;
    private final KeptPosts kept;

    private final Referents referents;

    private final RecordArchive archive;

    private final AttachmentUploads uploads;
    private final org.dossier.attachment.AttachmentService attachments;

    public SectionPages(FormPostCoercer coercer, FormBody formBody, FormService forms, RecordService records,
                        FormRenderer renderer, PebbleTemplates templates, ConflictPages conflicts, KeptPosts kept,
                        Referents referents, RecordArchive archive, AttachmentUploads uploads,
                        org.dossier.attachment.AttachmentService attachments) {
        this.uploads = uploads;
        this.attachments = attachments;
        this.archive = archive;
        this.referents = referents;
        this.coercer = coercer;
        this.formBody = formBody;
        this.forms = forms;
        this.conflicts = conflicts;
        this.kept = kept;
        this.records = records;
        this.renderer = renderer;
        this.templates = templates;
    }

    /** GET the case-file page: a summary of its sections, each with its "Modifier" link. */
    public void summary(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordService.Shown shown = records.readShown(tenant.id(), RequestParams.recordId(ctx), RequestContext.actor(ctx),
                access.confidential());
        CaseRecord record = shown.record();
        // The form as it is now, as for editing: what it shows again (a field, a section, a module) shows
        // the value kept meanwhile, and what it hides now is not read (see RecordService.read).
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        RecordMeta meta = RecordMeta.of(tenant, record, locale);
        // Opening an archived case file is audited; it is read-only, so nothing offers to edit it.
        RecordArchive.Standing standing = archive.opened(tenant.id(), record.id(), RequestContext.actor(ctx),
                shown.standing());
        boolean canWrite = access.can(Permission.WRITE_RECORDS) && !standing.readOnly();
        ArchivePageModels.Banner banner = ArchivePageModels.Banner.of(standing, meta, locale,
                access.can(Permission.MANAGE_ARCHIVE), canWrite, access.can(Permission.DATA_PROTECTION));
        List<org.dossier.attachment.Attachment> files = shown.hasFiles() ? attachments.visible(tenant.id(), record.id(),
                form.confidential().pointers(), access.confidential()) : List.of();
        // The service's members are read once for the page, and only when the case file names one: the
        // view shows that member's name; which section shows a missing field (pageOf) does not depend on them.
        org.dossier.referent.ReferentChoices choices = Referents.namesMember(record.data())
                ? referents.choices(tenant.id()) : Referents.NO_MEMBERS;
        List<SectionPageModels.SectionCard> cards = renderer.sections(form, record.data(), locale,
                        ReferentOptions.forView(choices, access).withFiles(AttachmentPageModels.labels(files, locale)))
                .stream().map(section -> card(meta, section, canWrite)).toList();
        String followUp = canWrite && FollowUp.offered(form) ? meta.url() + "/follow-up" : "";
        CaseFilePage.render(ctx, access, templates, "pages/record-view", UiText.get(locale, "record.view.title"),
                new SectionPageModels.SummaryPage(meta, cards, followUp), archiveFlash(ctx, flash(ctx, cards, locale), locale),
                banner, ToCompleteNotice.of(form, shown.missingRequired(),
                        pageOf(form, record.data(), meta, cards, ReferentOptions.forForm(choices, access.confidential()),
                                locale), locale),
                HistoryPageModels.Links.of(meta, access.can(Permission.DATA_PROTECTION)),
                AttachmentPageModels.files(tenant, record.id(), files, locale));
    }

    /**
     * Where a missing field is filled in: the page of the editable section showing its root key, or the
     * whole edit form when no section the member may edit shows it.
     */
    private java.util.function.Function<String, String> pageOf(CompiledForm form, JsonNode data, RecordMeta meta,
                                                               List<SectionPageModels.SectionCard> cards,
                                                               RenderOptions options, Locale locale) {
        List<EditableSection> editable = cards.stream().filter(card -> !card.editUrl().isEmpty())
                .flatMap(card -> renderer.editableSection(form, card.key(), data, locale, options).stream())
                .toList();
        return pointer -> {
            String rootKey = pointer.substring(1).split("/", 2)[0];
            return editable.stream().filter(section -> section.scope().shows(rootKey)).findFirst()
                    .map(section -> sectionUrl(meta, section.key())).orElse(meta.url() + "/edit");
        };
    }

    /**
     * GET one section's page: its controls only, as stored; or, once, as typed before the session
     * expired (see {@link KeptPosts}), at the version and with the section's fingerprint it was typed
     * on, so that a save of this section in between still makes its save a conflict (409).
     */
    public void edit(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        CaseRecord record = records.read(tenant.id(), RequestParams.recordId(ctx), RequestContext.actor(ctx),
                access.confidential());
        CompiledForm form = forms.latest(tenant.id(), record.formKey());
        EditableSection section = section(ctx, form, record.data(), access, locale);
        Optional<KeptPosts.Restored> restored = kept.restore(ctx, access,
                section.scope().shownSchema(form.effectiveSchema()));
        if (restored.isEmpty()) {
            renderSection(ctx, access, form, section, record, fingerprint(form, access, section, record.data()),
                    conflicts.loaded(ctx, form, access.confidential(), record.id(), record.data()), record.data(),
                    List.of(), 200, "", SectionPageModels.Kept.NONE);
            return;
        }
        KeptPost post = restored.get().post();
        // Without the fingerprint it was typed with (not a page of this kind), any save in between is a conflict.
        renderSection(ctx, access, form, section, withLockVersion(record, post.lockVersion(VERSION, record.lockVersion())), post.first(SHOWN),
                post.first(ConflictPages.LOADED), withSection(record.data(), restored.get().data(), section), List.of(),
                200, "", SectionPageModels.Kept.of(restored));
    }

    /** POST one section: only what it shows changes; a required gap elsewhere does not refuse it. */
    public void save(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        CaseRecord current = records.get(tenant.id(), id);
        CompiledForm form = forms.latest(tenant.id(), current.formKey());
        JsonNode visible = HiddenData.of(form, access.confidential()).visible(current.data());
        EditableSection section = section(ctx, form, visible, access, locale);
        Map<String, List<String>> params = AttachmentUploads.withoutRemoved(formBody.parse(ctx));
        CoercionResult posted = coercer.coerce(section.scope().shownSchema(form.effectiveSchema()), params, locale);
        int expected = lockVersion(first(params, VERSION));
        String shownAsRead = first(params, SHOWN) == null ? "" : first(params, SHOWN);
        if (expected != current.lockVersion() && shownAsRead.equals(fingerprint(form, access, section, current.data()))) {
            // Saved meanwhile, but not this section: what this page changes is still what it showed, and the
            // save carries the rest over as it is now. A change of this section in between is a conflict (409).
            expected = current.lockVersion();
        }
        CaseRecord shown = withLockVersion(current, expected);
        String loaded = conflicts.loaded(ctx, form, access.confidential(), id, visible);
        String action = first(params, ACTION);
        if (action != null && (action.startsWith("add:") || action.startsWith("remove:"))) {
            renderSection(ctx, access, form, section, shown, shownAsRead, loaded,
                    withSection(visible, rowAction(posted, action), section), List.of(), 200, "",
                    SectionPageModels.Kept.NONE);
            return;
        }
        JsonNode page = withSection(visible, posted.data(), section);
        try {
            if (!posted.errors().isEmpty()) {
                throw new RecordValidationException(posted.errors()); // names the page does not show
            }
            int lockVersion = shown.lockVersion();
            uploads.saving(ctx, access, form, section.scope().shownSchema(form.effectiveSchema()), posted.data(), locale,
                    data -> records.update(tenant.id(), id, lockVersion, data, RequestContext.actor(ctx), locale,
                            access.confidential(), section.scope()));
            ctx.redirect(RecordPages.recordUrl(tenant, id) + "?saved=" + section.key() + "#" + anchor(section.key()),
                    HttpStatus.SEE_OTHER);
        } catch (RecordValidationException e) {
            renderSection(ctx, access, form, section, shown, shownAsRead, loaded, page, e.errors(), 422, "",
                    SectionPageModels.Kept.NONE);
        } catch (StaleRecordException e) {
            // This section changed since the page showed it: the field-by-field merge page, where "mine" is
            // the case file as stored now with this section as typed. Only the section can differ from what
            // is stored, so the merge offers only its fields, and saves through the section's scope.
            CaseRecord now = records.read(tenant.id(), id, RequestContext.actor(ctx), access.confidential());
            JsonNode mine = withSection(RowIdentities.numbered(form.effectiveSchema(), now.data()), posted.data(),
                    section);
            conflicts.show(ctx, access, id, mine, loaded, section.key());
        }
    }

    private void renderSection(Context ctx, TenantAccess access, CompiledForm form, EditableSection section,
                               CaseRecord record, String shownFingerprint, String loaded, JsonNode data,
                               List<FieldError> errors, int status, String alert, SectionPageModels.Kept restored) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordMeta meta = RecordMeta.of(tenant, record, locale);
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put(Csrf.FIELD, Pages.csrfToken(ctx));
        hidden.put(VERSION, String.valueOf(record.lockVersion()));
        hidden.put(SHOWN, shownFingerprint);
        // The whole case file's fingerprints as loaded: a conflict on this section is merged field by field.
        hidden.put(ConflictPages.LOADED, loaded);
        String heading = UiText.get(locale, "section.edit.title", section.title());
        ctx.status(status);
        RenderOptions options = options(access).withFiles(AttachmentPageModels.labels(attachments.visible(tenant.id(),
                record.id(), form.confidential().pointers(), access.confidential()), locale));
        CaseFilePage.render(ctx, access, templates, "pages/record-section", heading, new SectionPageModels.PartPage(
                meta, heading, renderer.section(form, section, data, errors, locale, options),
                sectionUrl(meta, section.key()), hidden, meta.url() + "#" + anchor(section.key()), alert, false),
                restored, AttachmentPageModels.Links.of(tenant, record.id()));
    }

    /** A digest of what this member sees of the section in {@code data}: equal when nothing of it changed. */
    private static String fingerprint(CompiledForm form, TenantAccess access, EditableSection section, JsonNode data) {
        byte[] shown = HiddenData.of(form, access.confidential(), section.scope()).visible(data).toString()
                .getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shown));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private EditableSection section(Context ctx, CompiledForm form, JsonNode data, TenantAccess access, Locale locale) {
        String key = ctx.pathParam("section");
        return renderer.editableSection(form, key, data, locale, options(access))
                .orElseThrow(() -> new NoSuchSectionException(key));
    }

    /** The case file as the page draws it: stored values, with the section's own taken from the post. */
    private static JsonNode withSection(JsonNode visible, JsonNode posted, EditableSection section) {
        ObjectNode page = ((ObjectNode) visible).deepCopy();
        section.scope().rootKeys().orElseThrow().forEach(page::remove);
        posted.properties().forEach(field -> {
            if (section.scope().shows(field.getKey())) {
                page.set(field.getKey(), field.getValue());
            }
        });
        return page;
    }

    private JsonNode rowAction(CoercionResult posted, String action) {
        try {
            return renderer.applyRowAction(posted.data(), action);
        } catch (IllegalArgumentException e) {
            throw new DomainException("invalidRequest", 400, e.getMessage());
        }
    }

    private static SectionPageModels.SectionCard card(RecordMeta meta, SectionSummary section, boolean canWrite) {
        String editUrl = canWrite && section.editable() ? sectionUrl(meta, section.key()) : "";
        return new SectionPageModels.SectionCard(section.key(), section.title(), anchor(section.key()), section.items(),
                editUrl);
    }

    /**
     * The flash after a save, in the card it concerns when there is one (the page opens there): which
     * section was saved, or that a follow-up entry was added; at the top after a save of the whole form.
     */
    /** After an admin's archive action (see {@link ArchivePages}), says it was done. */
    private static SectionPageModels.Flash archiveFlash(Context ctx, SectionPageModels.Flash flash, Locale locale) {
        String done = ctx.queryParam("archive");
        return done != null && java.util.Set.of("reactivate", "hold", "lift").contains(done)
                ? new SectionPageModels.Flash(UiText.get(locale, "archive." + done + ".done"), "", "") : flash;
    }

    private static SectionPageModels.Flash flash(Context ctx, List<SectionPageModels.SectionCard> cards, Locale locale) {
        String saved = ctx.queryParam("saved");
        String key = saved != null ? saved : ctx.queryParam("followUp") != null ? FollowUp.GROUP : null;
        if (key == null) {
            return SectionPageModels.Flash.NONE;
        }
        return cards.stream().filter(card -> card.key().equals(key)).findFirst()
                .map(card -> new SectionPageModels.Flash("", card.key(), saved != null
                        ? UiText.get(locale, "flash.section", card.title()) : UiText.get(locale, "flash.followUp")))
                .orElse(new SectionPageModels.Flash(UiText.get(locale, "flash.saved"), "", ""));
    }

    static String anchor(String sectionKey) {
        return "section-" + sectionKey;
    }

    private static String sectionUrl(RecordMeta meta, String key) {
        return meta.url() + "/sections/" + key;
    }

    /** Confidential fields are drawn masked unless the member holds the grant; the référent may be a member's select. */
    private RenderOptions options(TenantAccess access) {
        return ReferentOptions.forForm(referents, access);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static CaseRecord withLockVersion(CaseRecord record, int lockVersion) {
        return new CaseRecord(record.tenantId(), record.id(), record.formKey(), record.schemaVersion(), record.data(),
                lockVersion, record.createdAt(), record.createdBy(), record.updatedAt(), record.updatedBy());
    }

    private static int lockVersion(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new DomainException("invalidRequest", 400, "missing or invalid _version");
        }
    }
}
