package org.dossier.onboarding;

import java.util.Optional;
import org.dossier.tenant.Tenant;

/** A service just created, and its first admin's one-time password when the account is new. */
public record CreatedService(Tenant tenant, String adminEmail, Optional<String> oneTimePassword) {}
