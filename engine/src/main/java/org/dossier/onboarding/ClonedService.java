package org.dossier.onboarding;

import java.time.Duration;
import java.util.Optional;
import org.dossier.tenant.Tenant;

/**
 * A service just cloned: its form version, its first admin (with a one-time password when the
 * account is new), and how long it took from the request to a working form.
 */
public record ClonedService(Tenant tenant, Tenant source, int formVersion, String adminEmail,
                            Optional<String> oneTimePassword, Duration took) {}
