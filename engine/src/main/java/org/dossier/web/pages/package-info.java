/** The caseworker's HTML pages: list and search, new, view, edit and delete of case files. */
package org.dossier.web.pages;
