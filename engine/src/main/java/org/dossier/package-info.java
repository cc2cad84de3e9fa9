/**
 * Dossier's entry points: the command line ({@link org.dossier.Main}), the configuration read from
 * the environment, the object graph ({@link org.dossier.Services}), the web application
 * ({@link org.dossier.App}) and the running server with its ordered shutdown.
 */
package org.dossier;
