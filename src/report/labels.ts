// Every word a report shows a person, in English and in Finnish: the one place to change a label.
// Numbers come in already formatted (see format.ts), so a label never formats a number itself.

import type { Lang } from './format.js';

export interface Labels {
  lang: Lang;
  /** "20,008 residents, 5 files, total 81,571,935 €"; `n` is the number that `persons` formats. */
  overview(persons: string, n: number, files: number, total: string): string;
  /** "The top 10 % of residents account for 81.5 % of costs" and, when given, "; the top 5 % for 66.4 %". */
  headline(cut: string, share: string, next?: { cut: string; share: string }): string;
  /** The headline when the focus group is too small to publish. */
  headlineSuppressed(cut: string, minCell: number): string;
  /** "The bottom 50 % account for 0.5 % of costs." */
  bottom(cut: string, share: string): string;

  topShares: string;
  top: string;
  shareOfCosts: string;
  persons: string;
  threshold: string;
  mean: string;

  reach: string;
  borneByTop: string;

  distribution: string;
  figure: string;
  value: string;
  gini: string;
  corrected(gini: string): string;
  meanPerResident: string;
  medianPerResident: string;
  residentsWithNoCosts: string;

  /** With --ci: "Confidence intervals (95 %, percentile bootstrap, 1,000 replicates, seed 1)". */
  ciTitle(level: string, replicates: string, seed: number): string;
  interval(level: string): string;
  /** "reach of 80 %": the share of residents that bears 80 % of costs. */
  reachOf(share: string): string;
  range(low: string, high: string): string;
  ciNote: string;

  /** With --expect: "Expectations (2 of 3 met)", and each one's verdict. */
  expectations(met: number, total: number): string;
  met: string;
  failed: string;

  deciles: string;
  decile: string;
  min: string;
  max: string;

  services(focus: string): string;
  service: string;
  total: string;
  share: string;
  inTop(focus: string): string;
  ofTop(focus: string): string;
  servicesNote(focus: string): string;

  /** With --weight: " (weighted by PERWT14F: 1,234 persons)" after the overview. */
  weightedBy(column: string, weight: string): string;

  /** Groups side by side: a column per group, a row per figure. */
  groupsBy(column: string, focus: string): string;
  noGroup: string;
  weightedPersons: string;
  shareOfPopulation(weighted: boolean): string;
  shareOfTop(focus: string): string;
  noCosts: string;
  topOfGroup(cut: string): string;

  dataQuality: string;
  file: string;
  rows: string;
  rejected: string;
  encoding: string;
  delimiter: string;
  decimal: string;
  tab: string;
  /** Each takes a count formatted, and the number itself for the plural. */
  skipped(rows: string, n: number, reasons: string): string;
  rosterDuplicates(ids: string, n: number): string;
  notInRoster(residents: string, n: number): string;
  clipped(residents: string, n: number): string;
  kept(residents: string, n: number): string;
  outOfScope(persons: string, column: string): string;
  weightConflicts(persons: string): string;
  groupConflicts(persons: string, column: string): string;
  suppressed(minCell: number): string;

  definitions: string;
  /** Definition paragraphs for the HTML report: [term, explanation]. */
  definitionList(focus: string, minCell: number): [string, string][];

  chartTitle: string;
  /** The data's name when several files are read: "costs (5 files)". */
  filesName(folder: string, files: number): string;
  axisResidents: string;
  axisCosts: string;
  equality: string;
  /** "10 % → 82 %" */
  marker(cut: string, share: string): string;
  /** The plot's legend line for the curve and the equality line. */
  plotLegend: string;
  summary: string;
  reportTitle: string;
  generatedBy(tool: string): string;
}

const en: Labels = {
  lang: 'en',
  overview: (persons, n, files, total) => `${persons} ${n === 1 ? 'resident' : 'residents'}, ${files} ${files === 1 ? 'file' : 'files'}, total ${total} €`,
  headline: (cut, share, next) =>
    `The top ${cut} of residents account for ${share} of costs` + (next ? `; the top ${next.cut} for ${next.share}.` : '.'),
  headlineSuppressed: (cut, minCell) => `The share of the top ${cut} of residents is suppressed: they are fewer than ${minCell} persons.`,
  bottom: (cut, share) => `The bottom ${cut} account for ${share} of costs.`,

  topShares: 'Top shares',
  top: 'top',
  shareOfCosts: 'share of costs',
  persons: 'persons',
  threshold: 'threshold €',
  mean: 'mean €',

  reach: 'Reach',
  borneByTop: 'borne by the top',

  distribution: 'Distribution',
  figure: 'figure',
  value: 'value',
  gini: 'Gini',
  corrected: (gini) => `(corrected ${gini})`,
  meanPerResident: 'mean per resident',
  medianPerResident: 'median per resident',
  residentsWithNoCosts: 'residents with no costs',

  ciTitle: (level, replicates, seed) => `Confidence intervals (${level}, percentile bootstrap, ${replicates} replicates, seed ${seed})`,
  interval: (level) => `${level} interval`,
  reachOf: (share) => `reach of ${share}`,
  range: (low, high) => `${low} – ${high}`,
  ciNote: 'Residents are resampled independently (Poisson bootstrap); the strata and clusters of a survey design are ignored.',

  expectations: (met, total) => `Expectations (${met} of ${total} met)`,
  met: 'ok',
  failed: 'FAILED',

  deciles: 'Deciles (1 = costliest tenth)',
  decile: 'decile',
  min: 'min €',
  max: 'max €',

  services: (focus) => `Services (focus: the top ${focus})`,
  service: 'service',
  total: 'total €',
  share: 'share',
  inTop: (focus) => `in top ${focus}`,
  ofTop: (focus) => `of top ${focus}`,
  servicesNote: (focus) =>
    `in top: the share of the service's cost that falls in the top ${focus}; of top: the service's share of the top ${focus}'s cost`,

  weightedBy: (column, weight) => ` (weighted by ${column}: ${weight} persons)`,

  groupsBy: (column, focus) => `Groups by ${column} (focus: the top ${focus})`,
  noGroup: '(none)',
  weightedPersons: 'weighted persons',
  shareOfPopulation: (weighted) => `share of ${weighted ? 'the population' : 'residents'}`,
  shareOfTop: (focus) => `share of the top ${focus}`,
  noCosts: 'no costs',
  topOfGroup: (cut) => `top ${cut} of the group`,

  dataQuality: 'Data quality',
  file: 'file',
  rows: 'rows',
  rejected: 'rejected',
  encoding: 'encoding',
  delimiter: 'delimiter',
  decimal: 'decimal',
  tab: 'tab',
  skipped: (rows, n, reasons) => `${rows} ${n === 1 ? 'row' : 'rows'} skipped (${reasons}), e.g.:`,
  rosterDuplicates: (ids, n) => `${ids} ${n === 1 ? 'id' : 'ids'} listed twice in the roster (counted once).`,
  notInRoster: (residents, n) =>
    `${residents} ${n === 1 ? 'resident' : 'residents'} with costs ${n === 1 ? 'is' : 'are'} missing from the roster; counted all the same.`,
  clipped: (residents, n) => `${residents} ${n === 1 ? 'resident' : 'residents'} with a negative net total counted as zero (--negatives clip).`,
  kept: (residents, n) => `${residents} ${n === 1 ? 'resident' : 'residents'} with a negative net total kept as they are (--negatives keep).`,
  outOfScope: (persons, column) => `${persons} persons with weight 0 (--weight ${column}) are out of scope and left out.`,
  weightConflicts: (persons) => `${persons} persons have different weights on different rows; the first (roster, then file and line) is used.`,
  groupConflicts: (persons, column) =>
    `${persons} persons have different values of ${column} on different rows; the first (roster, then file and line) is used.`,
  suppressed: (minCell) =>
    `Figures that describe fewer than ${minCell} persons are suppressed (shown as <${minCell}); --min-cell 0 turns this off.`,

  definitions: 'Definitions',
  definitionList: (focus, minCell) => [
    ['Person total', "the sum of a resident's cost rows over all files, net of credits. A resident whose net total is negative counts as zero (--negatives clip), unless chosen otherwise."],
    ['Concentration curve', 'residents sorted by their total, the costliest first; the curve runs through (share of residents, cumulative share of costs). It is the Lorenz curve seen from the top.'],
    ['Top share', 'the share of all costs borne by the costliest p of residents. A resident on the boundary, or a block of residents with equal totals, is split linearly, so the order of ties never matters.'],
    ['Threshold', 'the smallest total among the residents who are at least partly inside the top group.'],
    ['Reach', 'the smallest share of residents, from the costliest, whose costs make up a given share of all costs.'],
    ['Gini', 'the plain Gini coefficient 1 − Σ (P_k − P_{k−1})(L_k + L_{k−1}) over the Lorenz points; 0 when everyone costs the same, near 1 when one resident bears everything. The corrected Gini multiplies it by n/(n−1).'],
    ['Deciles', 'ten bands of residents from the costliest tenth (1) to the least costly (10).'],
    ['Services', `per service: its total, its share of all costs, the share of its cost that falls in the top ${focus}, and its share of the top ${focus}'s costs.`],
    ['Small cells', `a figure that describes fewer than ${minCell} persons is not shown (<${minCell}); no output contains a resident's identifier.`],
  ],

  chartTitle: 'Cost concentration',
  filesName: (folder, files) => `${folder} (${files} files)`,
  axisResidents: 'Share of residents, ranked from the most expensive',
  axisCosts: 'Cumulative share of costs',
  equality: 'equal costs',
  marker: (cut, share) => `${cut} → ${share}`,
  plotLegend: '* concentration curve   . equal costs   o top cuts',
  summary: 'Summary',
  reportTitle: 'Cost concentration report',
  generatedBy: (tool) => `Made with ${tool}.`,
};

const fi: Labels = {
  lang: 'fi',
  overview: (persons, n, files, total) => `${persons} ${n === 1 ? 'asukas' : 'asukasta'}, ${files} ${files === 1 ? 'tiedosto' : 'tiedostoa'}, yhteensä ${total} €`,
  headline: (cut, share, next) =>
    `Kalleimmat ${cut} asukkaista aiheuttavat ${share} kustannuksista` + (next ? `; kalleimmat ${next.cut} aiheuttavat ${next.share}.` : '.'),
  headlineSuppressed: (cut, minCell) => `Kalleimpien ${cut} asukkaiden osuus on piilotettu: heitä on alle ${minCell}.`,
  bottom: (cut, share) => `Edullisimmat ${cut} aiheuttavat ${share} kustannuksista.`,

  topShares: 'Kalleimpien osuudet',
  top: 'kalleimmat',
  shareOfCosts: 'osuus kustannuksista',
  persons: 'henkilöitä',
  threshold: 'raja €',
  mean: 'keskiarvo €',

  reach: 'Kustannusosuuksien kertyminen',
  borneByTop: 'kalleimmat asukkaat',

  distribution: 'Jakauma',
  figure: 'tunnusluku',
  value: 'arvo',
  gini: 'Gini-kerroin',
  corrected: (gini) => `(korjattu ${gini})`,
  meanPerResident: 'keskiarvo asukasta kohden',
  medianPerResident: 'mediaani asukasta kohden',
  residentsWithNoCosts: 'asukkaat ilman kustannuksia',

  ciTitle: (level, replicates, seed) => `Luottamusvälit (${level}, persentiilibootstrap, ${replicates} toistoa, siemenluku ${seed})`,
  interval: (level) => `${level}:n luottamusväli`,
  reachOf: (share) => `${share} kustannuksista aiheuttavat`,
  range: (low, high) => `${low} – ${high}`,
  ciNote: 'Asukkaat on poimittu uudelleen toisistaan riippumatta (Poisson-bootstrap); otanta-asetelman ositteet ja ryväät jätetään huomiotta.',

  expectations: (met, total) => `Odotukset (${met}/${total} täyttyi)`,
  met: 'ok',
  failed: 'EI TÄYTY',

  deciles: 'Desiilit (1 = kallein kymmenys)',
  decile: 'desiili',
  min: 'pienin €',
  max: 'suurin €',

  services: (focus) => `Palvelut (tarkastelussa kalleimmat ${focus})`,
  service: 'palvelu',
  total: 'yhteensä €',
  share: 'osuus',
  inTop: (focus) => `kalleimmille ${focus}`,
  ofTop: (focus) => `kalleimpien ${focus} kuluista`,
  servicesNote: (focus) =>
    `kalleimmille: osuus palvelun kustannuksista, joka kohdistuu kalleimpiin ${focus}; kuluista: palvelun osuus kalleimpien ${focus} kustannuksista`,

  weightedBy: (column, weight) => ` (painotettu sarakkeella ${column}: ${weight} henkilöä)`,

  groupsBy: (column, focus) => `Ryhmät sarakkeen ${column} mukaan (tarkastelussa kalleimmat ${focus})`,
  noGroup: '(ei ryhmää)',
  weightedPersons: 'painotettuja henkilöitä',
  shareOfPopulation: (weighted) => (weighted ? 'osuus väestöstä' : 'osuus asukkaista'),
  shareOfTop: (focus) => `osuus kalleimmista ${focus}`,
  noCosts: 'ei kustannuksia',
  topOfGroup: (cut) => `ryhmän kalleimmat ${cut}`,

  dataQuality: 'Aineiston laatu',
  file: 'tiedosto',
  rows: 'rivejä',
  rejected: 'hylätty',
  encoding: 'merkistö',
  delimiter: 'erotin',
  decimal: 'desimaali',
  tab: 'sarkain',
  skipped: (rows, n, reasons) => `${rows} ${n === 1 ? 'rivi ohitettiin' : 'riviä ohitettiin'} (${reasons}), esimerkiksi:`,
  rosterDuplicates: (ids, n) => `${ids} ${n === 1 ? 'tunniste on' : 'tunnistetta on'} väestöluettelossa kahdesti (laskettu kerran).`,
  notInRoster: (residents, n) =>
    n === 1
      ? `${residents} asukas, jolla on kustannuksia, puuttuu väestöluettelosta; hänet on laskettu mukaan.`
      : `${residents} asukasta, joilla on kustannuksia, puuttuu väestöluettelosta; heidät on laskettu mukaan.`,
  // After a numeral Finnish takes the singular: "1 asukkaan", "5 asukkaan".
  clipped: (residents) => `${residents} asukkaan negatiivinen nettokustannus laskettiin nollaksi (--negatives clip).`,
  kept: (residents) => `${residents} asukkaan negatiivinen nettokustannus pidettiin sellaisenaan (--negatives keep).`,
  outOfScope: (persons, column) => `${persons} henkilön paino on 0 (--weight ${column}); he ovat tarkastelun ulkopuolella.`,
  weightConflicts: (persons) => `${persons} henkilöllä on eri riveillä eri paino; ensimmäistä (väestöluettelo, sitten tiedosto ja rivi) käytetään.`,
  groupConflicts: (persons, column) =>
    `${persons} henkilöllä on eri riveillä eri ${column}-arvo; ensimmäistä (väestöluettelo, sitten tiedosto ja rivi) käytetään.`,
  suppressed: (minCell) =>
    `Luvut, jotka kuvaavat alle ${minCell} henkilöä, on jätetty pois (merkitty <${minCell}); --min-cell 0 poistaa rajauksen.`,

  definitions: 'Määritelmät',
  definitionList: (focus, minCell) => [
    ['Henkilön kustannus', 'asukkaan kaikkien kustannusrivien summa kaikista tiedostoista hyvitykset vähennettyinä. Jos nettosumma on negatiivinen, se lasketaan nollaksi (--negatives clip), ellei toisin valita.'],
    ['Kasautumiskäyrä', 'asukkaat järjestetään kustannusten mukaan kalleimmasta alkaen; käyrä kulkee pisteiden (osuus asukkaista, kertynyt osuus kustannuksista) kautta. Se on ylhäältä katsottu Lorenzin käyrä.'],
    ['Kalleimpien osuus', 'kalleimman osuuden p asukkaista osuus kaikista kustannuksista. Rajalla oleva asukas tai samansuuruisten asukkaiden joukko jaetaan lineaarisesti, joten tasatilanteiden järjestys ei vaikuta tulokseen.'],
    ['Raja', 'pienin kustannus niiden asukkaiden joukossa, jotka kuuluvat kalleimpien ryhmään ainakin osittain.'],
    ['Kertyminen', 'pienin osuus asukkaista kalleimmasta alkaen, jonka kustannukset muodostavat annetun osuuden kaikista kustannuksista.'],
    ['Gini-kerroin', 'tavallinen Gini-kerroin 1 − Σ (P_k − P_{k−1})(L_k + L_{k−1}) Lorenzin käyrän pisteistä; 0, kun kaikki maksavat saman verran, lähellä 1:tä, kun yksi asukas aiheuttaa kaiken. Korjattu kerroin on kerrottu luvulla n/(n−1).'],
    ['Desiilit', 'kymmenen yhtä suurta asukasryhmää kalleimmasta kymmenyksestä (1) edullisimpaan (10).'],
    ['Palvelut', `kunkin palvelun kustannukset yhteensä, osuus kaikista kustannuksista, osuus, joka kohdistuu kalleimpiin ${focus}, ja osuus kalleimpien ${focus} kustannuksista.`],
    ['Pienet solut', `lukua, joka kuvaa alle ${minCell} henkilöä, ei näytetä (<${minCell}); mikään tuloste ei sisällä asukkaan tunnistetta.`],
  ],

  chartTitle: 'Kustannusten kasautuminen',
  filesName: (folder, files) => `${folder} (${files} tiedostoa)`,
  axisResidents: 'Osuus asukkaista kalleimmasta alkaen',
  axisCosts: 'Kertynyt osuus kustannuksista',
  equality: 'tasajako',
  marker: (cut, share) => `${cut} → ${share}`,
  plotLegend: '* kasautumiskäyrä   . tasajako   o kalleimpien rajat',
  summary: 'Yhteenveto',
  reportTitle: 'Kustannusten kasautuminen',
  generatedBy: (tool) => `Tehty ohjelmalla ${tool}.`,
};

export function labels(lang: Lang): Labels {
  return lang === 'fi' ? fi : en;
}
