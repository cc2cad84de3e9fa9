package org.dossier.web.retention;

import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;

/** The typed models of the super-admin's retention setting page and of the durations a service's pages show. */
final class RetentionSettingModels {
    private RetentionSettingModels() {}

    /**
     * A service's durations as its pages show them, with the years they mean today.
     *
     * @param activeFrom   the earliest year of last activity still active (to the current year)
     * @param archivedFrom the earliest year of last activity still kept, archived
     * @param archivedTo   the latest year of last activity archived
     * @param isDefault    the platform's default durations
     */
    record Durations(int activeYears, int keptYears, int archivedYears, int activeFrom, int currentYear,
                     int archivedFrom, int archivedTo, boolean isDefault) {
        static Durations of(Retention retention) {
            RetentionPolicy policy = retention.policy();
            int year = retention.today().getYear();
            return new Durations(policy.activeYears(), policy.keptYears(), policy.archivedYears(),
                    year - policy.activeYears() + 1, year, year - policy.keptYears(), year - policy.activeYears(),
                    policy.isDefault());
        }
    }

    /** The values in the form: as entered (kept on an error) and the bounds of its inputs. */
    record Entered(String active, String kept, int minActive, int maxActive, int maxKept) {
        static Entered of(String active, String kept) {
            return new Entered(active, kept, RetentionPolicy.MIN_ACTIVE, RetentionPolicy.MAX_ACTIVE,
                    RetentionPolicy.MAX_KEPT);
        }

        static Entered of(RetentionPolicy policy) {
            return of(String.valueOf(policy.activeYears()), String.valueOf(policy.keptYears()));
        }
    }

    /**
     * What the change would mean at the next lifecycle pass, shown before it is saved. Counts are
     * the pass's plan under the current and the proposed setting.
     */
    record Preview(Durations proposed, long archivedNow, long archivedThen, long deletedNow, long deletedThen,
                   long heldNow, long leavingActive, long backToActive, long moreDeleted, long fewerDeleted,
                   int fromActive, int fromKept) {}

    /**
     * {@code pages/platform-service-retention}.
     *
     * @param preview  between the form and the save, the confirmation; null otherwise
 * @param unchanged the values entered are the current setting: nothing to confirm
     * @param notice   after a save, what changed
     * @param problem  a refusal that no input holds (a change made meanwhile)
     */
    record SettingPage(String tenantName, String slug, Durations current, Entered entered, Preview preview,
                       boolean unchanged, String notice, String problem) {}
}
