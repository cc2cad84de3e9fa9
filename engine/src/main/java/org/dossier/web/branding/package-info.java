/** A service's branding: the admin's page (name, logo, colour) and the per-service stylesheet {@code brand.css}. */
package org.dossier.web.branding;
