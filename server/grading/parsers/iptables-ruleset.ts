/**
 * The tables → chains → rules structure both `iptables-save` and `iptables -S`
 * produce, and the builder that fills it while reading lines in order.
 */
import type { IptablesCounters, IptablesRule } from './iptables-rule.ts';
import type { SkippedLine } from './input-lines.ts';

/** One chain and its rules in order. */
export interface IptablesChain {
  name: string;
  /** "ACCEPT"/"DROP" for a built-in chain; null for a user chain (`-` or `-N`). */
  policy: string | null;
  counters: IptablesCounters | null;
  rules: IptablesRule[];
}

/** One table ("filter", "nat", "mangle", "raw"…). */
export interface IptablesTable {
  name: string;
  /** By chain name, in the order the chains were declared. */
  chains: Record<string, IptablesChain>;
}

/** Everything read from `iptables-save` or `iptables -S`. */
export interface IptablesRuleset {
  /** By table name. `iptables -S` yields the one table it was asked for. */
  tables: Record<string, IptablesTable>;
  skipped: SkippedLine[];
}

/** Collects chains and rules per table; Maps while building so no chain name can reach a prototype. */
export class RulesetBuilder {
  readonly #tables = new Map<string, Map<string, IptablesChain>>();

  /** Starts (or returns to) a table, so an empty table still appears. */
  table(name: string): void {
    if (!this.#tables.has(name)) this.#tables.set(name, new Map());
  }

  /** Declares a chain; redeclaring keeps its rules and updates policy and counters. */
  declareChain(
    table: string,
    name: string,
    policy: string | null,
    counters: IptablesCounters | null,
  ): void {
    const chain = this.#chain(table, name);
    chain.policy = policy;
    chain.counters = counters;
  }

  /** Appends a rule to its chain, creating the chain when no declaration came first. */
  appendRule(table: string, rule: IptablesRule): void {
    this.#chain(table, rule.chain).rules.push(rule);
  }

  /** The finished structure, as plain JSON-friendly records. */
  build(skipped: SkippedLine[]): IptablesRuleset {
    const tables = [...this.#tables].map(
      ([name, chains]) => [name, { name, chains: Object.fromEntries(chains) }] as const,
    );
    return { tables: Object.fromEntries(tables), skipped };
  }

  #chain(table: string, name: string): IptablesChain {
    this.table(table);
    const chains = this.#tables.get(table) ?? new Map<string, IptablesChain>();
    let chain = chains.get(name);
    if (!chain) {
      chain = { name, policy: null, counters: null, rules: [] };
      chains.set(name, chain);
    }
    return chain;
  }
}
