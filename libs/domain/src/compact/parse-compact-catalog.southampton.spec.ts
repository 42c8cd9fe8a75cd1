import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CompactIndex, DEFAULT_COMPACT_DEADLINES } from './compact-catalog';
import { parseCompactCatalog } from './parse-compact-catalog';

const compactFile = resolve(__dirname, '../../../../compacts/southampton.json');
const referenceFile = resolve(__dirname, '../../../../../shared/reference/southampton-compact.txt');

const raw = JSON.parse(readFileSync(compactFile, 'utf8'));
const catalog = parseCompactCatalog(raw, compactFile);
const index = new CompactIndex(catalog);
const reference = readFileSync(referenceFile, 'utf8');

/** The numbered undertakings the published Compact has, by section: 1.1-1.7, 2.1-2.9, 3.1-3.20, 4.1-4.9, 5.1-5.5. */
const EXPECTED_COUNTS: Record<string, number> = { '1': 7, '2': 9, '3': 20, '4': 9, '5': 5 };
const expectedNumberedIds = Object.entries(EXPECTED_COUNTS).flatMap(([section, count]) =>
  Array.from({ length: count }, (_, i) => `${section}.${i + 1}`),
);

describe('parseCompactCatalog on compacts/southampton.json', () => {
  it('reads the identity of the Compact', () => {
    expect(catalog.id).toBe('southampton');
    expect(catalog.name).toBe('Southampton Compact');
    expect(catalog.introduction.length).toBeGreaterThan(0);
    expect(reference).toContain(catalog.introduction);
  });

  it('has sections 1 to 5, in order, with the titles of the published text', () => {
    expect(catalog.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5']);
    for (const section of catalog.sections) {
      expect(reference).toContain(`${section.number}. ${section.title}\n`);
    }
  });

  it('has every undertaking 1.1 to 5.5 exactly once, plus only the unnumbered 3.11a', () => {
    const ids = index.undertakings().map((u) => u.id);
    for (const id of expectedNumberedIds) {
      expect(ids.filter((x) => x === id)).toHaveLength(1);
    }
    expect(ids).toHaveLength(expectedNumberedIds.length + 1);
    expect([...ids].sort()).toEqual([...expectedNumberedIds, '3.11a'].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps 3.11a right after 3.11, flagged unnumbered and binding public bodies', () => {
    const ids = index.undertakings().map((u) => u.id);
    expect(ids.indexOf('3.11a')).toBe(ids.indexOf('3.11') + 1);
    const u = index.find('3.11a');
    expect(u).toMatchObject({ section: '3', binds: 'public-bodies', unnumbered: true });
    expect(u?.text).toBe(
      'Demonstrate how funding arrangements and financial support can allow smaller and specialist providers to play a greater part.',
    );
    const unnumbered = index.undertakings().filter((x) => x.unnumbered).map((x) => x.id);
    expect(unnumbered).toEqual(['3.11a']);
  });

  it('has two groups per section, public bodies first, then the VCS, with matching headings', () => {
    for (const section of catalog.sections) {
      expect(section.groups.map((g) => g.binds)).toEqual(['public-bodies', 'vcs']);
      expect(section.groups[0].heading).toMatch(/Public Bodies/);
      expect(section.groups[1].heading).toMatch(/VCS/);
      for (const group of section.groups) {
        for (const u of group.undertakings) {
          expect(u.binds).toBe(group.binds);
          expect(u.section).toBe(section.number);
        }
      }
    }
  });

  it.each([
    ['1', ['1.1', '1.2', '1.3', '1.4', '1.5'], ['1.6', '1.7']],
    ['2', ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'], ['2.7', '2.8', '2.9']],
    ['3', ['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.11a', '3.12', '3.13'],
      ['3.14', '3.15', '3.16', '3.17', '3.18', '3.19', '3.20']],
    ['4', ['4.1', '4.2', '4.3', '4.4', '4.5'], ['4.6', '4.7', '4.8', '4.9']],
    ['5', ['5.1', '5.2', '5.3'], ['5.4', '5.5']],
  ])('section %s: which side each undertaking binds', (number, publicBodies, vcs) => {
    const section = catalog.sections.find((s) => s.number === number)!;
    expect(section.groups[0].undertakings.map((u) => u.id)).toEqual(publicBodies);
    expect(section.groups[1].undertakings.map((u) => u.id)).toEqual(vcs);
  });

  it('carries every undertaking verbatim from the published text', () => {
    const lines = reference.split('\n');
    for (const u of index.undertakings()) {
      expect(lines).toContain(u.unnumbered ? u.text : `${u.id} ${u.text}`);
    }
  });

  it('carries the section 6 dispute clause verbatim', () => {
    const lines = reference.split('\n');
    const heading = lines.indexOf('6. Dispute Resolution');
    expect(heading).toBeGreaterThan(0);
    const clause = lines.slice(heading + 1).find((l) => l.trim() !== '');
    expect(catalog.disputeResolution).toEqual({ section: '6', title: 'Dispute Resolution', text: clause });
    expect(catalog.disputeResolution.text).toContain('Compact Voice');
    expect(catalog.disputeResolution.text).toContain('the relevant ombudsman may be used.');
  });

  it('uses the default deadlines when the file gives none', () => {
    expect(raw.deadlines).toBeUndefined();
    expect(catalog.deadlines).toEqual(DEFAULT_COMPACT_DEADLINES);
    expect(catalog.deadlines).toEqual({
      acknowledgementWorkingDays: 5,
      proposalResponseWorkingDays: 10,
      negotiationWorkingDays: 40,
      mediatorResponseWorkingDays: 10,
      ombudsmanLimitMonths: 12,
      ombudsmanFirstReminderMonthsBefore: 3,
      ombudsmanFinalReminderMonthsBefore: 1,
      reminderWorkingDaysBefore: 2,
      extensionCapWorkingDays: 10,
      actionConfirmationWorkingDays: 10,
      judicialReviewLimitMonths: 3,
      judicialReviewFirstReminderMonthsBefore: 1,
      judicialReviewFinalReminderWorkingDaysBefore: 10,
    });
    expect(catalog.deadlines).not.toBe(DEFAULT_COMPACT_DEADLINES);
  });

  it('CompactIndex.find answers unknown ids with undefined', () => {
    expect(index.find('6.1')).toBeUndefined();
    expect(index.find('3.11b')).toBeUndefined();
    expect(index.find('')).toBeUndefined();
    expect(index.find('4.5')).toMatchObject({ id: '4.5', binds: 'public-bodies', unnumbered: false });
  });
});
