import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { copilAgenda, parseVoteStatus, type VoteStatus } from "../src/domain/copil";
import { analyseSheet } from "../src/sheet/workbook";
import { copilAgendaJson, copilAgendaText, formatIsoDate, voteStatusText } from "../src/report/copil";
import { HEADER_WITH_STATUS, STATUS_COL, STATUS_ROWS, op, sheet, withStatus } from "./helpers";
import { readJson } from "./report-json";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

interface Legend {
  footer: { legend: { row: number; text: string }[] };
}

const legendOf = (year: number): string[] =>
  (JSON.parse(fs.readFileSync(path.join(FIXTURES, `programmation-${year}.json`), "utf8")) as Legend).footer.legend.map(
    (l) => l.text,
  );

type Expected = Omit<VoteStatus, "text">;
const v = (state: VoteStatus["state"], date: string | null, month: string | null, board = false): Expected => ({
  state,
  date,
  month,
  board,
});

const LEGEND: Record<number, Record<string, Expected>> = {
  2015: {
    "Voter au COPIL du 27-01-2015": v("to_vote", "2015-01-27", "2015-01"),
    "voter au COPIL du 03-07-2015": v("to_vote", "2015-07-03", "2015-07"),
    "A voter au COPIL du 29-09-2015": v("to_vote", "2015-09-29", "2015-09"),
  },
  2019: {
    "voté au copil et CA de décembre 2018": v("voted", null, "2018-12", true),
    "voté au COPIL du 14 mars 2019": v("voted", "2019-03-14", "2019-03"),
    "voté au COPIL du 13/06/19": v("voted", "2019-06-13", "2019-06"),
    "voté au copil et CA de juin 2018": v("voted", null, "2018-06", true),
    "voté au COPIL du 9 octobre 2018": v("voted", "2018-10-09", "2018-10"),
    "à voter au COPIL du 14 mars 2019": v("to_vote", "2019-03-14", "2019-03"),
    "à faire voter": v("to_submit", null, null),
  },
};

describe("parseVoteStatus: the fixtures' legends", () => {
  for (const year of [2015, 2019]) {
    it(`reads every legend text of ${year}`, () => {
      const texts = legendOf(year);
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) {
        const expected = LEGEND[year][text];
        expect(expected, `legend text ${JSON.stringify(text)} has an expectation`).toBeDefined();
        expect(parseVoteStatus(text, year)).toEqual({ ...expected, text });
      }
      // The same texts without the sheet's year: every legend text prints its year.
      for (const text of texts) expect(parseVoteStatus(text)).toEqual({ ...LEGEND[year][text], text });
    });
  }
});

describe("parseVoteStatus: dates", () => {
  it("reads dd/mm/yy as 20yy (before 70) or 19yy, and dd/mm/yyyy, dd-mm-yyyy, dd.mm.yy, ISO", () => {
    expect(parseVoteStatus("voté au COPIL du 13/06/19").date).toBe("2019-06-13");
    expect(parseVoteStatus("voté au COPIL du 01/02/05").date).toBe("2005-02-01");
    expect(parseVoteStatus("voté au COPIL du 10/12/99").date).toBe("1999-12-10");
    expect(parseVoteStatus("voté au COPIL du 10/12/2020").date).toBe("2020-12-10");
    expect(parseVoteStatus("à voter au COPIL du 10-10-19").date).toBe("2019-10-10");
    expect(parseVoteStatus("à voter au COPIL du 12.12.19").date).toBe("2019-12-12");
    expect(parseVoteStatus("à voter au COPIL du 2019-12-12").date).toBe("2019-12-12");
  });

  it("completes a date without its year from the sheet's year, else gives none", () => {
    expect(parseVoteStatus("à voter au COPIL du 14 mars", 2019)).toMatchObject({
      state: "to_vote",
      date: "2019-03-14",
      month: "2019-03",
    });
    expect(parseVoteStatus("à voter au COPIL du 13/06", 2019)).toMatchObject({ date: "2019-06-13" });
    expect(parseVoteStatus("à voter au COPIL du 14 mars")).toMatchObject({ state: "to_vote", date: null, month: null });
    expect(parseVoteStatus("voté en juin", 2019)).toMatchObject({ state: "voted", date: null, month: "2019-06" });
  });

  it("reads month names with or without accents, abbreviated, 1er, any case", () => {
    expect(parseVoteStatus("VOTÉ AU COPIL DU 14 MARS 2019")).toMatchObject({ state: "voted", date: "2019-03-14" });
    expect(parseVoteStatus("vote au copil du 12 decembre 2019")).toMatchObject({ state: "voted", date: "2019-12-12" });
    expect(parseVoteStatus("Voté au COPIL du 1er février 2016").date).toBe("2016-02-01");
    expect(parseVoteStatus("voté au COPIL du 3 févr. 2016").date).toBe("2016-02-03");
    expect(parseVoteStatus("voté au COPIL du 10 août 2017").date).toBe("2017-08-10");
    expect(parseVoteStatus("a voter au copil du 10 octobre 2019")).toMatchObject({
      state: "to_vote",
      date: "2019-10-10",
    });
  });

  it("refuses impossible dates", () => {
    expect(parseVoteStatus("voté au COPIL du 31/02/2019")).toMatchObject({ state: "voted", date: null });
    expect(parseVoteStatus("voté au COPIL du 29/02/2019").date).toBeNull();
    expect(parseVoteStatus("voté au COPIL du 29/02/2020").date).toBe("2020-02-29");
    expect(parseVoteStatus("voté au COPIL du 14/13/2019").date).toBeNull();
  });

  it("notes the board (CA) beside the COPIL", () => {
    expect(parseVoteStatus("voté au COPIL et au conseil d'administration du 12/12/2019").board).toBe(true);
    expect(parseVoteStatus("voté au COPIL du 12/12/2019").board).toBe(false);
  });
});

describe("parseVoteStatus: states", () => {
  it("tells voted, to vote and to submit apart", () => {
    expect(parseVoteStatus("Voté").state).toBe("voted");
    expect(parseVoteStatus("votée au COPIL").state).toBe("voted");
    expect(parseVoteStatus("validé au COPIL du 14 mars 2019").state).toBe("voted");
    expect(parseVoteStatus("à voter").state).toBe("to_vote");
    expect(parseVoteStatus("à valider au COPIL du 13/06/19").state).toBe("to_vote");
    expect(parseVoteStatus("A FAIRE VOTER").state).toBe("to_submit");
    expect(parseVoteStatus("non voté").state).toBe("to_submit");
    expect(parseVoteStatus("à soumettre").state).toBe("to_submit");
  });

  it("puts a line to submit with a COPIL date on that COPIL", () => {
    expect(parseVoteStatus("à faire voter au COPIL du 13 juin 2019")).toMatchObject({
      state: "to_vote",
      date: "2019-06-13",
    });
  });

  it("leaves ambiguous or foreign text unknown, keeping its text and any date", () => {
    expect(parseVoteStatus("voté en mars 2019, à voter en juin 2019")).toMatchObject({
      state: "unknown",
      month: "2019-03",
    });
    expect(parseVoteStatus("COPIL du 14 mars 2019")).toEqual({
      state: "unknown",
      date: "2019-03-14",
      month: "2019-03",
      board: false,
      text: "COPIL du 14 mars 2019",
    });
    expect(parseVoteStatus("en attente du CD21")).toMatchObject({ state: "unknown", date: null, month: null });
    expect(parseVoteStatus("")).toEqual({ state: "unknown", date: null, month: null, board: false, text: "" });
    expect(parseVoteStatus("   ").state).toBe("unknown");
    expect(parseVoteStatus("devoter").state).toBe("unknown");
  });
});

// ---------------------------------------------------------------------------
// An agenda on a generated sheet with a Statut COPIL column (column M).

const grid = () =>
  sheet(STATUS_ROWS, { name: "Programmation 2019", title: "Programmation PLIE 2019", header: HEADER_WITH_STATUS });
const rowsOf = (lines: { row: number }[]) => lines.map((l) => l.row);

describe("copilAgenda", () => {
  const s = analyseSheet(grid());

  it("reads column M `Statut COPIL` as the status column and each line's status", () => {
    expect(s.sheet.year).toBe(2019);
    const t = s.tables[0];
    expect(t.table.columns.find((c) => c.index === STATUS_COL)).toMatchObject({
      role: "status",
      header: "Statut COPIL",
    });
    expect(t.lines.map((l) => l.line.row)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(t.lines[0].line.status).toBe("voté au copil et CA de décembre 2018");
    expect(t.lines[1].line.status).toBe("à voter au COPIL du 14 mars 2019");
    expect(t.lines[5].line.status).toBe("à faire voter");
    expect(t.lines[6].line.status).toBeNull();
    expect(t.findings.map((f) => f.code)).not.toContain("UNKNOWN_COLUMN");
  });

  it("lists the lines to vote at the given date, and the lines to decide", () => {
    const a = copilAgenda([s], { date: "2019-03-14" });
    expect(a.date).toBe("2019-03-14");
    expect(a.dateSource).toBe("option");
    expect(a.dates).toEqual(["2019-03-14", "2019-06-13"]);
    expect(rowsOf(a.toVote)).toEqual([5, 6, 7]);
    expect(a.toVote.map((l) => l.reason)).toEqual(["to_vote", "to_vote", "to_vote"]);
    expect(rowsOf(a.toDecide)).toEqual([9, 10, 11]);
    expect(a.toDecide.map((l) => l.reason)).toEqual(["to_submit", "no_status", "unreadable_status"]);
    expect(a.alreadyVoted).toBe(0);
    expect(a.toVote[0]).toMatchObject({
      sheet: "Programmation 2019",
      year: 2019,
      table: 0,
      index: 1,
      row: 5,
      action: "OS1-422C",
      operation: "Référents de parcours",
      operator: "Mission locale",
      totalCost: 8_000_000,
      fse: 4_000_000,
      fseRate: 0.5,
      classification: "projet",
      host: null,
      byFinancer: { conseil_departemental: 1_000_000, dijon_metropole: 3_000_000, fse: 4_000_000 },
      findingCodes: [],
    });
    expect(a.toVote[0].status).toMatchObject({ state: "to_vote", date: "2019-03-14" });
    expect(a.toDecide[1].status).toBeNull();
  });

  it("carries each line's findings, classification and host", () => {
    const a = copilAgenda([s], { date: "2019-03-14" });
    const [, low, capped] = a.toVote;
    expect(low).toMatchObject({ row: 6, classification: "lettre_de_commande", host: "assistance" });
    expect(low.findingCodes).toEqual(["FSE_BELOW_FLOOR"]);
    expect(low.findings[0]).toMatchObject({ code: "FSE_BELOW_FLOOR", cell: "I6", data: { shortfallCents: 1_000_000 } });
    expect(capped).toMatchObject({ row: 7, classification: "lettre_de_commande" });
    expect(capped.findingCodes).toEqual(["FSE_RATE_ABOVE_CAP"]);
    expect(capped.findings[0].data).toMatchObject({ maxFseCents: 2_500_000, excessCents: 100_000 });
    expect(a.toDecide[0].findingCodes).toEqual(["UNBALANCED"]);
    expect(a.toDecide[0].findings[0].data).toMatchObject({ gapCents: 500_000 });
  });

  it("totals per financer in cents, with counts of projects and letters", () => {
    const a = copilAgenda([s], { date: "2019-03-14" });
    expect(a.totals.toVote).toEqual({
      lineCount: 3,
      projects: 1,
      letters: 2,
      undetermined: 0,
      totalCost: 16_000_000,
      fse: 7_600_000,
      byFinancer: { conseil_departemental: 1_000_000, dijon_metropole: 7_400_000, fse: 7_600_000 },
    });
    expect(a.totals.toDecide).toEqual({
      lineCount: 3,
      projects: 2,
      letters: 1,
      undetermined: 0,
      totalCost: 9_700_000,
      fse: 4_600_000,
      byFinancer: { dijon_metropole: 4_600_000, fse: 4_600_000 },
    });
    expect(a.totals.all.lineCount).toBe(6);
    expect(a.totals.all.byFinancer).toEqual({
      conseil_departemental: 1_000_000,
      dijon_metropole: 12_000_000,
      fse: 12_200_000,
    });
    for (const id of ["dijon_metropole", "fse"] as const) {
      expect(a.totals.all.byFinancer[id]).toBe(
        (a.totals.toVote.byFinancer[id] ?? 0) + (a.totals.toDecide.byFinancer[id] ?? 0),
      );
      expect(Number.isInteger(a.totals.all.byFinancer[id])).toBe(true);
    }
  });

  it("chooses the next date on or after today, else the earliest", () => {
    expect(copilAgenda([s]).date).toBe("2019-03-14");
    expect(copilAgenda([s]).dateSource).toBe("earliest");
    expect(copilAgenda([s], { today: "2019-01-10" })).toMatchObject({ date: "2019-03-14", dateSource: "next" });
    expect(copilAgenda([s], { today: "2019-03-14" })).toMatchObject({ date: "2019-03-14", dateSource: "next" });
    const june = copilAgenda([s], { today: "2019-03-15" });
    expect(june).toMatchObject({ date: "2019-06-13", dateSource: "next" });
    expect(rowsOf(june.toVote)).toEqual([8]);
    // The March lines still marked "à voter" are overdue: to decide.
    expect(rowsOf(june.toDecide)).toEqual([5, 6, 7, 9, 10, 11]);
    expect(june.toDecide.slice(0, 3).map((l) => l.reason)).toEqual(["overdue", "overdue", "overdue"]);
    expect(copilAgendaText(june)).toContain("à voter (14 mars 2019) — à voter à un COPIL passé, pas encore voté");
    expect(copilAgenda([s], { today: "2020-01-01" })).toMatchObject({ date: "2019-03-14", dateSource: "earliest" });
  });

  it("counts the lines already voted at the date (month-only votes included)", () => {
    expect(copilAgenda([s], { date: "2018-12-13" }).alreadyVoted).toBe(1);
    const a = copilAgenda([s], { date: "2018-12-13" });
    // Both dated COPILs are later: their lines are not on this agenda.
    expect(a.toVote).toEqual([]);
    expect(rowsOf(a.toDecide)).toEqual([9, 10, 11]);
  });

  it("puts undated and same-month `à voter` lines on the agenda", () => {
    const rows = [
      withStatus(op("OS1-422C", "A", "X", 50000, { fse2: 25000, dm: 25000 }), "à voter"),
      withStatus(op("OS1-422C", "B", "Y", 50000, { fse2: 25000, dm: 25000 }), "à voter au COPIL de juin 2019"),
      withStatus(op("OS1-422C", "C", "Z", 50000, { fse2: 25000, dm: 25000 }), "à voter au COPIL de octobre 2019"),
    ];
    const r = analyseSheet(
      sheet(rows, { name: "Programmation 2019", title: "Programmation PLIE 2019", header: HEADER_WITH_STATUS }),
    );
    const a = copilAgenda([r], { date: "2019-06-13" });
    expect(rowsOf(a.toVote)).toEqual([4, 5]);
    expect(a.toDecide).toEqual([]);
    const none = copilAgenda([r]);
    expect(none).toMatchObject({ date: null, dateSource: "none", dates: [] });
    expect(rowsOf(none.toVote)).toEqual([4, 5, 6]);
  });

  it("lists nothing to decide on a sheet without a status column", () => {
    const r = analyseSheet(
      sheet([op("OS1-422C", "A", "X", 50000, { fse2: 25000, dm: 25000 })], {
        name: "Programmation 2019",
        title: "Programmation PLIE 2019",
      }),
    );
    const a = copilAgenda([r]);
    expect(a.toVote).toEqual([]);
    expect(a.toDecide).toEqual([]);
    expect(a.totals.all).toEqual({
      lineCount: 0,
      projects: 0,
      letters: 0,
      undetermined: 0,
      totalCost: 0,
      fse: 0,
      byFinancer: {},
    });
  });

  it("gathers several sheets", () => {
    const other = analyseSheet(
      sheet(
        [
          withStatus(
            op("OS1-422C", "Suite", "Gamma", 40000, { fse2: 20000, dm: 20000 }),
            "à voter au COPIL du 14 mars 2019",
          ),
        ],
        {
          name: "Programmation 2020",
          title: "Programmation PLIE 2020",
          header: HEADER_WITH_STATUS,
        },
      ),
    );
    const a = copilAgenda([s, other], { date: "2019-03-14" });
    expect(a.toVote.map((l) => `${l.sheet}:${l.row}`)).toEqual([
      "Programmation 2019:5",
      "Programmation 2019:6",
      "Programmation 2019:7",
      "Programmation 2020:4",
    ]);
    expect(a.totals.toVote.byFinancer.fse).toBe(9_600_000);
  });
});

describe("COPIL report", () => {
  const s = analyseSheet(grid());
  const a = copilAgenda([s], { date: "2019-03-14" });

  it("formats dates in French and English", () => {
    expect(formatIsoDate("2019-03-14")).toBe("14 mars 2019");
    expect(formatIsoDate("2019-06-01")).toBe("1er juin 2019");
    expect(formatIsoDate("2018-12")).toBe("décembre 2018");
    expect(formatIsoDate("2019-03-14", "en")).toBe("14 March 2019");
    expect(formatIsoDate("bad")).toBe("bad");
    expect(voteStatusText(parseVoteStatus("à voter au COPIL du 14 mars 2019"))).toBe("à voter (14 mars 2019)");
    expect(voteStatusText(parseVoteStatus("à faire voter"), "en")).toBe("to be submitted");
  });

  it("writes the French block: title, lines with their checks, totals", () => {
    const text = copilAgendaText(a);
    expect(text.startsWith("== Préparer le COPIL du 14 mars 2019 ==\n")).toBe(true);
    expect(text).toContain("À voter\u00a0: 3 opérations, 1 projet, 2 lettres de commande");
    expect(text).toContain("À décider\u00a0: 3 opérations, 2 projets, 1 lettre de commande");
    expect(text).toContain("ligne 6\u00a0: 422D — Atelier estime de soi — Association Alpha");
    expect(text).toContain("FSE_BELOW_FLOOR");
    expect(text).toContain("FSE_RATE_ABOVE_CAP");
    expect(text).toContain("UNBALANCED");
    expect(text).toContain("sans statut");
    expect(text).toContain("statut illisible");
    expect(text).toContain("statut\u00a0: «\u00a0à faire voter\u00a0», à faire voter\n");
    expect(text).toContain("76\u202f000,00\u00a0€");
    expect(text).toContain("Totaux par financeur");
    expect(text).not.toMatch(/undefined|NaN/);
  });

  it("writes the English block", () => {
    const text = copilAgendaText(a, "en");
    expect(text.startsWith("== Preparing the COPIL of 14 March 2019 ==\n")).toBe(true);
    expect(text).toContain("To be voted: 3 operations, 1 project, 2 order letters");
    expect(text).toContain("€76,000.00");
    const none = copilAgendaText(copilAgenda([]), "en");
    expect(none).toContain("Preparing the next COPIL (date unknown)");
    expect(none).toContain("No line.");
  });

  it("gives a JSON shape in euros", () => {
    const j = readJson<ReturnType<typeof copilAgendaJson>>(JSON.stringify(copilAgendaJson(a)));
    expect(j).toMatchObject({
      date: "2019-03-14",
      dateSource: "option",
      title: "Préparer le COPIL du 14 mars 2019",
      dates: ["2019-03-14", "2019-06-13"],
    });
    expect(j.toVote).toHaveLength(3);
    expect(j.toVote[1]).toMatchObject({
      row: 6,
      totalCost: 30000,
      fse: 10000,
      classification: "lettre_de_commande",
      host: "assistance",
      reason: "to_vote",
    });
    expect(j.toVote[1].status).toEqual({
      text: "A voter au COPIL du 14/03/2019",
      state: "to_vote",
      date: "2019-03-14",
      month: "2019-03",
      board: false,
    });
    expect(j.toVote[1].findings[0]).toMatchObject({ code: "FSE_BELOW_FLOOR", severity: "error", cell: "I6" });
    expect(typeof j.toVote[1].findings[0].message).toBe("string");
    expect(j.totals.toVote).toEqual({
      lineCount: 3,
      projects: 1,
      letters: 2,
      undetermined: 0,
      totalCost: 160000,
      fse: 76000,
      byFinancer: { conseil_departemental: 10000, dijon_metropole: 74000, fse: 76000 },
    });
    expect(j.toDecide.map((l: { reason: string }) => l.reason)).toEqual([
      "to_submit",
      "no_status",
      "unreadable_status",
    ]);
  });
});
