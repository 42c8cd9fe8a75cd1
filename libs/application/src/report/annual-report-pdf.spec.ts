import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnualReport } from './annual-report';
import { annualReportToPdf } from './annual-report-pdf';

/** A report as the use case builds it, with made-up figures. */
export function sampleReport(over: Partial<AnnualReport> = {}): AnnualReport {
  return {
    year: 2025,
    status: 'draft',
    generatedAt: '2025-12-31T12:00:00.000Z',
    minCount: 5,
    licence: { name: 'OGL-UK-3.0', title: 'Open Government Licence v3.0' },
    register: [
      {
        name: 'cases-by-quarter',
        title: 'Cases by quarter',
        description: 'Cases raised, resolved and withdrawn in each quarter.',
        fields: [
          { name: 'quarter', type: 'string', title: 'Quarter' },
          { name: 'raised', type: 'integer', title: 'Raised' },
        ],
        rows: [
          { quarter: 'Q1', raised: 17 },
          { quarter: 'Q2', raised: null },
        ],
        withheldText: 'fewer than 5',
      },
    ],
    feedback: [
      {
        name: 'feedback-by-stage',
        title: 'Feedback by stage reached',
        description: 'Response rates and scores.',
        fields: [
          { name: 'stage', type: 'string', title: 'Stage reached' },
          { name: 'responses', type: 'integer', title: 'Responses' },
        ],
        rows: [{ stage: 'Negotiation', responses: 23 }],
        withheldText: 'fewer than 5',
      },
    ],
    mostCited: null,
    lessons: 'Notice periods were too short.\n\nConsultations ran 6 weeks.',
    boardResponse: 'The council will give 3 months’ notice.',
    lastSaved: null,
    signedOff: null,
    version: 1,
    ...over,
  };
}

function pdfTools(pdf: Buffer): { text: string; info: string } {
  const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return {
      text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
      info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('annualReportToPdf', () => {
  it('writes a tagged PDF with the title, language, figures, withheld figures and the board’s texts', async () => {
    const pdf = await annualReportToPdf(sampleReport(), 'Southampton Compact');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, info } = pdfTools(pdf);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Southampton Compact: annual report 2025/);
    expect(pdf.toString('latin1')).toMatch(/\/Lang \(en-GB\)/);
    expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot/);
    expect(text).toContain('Cases by quarter');
    expect(text).toMatch(/Q1\s+17/);
    expect(text).toMatch(/Q2\s+fewer than 5/);
    expect(text).toMatch(/Negotiation\s+23/);
    expect(text).toContain('Notice periods were too short.');
    expect(text).toContain('The council will give 3 months’ notice.');
    expect(text).toContain('Draft, not signed off');
    expect(text).toContain('Annual report 2025 - page 1 of 1');
  });

  it('numbers every page and says who signed off', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Lesson number ${i + 1}.`).join('\n\n');
    const pdf = await annualReportToPdf(
      sampleReport({ lessons: long, status: 'signed-off', signedOff: { at: '2026-01-15T10:00:00.000Z', by: { userId: 'u', name: 'Bo Ard' } } }),
      'Southampton Compact',
    );
    const { text, info } = pdfTools(pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n += 1) expect(text).toContain(`Annual report 2025 - page ${n} of ${pages}`);
    expect(text).toContain('Signed off by Bo Ard on Thursday 15 January 2026');
    expect(text).toContain('Lesson number 120.');
  });

  it('shows characters the standard fonts lack as "?" rather than as wrong glyphs', async () => {
    const { text } = pdfTools(await annualReportToPdf(sampleReport({ lessons: 'Café – “quoted” 😀 ŵ' }), 'Compact'));
    expect(text).toContain('Café – “quoted” ? ?');
  });
});
