// Who uses which services, how often, and at what price: a one-year model of a Finnish town's social
// and health care, tuned so the costs are about as concentrated as Oulu's in 2011
// (Leskelä et al., Suomen Lääkärilehti 48/2013: top 10 % of residents 81 % of costs, top 5 % 68 %,
// about 40 % of residents without any cost). Round-number prices; no claim beyond plausibility.

import { EventLog, RowKind } from './eventLog.js';
import type { Population } from './population.js';
import type { Random } from '../random.js';

/** The sectors, one cost file each, and the services each file can name. */
export const SECTORS = [
  {
    name: 'erikoissairaanhoito',
    services: ['Poliklinikkakäynti', 'Päivystys', 'Vuodeosastojakso', 'Leikkaus', 'Psykiatrinen osastohoito'],
  },
  {
    name: 'perusterveydenhuolto',
    services: [
      'Lääkärin vastaanotto',
      'Hoitajan vastaanotto',
      'Päivystys, terveyskeskus',
      'Laboratorio',
      'Neuvola',
      'Fysioterapia',
      'Kotisairaanhoito',
      'Terveyskeskuksen vuodeosasto',
    ],
  },
  {
    name: 'vanhuspalvelut',
    services: [
      'Kotihoito',
      'Ympärivuorokautinen palveluasuminen',
      'Omaishoidon tuki',
      'Päivätoiminta',
      'Lyhytaikainen hoito',
    ],
  },
  {
    name: 'sosiaalipalvelut',
    services: [
      'Lastensuojelu, sijaishuolto',
      'Lastensuojelu, avohuolto',
      'Toimeentulotuki',
      'Vammaispalvelut',
      'Päihdepalvelut',
      'Aikuissosiaalityö',
    ],
  },
  { name: 'suun_terveydenhuolto', services: ['Suun terveydenhuolto'] },
] as const;

const SPECIALISED = 0;
const PRIMARY = 1;
const ELDERLY = 2;
const SOCIAL = 3;
const DENTAL = 4;

/** The year modelled is 2024: 366 days. */
export const YEAR = 2024;
export const DAYS_IN_YEAR = 366;
const MONTH_END = [30, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

// Per age band (0-17, 18-64, 65-74, 75-84, 85+): the chance of using any service in the year.
const USES_ANY = [0.55, 0.53, 0.75, 0.88, 0.96];

/** Rows that are corrected later by a credit, and rows that are broken (both per charge row). */
const CREDIT_RATE = 0.004;
const BAD_ROW_RATE = 0.002;

export interface SimulatedCosts {
  /** One log per entry of SECTORS. */
  sectors: EventLog[];
}

/**
 * One year of service events for every resident. Persons beyond `population.registered` (missing
 * from the register) always have costs; a few registered non-users get only a credit row (a
 * correction of last year's invoice), so their net total is negative.
 */
export function simulateCosts(population: Population, netNegative: number, random: Random): SimulatedCosts {
  const logs = SECTORS.map(() => new EventLog());

  const emit = (person: number, sector: number, service: number, day: number, cents: number): void => {
    const log = logs[sector];
    log.push(person, service, day, cents, RowKind.charge);
    if (random.chance(CREDIT_RATE)) {
      // A partial or full reversal, some weeks after the charge.
      const share = random.chance(0.3) ? 1 : random.uniform(0.1, 0.5);
      const later = Math.min(DAYS_IN_YEAR - 1, day + random.int(7, 60));
      log.push(person, service, later, -Math.round(cents * share), RowKind.credit);
    }
    if (random.chance(BAD_ROW_RATE)) {
      const u = random.next();
      const kind = u < 0.4 ? RowKind.emptyCost : u < 0.75 ? RowKind.notANumber : RowKind.missingId;
      log.push(person, service, day, cents, kind);
    }
  };
  const euros = (min: number, max: number): number => Math.round(random.uniform(min, max) * 100);
  const visits = (person: number, sector: number, service: number, count: number, min: number, max: number): number => {
    for (let k = 0; k < count; k++) emit(person, sector, service, random.int(0, DAYS_IN_YEAR - 1), euros(min, max));
    return count;
  };
  /** Monthly invoices for `months` consecutive months: from January (ended) or to December (started). */
  const monthly = (person: number, sector: number, service: number, months: number, min: number, max: number): number => {
    const first = random.chance(0.5) ? 0 : 12 - months;
    const rate = random.uniform(min, max);
    for (let m = first; m < first + months; m++) {
      emit(person, sector, service, MONTH_END[m], Math.round(rate * random.uniform(0.95, 1.05) * 100));
    }
    return months;
  };
  const months = (fullYear: number): number => (random.chance(fullYear) ? 12 : random.int(1, 11));

  const elderlyNonUsers: number[] = [];
  const count = population.ids.length;
  for (let person = 0; person < count; person++) {
    const band = population.band[person];
    const registered = person < population.registered;
    if (registered && !random.chance(USES_ANY[band])) {
      if (band >= 2) elderlyNonUsers.push(person);
      continue;
    }
    // Need: some persons use everything more. It correlates the sectors, as multimorbidity does.
    const need = random.logNormal(1, 0.6);
    const child = band === 0;
    const adult = band === 1;
    const old = band >= 2;
    let rows = 0;

    // Primary care.
    if (random.chance([0.85, 0.75, 0.85, 0.92, 0.95][band])) {
      rows += visits(person, PRIMARY, 0, random.poisson([1.5, 1.5, 2.5, 3.5, 4.5][band] * need), 110, 190);
      rows += visits(person, PRIMARY, 1, random.poisson([1.5, 2, 3, 4, 5][band] * need), 45, 90);
      rows += visits(person, PRIMARY, 3, random.poisson([0.5, 2, 4, 6, 6][band] * need), 8, 45);
      if (random.chance(0.15)) rows += visits(person, PRIMARY, 2, 1 + random.poisson(0.4 * need), 180, 320);
      if (child) rows += visits(person, PRIMARY, 4, random.poisson(2), 60, 120);
      if (random.chance(old ? 0.2 : 0.06)) rows += visits(person, PRIMARY, 5, 1 + random.poisson(4), 70, 120);
      if (band >= 3 && random.chance(0.12)) rows += visits(person, PRIMARY, 6, 1 + random.poisson(15 * need), 60, 110);
      if (old && random.chance([0, 0, 0.02, 0.05, 0.08][band])) {
        // A stay on the health-centre ward, invoiced per stay.
        rows += visits(person, PRIMARY, 7, 1 + random.poisson(0.5), 300 * 8, 400 * 30);
      }
    }
    // Oral health care.
    if (random.chance([0.6, 0.4, 0.45, 0.4, 0.3][band])) {
      rows += visits(person, DENTAL, 0, 1 + random.poisson(1.2), 60, 280);
    }
    // Specialised care: outpatient visits, emergencies, inpatient episodes with a heavy tail.
    if (random.chance([0.15, 0.22, 0.4, 0.5, 0.5][band])) {
      rows += visits(person, SPECIALISED, 0, 1 + random.poisson(2 * need), 250, 700);
    }
    if (random.chance([0.05, 0.08, 0.12, 0.2, 0.25][band])) {
      rows += visits(person, SPECIALISED, 1, 1 + random.poisson(0.5 * need), 400, 900);
    }
    if (random.chance(Math.min(0.9, [0.015, 0.03, 0.08, 0.15, 0.18][band] * need))) {
      const episodes = 1 + random.poisson(0.7 * need);
      for (let k = 0; k < episodes; k++) {
        const cost = Math.min(150_000, random.logNormal(6000, 1.05));
        emit(person, SPECIALISED, 2, random.int(0, DAYS_IN_YEAR - 1), Math.round(cost * 100));
      }
      rows += episodes;
    }
    if (random.chance([0.01, 0.03, 0.06, 0.06, 0.03][band])) {
      rows += visits(person, SPECIALISED, 3, 1, 4000, 15_000);
    }
    if (!old && random.chance(child ? 0.002 : 0.004)) {
      rows += visits(person, SPECIALISED, 4, 1 + random.poisson(0.5), 15_000, 60_000);
    }
    // Care for older people: round-the-clock housing and home care exclude each other.
    if (old) {
      if (random.chance([0, 0, 0.015, 0.08, 0.28][band])) {
        rows += monthly(person, ELDERLY, 1, months(0.6), 5500, 8000);
      } else if (random.chance([0, 0, 0.05, 0.16, 0.3][band])) {
        rows += monthly(person, ELDERLY, 0, months(0.5), 300 * need, 2000 * need);
        if (random.chance(0.2)) rows += monthly(person, ELDERLY, 3, months(0.5), 200, 600);
      }
      if (random.chance(0.03)) rows += monthly(person, ELDERLY, 2, months(0.7), 450, 900);
      if (random.chance([0, 0, 0.01, 0.05, 0.08][band])) {
        rows += visits(person, ELDERLY, 4, 1 + random.poisson(1), 2000, 6000);
      }
    }
    // Social services.
    if (child) {
      if (random.chance(0.01)) rows += monthly(person, SOCIAL, 0, months(0.7), 6000, 10_000);
      if (random.chance(0.05)) rows += visits(person, SOCIAL, 1, 1 + random.poisson(2), 300, 2000);
    }
    if (adult || band === 2) {
      if (random.chance(adult ? 0.08 : 0.02)) rows += monthly(person, SOCIAL, 2, months(0.3), 250, 800);
      if (adult && random.chance(0.015)) rows += visits(person, SOCIAL, 4, 1 + random.poisson(1), 2000, 12_000);
      if (adult && random.chance(0.05)) rows += visits(person, SOCIAL, 5, 1 + random.poisson(2), 100, 300);
    }
    if (random.chance(0.01)) rows += monthly(person, SOCIAL, 3, months(0.8), 800, 6000);

    // Every user has at least one row.
    if (rows === 0) visits(person, PRIMARY, 0, 1, 110, 190);
  }

  // Last year's invoices corrected this year, for persons without any other cost this year.
  for (let k = 0; k < netNegative && k < elderlyNonUsers.length; k++) {
    const pick = k + random.int(0, elderlyNonUsers.length - 1 - k);
    const person = elderlyNonUsers[pick];
    elderlyNonUsers[pick] = elderlyNonUsers[k];
    logs[ELDERLY].push(person, 0, random.int(0, 59), -euros(300, 2500), RowKind.credit);
  }
  return { sectors: logs };
}
