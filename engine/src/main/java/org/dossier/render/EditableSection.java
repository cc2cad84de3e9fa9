package org.dossier.render;

import org.dossier.form.FormScope;

/**
 * A section one member may edit on its own page, for a case file's data as it is.
 *
 * @param scope what its page shows of the form, and therefore what a save through it may change
 */
public record EditableSection(String key, String title, FormScope scope) {}
