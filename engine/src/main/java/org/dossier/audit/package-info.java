/**
 * The audit log: who did what to which target, when and from where. Events are written in the
 * transaction of the action they record, each appended to its service's hash chain (the
 * platform's events to their own), so that a change made to the log outside the application is
 * found by {@link org.dossier.audit.ChainVerifier}; {@link org.dossier.audit.AuditRedaction}
 * removes personal data on purpose without breaking a chain.
 */
package org.dossier.audit;
