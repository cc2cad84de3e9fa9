/**
 * Backups of the whole installation: a consistent dump of the database taken with the MariaDB
 * distribution's own dump tool and the attachments' files (never the master key), in one compressed
 * archive with a manifest (schema version, rows per table, SHA-256 of every part); the nightly
 * task on the node's one scheduler, the retention of the archives, and the restore into an empty
 * data directory that checks the manifest.
 */
package org.dossier.backup;
