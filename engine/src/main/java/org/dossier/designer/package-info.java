/**
 * The service admin's designer, in plain Java: the draft of a service's customisation and its
 * publication, the tree of fields the designer shows, and the linked templates' updates pulled by
 * a three-way merge.
 */
package org.dossier.designer;
