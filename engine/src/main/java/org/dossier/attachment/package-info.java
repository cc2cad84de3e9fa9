/**
 * Attachments: the documents a case file holds (ID scans, rent receipts, court letters). Their bytes
 * live in an {@link org.dossier.attachment.AttachmentStore} (the filesystem under the data directory
 * by default, S3-compatible object storage in production), keyed by service; the database holds
 * what the app checks before anyone reads them.
 */
package org.dossier.attachment;
