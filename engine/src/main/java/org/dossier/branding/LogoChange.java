package org.dossier.branding;

/** What a branding change does to the logo: nothing, a new one, or none at all from now on. */
public sealed interface LogoChange {
    record Keep() implements LogoChange {}

    record Replace(Logo logo) implements LogoChange {}

    record Remove() implements LogoChange {}
}
