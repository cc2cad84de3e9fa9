/**
 * Onboarding services: creating one with the base form, cloning one from another (often a
 * template), and marking templates. {@link org.dossier.onboarding.Onboarding} owns the checks, so
 * the services page, the API and the command line refuse the same input with the same code.
 */
package org.dossier.onboarding;
