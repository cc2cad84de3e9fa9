/**
 * The audit log: who did what to which target, when and from where. Events are written in the
 * transaction of the action they record. Their ids are time-ordered so that a per-tenant hash
 * chain can be laid over them without changing the table's key.
 */
package org.dossier.audit;
