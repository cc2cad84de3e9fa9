/**
 * The HTTP layer, one folder per feature ({@code records}, {@code designer}, {@code branding},
 * {@code platform}, {@code account}, {@code audit}, {@code modules}), each with its pages and API
 * handlers; and here what they share: routes in one block, request context (tenant from the URL,
 * actor, language), security headers, body limits, strict form and JSON parsing, dates as shown,
 * and the one error mapper that answers HTML or JSON. Access rules sit in {@code auth}, templates
 * in {@code view}.
 */
package org.dossier.web;
