/**
 * The HTTP layer: routes in one block, request context (tenant from the URL, actor, language),
 * security headers, body limits, strict form and JSON parsing, and the one error mapper that
 * answers HTML or JSON.
 */
package org.dossier.web;
