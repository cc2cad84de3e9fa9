package org.dossier.crypto;

/** What a kept post's sealed fields are bound to: its person and its page (its id is unknown before the insert). */
public final class KeptPostContext {
    private KeptPostContext() {}

    public static String of(long userId, String pagePath) {
        return "kept-post:" + userId + ":" + pagePath;
    }
}
