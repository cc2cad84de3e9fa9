/** The super-admin's platform: services (create, clone, template, suspend, resume, delete) by page and API, and cross-service statistics. */
package org.dossier.web.platform;
