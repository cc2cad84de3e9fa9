package org.dossier.form;

import java.time.Instant;
import java.util.Map;

/**
 * The fields a form requires of new case files only: for each, by the pointer of its choice
 * (see {@link RequiredChoices}), when the publication that made it required so was made. A case
 * file created before that moment may be saved without the field; one created after may not. A
 * field required by the base form from the start, or made required "also for existing case
 * files", is not here.
 */
public record NewOnlyRequirements(Map<String, Instant> since) {
    public static final NewOnlyRequirements NONE = new NewOnlyRequirements(Map.of());

    public NewOnlyRequirements {
        since = Map.copyOf(since);
    }

    /**
     * @param errorPointer where a {@code required} error was reported, e.g. {@code /membres_foyer/0/nom}
     * @param createdAt    when the case file was created
     */
    public boolean exempts(String errorPointer, Instant createdAt) {
        for (Map.Entry<String, Instant> entry : since.entrySet()) {
            if (createdAt.isBefore(entry.getValue()) && RequiredChoices.matches(entry.getKey(), errorPointer)) {
                return true;
            }
        }
        return false;
    }
}
