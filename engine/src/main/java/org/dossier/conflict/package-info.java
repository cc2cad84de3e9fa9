/**
 * Two people saved the same case file: what each of them changed since the version they loaded,
 * field by field, and the merge of both (taken automatically where only one side changed a field,
 * a choice where both did). Plain Java over JSON data and the form's effective schema.
 */
package org.dossier.conflict;
