package org.dossier.demo;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * The person followed and the people living with them, decided once so that identity, household,
 * resources and follow-up notes all tell the same story.
 */
record Household(Person primary, Optional<String> birthName, Optional<String> maritalStatus, List<Member> members) {

    /** A person with the few facts the other sections depend on. */
    record Person(String firstName, String lastName, boolean female, LocalDate birthDate) {
        int ageOn(LocalDate day) {
            return Period.between(birthDate, day).getYears();
        }
    }

    /** Someone living in the household; {@code dependent} is empty when the worker left it blank. */
    record Member(Person person, String relation, Optional<Boolean> dependent) {
    }

    boolean hasPartner() {
        return members.stream().anyMatch(member -> member.relation().equals("conjoint"));
    }

    long dependentChildren(LocalDate today) {
        return members.stream()
                .filter(member -> member.relation().equals("enfant") && member.person().ageOn(today) < 20)
                .count();
    }

    int size() {
        return 1 + members.size();
    }
}
