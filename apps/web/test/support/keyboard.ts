import type { Page } from 'playwright-core';

// Driving the console with the keyboard alone, as a person who uses no mouse does: Tab until the wanted control has
// the focus (checking on the way that every stop shows a focus indicator), then type or press Enter / Space.

export interface Focused {
  tag: string;
  role: string | null;
  type: string | null;
  name: string;
  /** A visible focus indicator: an outline, or a box-shadow ring. */
  indicated: boolean;
  /** tabindex="-1": focused by the app (a page's heading after navigation), never a Tab stop. */
  programmatic: boolean;
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) {
      return { tag: 'body', role: null, type: null, name: '', indicated: false, programmatic: false };
    }
    const style = getComputedStyle(el);
    const labelled = el.getAttribute('aria-labelledby');
    const byLabel =
      (el as HTMLInputElement).labels?.[0]?.textContent ??
      (labelled ? document.getElementById(labelled.split(' ')[0])?.textContent : null);
    const name = (el.getAttribute('aria-label') ?? byLabel ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const indicated =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) ||
      (style.boxShadow !== 'none' && style.boxShadow !== '');
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      type: el.getAttribute('type'),
      name,
      indicated,
      programmatic: el.getAttribute('tabindex') === '-1',
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's accessible name matches; throws after `max` stops, or
 * when a stop shows no focus indicator (WCAG 2.4.7).
 */
export async function tabTo(page: Page, name: RegExp, { max = 60, backwards = false } = {}): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    // a page that moved the focus to its heading while a key was on its way: that is no Tab stop, press again
    if (f.programmatic && !name.test(f.name)) continue;
    if (f.tag !== 'body' && !f.indicated) {
      throw new Error(`focus on <${f.tag}> "${f.name}" has no visible indicator`);
    }
    if (name.test(f.name)) return f;
  }
  throw new Error(`no control named ${name} within ${max} Tab presses`);
}

/**
 * Types a datetime-local value ("2026-03-01T14:05") into the focused input, segment by segment as Chromium's
 * en-US field takes it: month, day, year, hour (12 h), minute, AM/PM. The focus must be on the first segment (Tab
 * into the field; each segment is a Tab stop of its own).
 */
export async function typeDateTime(page: Page, value: string): Promise<void> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) throw new Error(`not a datetime-local value: ${value}`);
  const [, y, mo, d, hh, mm] = m;
  const h = Number(hh);
  const h12 = String(h % 12 === 0 ? 12 : h % 12).padStart(2, '0');
  await page.keyboard.type(`${mo}${d}${y}`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(`${h12}${mm}`);
  await page.keyboard.type(h < 12 ? 'A' : 'P');
}
