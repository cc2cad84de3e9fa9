/**
 * Work kept when a session expires: a page post that arrived after its session timed out is kept
 * server-side, bound to its person and browser, for a few hours, and handed back once to the page
 * it came from after they sign in again. Never replayed: the page shows it for them to save.
 */
package org.dossier.keep;
