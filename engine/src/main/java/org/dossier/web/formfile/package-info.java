/**
 * Forms as files on the web: the service admin's page to export the form and import a definition
 * as the draft, the API of a form's definition, customisation, draft and publication, and the
 * super-admin's creation of a service from a definition file (page and API).
 */
package org.dossier.web.formfile;
