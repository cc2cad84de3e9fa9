/** The audit log pages: a service's log for its admins, the whole log for super-admins. */
package org.dossier.web.audit;
