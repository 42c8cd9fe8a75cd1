import { Page } from 'playwright-core';

/** What makes a page scroll sideways: how wide the document is against the screen, and the elements that stick out. */
export interface SidewaysScroll {
  url: string;
  scrollWidth: number;
  clientWidth: number;
  /** The outermost elements whose box passes the right edge (their parent fits), widest first: the likely cause. */
  outermost: string[];
  /** The widest element of all that passes the edge. */
  widest: string;
}

/**
 * Null when the page fits its screen (document.documentElement.scrollWidth <= clientWidth);
 * otherwise which elements stick out, each described as `tag#id.class "text…" (N px wide, right edge at R px)`.
 * Runs through Playwright's own evaluation, so it also works in a context with the page's scripts off.
 */
export async function sidewaysScroll(page: Page): Promise<SidewaysScroll | null> {
  const found = await page.evaluate(() => {
    const doc = (globalThis as any).document;
    const root = doc.documentElement;
    const clientWidth: number = root.clientWidth;
    const scrollWidth: number = root.scrollWidth;
    if (scrollWidth <= clientWidth) return null;
    const describe = (el: any) => {
      const r = el.getBoundingClientRect();
      const id = el.id ? `#${el.id}` : '';
      const classes = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = String(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return { text: `${el.tagName.toLowerCase()}${id}${classes} "${text}" (${Math.round(r.width)} px wide, right edge at ${Math.round(r.right)} px)`, width: r.width };
    };
    const sticksOut = (el: any) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > clientWidth + 0.5;
    };
    const all = [...doc.body.querySelectorAll('*')].filter(sticksOut);
    const outermost = all.filter((el) => !el.parentElement || el.parentElement === doc.body || !sticksOut(el.parentElement));
    const widest = all.reduce((a: any, b: any) => (b.getBoundingClientRect().width > a.getBoundingClientRect().width ? b : a), all[0]);
    return {
      scrollWidth,
      clientWidth,
      outermost: outermost
        .map(describe)
        .sort((a, b) => b.width - a.width)
        .slice(0, 5)
        .map((d) => d.text),
      widest: widest ? describe(widest).text : '(no element found: the document itself)',
    };
  });
  return found ? { url: page.url(), ...found } : null;
}

export function describeSidewaysScroll(name: string, s: SidewaysScroll): string {
  return `${name} (${s.url}) is ${s.scrollWidth} px wide on a ${s.clientWidth} px screen; widest: ${s.widest}; sticking out: ${s.outermost.join('; ')}`;
}
