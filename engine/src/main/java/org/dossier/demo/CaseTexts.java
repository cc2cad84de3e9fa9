package org.dossier.demo;

import java.util.List;
import java.util.Map;

/**
 * Sentences a social worker writes in a follow-up log, grouped by the reason for support they
 * belong to, and the kind of sober remark that ends up in confidential notes.
 */
final class CaseTexts {
    static final Map<String, String> OPENERS = Map.of(
            "entretien", "Entretien au bureau : ",
            "visite_domicile", "Visite à domicile : ",
            "appel", "Appel téléphonique : ",
            "courrier", "Courrier : ",
            "accompagnement_exterieur", "Accompagnement extérieur : ");

    static final String FIRST_MEETING = "premier accueil, présentation du service et recueil de la situation.";
    static final String CLOSING = "bilan de fin d'accompagnement, objectifs atteints, clôture du dossier en accord avec la personne.";

    static final Map<String, List<String>> BY_REASON = Map.of(
            "logement", List.of(
                    "point sur la demande de logement social, dossier DALO à constituer.",
                    "renouvellement de la demande de logement social, numéro unique mis à jour.",
                    "logement humide et mal chauffé, signalement à faire au service d'hygiène.",
                    "demande d'aide au FSL pour le dépôt de garantie et le premier loyer."),
            "budget", List.of(
                    "élaboration d'un budget mensuel, reste à vivre très faible.",
                    "constitution d'un dossier de surendettement auprès de la Banque de France.",
                    "plan d'apurement proposé au fournisseur d'énergie, accord obtenu.",
                    "aide alimentaire orientée vers l'épicerie solidaire pour trois mois."),
            "emploi", List.of(
                    "inscription à France Travail faite, rendez-vous avec le conseiller fixé.",
                    "travail sur le CV et les lettres de motivation, deux candidatures envoyées.",
                    "orientation vers une structure d'insertion par l'activité économique."),
            "sante", List.of(
                    "demande de complémentaire santé solidaire déposée.",
                    "orientation vers la PASS de l'hôpital pour des soins sans couverture.",
                    "dossier MDPH complété avec l'aide du médecin traitant."),
            "acces_droits", List.of(
                    "ouverture des droits au RSA, dossier transmis à la CAF.",
                    "mise à jour de la situation auprès de la CAF, rappel d'APL attendu.",
                    "demande de titre de séjour en préfecture, récépissé obtenu."),
            "famille", List.of(
                    "point sur la scolarité des enfants et l'inscription à la cantine.",
                    "demande d'aide aux vacances familiales transmise à la CAF.",
                    "orientation vers le médiateur familial, premier rendez-vous accepté."),
            "administratif", List.of(
                    "aide à la déclaration de revenus en ligne.",
                    "demande de carte d'identité, rendez-vous pris en mairie.",
                    "tri des courriers en attente, plusieurs relances à traiter."));

    static final List<String> EVICTION = List.of(
            "préparation de l'audience au tribunal judiciaire, aide juridictionnelle demandée.",
            "contact avec le bailleur pour un plan d'apurement de la dette locative.",
            "saisine de la CCAPEX à préparer, diagnostic social et financier à rédiger.");

    static final List<String> NEXT_STEPS = List.of(
            "Prochain rendez-vous dans quinze jours.",
            "Pièces justificatives à apporter au prochain entretien.",
            "Relance prévue fin du mois.",
            "La personne a pris les rendez-vous elle-même.",
            "");

    static final List<String> CONFIDENTIAL_NOTES = List.of(
            "Préfère ne pas recevoir de courrier au domicile : privilégier le téléphone ou la remise en main propre.",
            "Suivi au CMP en cours ; la personne a accepté que le référent prenne contact avec l'équipe soignante.",
            "Tensions familiales évoquées lors de la visite ; pas d'élément de danger à ce stade, point à refaire.",
            "Reconnaissance de la qualité de travailleur handicapé demandée ; ne pas évoquer le dossier devant les enfants.",
            "Difficultés de lecture : expliquer les courriers à l'oral et vérifier la compréhension.",
            "Ancien conjoint à ne pas informer de la nouvelle adresse, à la demande de la personne.",
            "Traitement médical au long cours signalé par la personne ; rendez-vous à caler hors des jours de soins.");

    private CaseTexts() {
    }
}
