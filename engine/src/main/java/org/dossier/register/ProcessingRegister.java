package org.dossier.register;

import java.time.Instant;
import java.util.List;

/**
 * A service's register of processing activities (GDPR Art. 30), as one published version of its
 * case-file form implies it. Texts that come from the form (purposes, categories) are as the form
 * writes them, in French; field labels carry both languages; everything else is a key the page
 * phrases in its language (legal bases, roles, security measures).
 *
 * @param formVersion  the published version the register was computed from
 * @param publishedAt  when that version was published
 * @param computedAt   when this register was computed (at publication, or on first read for
 *                     versions published before registers were kept)
 * @param purposes     each purpose with one legal basis, in the order the form first names them
 * @param toComplete   fields with no {@code x-gdpr} annotation: the register cannot say why they are kept
 */
public record ProcessingRegister(String serviceName, String serviceSlug, Controller controller, int formVersion,
                                 Instant publishedAt, Instant computedAt, List<Purpose> purposes,
                                 List<FieldEntry> toComplete, Retention retention, Hosting hosting,
                                 List<SecurityMeasures.Measure> measures) {
    public ProcessingRegister {
        purposes = List.copyOf(purposes);
        toComplete = List.copyOf(toComplete);
        measures = List.copyOf(measures);
    }

    /** True when at least one category of the register is a special category (Art. 9). */
    public boolean hasSpecialCategories() {
        return purposes.stream().flatMap(purpose -> purpose.categories().stream()).anyMatch(Category::specialCategory);
    }

    /**
     * One purpose under one legal basis ({@code legalBasis} is a key of the form vocabulary:
     * {@code public-task}, {@code consent}…), with the people it concerns and the data it uses.
     *
     * @param subjects the categories of people, as labels ({@link FieldEntry#subjects})
     */
    public record Purpose(String name, String legalBasis, List<Label> subjects, List<Category> categories) {
        public Purpose {
            subjects = List.copyOf(subjects);
            categories = List.copyOf(categories);
        }
    }

    /**
     * A category of data under a purpose, with its fields and who may read them.
     *
     * @param name            as the form writes it; empty when its fields name none
     * @param specialCategory a special category of data (Art. 9: health, beliefs…)
     */
    public record Category(String name, boolean specialCategory, List<FieldEntry> fields, List<Recipient> recipients) {
        public Category {
            fields = List.copyOf(fields);
            recipients = List.copyOf(recipients);
        }

        public boolean anyConfidential() {
            return fields.stream().anyMatch(FieldEntry::confidential);
        }
    }

    /**
     * One field of the form.
     *
     * @param path         the data path, dotted, {@code []} for the rows of a repeatable group
     * @param label        the field's label preceded by its sections' ({@code Identité › Nom})
     * @param subjects     whom the field's value is about: the persons helped, or the people a
     *                     repeatable group lists (see {@link RegisterBuilder})
     * @param confidential shown only to members holding the confidential grant
     */
    public record FieldEntry(String path, Label label, Label subjects, boolean confidential) {}

    /** A text in French and English; English falls back to French. */
    public record Label(String fr, String en) {
        public String in(String language) {
            return "en".equals(language) && !en.isEmpty() ? en : fr;
        }
    }

    /**
     * Who may read a category's data: a role ({@code admin}, {@code caseworker}…).
     *
     * @param grantRequired the category holds confidential fields: those are read only by the
     *                      role's members holding the confidential grant
     * @param requestsOnly  the role reads case files only to answer access and erasure requests
     */
    public record Recipient(String role, boolean grantRequired, boolean requestsOnly) {}

    /** How long case files are kept (see {@code RetentionPolicy}). */
    public record Retention(int activeYears, int keptYears) {}

    /**
     * Where the data lives and whether it leaves: {@code country} is an ISO code; {@code adequacy}
     * names the decision that allows transfers from the EU without further safeguards.
     */
    public record Hosting(String provider, String country, String adequacy) {}

    /** The controller: the service, and the contact details its admin or a super-admin filled in (empty until then). */
    public record Controller(String organisation, String representative, String address, String email, String phone,
                             String dpoName, String dpoEmail, String dpoPhone) {
        public static final Controller EMPTY = new Controller("", "", "", "", "", "", "", "");

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isEmpty() {
            return equals(EMPTY);
        }
    }
}
