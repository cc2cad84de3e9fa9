package org.dossier.register;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dossier.account.LoginThrottle;
import org.dossier.account.PasswordHasher;

/**
 * The security measures (Art. 32) the platform applies, as the register lists them: each line
 * says only what the code does, with the figures this deployment runs with. A measure is one key
 * ({@code register.measure.<key>} in the pages bundles) and the values its text needs; adding one
 * is a line in {@link #of} and its text in the three bundles.
 */
public final class SecurityMeasures {
    /**
     * One measure: its key and the values its text quotes, as text (so that a register kept from
     * an earlier version still reads the figures of its day).
     */
    public record Measure(String key, List<String> values) {
        public Measure {
            values = List.copyOf(values);
        }
    }

    private SecurityMeasures() {}

    /**
     * @param sessionIdle     a session ends after this long without a request
     * @param sessionAbsolute and in any case this long after sign-in
     * @param loginLimits     failed sign-ins that lock an account and an address
     */
    public static List<Measure> of(Duration sessionIdle, Duration sessionAbsolute, LoginThrottle.Limits loginLimits) {
        List<Measure> measures = new ArrayList<>();
        // PasswordHasher: Argon2id (19 MiB, 2 passes), password policy of at least MIN_LENGTH characters.
        measures.add(new Measure("passwords", List.of(Integer.toString(PasswordHasher.MIN_LENGTH))));
        // SessionStore: idle and absolute timeouts.
        measures.add(new Measure("sessions", List.of(Long.toString(sessionIdle.toMinutes()),
                Long.toString(sessionAbsolute.toHours()))));
        // LoginThrottle: a lockout per account and per address after repeated failures.
        measures.add(new Measure("throttling", List.of(Integer.toString(loginLimits.accountFailures()),
                Integer.toString(loginLimits.addressFailures()), Long.toString(LoginThrottle.LOCKOUT.toMinutes()))));
        // Csrf: every signed-in page request that changes state carries the session's token.
        measures.add(new Measure("csrf", List.of()));
        // AccessRoutes: every route declares who may call it; every tenant table row carries its service.
        measures.add(new Measure("isolation", List.of()));
        // ConfidentialFields / HiddenData: masked for members without the grant, on pages and in the API.
        measures.add(new Measure("confidential", List.of()));
        // crypto/: confidential values sealed with AES-256-GCM, a data key per service wrapped by the master key.
        measures.add(new Measure("encryption", List.of()));
        // AuditLog: reads of confidential values, changes, sign-ins and administration, in the same transaction.
        measures.add(new Measure("audit", List.of()));
        // AuditChain: each service's events form one hash chain, checked by `audit verify` and its pages.
        measures.add(new Measure("auditChain", List.of()));
        // EffectiveSchema: additionalProperties false everywhere; hidden fields are refused when posted.
        measures.add(new Measure("minimisation", List.of()));
        // SecurityHeaders: a Content-Security-Policy without inline script, no framing, no sniffing.
        measures.add(new Measure("headers", List.of()));
        return List.copyOf(measures);
    }
}
