package org.dossier.form;

/**
 * How many items a list of a case file may hold. Every array of the effective schema carries a
 * {@code maxItems}: the definition's own, or {@link #DEFAULT_MAX_ITEMS} when it sets none, and no
 * definition may ask for more than {@link #MAX_ITEMS}. The limit is what bounds the work a request
 * can cause: it is checked before anything walks the posted rows one by one.
 */
public final class ListLimits {
    /** Rows of a repeatable group, or values of a multiple choice, when the definition says nothing. */
    public static final int DEFAULT_MAX_ITEMS = 100;
    /** The most a definition may allow, and the most any array of a request body may hold. */
    public static final int MAX_ITEMS = 1_000;

    private ListLimits() {}
}
