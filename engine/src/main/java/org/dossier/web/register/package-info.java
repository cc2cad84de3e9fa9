/** The register of processing pages: a service's register with its history and downloads, the controller's details, the platform's register. */
package org.dossier.web.register;
