package org.dossier.onboarding;

import java.util.ArrayList;
import java.util.List;
import org.dossier.DomainException;
import org.dossier.account.Emails;
import org.dossier.branding.BrandColour;
import org.dossier.onboarding.OnboardingRefusedException.Reason;
import org.dossier.tenant.ServiceName;
import org.dossier.tenant.TenantService;

/**
 * Every problem of a service creation or clone form at once, by input, before anything is created:
 * {@link Onboarding} refuses at the first one, which is right for the API and the command line but
 * makes a person send the form once per mistake. The same rules, run one by one.
 */
final class ServiceFormCheck {
    private static final int MAX_ADMIN_NAME = 200;

    private final TenantService tenants;

    ServiceFormCheck(TenantService tenants) {
        this.tenants = tenants;
    }

    List<Onboarding.InputProblem> of(NewService request) {
        List<Onboarding.InputProblem> problems = new ArrayList<>();
        check(problems, "name", () -> ServiceName.parse(request.name()));
        checkSlug(problems, request.slug());
        if (request.colour() != null && !request.colour().isBlank()) {
            check(problems, "colour", () -> BrandColour.parse(request.colour()));
        }
        checkAdmin(problems, request.adminEmail(), request.adminName());
        return List.copyOf(problems);
    }

    List<Onboarding.InputProblem> of(CloneRequest request) {
        List<Onboarding.InputProblem> problems = new ArrayList<>();
        if (request.from() == null || tenants.find(request.from()).isEmpty()) {
            problems.add(new Onboarding.InputProblem("from",
                    new OnboardingRefusedException(Reason.NO_SUCH_SOURCE, "no service " + request.from())));
        }
        check(problems, "name", () -> ServiceName.parse(request.name()));
        checkSlug(problems, request.slug());
        checkAdmin(problems, request.adminEmail(), request.adminName());
        return List.copyOf(problems);
    }

    private void checkSlug(List<Onboarding.InputProblem> problems, String text) {
        String slug = text == null ? "" : text.strip();
        if (!TenantService.isValidSlug(slug)) {
            problems.add(new Onboarding.InputProblem("slug",
                    new OnboardingRefusedException(Reason.INVALID_SLUG, "lower-case letters, digits and hyphens")));
        } else if (tenants.find(slug).isPresent()) {
            problems.add(new Onboarding.InputProblem("slug",
                    new OnboardingRefusedException(Reason.SLUG_TAKEN, "this slug is taken")));
        }
    }

    private static void checkAdmin(List<Onboarding.InputProblem> problems, String email, String name) {
        if (email == null || !Emails.isValid(Emails.normalize(email))) {
            problems.add(new Onboarding.InputProblem("adminEmail",
                    new OnboardingRefusedException(Reason.INVALID_EMAIL, "not an e-mail address")));
        }
        if (name != null && name.strip().length() > MAX_ADMIN_NAME) {
            problems.add(new Onboarding.InputProblem("adminName",
                    new DomainException("invalidDisplayName", 422, "a name of 1 to 200 characters")));
        }
    }

    private static void check(List<Onboarding.InputProblem> problems, String input, Runnable rule) {
        try {
            rule.run();
        } catch (DomainException refused) {
            problems.add(new Onboarding.InputProblem(input, refused));
        }
    }
}
