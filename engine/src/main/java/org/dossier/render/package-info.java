/**
 * The view model of forms and records: turns an effective schema, a record's data and its
 * validation errors into plain values that templates only display (labels per language, widgets,
 * values, required markers, visibility, errors, repeatable rows). No web or template library here.
 */
package org.dossier.render;
