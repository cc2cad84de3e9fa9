/** The service admin's form designer: draft, live preview, custom fields, publish, history, and the source's updates. */
package org.dossier.web.designer;
