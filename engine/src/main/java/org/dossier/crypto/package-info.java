/**
 * Confidential data encrypted at rest, per service: the master key (from the environment, a file,
 * or a file the embedded default creates), each service's data key wrapped by it, the sealing of
 * {@code x-confidential} values in stored case files and of the other stores that hold posted
 * values, the first run's sealing of values stored in clear before, and the rotation of the
 * master key. Plain Java over JDBI and {@code javax.crypto} (AES-256-GCM): no web layer here.
 */
package org.dossier.crypto;
