/**
 * The register of processing activities (GDPR Art. 30) of a service and of the platform, computed
 * from the published form's {@code x-gdpr} annotations and the platform's settings; the controller's
 * contact details; the register each published form version implied.
 */
package org.dossier.register;
