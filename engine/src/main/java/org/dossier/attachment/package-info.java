/**
 * Attachments: the documents a case file holds (ID scans, rent receipts, court letters). Their bytes
 * live in an {@link org.dossier.attachment.AttachmentStore} (the filesystem under the data directory
 * by default, S3-compatible object storage in production), keyed by service; the database holds
 * what the app checks before anyone reads them ({@code attachments}, V21): {@link
 * org.dossier.attachment.AttachmentService} checks uploads ({@link org.dossier.attachment.ContentTypes}:
 * the type by content), stages them, links them in a case file's save and authorises downloads;
 * {@link org.dossier.attachment.AttachmentDeletions} deletes the objects whose rows a committed
 * transaction deleted ({@code attachment_deletions}).
 */
package org.dossier.attachment;
