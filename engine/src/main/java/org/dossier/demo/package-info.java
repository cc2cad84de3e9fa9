/**
 * Fake but realistic French social-service case files for demonstrations, load tests and
 * screenshots: seeded, so the same seed always gives the same people, and shaped exactly like
 * the base form (socle commun). Nothing here may ever touch real personal data.
 */
package org.dossier.demo;
