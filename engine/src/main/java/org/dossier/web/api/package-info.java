/**
 * The JSON API described: its OpenAPI 3.1 description, written by hand in
 * {@code resources/api/openapi.yaml} and served as JSON at {@code /api/openapi.json}, and the
 * interactive reference page at {@code /api/docs}, drawn by the swagger-ui WebJar. Both are public
 * and hold no service's data.
 */
package org.dossier.web.api;
