/**
 * Forms as files: a service's published form exported as its definition (JSON Schema with the
 * vocabulary) and its customisation, and a definition written elsewhere imported as the service's
 * draft, checked exactly as every publication is and published through the designer's publish.
 */
package org.dossier.formfile;
