/**
 * A service's look, in plain Java: its primary colour (readable under white text), its name, and
 * its logo (measured from its header before decoding, stored re-encoded, per service). The
 * branding page sits on top in {@code web/branding}.
 */
package org.dossier.branding;
