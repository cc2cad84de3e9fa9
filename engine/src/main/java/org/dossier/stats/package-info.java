/**
 * Cross-service statistics for the super-admin: counts per service and across services, and
 * breakdowns over the base fields that services share. Aggregates only; every figure goes through
 * {@link org.dossier.stats.SmallCells} before anything can show it.
 */
package org.dossier.stats;
