/**
 * Every locale carries every string: for each namespace file under client/i18n/locales/<lang>/,
 * the keys must match English exactly, no string may be empty, every message must parse as a
 * vue-i18n message, and the closed lists of the domain (error codes, stakeholder groups, languages,
 * meeting kinds, roles) must each have their translation. Loaded from Node by reading the directory,
 * so a namespace added by another feature is checked without touching this test.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createParser } from '@intlify/message-compiler';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  LANGUAGES,
  MEETING_KINDS,
  ROLES,
  STAKEHOLDER_GROUPS,
} from '../../shared/domain/common.js';

const LOCALES_DIR = fileURLToPath(new URL('../../client/i18n/locales/', import.meta.url));

type Tree = { [key: string]: string | Tree };

async function loadLocale(lang: string): Promise<Record<string, Tree>> {
  const out: Record<string, Tree> = {};
  for (const file of readdirSync(join(LOCALES_DIR, lang)).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(LOCALES_DIR, lang, file)).href)) as { default: Tree };
    out[file.replace(/\.ts$/, '')] = mod.default;
  }
  return out;
}

/** Flattens a message tree into `a.b.c → string` (non-strings are reported as such). */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/**
 * Named placeholders used by a message, e.g. `{name}`: translations must keep them. A plural
 * message (forms between `|`) counts each name once: a language may spell a form out without the
 * number (Arabic "صوتان", two votes), and has as many forms as its grammar needs.
 */
const placeholders = (s: string) => {
  const names = [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return (s.includes('|') ? [...new Set(names)] : names).sort();
};

const all = new Map<string, Record<string, Tree>>();
for (const lang of LANGUAGES) all.set(lang, await loadLocale(lang));
const en = all.get('en')!;
const enFlat = new Map(Object.entries(en).map(([ns, tree]) => [ns, flatten(tree)]));

describe('i18n locale files', () => {
  it('has a directory for exactly the six UN languages', () => {
    const dirs = readdirSync(LOCALES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(dirs.sort()).toEqual([...LANGUAGES].sort());
  });

  it('has the namespaces the foundation owns', () => {
    expect(Object.keys(en)).toEqual(expect.arrayContaining(['common', 'errors', 'groups', 'agenda']));
  });

  for (const lang of LANGUAGES) {
    describe(lang, () => {
      const locale = all.get(lang)!;

      it('has the same namespaces as English', () => {
        expect(Object.keys(locale).sort()).toEqual(Object.keys(en).sort());
      });

      it('has the same keys as English in every namespace, no more, no less', () => {
        for (const [ns, enKeys] of enFlat) {
          const keys = flatten(locale[ns] ?? {});
          const missing = [...enKeys.keys()].filter((k) => !keys.has(k)).map((k) => `${ns}.${k}`);
          const extra = [...keys.keys()].filter((k) => !enKeys.has(k)).map((k) => `${ns}.${k}`);
          expect({ missing, extra }).toEqual({ missing: [], extra: [] });
        }
      });

      it('has only non-empty strings that parse as vue-i18n messages and keep the placeholders', () => {
        const problems: string[] = [];
        for (const [ns, tree] of Object.entries(locale)) {
          for (const [key, value] of flatten(tree)) {
            const id = `${ns}.${key}`;
            if (typeof value !== 'string') {
              problems.push(`${id}: not a string`);
              continue;
            }
            if (value.trim() === '') problems.push(`${id}: empty`);
            const errors: string[] = [];
            createParser({ onError: (e) => errors.push(e.message) }).parse(value);
            if (errors.length) problems.push(`${id}: ${errors.join('; ')}`);
            const enValue = enFlat.get(ns)?.get(key);
            if (typeof enValue === 'string' && placeholders(enValue).join() !== placeholders(value).join()) {
              problems.push(`${id}: placeholders ${placeholders(value).join()} ≠ en ${placeholders(enValue).join()}`);
            }
          }
        }
        expect(problems).toEqual([]);
      });

      it('translates every error code as errors.<code>', () => {
        const errors = flatten(locale.errors ?? {});
        const missing = ERROR_CODES.filter((code) => typeof errors.get(code) !== 'string');
        expect(missing).toEqual([]);
      });

      it('names every stakeholder group, language, meeting kind and role', () => {
        const groups = flatten(locale.groups ?? {});
        const common = flatten(locale.common ?? {});
        const missing = [
          ...STAKEHOLDER_GROUPS.filter((g) => typeof groups.get(g) !== 'string').map((g) => `groups.${g}`),
          ...LANGUAGES.filter((l) => typeof common.get(`languages.${l}`) !== 'string').map((l) => `languages.${l}`),
          ...MEETING_KINDS.filter((k) => typeof common.get(`kinds.${k}`) !== 'string').map((k) => `kinds.${k}`),
          ...ROLES.filter((r) => typeof common.get(`roles.${r}`) !== 'string').map((r) => `roles.${r}`),
        ];
        expect(missing).toEqual([]);
      });
    });
  }

  it('catches a missing key (self-check of the comparison)', () => {
    const a = flatten({ x: { y: 'a', z: 'b' } });
    const b = flatten({ x: { y: 'a' } });
    expect([...a.keys()].filter((k) => !b.has(k))).toEqual(['x.z']);
  });
});
