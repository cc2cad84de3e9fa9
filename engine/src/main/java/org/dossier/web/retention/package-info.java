/** The data lifecycle pages: a service admin's view of phases, coming deletions, holds and runs; the super-admin's runs and plan. */
package org.dossier.web.retention;
