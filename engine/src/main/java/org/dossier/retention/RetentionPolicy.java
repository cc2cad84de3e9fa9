package org.dossier.retention;

/**
 * How long a service keeps its case files: {@code activeYears} calendar years active (the year of
 * the last activity included), then archived, read-only, until the end of the {@code keptYears}-th
 * year after the year of the last activity; deleted from 1 January after that. The platform's
 * default is the plan's: two active years (N, N-1), kept up to N-5.
 *
 * <p>A super-admin may set another policy for a service whose legal obligations differ, within
 * bounds that a policy cannot leave (the constructor refuses anything else):
 * <ul>
 *   <li>{@code activeYears} from {@value #MIN_ACTIVE} to {@value #MAX_ACTIVE}: a case file without
 *       activity for more than five years is no longer in use; keeping it open to every
 *       caseworker goes against data minimisation, whatever the service.</li>
 *   <li>{@code keptYears} from {@code activeYears} (at least one archived year, so that a case file
 *       is always archived, with its deletion date shown, before it is deleted) to
 *       {@value #MAX_KEPT}: the longest period a service may need a case file as evidence, the
 *       limitation period of crimes against minors, thirty years from the victim's majority
 *       (Code de procédure pénale, art. 7 and 8), for child protection.</li>
 * </ul>
 *
 * @throws RetentionOutOfBoundsException from the constructor, for a policy outside the bounds
 */
public record RetentionPolicy(int activeYears, int keptYears) {
    public static final int MIN_ACTIVE = 1;
    public static final int MAX_ACTIVE = 5;
    public static final int MAX_KEPT = 30;
    /** The platform's default: active in N and N-1, archived from N-2 to N-5. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(2, 5);

    public RetentionPolicy {
        if (activeYears < MIN_ACTIVE || activeYears > MAX_ACTIVE || keptYears < activeYears || keptYears > MAX_KEPT) {
            throw new RetentionOutOfBoundsException(activeYears, keptYears);
        }
    }

    /** Calendar years a case file spends archived: from N-{@code activeYears} to N-{@code keptYears}. */
    public int archivedYears() {
        return keptYears - activeYears + 1;
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
