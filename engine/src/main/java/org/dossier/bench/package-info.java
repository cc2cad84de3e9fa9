/** The benchmark command: figures and ratios measured on a fresh database, never timed tests. */
package org.dossier.bench;
