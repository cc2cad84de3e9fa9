package org.dossier.referent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dossier.account.MembershipDao;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FieldError;
import org.dossier.validation.Messages;
import org.jdbi.v3.core.Jdbi;

/**
 * The référent as a member of the service. A member is stored as {@code member:<user id>}, a form
 * no free text takes by accident, so a name typed before the service chose members is never read
 * as someone's id: it is kept and shown as it is. The check runs on every save (see
 * {@code RecordService}): a member value must name a member of this service, active, or be the
 * value already stored (a member who left stays until someone changes it); with the setting on,
 * free text is refused unless it is the value already stored.
 */
public final class Referents implements org.dossier.record.RecordCheck {
    public static final String POINTER = "/accompagnement/referent";
    private static final String PREFIX = "member:";
    private static final Pattern MEMBER_VALUE = Pattern.compile("member:[0-9]{1,18}");

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Messages messages;

    public Referents(Jdbi jdbi, AuditLog audit, Messages messages) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.messages = messages;
    }

    /** The stored value that names a member. */
    public static String memberValue(long userId) {
        return PREFIX + userId;
    }

    /**
     * Whether a case file's référent names a member (or looks like it does): only then does
     * showing it need the service's members.
     */
    public static boolean namesMember(JsonNode data) {
        return text(data).filter(value -> value.startsWith(PREFIX)).isPresent();
    }

    /** The choices of a page that needs no member's name: free text, and no members read. */
    public static final ReferentChoices NO_MEMBERS = new ReferentChoices(false, Map.of(), Map.of());

    /**
     * Whether the service chose members as référents. Read on every save whose référent is free
     * text, so kept for {@link #SETTING_TTL_NANOS}, as a service's lookup is: a change made on this
     * node applies at once, one made on another node within that time (it is a rule of data entry,
     * not of access: nobody sees or does more in between).
     */
    public boolean membersOnly(TenantId tenantId) {
        Setting cached = settings.get(tenantId);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAt() < SETTING_TTL_NANOS) {
            return cached.membersOnly();
        }
        boolean membersOnly = storedMembersOnly(tenantId);
        settings.put(tenantId, new Setting(membersOnly, now));
        return membersOnly;
    }

    /** The setting as stored now: a batch reads it once, so it has no use for the copy kept above. */
    private boolean storedMembersOnly(TenantId tenantId) {
        return jdbi.withHandle(handle -> new ReferentSettingDao(handle).membersOnly(tenantId));
    }

    private static final long SETTING_TTL_NANOS = 5_000_000_000L;

    private record Setting(boolean membersOnly, long readAt) {}

    private final java.util.Map<TenantId, Setting> settings = new java.util.concurrent.ConcurrentHashMap<>();

    /** Switches the setting and audits the change. Stored case files are not rewritten either way. */
    public void setMembersOnly(TenantId tenantId, boolean membersOnly, Actor actor) {
        settings.remove(tenantId);
        jdbi.useTransaction(handle -> {
            handle.afterCommit(() -> settings.remove(tenantId));
            new ReferentSettingDao(handle).setMembersOnly(tenantId, membersOnly);
            audit.record(handle, tenantId, actor, "service.referentSetting", "tenant", Long.toString(tenantId.value()),
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            .put("referentMembers", membersOnly));
        });
    }

    public ReferentChoices choices(TenantId tenantId) {
        boolean membersOnly = membersOnly(tenantId);
        return jdbi.withHandle(handle -> {
            Map<String, String> offered = new LinkedHashMap<>();
            Map<String, String> known = new LinkedHashMap<>();
            List<MembershipDao.Member> members = new MembershipDao(handle).members(tenantId);
            for (MembershipDao.Member member : members) {
                if (member.membership().pending()) {
                    continue;
                }
                String value = memberValue(member.user().id());
                known.put(value, member.user().displayName());
                if (member.membership().active()) {
                    offered.put(value, member.user().displayName());
                }
            }
            return new ReferentChoices(membersOnly, offered, known);
        });
    }

    /**
     * The errors of a case file's référent, empty when it is acceptable.
     *
     * @param stored the case file's stored data, null for a new one
     */
    @Override
    public List<FieldError> check(TenantId tenantId, JsonNode data, JsonNode stored, Locale locale) {
        return check(tenantId, data, stored, locale, () -> membersOnly(tenantId), () -> choices(tenantId));
    }

    /** The same check, the setting and the members read once for the whole batch. */
    @Override
    public org.dossier.record.RecordCheck forBatch() {
        java.util.Map<TenantId, Boolean> membersOnly = new java.util.HashMap<>();
        java.util.Map<TenantId, ReferentChoices> choices = new java.util.HashMap<>();
        return (tenantId, data, stored, locale) -> check(tenantId, data, stored, locale,
                () -> membersOnly.computeIfAbsent(tenantId, this::storedMembersOnly),
                () -> choices.computeIfAbsent(tenantId, this::choices));
    }

    private List<FieldError> check(TenantId tenantId, JsonNode data, JsonNode stored, Locale locale,
                                   java.util.function.BooleanSupplier membersOnly,
                                   java.util.function.Supplier<ReferentChoices> choices) {
        Optional<String> value = text(data);
        if (value.isEmpty() || value.equals(text(stored))) {
            return List.of();
        }
        boolean member = MEMBER_VALUE.matcher(value.get()).matches();
        boolean looksLikeMember = value.get().startsWith(PREFIX);
        if (!member && !looksLikeMember && !membersOnly.getAsBoolean()) {
            return List.of();
        }
        if (member && choices.get().offered().containsKey(value.get())) {
            return List.of();
        }
        return List.of(new FieldError(POINTER, "referentMember",
                messages.forField(POINTER, "referentMember", Optional.empty(), locale)));
    }

    private static Optional<String> text(JsonNode data) {
        if (data == null) {
            return Optional.empty();
        }
        JsonNode value = data.at(POINTER);
        return value.isTextual() && !value.textValue().isEmpty() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
