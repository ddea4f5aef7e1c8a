// Column resolution: which field holds the id, the cost(s), the service, the group and the weight —
// from flags first, else from header names matched against known aliases.

import { usageError } from '../errors.js';
import type { ColumnFlags, ColumnMap, ColumnRole } from './types.js';

/** Header names recognised without a flag (DESIGN.md: Column detection), compared folded. */
export const ALIASES = {
  id: ['id', 'resident_id', 'person_id', 'patient_id', 'client_id', 'customer_id', 'asiakas_id', 'asiakasnumero', 'henkilo_id', 'tunniste', 'pseudonym'],
  cost: ['cost', 'costs', 'amount', 'total_cost', 'cost_eur', 'eur', 'euros', 'kustannus', 'kustannukset', 'kustannus_eur', 'euroa', 'summa', 'hinta'],
  service: ['service', 'service_type', 'category', 'palvelu', 'palveluala', 'palveluryhma', 'sektori'],
} as const;

type Flag = 'id' | 'cost' | 'service' | 'group' | 'weight';

/**
 * A header name folded for matching: accents removed, lower case, and everything that is not a
 * letter or digit dropped (spaces, `-`, `_`, and also `(€)` or `.`).
 *
 * @example foldName('Asiakas-ID') // 'asiakasid'
 * @example foldName('Henkilö_id') // 'henkiloid'
 * @example foldName('Kustannus (€)') // 'kustannus'
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Folded id aliases: a column named so holds resident ids, whatever role it gets. */
const ID_NAMES = new Set<string>(ALIASES.id.map(foldName));

/** Whether a column's name says it holds resident ids (an id alias), used as the id or not. */
export function namesIds(name: string): boolean {
  return ID_NAMES.has(foldName(name));
}

/**
 * A header cell as messages may quote it: '•••' when it holds four digits or more and more digits
 * than letters, as a resident id, an identity code, an amount or a date does, for a "header" that
 * is the first data row (no header in the file) must not put a resident's id in a message. A name
 * with a year (`kotihoito_2023`) is shown.
 *
 * @example shownHeaderCell('asiakas_id') // 'asiakas_id'
 * @example shownHeaderCell('K7731234') // '•••'
 * @example shownHeaderCell('kotihoito_2023') // 'kotihoito_2023'
 */
export function shownHeaderCell(name: string): string {
  const digits = name.match(/\p{N}/gu)?.length ?? 0;
  const letters = name.match(/\p{L}/gu)?.length ?? 0;
  return digits >= 4 && digits > letters ? '•••' : name;
}

/** Where each column came from, kept while resolving. */
interface Assignment {
  role: Exclude<ColumnRole, 'ignored'>;
  why: string;
}

/**
 * Decides which 0-based field holds what in one cost file.
 *
 * With a header: each flag names a column (compared folded; a number names a column by position
 * when no column has that name). Without a flag, id, cost and service are found by `ALIASES`;
 * group and weight come only from flags. Several `--cost` columns mean wide format.
 * With `header === null` (`--no-header`) flags are 1-based numbers; `--cost` is required and so
 * is `--id` unless `noId`.
 *
 * Usage errors (exit 2), each listing the header and naming the flag to use: a flag that matches
 * no column (for `--group`/`--weight` only without a roster, see `ResolveContext`); two columns
 * matching the id, cost or service aliases; no id (unless `noId`) or cost column; a column given
 * two roles; `--id` together with `--no-id`.
 *
 * @example resolveColumns(['Asiakas-ID', 'palvelu', 'euroa'], 3, {}, false, 'a.csv')
 * // { id: 0, cost: [2], service: 1, group: null, weight: null, … }
 */
export function resolveColumns(
  header: string[] | null,
  fieldCount: number,
  flags: ColumnFlags,
  noId: boolean,
  file: string,
  at: ResolveContext = {},
): ColumnMap {
  const ctx = new Context(header, fieldCount, file, at);
  if (noId && flags.id !== undefined) {
    throw usageError(`--id ${flags.id} and --no-id contradict each other; give one of them`, { file });
  }
  const wide = (flags.cost?.length ?? 0) > 1;
  if (wide && flags.service !== undefined) {
    throw usageError(
      `--service ${flags.service} cannot be combined with several --cost columns: in wide format each cost column is a service`,
      { file },
    );
  }
  if (header === null) {
    if (!flags.cost || flags.cost.length === 0) {
      throw usageError(`with --no-header, name the cost column by number: --cost N (1–${fieldCount})`, { file });
    }
    if (!noId && flags.id === undefined) {
      throw usageError(
        `with --no-header, name the id column by number: --id N (1–${fieldCount}), or use --no-id if every row is one person`,
        { file },
      );
    }
  }
  // Flags first, so that an alias never claims a column a flag gave another role.
  const byFlag = (flag: Flag, value: string | undefined): number | null =>
    value === undefined ? null : ctx.byFlag(flag, value);
  let id = noId ? null : byFlag('id', flags.id);
  let cost = (flags.cost ?? []).map((value) => ctx.byFlag('cost', value));
  let service = byFlag('service', flags.service);
  const optional = (flag: 'group' | 'weight'): number | null => {
    const value = flags[flag];
    if (value === undefined || (at.roster && ctx.find(value) === null)) return null;
    return ctx.byFlag(flag, value);
  };
  const group = optional('group');
  const weight = optional('weight');
  if (!noId && id === null) id = ctx.byAlias('id', ALIASES.id, true);
  if (cost.length === 0) cost = [ctx.byAlias('cost', ALIASES.cost, true)!];
  if (!wide && service === null) service = ctx.byAlias('service', ALIASES.service, false);
  return ctx.finish({ id, cost, service, group, weight });
}

/** What resolution needs beyond the header: for messages, and whether a roster is given. */
export interface ResolveContext {
  /** The file's delimiter, to print the header as it is written. */
  delimiter?: string;
  /** The header's line. */
  line?: number;
  /**
   * True with `--roster`: `--group` and `--weight` may name roster columns, so a cost file
   * without such a column is not an error (its group/weight is then null).
   */
  roster?: boolean;
}

/**
 * Decides the columns of a roster (a list of every resident). The id is the only column, or the
 * one `--id` names, or (when the roster has no such column) the one the id aliases find. Group and
 * weight come from `--group`/`--weight` only when the roster has such a column (they may instead
 * be in the cost files). Without a header, the id is `--id N` or the only column.
 *
 * @example resolveRosterColumns(['henkilo_id', 'ikaryhma'], 2, { group: 'ikaryhma' }, 'r.csv')
 * // { id: 0, cost: [], group: 1, … }
 */
export function resolveRosterColumns(
  header: string[] | null,
  fieldCount: number,
  flags: ColumnFlags,
  file: string,
  at: ResolveContext = {},
): ColumnMap {
  const ctx = new Context(header, fieldCount, file, at);
  let id: number | null;
  if (fieldCount === 1) {
    id = ctx.assign(0, 'id', 'the only column');
  } else if (header === null) {
    if (flags.id === undefined) {
      throw usageError(`with --no-header, name the roster's id column by number: --id N (1–${fieldCount})`, { file });
    }
    id = ctx.byFlag('id', flags.id);
  } else if (flags.id !== undefined && ctx.find(flags.id) !== null) {
    id = ctx.byFlag('id', flags.id);
  } else {
    // `--id` names the cost files' column; the roster may call its ids something else.
    id = ctx.byAlias('id', ALIASES.id, true);
  }
  const optional = (flag: 'group' | 'weight'): number | null => {
    const value = flags[flag];
    if (value === undefined || header === null) return null;
    return ctx.find(value) === null ? null : ctx.byFlag(flag, value);
  };
  return ctx.finish({ id, cost: [], service: null, group: optional('group'), weight: optional('weight') });
}

class Context {
  readonly names: string[];
  readonly assigned = new Map<number, Assignment>();

  constructor(
    readonly header: string[] | null,
    readonly fieldCount: number,
    readonly file: string,
    readonly at: ResolveContext,
  ) {
    this.names = header ?? Array.from({ length: fieldCount }, (_, i) => `column ${i + 1}`);
  }

  get headerText(): string {
    const delimiter = this.at.delimiter ?? ';';
    return this.names.map(shownHeaderCell).join(delimiter === '\t' ? ', ' : delimiter);
  }

  get where(): { file: string; line?: number } {
    return this.header === null ? { file: this.file } : { file: this.file, line: this.at.line ?? 1 };
  }

  /** The column a flag value names, or null. Throws when several columns have that name. */
  find(value: string): number | null {
    if (this.header === null) {
      const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      return n >= 1 && n <= this.fieldCount ? n - 1 : null;
    }
    const folded = foldName(value);
    const exact = this.header.flatMap((name, i) => (foldName(name) === folded ? [i] : []));
    if (exact.length > 1) {
      throw usageError(
        `${exact.length} columns are named '${value}' (columns ${exact.map((i) => i + 1).join(', ')}); header is: ${this.headerText} — rename them, or use --no-header and column numbers`,
        this.where,
      );
    }
    if (exact.length === 1) return exact[0];
    const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    return n >= 1 && n <= this.fieldCount ? n - 1 : null;
  }

  byFlag(flag: Flag, value: string): number {
    const index = this.find(value);
    if (index === null) {
      if (this.header === null) {
        throw usageError(
          `--${flag} '${value}': with --no-header, columns are named by number, 1–${this.fieldCount}`,
          { file: this.file, column: value },
        );
      }
      const hint = flag === 'group' || flag === 'weight' ? [] : this.aliasMatches(ALIASES[flag]);
      const fix = hint.length === 1 ? `use --${flag} ${this.names[hint[0]]}` : `use --${flag} with one of these names`;
      throw usageError(`column '${value}' not found; header is: ${this.headerText} — ${fix}`, {
        ...this.where,
        column: value,
      });
    }
    const byNumber = this.header !== null && foldName(this.names[index]) !== foldName(value);
    return this.assign(index, flag, `--${flag} ${value}${byNumber ? ' (column number)' : ''}`);
  }

  aliasMatches(aliases: readonly string[]): number[] {
    if (this.header === null) return [];
    const folded = new Set(aliases.map(foldName));
    return this.header.flatMap((name, i) => (folded.has(foldName(name)) ? [i] : []));
  }

  byAlias(flag: 'id' | 'cost' | 'service', aliases: readonly string[], required: boolean): number | null {
    const matches = this.aliasMatches(aliases).filter((i) => !this.assigned.has(i));
    if (matches.length === 1) return this.assign(matches[0], flag, `alias '${this.names[matches[0]]}'`);
    if (matches.length > 1) {
      const listed = matches.map((i) => `'${this.names[i]}' (column ${i + 1})`).join(' and ');
      const wide = flag === 'cost' ? `, or --cost ${matches.map((i) => this.names[i]).join(',')} for one service per column` : '';
      throw usageError(
        `${matches.length} columns could be the ${flag}: ${listed}; header is: ${this.headerText} — choose one with --${flag} ${this.names[matches[0]]}${wide}`,
        this.where,
      );
    }
    if (!required) return null;
    const fix =
      flag === 'id'
        ? 'name it with --id COL, or use --no-id if every row is one person'
        : `name it with --${flag} COL`;
    throw usageError(`no ${flag} column found; header is: ${this.headerText} — ${fix}`, this.where);
  }

  assign(index: number, role: Assignment['role'], why: string): number {
    const earlier = this.assigned.get(index);
    if (earlier !== undefined) {
      throw usageError(
        `column '${this.names[index]}' would be both the ${earlier.role} (${earlier.why}) and the ${role} (${why}); give each role its own column`,
        { ...this.where, column: this.names[index] },
      );
    }
    this.assigned.set(index, { role, why });
    return index;
  }

  finish(map: Omit<ColumnMap, 'header' | 'roles'>): ColumnMap {
    const roles = this.names.map((name, i) => {
      const assignment = this.assigned.get(i);
      return assignment ? { name, ...assignment } : { name, role: 'ignored' as const, why: 'no flag or alias' };
    });
    return { header: this.names, ...map, roles };
  }
}
