/** Case files: validation against the tenant's form, storage with optimistic locking, search, audit. */
package org.dossier.record;
