package org.dossier.web.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dossier.register.ProcessingRegister;
import org.dossier.register.ProcessingRegister.Controller;
import org.dossier.register.ProcessingRegister.Recipient;
import org.dossier.register.SecurityMeasures;
import org.dossier.web.Dates;
import org.dossier.web.UiText;

/**
 * A register as people read it, in one language: every text phrased here, so that the page and
 * the PDF print the same words and the templates only lay them out.
 */
record RegisterView(String serviceName, List<Line> controller, boolean controllerMissing, int version,
                    String publishedAt, String computedAt, List<PurposeView> purposes, List<FieldView> toComplete,
                    String retention, String hosting, List<String> measures) {

    /** A labelled value. */
    record Line(String label, String value) {}

    record PurposeView(String name, String basis, String subjects, List<CategoryView> categories) {}

    record CategoryView(String name, boolean special, List<FieldView> fields, List<String> recipients) {}

    record FieldView(String label, String path, boolean confidential) {}

    static RegisterView of(ProcessingRegister register, Locale locale) {
        String language = locale.getLanguage();
        List<PurposeView> purposes = register.purposes().stream()
                .map(purpose -> new PurposeView(purpose.name(), basis(purpose.legalBasis(), locale),
                        String.join(", ", purpose.subjects().stream().map(label -> label.in(language)).toList()),
                        purpose.categories().stream().map(category -> new CategoryView(
                                category.name().isEmpty() ? UiText.get(locale, "register.category.none") : category.name(),
                                category.specialCategory(),
                                category.fields().stream().map(field -> field(field, language)).toList(),
                                category.recipients().stream().map(recipient -> recipient(recipient, locale)).toList()))
                                .toList()))
                .toList();
        ProcessingRegister.Hosting hosting = register.hosting();
        return new RegisterView(register.serviceName(), controller(register, locale), register.controller().isEmpty(),
                register.formVersion(), Dates.time(register.publishedAt(), locale),
                Dates.time(register.computedAt(), locale), purposes,
                register.toComplete().stream().map(field -> field(field, language)).toList(),
                UiText.get(locale, "register.retention.text", register.retention().activeYears(),
                        register.retention().keptYears()),
                UiText.get(locale, "register.transfers.text", hosting.provider(),
                        new Locale("", hosting.country()).getDisplayCountry(locale), hosting.adequacy()),
                register.measures().stream().map(measure -> measure(measure, locale)).toList());
    }

    private static List<Line> controller(ProcessingRegister register, Locale locale) {
        Controller controller = register.controller();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(UiText.get(locale, "register.controller.service"), register.serviceName()));
        add(lines, locale, "organisation", controller.organisation());
        add(lines, locale, "representative", controller.representative());
        add(lines, locale, "address", controller.address());
        add(lines, locale, "email", controller.email());
        add(lines, locale, "phone", controller.phone());
        add(lines, locale, "dpoName", controller.dpoName());
        add(lines, locale, "dpoEmail", controller.dpoEmail());
        add(lines, locale, "dpoPhone", controller.dpoPhone());
        return List.copyOf(lines);
    }

    private static void add(List<Line> lines, Locale locale, String name, String value) {
        if (!value.isBlank()) {
            lines.add(new Line(UiText.get(locale, "register.controller." + name), value));
        }
    }

    static String basis(String legalBasis, Locale locale) {
        return UiText.get(locale, "register.basis." + legalBasis);
    }

    private static FieldView field(ProcessingRegister.FieldEntry field, String language) {
        return new FieldView(field.label().in(language), field.path(), field.confidential());
    }

    private static String recipient(Recipient recipient, Locale locale) {
        String role = UiText.get(locale, "role." + recipient.role());
        if (recipient.requestsOnly()) {
            return UiText.get(locale, "register.recipient.requests", role);
        }
        return recipient.grantRequired() ? UiText.get(locale, "register.recipient.grant", role) : role;
    }

    private static String measure(SecurityMeasures.Measure measure, Locale locale) {
        return UiText.get(locale, "register.measure." + measure.key(), measure.values().toArray());
    }
}
