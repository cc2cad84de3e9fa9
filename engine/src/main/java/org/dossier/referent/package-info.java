/**
 * The référent of a case file ({@code /accompagnement/referent}) as one of the service's members:
 * the service's setting, the choices it offers, the names it shows and the server-side check that
 * only this service's members are chosen. Plain Java and SQL; the web layer draws the select.
 */
package org.dossier.referent;
