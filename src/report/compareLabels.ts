// Every word the compare report shows a person, in English and in Finnish (as labels.ts for analyse).
// Numbers come in already formatted.

import type { Lang } from './format.js';

export interface CompareLabels {
  /** "20,008 residents: 5,195 with costs in both periods, …" */
  overview(persons: string, inBoth: string, onlyFirst: string, onlySecond: string, neither: string): string;
  /** The headline: of the first period's top group, the share in the second's, and with no costs. */
  persistence(cut: string, stayed: string, noCost: string | null): string;
  bothPeriods: string;
  firstPeriod: string;
  secondPeriod: string;
  filesAndRows: string;
  persistenceTitle: string;
  stayed: string;
  noCostLater: string;
  persistenceNote: string;
  transitionsTitle: string;
  fromTo: string;
  period: string;
  first: string;
  second: string;
  /** The SVG heat map. */
  chartTitle: string;
  chartSubtitle(persons: string): [string, string];
  axisSecond: string;
  axisFirst: string;
  cell(first: number, second: number, value: string): string;
  suppressedCell(minCell: number): string;
  chartNote: [string, string];
  chartSuppressed(minCell: number): string;
}

const en: CompareLabels = {
  overview: (persons, inBoth, onlyFirst, onlySecond, neither) =>
    `${persons} residents: ${inBoth} with costs in both periods, ${onlyFirst} only in the first, ${onlySecond} only in the second, ${neither} in neither`,
  persistence: (cut, stayed, noCost) =>
    `Of the top ${cut} of the first period, ${stayed} were in the top ${cut} of the second` + (noCost === null ? '.' : `; ${noCost} had no costs in the second.`),
  bothPeriods: 'Both periods',
  firstPeriod: 'first period',
  secondPeriod: 'second period',
  filesAndRows: 'files, rows',
  persistenceTitle: 'Persistence: who stays in the top group',
  stayed: 'stayed',
  noCostLater: 'no costs in the second period',
  persistenceNote: "stayed: the share of the first period's top group that is in the second period's top group of the same size",
  transitionsTitle: 'Decile transitions (% of each first-period decile in each second-period decile; 1 = costliest)',
  fromTo: 'from \\ to',
  period: 'period',
  first: 'first',
  second: 'second',
  chartTitle: 'Decile transitions between two periods',
  chartSubtitle: (persons) => [
    `${persons} residents; each row is a first-period decile (1 = costliest tenth),`,
    'each cell the share of that row in the second-period decile of its column.',
  ],
  axisSecond: 'second period decile',
  axisFirst: 'first period decile',
  cell: (first, second, value) => `first period decile ${first} → second period decile ${second}: ${value}`,
  suppressedCell: (minCell) => `suppressed (fewer than ${minCell} persons)`,
  chartNote: ['Percentages of the row. Residents with equal costs count in each decile', 'their tie spans, by the share of it in that decile.'],
  chartSuppressed: (minCell) => `Grey cells describe fewer than ${minCell} persons and are suppressed.`,
};

// Phrased so that no number needs a case ending.
const fi: CompareLabels = {
  overview: (persons, inBoth, onlyFirst, onlySecond, neither) =>
    `${persons} asukasta; kustannuksia molempina kausina ${inBoth}, vain ensimmäisenä ${onlyFirst}, vain toisena ${onlySecond}, ei kumpanakaan ${neither}`,
  persistence: (cut, stayed, noCost) =>
    `Ensimmäisen kauden kalleimmat ${cut}: toisella kaudella kalleimpien ${cut} joukossa ${stayed}` + (noCost === null ? '.' : `, ilman kustannuksia ${noCost}.`),
  bothPeriods: 'Molemmat kaudet',
  firstPeriod: 'ensimmäinen kausi',
  secondPeriod: 'toinen kausi',
  filesAndRows: 'tiedostoja, rivejä',
  persistenceTitle: 'Pysyvyys: ketkä pysyvät kalleimpien joukossa',
  stayed: 'pysyi',
  noCostLater: 'ei kustannuksia toisella kaudella',
  persistenceNote: 'pysyi: osuus ensimmäisen kauden kalleimmista, jotka ovat toisella kaudella yhtä suuressa kalleimpien joukossa',
  transitionsTitle: 'Desiilisiirtymät (% kunkin ensimmäisen kauden desiilin asukkaista toisen kauden desiileittäin; 1 = kallein)',
  fromTo: 'mistä \\ mihin',
  period: 'kausi',
  first: 'ensimmäinen',
  second: 'toinen',
  chartTitle: 'Desiilisiirtymät kahden kauden välillä',
  chartSubtitle: (persons) => [
    `${persons} asukasta; rivi on ensimmäisen kauden desiili (1 = kallein kymmenys),`,
    'solu on rivin asukkaiden osuus sarakkeen toisen kauden desiilissä.',
  ],
  axisSecond: 'toisen kauden desiili',
  axisFirst: 'ensimmäisen kauden desiili',
  cell: (first, second, value) => `ensimmäisen kauden desiili ${first} → toisen kauden desiili ${second}: ${value}`,
  suppressedCell: (minCell) => `jätetty pois (alle ${minCell} henkilöä)`,
  chartNote: ['Prosentteja rivistä. Samansuuruiset kustannukset jaetaan niiden desiilien', 'kesken, joihin ne ulottuvat, kunkin osuuden mukaan.'],
  chartSuppressed: (minCell) => `Harmaat solut kuvaavat alle ${minCell} henkilöä, ja ne on jätetty pois.`,
};

export function compareLabels(lang: Lang): CompareLabels {
  return lang === 'fi' ? fi : en;
}
