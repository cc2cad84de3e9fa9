package org.dossier.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.demo.Household.Member;
import org.dossier.demo.Household.Person;

/** Draws a plausible household: ages that fit together, shared or distinct surnames, a matching marital status. */
final class HouseholdFactory {
    private static final int MAX_MEMBERS = 5;

    private final Dice dice;

    HouseholdFactory(Dice dice) {
        this.dice = dice;
    }

    Household next(LocalDate today) {
        boolean female = dice.chance(0.58);
        int age = dice.weighted(List.of(18, 26, 36, 46, 56, 66, 76), 10, 22, 22, 18, 13, 9, 6) + dice.between(0, 9);
        Person primary = person(female, dice.pick(FrenchNames.LAST_NAMES), birthDateAtAge(age, today));

        List<Member> members = new ArrayList<>();
        Optional<Person> partner = partner(primary, age, today);
        partner.ifPresent(person -> members.add(new Member(person, "conjoint", dependent(false))));
        addChildren(primary, partner, age, today, members);
        addRelatives(primary, age, today, members);

        Optional<String> maritalStatus = maritalStatus(partner.isPresent(), age);
        Optional<String> birthName = female && maritalStatus.filter("marie"::equals).isPresent()
                && partner.filter(person -> person.lastName().equals(primary.lastName())).isPresent()
                && dice.chance(0.6)
                ? Optional.of(otherLastName(primary.lastName()))
                : Optional.empty();
        return new Household(primary, birthName, maritalStatus, List.copyOf(members));
    }

    private Optional<Person> partner(Person primary, int age, LocalDate today) {
        if (age >= 85 || !dice.chance(0.42)) {
            return Optional.empty();
        }
        boolean female = dice.chance(0.93) != primary.female();
        int partnerAge = Math.max(18, age + dice.between(-7, 7));
        String lastName = dice.chance(0.5) ? primary.lastName() : otherLastName(primary.lastName());
        return Optional.of(person(female, lastName, birthDateAtAge(partnerAge, today)));
    }

    private void addChildren(Person primary, Optional<Person> partner, int age, LocalDate today, List<Member> members) {
        int children = age < 20 || age > 70 ? 0 : dice.weighted(List.of(0, 1, 2, 3, 4), 30, 25, 25, 14, 6);
        for (int i = 0; i < children && members.size() < MAX_MEMBERS; i++) {
            int parentAgeAtBirth = dice.between(18, Math.min(44, age));
            int childAge = age - parentAgeAtBirth;
            if (childAge > 30) {
                continue; // grown-up children have usually left; keep the household plausible
            }
            String lastName = partner.filter(p -> !p.female() && dice.chance(0.6)).map(Person::lastName)
                    .orElse(primary.lastName());
            Person child = person(dice.chance(0.5), lastName, birthDateAtAge(childAge, today));
            members.add(new Member(child, "enfant", dependent(childAge < 20)));
        }
    }

    private void addRelatives(Person primary, int age, LocalDate today, List<Member> members) {
        if (members.size() < MAX_MEMBERS && age < 35 && dice.chance(0.12)) {
            Person parent = person(dice.chance(0.7), primary.lastName(), birthDateAtAge(age + dice.between(20, 35), today));
            members.add(new Member(parent, "parent", dependent(dice.chance(0.3))));
        }
        if (members.size() < MAX_MEMBERS && dice.chance(0.06)) {
            Person sibling = person(dice.chance(0.5), primary.lastName(), birthDateAtAge(Math.max(18, age + dice.between(-8, 8)), today));
            members.add(new Member(sibling, "frere_soeur", dependent(false)));
        }
        if (members.size() < MAX_MEMBERS && dice.chance(0.03)) {
            Person other = person(dice.chance(0.5), otherLastName(primary.lastName()), birthDateAtAge(dice.between(18, 70), today));
            members.add(new Member(other, "autre", dependent(false)));
        }
    }

    private Optional<String> maritalStatus(boolean withPartner, int age) {
        if (dice.chance(0.05)) {
            return Optional.empty();
        }
        if (withPartner) {
            return Optional.of(dice.weighted(List.of("marie", "pacse", "concubinage"), 45, 20, 35));
        }
        int widowed = age < 60 ? 3 : 40;
        return Optional.of(dice.weighted(List.of("celibataire", "separe", "divorce", "veuf"), 45, 15, 25, widowed));
    }

    /** Leaves "à charge" blank now and then, as workers do. */
    private Optional<Boolean> dependent(boolean value) {
        return dice.chance(0.85) ? Optional.of(value) : Optional.empty();
    }

    private Person person(boolean female, String lastName, LocalDate birthDate) {
        return new Person(dice.pick(female ? FrenchNames.WOMEN : FrenchNames.MEN), lastName, female, birthDate);
    }

    private String otherLastName(String lastName) {
        String other = dice.pick(FrenchNames.LAST_NAMES);
        while (other.equals(lastName)) {
            other = dice.pick(FrenchNames.LAST_NAMES);
        }
        return other;
    }

    private LocalDate birthDateAtAge(int age, LocalDate today) {
        LocalDate latest = today.minusYears(age);
        return dice.dateBetween(latest.minusYears(1).plusDays(1), latest);
    }
}
