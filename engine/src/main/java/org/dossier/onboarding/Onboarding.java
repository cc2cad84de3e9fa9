package org.dossier.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dossier.account.AccountService;
import org.dossier.account.Emails;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.branding.BrandColour;
import org.dossier.designer.DesignerService;
import org.dossier.form.BaseSchema;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.form.FormService;
import org.dossier.onboarding.OnboardingRefusedException.Reason;
import org.dossier.tenant.ServiceName;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantService;
import java.util.List;
import org.dossier.DomainException;
import org.jdbi.v3.core.Jdbi;

/**
 * Brings a new service to life: created with the base form, or cloned from another service, each
 * with its first admin and a platform audit event, in one transaction. The one place that checks a
 * new service's slug, name and colour, for the services page, the API and the command line alike.
 */
public final class Onboarding {
    private final Jdbi jdbi;
    private final TenantService tenants;
    private final FormService forms;
    private final AccountService accounts;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final ServiceCloner cloner;
    private final DesignerService designer;

    public Onboarding(Jdbi jdbi, TenantService tenants, FormService forms, DesignerService designer,
                      AccountService accounts, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.forms = forms;
        this.accounts = accounts;
        this.audit = audit;
        this.json = json;
        this.designer = designer;
        this.cloner = new ServiceCloner(jdbi, tenants, forms, designer, accounts, audit, json);
    }

    /**
     * One problem of a creation or clone form: the input that holds it ({@code name}, {@code slug},
     * {@code colour}, {@code adminEmail}, {@code adminName}, {@code from}) and the refusal, with its code.
     */
    public record InputProblem(String input, DomainException problem) {}

    /** Every problem {@link #create} would refuse for, at once; empty when only a race can still refuse it. */
    public List<InputProblem> problems(NewService request) {
        return new ServiceFormCheck(tenants).of(request);
    }

    /** Every problem {@link #clone} would refuse for, at once. */
    public List<InputProblem> problems(CloneRequest request) {
        return new ServiceFormCheck(tenants).of(request);
    }

    /**
     * Creates a service whose form is a copy of the base schema.
     *
     * @throws org.dossier.DomainException {@code invalidServiceName}, {@link Reason#INVALID_SLUG},
     *                                     {@code invalidColour}, {@code lowContrast},
     *                                     {@link Reason#SLUG_TAKEN}, {@code invalidEmail}; nothing is
     *                                     created then
     */
    public CreatedService create(NewService request, Actor actor) {
        return create(request, null, actor);
    }

    /**
     * Creates a service whose form is a definition written elsewhere (a form as a file): published as
     * its version 1, flagged imported, checked as every publication is, after the request's inputs.
     *
     * @throws org.dossier.form.InvalidFormDefinitionException with every problem of the definition;
     *                                                          nothing is created then
     */
    public CreatedService createFromDefinition(NewService request, ObjectNode definition, Actor actor) {
        if (definition == null) {
            throw new InvalidFormDefinitionException(List.of(new DefinitionProblem("", "type",
                    "a form definition is a JSON object")));
        }
        return create(request, definition, actor);
    }

    private CreatedService create(NewService request, ObjectNode imported, Actor actor) {
        ServiceName name = ServiceName.parse(request.name());
        String slug = validSlug(request.slug());
        BrandColour colour = isBlank(request.colour()) ? BrandColour.DEFAULT : BrandColour.parse(request.colour());
        requireFree(slug);
        if (imported != null) {
            forms.preview(FormService.CASE_FILE, imported);
        }
        String adminEmail = strip(request.adminEmail());
        // The services page has always named the admin after the e-mail as typed, not normalised.
        String adminName = isBlank(request.adminName()) ? adminEmail : request.adminName().strip();
        return jdbi.inTransaction(handle -> {
            Tenant tenant = tenants.create(handle, slug, name.value(), colour.hex());
            int version = forms.publish(handle, tenant.id(), FormService.CASE_FILE,
                    imported == null ? BaseSchema.baseSchema() : imported, actor.id());
            if (imported != null) {
                designer.markImported(handle, tenant.id(), FormService.CASE_FILE, version);
            }
            AccountService.AddedMember admin = accounts.addMember(handle, tenant.id(), adminEmail, adminName, Role.ADMIN,
                    true, actor);
            ObjectNode details = json.createObjectNode().put("slug", slug).put("name", name.value())
                    .put("adminEmail", admin.user().email());
            if (imported != null) {
                details.put("formImported", true);
            }
            audit.recordPlatform(handle, actor, "tenant.created", "tenant", tenant.id().toString(), details);
            return new CreatedService(tenant, admin.user().email(), admin.oneTimePassword());
        });
    }

    /**
     * Creates a service as a copy of another one: see {@link ServiceCloner} for what is copied.
     *
     * @throws org.dossier.DomainException {@link Reason#NO_SUCH_SOURCE}, {@link Reason#INVALID_SLUG},
     *                                     {@code invalidServiceName}, {@link Reason#INVALID_EMAIL},
     *                                     {@link Reason#SLUG_TAKEN}; nothing is created then
     */
    public ClonedService clone(CloneRequest request, Actor actor) {
        long start = System.nanoTime();
        Tenant source = tenants.find(request.from())
                .orElseThrow(() -> new OnboardingRefusedException(Reason.NO_SUCH_SOURCE, "no service " + request.from()));
        // Checked in another order than on creation, as the clone form always has: the first refusal is the one shown.
        String slug = validSlug(request.slug());
        ServiceName name = ServiceName.parse(request.name());
        if (!Emails.isValid(Emails.normalize(request.adminEmail()))) {
            throw new OnboardingRefusedException(Reason.INVALID_EMAIL, "not an e-mail address");
        }
        requireFree(slug);
        String adminName = isBlank(request.adminName()) ? Emails.normalize(request.adminEmail())
                : request.adminName().strip();
        return cloner.cloneService(source, slug, name, request.adminEmail(), adminName, actor, start);
    }

    /**
     * Makes a service a template (kept only to be cloned), or an ordinary service again.
     *
     * @throws OnboardingRefusedException {@link Reason#TEMPLATE_HOLDS_CASE_FILES}: a service with
     *                                    case files is somebody's work, not a template
     */
    public void markTemplate(Tenant tenant, boolean template, Actor actor) {
        boolean done = jdbi.inTransaction(handle -> {
            if (!tenants.markTemplate(handle, tenant.id(), template)) {
                return false;
            }
            audit.recordPlatform(handle, actor, template ? "tenant.template.marked" : "tenant.template.unmarked",
                    "tenant", tenant.id().toString(), json.createObjectNode().put("slug", tenant.slug()));
            return true;
        });
        if (!done) {
            throw new OnboardingRefusedException(Reason.TEMPLATE_HOLDS_CASE_FILES, "the service holds case files");
        }
    }

    private static String validSlug(String text) {
        String slug = strip(text);
        if (!TenantService.isValidSlug(slug)) {
            throw new OnboardingRefusedException(Reason.INVALID_SLUG, "lower-case letters, digits and hyphens");
        }
        return slug;
    }

    /** Checked before the transaction for a clear refusal; the unique key still catches a race. */
    private void requireFree(String slug) {
        if (tenants.find(slug).isPresent()) {
            throw new OnboardingRefusedException(Reason.SLUG_TAKEN, "this slug is taken");
        }
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
