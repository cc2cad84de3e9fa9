package org.dossier.audit;

/**
 * Who did something, and from where: written on records (created_by, updated_by) and on every
 * audit event.
 *
 * @param id            a stable identifier of the person or process (an e-mail once accounts exist)
 * @param clientAddress the client's IP address, or {@code null} for local processes
 */
public record Actor(String id, String clientAddress) {
    public static Actor system(String process) {
        return new Actor(process, null);
    }
}
