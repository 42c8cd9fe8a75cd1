import { OUTCOME_LABELS, RESOLVED_OUTCOMES, type BoardStatistics } from '@compact/application';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'March 2026' for 2026-03. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${MONTHS[m - 1]} ${year}`;
}

/** '1 March 2026' for 2026-03-01 (a London date, no weekday). */
export function dayLabel(date: string): string {
  const [year, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${year}`;
}

/** The words for a number of cases: '1 case', '3 cases'. */
export const casesText = (n: number) => `${n} ${n === 1 ? 'case' : 'cases'}`;

/** A link to /cases filtered to some cases, within the board's date range. */
export function casesHref(range: BoardStatistics['range'], filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (range.raisedFrom && !params.has('raisedFrom')) params.set('raisedFrom', range.raisedFrom);
  if (range.raisedTo && !params.has('raisedTo')) params.set('raisedTo', range.raisedTo);
  const query = params.toString();
  return query ? `/cases?${query}` : '/cases';
}

/** The chart of cases raised per month, as the page draws it in SVG (coordinates in viewBox units). */
export interface RaisedChart {
  width: number;
  height: number;
  /** Ids of the title and description elements (aria-labelledby). */
  titleId: string;
  descId: string;
  title: string;
  desc: string;
  baseline: { x1: number; x2: number; y: number };
  gridlines: Array<{ y: number; label: string; labelY: number }>;
  bars: Array<{ x: number; y: number; width: number; height: number; month: string; tooltip: string }>;
  monthLabels: Array<{ x: number; y: number; text: string }>;
}

const CHART = { width: 720, height: 300, left: 48, right: 12, top: 16, bottom: 48 };

/** A round step for the vertical scale: 1, 2 or 5 times a power of ten, giving at most 5 lines. */
function stepFor(max: number): number {
  if (max <= 5) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((k) => k * power).find((s) => s >= rough) ?? 10 * power;
}

/**
 * The bars of cases raised in each month, scaled to the busiest month, with horizontal grid lines
 * at round numbers and every third month named under its bar (the table below names every one).
 * Its title and description say what it shows in words, so that it reads without the picture.
 */
export function raisedChart(months: BoardStatistics['raisedByMonth']): RaisedChart | null {
  if (months.length === 0) return null;
  const max = Math.max(0, ...months.map((m) => m.count));
  const step = stepFor(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const slot = plotWidth / months.length;
  const barWidth = Math.max(2, Math.round(slot * 0.7 * 10) / 10);
  const baseY = CHART.top + plotHeight;
  const yOf = (value: number) => Math.round((baseY - (value / top) * plotHeight) * 10) / 10;
  const gridlines = [];
  for (let v = 0; v <= top; v += step) gridlines.push({ y: yOf(v), label: String(v), labelY: yOf(v) + 5 });
  const bars = months.map((m, i) => {
    const x = Math.round((CHART.left + i * slot + (slot - barWidth) / 2) * 10) / 10;
    const y = yOf(m.count);
    return { x, y, width: barWidth, height: Math.round((baseY - y) * 10) / 10, month: m.month, tooltip: `${monthLabel(m.month)}: ${casesText(m.count)}` };
  });
  const monthLabels = months
    .map((m, i) => ({ i, m }))
    .filter(({ i }) => (months.length - 1 - i) % 3 === 0)
    .map(({ i, m }) => {
      const [year, month] = m.month.split('-');
      return { x: Math.round((CHART.left + i * slot + slot / 2) * 10) / 10, y: baseY + 22, text: `${MONTHS[Number(month) - 1].slice(0, 3)} ${year.slice(2)}` };
    });
  const first = monthLabel(months[0].month);
  const last = monthLabel(months[months.length - 1].month);
  const total = months.reduce((sum, m) => sum + m.count, 0);
  const busiest = months.reduce((a, b) => (b.count > a.count ? b : a));
  const desc =
    total === 0
      ? `No case was raised from ${first} to ${last}.`
      : `Bar chart of the cases raised each month from ${first} to ${last}: ${casesText(total)} in all, ` +
        `the most in ${monthLabel(busiest.month)} (${casesText(busiest.count)}). The table below gives every month's figure.`;
  return {
    width: CHART.width,
    height: CHART.height,
    titleId: 'raised-chart-title',
    descId: 'raised-chart-desc',
    title: `Cases raised each month, ${first} to ${last}`,
    desc,
    baseline: { x1: CHART.left, x2: CHART.width - CHART.right, y: baseY },
    gridlines,
    bars,
    monthLabels,
  };
}

/** What the board page shows of the figures: every count with the link to the cases behind it. */
export function boardPageFigures(s: BoardStatistics) {
  const href = (filters: Record<string, string | undefined>) => casesHref(s.range, filters);
  const monitoring = s.byOutcome.find((o) => o.outcome === 'monitoring')?.count ?? 0;
  const maxOf = (values: number[]) => Math.max(0, ...values);
  const bar = (value: number, max: number) => (max === 0 ? 0 : Math.round((value / max) * 100));
  const maxStage = maxOf(s.byStage.map((x) => x.count));
  const maxUndertaking = maxOf(s.byUndertaking.map((x) => x.count));
  return {
    rangeText:
      s.range.raisedFrom && s.range.raisedTo
        ? `raised from ${dayLabel(s.range.raisedFrom)} to ${dayLabel(s.range.raisedTo)}`
        : s.range.raisedFrom
          ? `raised on or after ${dayLabel(s.range.raisedFrom)}`
          : s.range.raisedTo
            ? `raised on or before ${dayLabel(s.range.raisedTo)}`
            : null,
    allHref: href({}),
    headline: [
      { id: 'open', count: s.headline.open, text: s.headline.open === 1 ? 'open case' : 'open cases', href: href({ outcome: 'open' }) },
      {
        id: 'resolved',
        count: s.headline.resolved,
        text: 'resolved',
        hint: monitoring > 0 ? `of which ${monitoring} with an agreement still being carried out` : null,
        href: href({ outcome: RESOLVED_OUTCOMES.join(',') }),
      },
      { id: 'withdrawn', count: s.headline.withdrawn, text: 'withdrawn', href: href({ outcome: 'withdrawn' }) },
    ],
    medianAge: s.headline.medianAgeDays === null ? null : { days: s.headline.medianAgeDays, href: href({ outcome: 'open' }) },
    outcomes: s.byOutcome.map((o) => ({ ...o, label: OUTCOME_LABELS[o.outcome], href: href({ outcome: o.outcome }) })),
    chart: raisedChart(s.raisedByMonth),
    months: s.raisedByMonth.map((m) => ({ ...m, label: monthLabel(m.month), href: casesHref(s.range, { raisedFrom: m.from, raisedTo: m.to }) })),
    resolvedAtStage: s.resolvedAtStage.map((x) => ({ ...x, href: href({ resolvedStage: x.stage }) })),
    byStage: s.byStage.map((x) => ({ ...x, bar: bar(x.count, maxStage), href: href({ stage: x.stage }) })),
    byUndertaking: s.byUndertaking.map((x) => ({ ...x, bar: bar(x.count, maxUndertaking), href: href({ undertaking: x.undertaking }) })),
    deadlineTotal: s.deadlines.met + s.deadlines.missed,
    missedHref: href({ missed: 'yes' }),
    missedByOrganisation: s.missedByOrganisation.map((o) => ({ ...o, href: href({ missedBy: o.organisationId }) })),
    byOrganisation: s.byOrganisation.map((o) => ({
      ...o,
      claimantHref: href({ organisation: o.organisationId, part: 'claimant' }),
      respondentHref: href({ organisation: o.organisationId, part: 'respondent' }),
      mediatorHref: href({ organisation: o.organisationId, part: 'mediator' }),
    })),
  };
}
