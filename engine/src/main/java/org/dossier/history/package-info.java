/**
 * The history of a case file: what each save changed, field by field (old and new value, who,
 * when, which form version), computed at the one place every save goes through
 * ({@code RecordService}), stored compactly (changed fields only), read newest first with masking,
 * and erased with the case file ({@code retention/CaseFileErasure}). A confidential field's values
 * pass through {@link org.dossier.history.HistoryValues}, the one place that seals and opens them.
 */
package org.dossier.history;
