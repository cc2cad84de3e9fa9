package org.dossier.referent;

import java.util.Map;
import java.util.Optional;

/**
 * A service's members as référents.
 *
 * @param membersOnly whether the service chose that the référent is one of its members
 * @param offered     stored value → name of the members who may be chosen now (active), by name
 * @param known       stored value → name of every member the service ever had, those who left included
 */
public record ReferentChoices(boolean membersOnly, Map<String, String> offered, Map<String, String> known) {
    public ReferentChoices {
        offered = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(offered));
        known = Map.copyOf(known);
    }

    /** How a stored value is shown: a member's name, any other text as it is. */
    public String display(String stored) {
        return stored == null ? "" : known.getOrDefault(stored, stored);
    }

    /** The member a stored value names, in this service. */
    public Optional<String> memberName(String stored) {
        return Optional.ofNullable(known.get(stored));
    }
}
