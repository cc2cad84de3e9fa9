/** The routes of single sign-on: the start, the callback, and the page of a refused sign-on. */
package org.dossier.web.signon;
