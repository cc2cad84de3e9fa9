package org.dossier.onboarding;

/**
 * A new service as a copy of the service {@code from}, as asked for on the services page, by the
 * API or on the command line. Values as typed; {@link Onboarding#clone} checks them.
 *
 * @param adminName blank or {@code null} to name the first admin after their e-mail
 */
public record CloneRequest(String from, String slug, String name, String adminEmail, String adminName) {}
