package org.dossier.render;

/**
 * What the current member may see.
 *
 * @param showConfidential true when the member holds the confidential grant; otherwise
 *                         confidential fields are drawn masked, with no value and no name
 */
public record RenderOptions(boolean showConfidential) {}
