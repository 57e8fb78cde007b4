import { describe, expect, it } from "vitest";
import { DEFAULT_ALIASES, makeAliasTable } from "../src/domain/financers";
import { normalizeLabel } from "../src/domain/text";
import { isHeaderRow, roleOfLabel } from "../src/sheet/headers";
import { HEADER } from "./helpers";

describe("financer aliases", () => {
  it.each([
    ["Collectivité - Conseil Général", "conseil_departemental"],
    ["Collectivité - Conseil Départemental", "conseil_departemental"],
    ["COLLECTIVITE – CONSEIL DEPARTEMENTAL", "conseil_departemental"],
    ["Collectivité - Grand Dijon", "dijon_metropole"],
    ["Collectivité - Dijon Métropole", "dijon_metropole"],
    ["Collectivité - Conseil Régional", "conseil_regional"],
    ["Collectivité - Ville de Dijon", "ville_de_dijon"],
    ["Collectivité - Communes", "communes"],
    ["AUTRE - Fonds privés", "fonds_prives"],
    ["AUTRE - Fonds privés / Publics", "fonds_prives"],
    ["Etat - FSE", "fse"],
    ["FSE - CD21", "fse"],
    ["Etat – FSE DIRECCTE", "fse"],
    ["ETAT - FSE", "fse"],
    ["Contrat de ville", "contrat_de_ville"],
    ["Autres PLIE", "autres_plie"],
    ["ETAT", "etat"],
    ["FORCO", "forco"],
    ["Produit actions", "produit_actions"],
    ["AUTRE - Autofinancement / App Nature", "autofinancement"],
    ["AUTRES - Autofinancement / App Nature", "autofinancement"],
    ["Autofinancement", "autofinancement"],
    ["  collectivité  -  grand   dijon ", "dijon_metropole"],
    // Other territories and the FSE+ period.
    ["Grand Besançon Métropole", "intercommunalite"],
    ["Métropole", "intercommunalite"],
    ["EPCI", "intercommunalite"],
    ["Communauté d'agglomération du Grand Chalon", "intercommunalite"],
    ["Communauté de communes du Val de Saône", "intercommunalite"],
    ["Région Bourgogne-Franche-Comté", "conseil_regional"],
    ["Département du Doubs", "conseil_departemental"],
    ["Ville de Besançon", "ville"],
    ["Commune de Chenôve", "communes"],
    ["Politique de la ville", "contrat_de_ville"],
    ["DREETS", "etat"],
    ["DDETS", "etat"],
    ["DIRECCTE", "etat"],
    ["Etat (DDETS)", "etat"],
    ["FSE+", "fse"],
    ["Fonds social européen", "fse"],
    ["Ressources propres", "autofinancement"],
    ["Fonds propres", "autofinancement"],
    ["Autres financements", "autres_financements"],
    ["France Travail", "france_travail"],
    ["Pôle emploi", "france_travail"],
    ["ESF", "fse"],
    ["Department", "conseil_departemental"],
    ["Region", "conseil_regional"],
    ["Own funds", "autofinancement"],
  ])("%s → %s", (header, id) => {
    expect(DEFAULT_ALIASES.match(header)).toBe(id);
  });

  it.each([
    ["Observations"],
    ["Etat des lieux"],
    ["État d'avancement"],
    ["Dépenses totales"],
    [""],
    ["Total opération"],
    ["Statut COPIL"],
  ])("%s is no financer", (h) => {
    expect(DEFAULT_ALIASES.match(h)).toBeNull();
  });

  it("lets a user add aliases, which win over the built-in ones", () => {
    const t = makeAliasTable([
      { header: "Fondation X", financer: "fonds_prives" },
      { header: "ETAT", financer: "forco" },
    ]);
    expect(t.match("fondation x")).toBe("fonds_prives");
    expect(t.match("État")).toBe("forco");
    expect(t.match("Etat - FSE")).toBe("fse");
  });
});

describe("column roles", () => {
  it.each([
    ["Dépenses totales", "totalCost"],
    ["DEPENSES TOTALES", "totalCost"],
    ["Dépenses  totales (€)", "totalCost"],
    ["Total opération", "totalOperation"],
    ["TOTAL OPERATION", "totalOperation"],
    ["%FSE", "fseRate"],
    ["% FSE", "fseRate"],
    ["Taux FSE", "fseRate"],
    ["Part FSE", "fseRate"],
    ["Taux de cofinancement FSE", "fseRate"],
    ["Taux d'intervention", "fseRate"],
    ["ESF rate", "fseRate"],
    ["Taux Département", "rate"],
    ["% Région", "rate"],
    ["FSE sollicité", "fseRequested"],
    ["Montant FSE demandé", "fseRequested"],
    ["FSE retenu", null],
    ["Coût total", "totalCost"],
    ["Coût total éligible", "totalCost"],
    ["Montant total", "totalCost"],
    ["Budget prévisionnel", "totalCost"],
    ["Total des dépenses", "totalCost"],
    ["Dépenses totales éligibles", "totalCost"],
    ["Plan de financement total", "totalCost"],
    ["Total cost", "totalCost"],
    ["Budget total", "totalCost"],
    ["Coût de l'opération", "totalCost"],
    ["Action", "action"],
    ["OPERATIONS", "operation"],
    ["Opérateurs", "operator"],
    ["Porteur de projet", "operator"],
    ["Organisme porteur", "operator"],
    ["Prestataire", "operator"],
    ["Intitulé de l'action", "operation"],
    ["Nom de l'opération", "operation"],
    ["Désignation", "operation"],
    ["Projet", "operation"],
    ["N° action", "action"],
    ["Code action", "action"],
    ["Réf.", "action"],
    ["Objectifs", "objectifs"],
    ["Projet de rattachement", "host"],
    ["Statut COPIL", "status"],
  ])("%s → %s", (label, role) => expect(roleOfLabel(label)).toBe(role));

  it("normalises case, accents, dashes and spaces", () => {
    expect(normalizeLabel("  Collectivité – Conseil\u00a0Général ")).toBe("collectivite - conseil general");
    expect(normalizeLabel("L’Opération")).toBe("l'operation");
  });
});

describe("header rows", () => {
  it("recognises the real header rows and nothing else", () => {
    expect(isHeaderRow(HEADER, DEFAULT_ALIASES)).toBe(true);
    expect(
      isHeaderRow(
        [
          "Action",
          "OPERATIONS",
          "Opérateurs",
          "Objectifs",
          "Dépenses totales",
          "Collectivité - Grand Dijon",
          "Etat - FSE",
        ],
        DEFAULT_ALIASES,
      ),
    ).toBe(true);
    // No Dépenses totales, but financers and descriptive columns: still a header (the table gets a finding).
    expect(
      isHeaderRow(["Action", "OPERATIONS", "", "", "", "Collectivité - Grand Dijon", "Etat - FSE"], DEFAULT_ALIASES),
    ).toBe(true);
    expect(
      isHeaderRow(
        [
          "Détail Opérations",
          "",
          "",
          "",
          "",
          "FINANCEURS PLIE (DIRECT)",
          "",
          "FINANCEURS AUTRES (INDIRECTS)",
          "Total opération",
        ],
        DEFAULT_ALIASES,
      ),
    ).toBe(false);
    expect(
      isHeaderRow(["422C", "Portage de Référents pour le Département", "FSE", 1, 50000, 25000], DEFAULT_ALIASES),
    ).toBe(false);
    expect(isHeaderRow(["Programmation PLIE 2019", "DOC 3 Bis"], DEFAULT_ALIASES)).toBe(false);
  });
});
