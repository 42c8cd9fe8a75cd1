import { CompactCatalog, CompactSide } from '@compact/domain';

export const SIDE_WORDS: Record<CompactSide, string> = {
  'public-bodies': 'Public bodies and agencies',
  vcs: 'The voluntary and community sector',
};

/** What the browse page was asked for: words to find, and one side or both. */
export interface CompactQuery {
  words: string[];
  side: CompactSide | null;
}

export function compactQueryOf(raw: { q?: unknown; side?: unknown }): CompactQuery & { q: string } {
  const q = typeof raw.q === 'string' ? raw.q.slice(0, 200).trim() : '';
  const side = raw.side === 'public-bodies' || raw.side === 'vcs' ? raw.side : null;
  return { q, words: q.toLowerCase().split(/\s+/).filter(Boolean), side };
}

/**
 * The Compact's undertakings as the browse page shows them: by section, then by the side each
 * group binds, only those holding every word asked for (in their text or id) and binding the side
 * asked for. The text is the Compact's own, verbatim.
 */
export function browseSections(catalog: CompactCatalog, query: CompactQuery) {
  const matches = (id: string, text: string) => query.words.every((w) => text.toLowerCase().includes(w) || id.toLowerCase() === w);
  const sections = catalog.sections.map((section) => ({
    number: section.number,
    title: section.title,
    groups: section.groups
      .filter((g) => query.side === null || g.binds === query.side)
      .map((g) => ({ heading: g.heading, side: SIDE_WORDS[g.binds], undertakings: g.undertakings.filter((u) => matches(u.id, u.text)) }))
      .filter((g) => g.undertakings.length > 0),
  }));
  const shown = sections.filter((s) => s.groups.length > 0);
  return { sections: shown, count: shown.reduce((n, s) => n + s.groups.reduce((m, g) => m + g.undertakings.length, 0), 0) };
}
