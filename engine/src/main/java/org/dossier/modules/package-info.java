/** Modules a service switches on or off (eviction prevention, dashboard), read from its published form, and the reports they show. */
package org.dossier.modules;
