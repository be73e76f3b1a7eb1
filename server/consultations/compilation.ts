/**
 * The compilation of a consultation's submissions, as Markdown and CSV: accepted ones (or only the
 * published ones, for the public) grouped by call, then theme, then stakeholder group, with counts.
 * Headings in the reader's language (headings.ts); the submissions' text as their authors wrote it.
 * Pure: state in, text out.
 */
import {
  STAKEHOLDER_GROUPS,
  translated,
  type ConsultationState,
  type Language,
  type Submission,
} from '../../shared/domain/index.js';
import { csvDocument, csvField } from '../http/csv.js';
import { mdEscape, mdTable, utcStamp } from '../http/markdown.js';
import { headingsFor } from './headings.js';

export type CompilationScope = 'published' | 'accepted';

/** The submissions a compilation of `scope` contains, oldest first. */
export function compiled(s: ConsultationState, scope: CompilationScope): Submission[] {
  return Object.values(s.submissions)
    .filter((x) => x.status === 'accepted' && (scope === 'accepted' || x.published))
    .sort((a, b) => a.submittedAt - b.submittedAt || a.id.localeCompare(b.id));
}

interface ThemeGroup {
  themeId: string | null;
  label: string;
  subs: Submission[];
}

/** Themes of a call in the consultation's order, each with its submissions; "no theme" last. */
function byTheme(s: ConsultationState, subs: Submission[], lang: Language): ThemeGroup[] {
  const h = headingsFor(lang);
  const groups: ThemeGroup[] = s.themes.map((t) => ({ themeId: t.id, label: translated(t.title, lang).text, subs: subs.filter((x) => x.themes.includes(t.id)) }));
  groups.push({ themeId: null, label: h.noTheme, subs: subs.filter((x) => !x.themes.some((id) => s.themes.some((t) => t.id === id))) });
  return groups.filter((g) => g.subs.length > 0);
}

/** Block-quoted text: paragraphs kept, each escaped so an author's Markdown stays text. */
function quote(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p, i) => (i === 0 ? [`> ${mdEscape(p)}`] : ['>', `> ${mdEscape(p)}`]));
}

/** The compilation as Markdown. */
export function compilationMarkdown(s: ConsultationState, scope: CompilationScope, lang: Language, now: number): string {
  const h = headingsFor(lang);
  const subs = compiled(s, scope);
  const lines: string[] = [
    `# ${h.compilation}: ${mdEscape(translated(s.info.title, lang).text)}`,
    '',
    `_${scope === 'published' ? h.scopePublished : h.scopeAccepted}_`,
    '',
    `- **${h.generated}:** ${utcStamp(now)}`,
    `- **${h.total}:** ${subs.length} ${h.submissions}`,
    '',
    `## ${h.byGroup}`,
    '',
    ...mdTable(
      [h.group, ...s.calls.map((c) => mdEscape(h.calls[c.kind])), h.total],
      [
        ...STAKEHOLDER_GROUPS.map((g) => [h.groups[g], ...s.calls.map((c) => String(subs.filter((x) => x.callId === c.id && x.group === g).length)), String(subs.filter((x) => x.group === g).length)]),
        [`**${h.total}**`, ...s.calls.map((c) => String(subs.filter((x) => x.callId === c.id).length)), String(subs.length)],
      ],
    ),
  ];
  for (const call of s.calls) {
    const mine = subs.filter((x) => x.callId === call.id);
    lines.push('', `## ${mdEscape(h.calls[call.kind])} (${mine.length})`);
    if (mine.length === 0) lines.push('', h.noSubmissions);
    for (const theme of byTheme(s, mine, lang)) {
      lines.push('', `### ${h.theme}: ${mdEscape(theme.label)} (${theme.subs.length})`);
      for (const g of STAKEHOLDER_GROUPS) {
        const inGroup = theme.subs.filter((x) => x.group === g);
        if (inGroup.length === 0) continue;
        lines.push('', `#### ${h.groups[g]} (${inGroup.length})`);
        for (const x of inGroup) {
          const who = [x.name, x.organisation].filter(Boolean).map(mdEscape).join(', ');
          const tags = x.actionLines.length ? ` — ${h.actionLines}: ${x.actionLines.join(', ')}` : '';
          lines.push('', `**${mdEscape(x.ref)} — ${mdEscape(x.title)}**`, '', `${who} (${x.country}, ${x.language})${tags}`, '', ...quote(x.text));
          if (x.attachment) lines.push('', `${h.attachment}: ${mdEscape(x.attachment.name)}`);
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const COLUMNS = ['reference', 'call', 'theme', 'group', 'country', 'language', 'name', 'organisation', 'title', 'actionLines', 'submitted', 'attachment', 'text'] as const;

/**
 * The compilation as CSV: one row per submission and theme (a submission with two themes is two
 * rows), sorted as the Markdown groups them. Header labels in the reader's language; formula-safe.
 */
export function compilationCsv(s: ConsultationState, scope: CompilationScope, lang: Language): string {
  const h = headingsFor(lang);
  const subs = compiled(s, scope);
  const rows: Array<Record<(typeof COLUMNS)[number], string>> = [];
  for (const call of s.calls) {
    for (const theme of byTheme(s, subs.filter((x) => x.callId === call.id), lang)) {
      for (const g of STAKEHOLDER_GROUPS) {
        for (const x of theme.subs.filter((y) => y.group === g)) {
          rows.push({
            reference: x.ref,
            call: h.calls[call.kind],
            theme: theme.label,
            group: h.groups[g],
            country: x.country,
            language: x.language,
            name: x.name,
            organisation: x.organisation,
            title: x.title,
            actionLines: x.actionLines.join(' '),
            submitted: new Date(x.submittedAt).toISOString(),
            attachment: x.attachment?.name ?? '',
            text: x.text,
          });
        }
      }
    }
  }
  const header = [h.reference, h.call, h.theme, h.group, h.country, h.language, h.author, h.organisation, h.title, h.actionLines, h.submitted, h.attachment, h.text];
  // csvDocument writes the column keys as the header line: put the translated labels in its place.
  const body = csvDocument(COLUMNS, rows).replace(/^\uFEFF[^\r]*\r\n/, '');
  return `\uFEFF${header.map(csvField).join(',')}\r\n${body}`;
}
