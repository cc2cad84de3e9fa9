/** The JSON API under {@code /api/v1}: thin handlers that parse, call a service and answer JSON. */
package org.dossier.web.api;
