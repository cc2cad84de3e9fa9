/** Identifier helpers shared by features that must not depend on one another: version-7 UUIDs and their stored form. */
package org.dossier.ids;
