/** The modules a service switches on and off: eviction prevention and the dashboard. */
package org.dossier.web.modules;
