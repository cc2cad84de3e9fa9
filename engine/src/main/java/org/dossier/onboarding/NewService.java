package org.dossier.onboarding;

/**
 * A new service as asked for on the services page: its form starts as a copy of the base schema.
 * Values as typed; {@link Onboarding#create} checks them.
 *
 * @param colour    blank for the default colour
 * @param adminName blank to name the first admin after their e-mail
 */
public record NewService(String name, String slug, String colour, String adminEmail, String adminName) {}
