/**
 * Pebble setup: the template engine, the page layout's model and the interface text bundles.
 * Templates only display view models built by {@code org.dossier.render}.
 */
package org.dossier.web.view;
