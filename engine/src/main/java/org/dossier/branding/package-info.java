/** A service's branding: the logo (measured before decoding, stored re-encoded) and the colour rule (white text readable on it). */
package org.dossier.branding;
