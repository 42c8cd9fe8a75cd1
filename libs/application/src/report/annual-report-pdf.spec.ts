import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleReport } from '../../../../test/support/annual-report.fixture';
import { annualReportToPdf } from './annual-report-pdf';

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
