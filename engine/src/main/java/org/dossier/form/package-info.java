/**
 * Form definitions: the base case-file schema, the meta-schema every definition is checked against,
 * and the compiler that turns a stored definition into the effective schema and its validator
 * (see {@code schemas/VOCABULARY.md}). Plain Java: no web or template code here.
 */
package org.dossier.form;
