/** Case files over HTTP: the caseworker's pages (list and search, new, view, edit, delete) and the JSON records API. */
package org.dossier.web.records;
