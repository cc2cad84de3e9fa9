/** JSON settings shared by the engine and the web layer. */
package org.dossier.json;
