/**
 * A service's look: its primary colour (readable under white text) and its logo (checked by
 * content, stored per service). Plain Java; the branding page sits on top in {@code web/pages}.
 */
package org.dossier.branding;
