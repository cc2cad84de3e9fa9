/** Onboarding a service: cloning an existing service's configuration (form customisation, branding, modules) with its first admin. */
package org.dossier.onboarding;
