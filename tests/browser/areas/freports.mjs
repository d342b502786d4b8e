// areas/freports.mjs: the finance reports page (财务管理表) in chromium. Every figure the page
// shows is the server's: the test reads the same report from the API (the page's own session)
// and checks that the page shows exactly it, formatted as the page formats money.
//
//   freports         this month (the default range, with what the front-desk tests posted
//                    today): the totals of the finance table, then each tab (利润表, 现金流,
//                    长短款, 备用金, 储值负债) against its report; quick picks and grouping by
//                    month; the print view without navigation or controls.
//   freports-legacy  February 2019 of the imported legacy KTV (case I1's bills, posted to the
//                    books by the import): the month's income, expense and profit on the page
//                    and in the API, a row per day, the .xlsx downloaded with the export button
//                    (a zip of some size) and the CSV (the same totals); the page in English.
import fs from 'node:fs';

/** "1,350.00" from integer fen, as the page writes money. */
function money(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + yuan + '.' + String(a % 100).padStart(2, '0');
}

/** "¥1,350.00" / "-¥12.50" from integer fen, as the page writes an amount with its sign. */
function yuan(fen) {
  const s = money(fen);
  return s.startsWith('-') ? '-¥' + s.slice(1) : '¥' + s;
}

/** "1350.00" from integer fen, as the CSV export writes money. */
function plain(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return (neg ? '-' : '') + String(Math.floor(a / 100)) + '.' + String(a % 100).padStart(2, '0');
}

export default function ({ test, state, newPage, loginOk, open, settled, calmShot, shot, apiIn, must, sleep, STEP_MS }) {
  /** Waits until the text of selector is exactly want (spaces trimmed); fails with what it saw. */
  async function exact(page, selector, want, what) {
    const loc = page.locator(selector).first();
    const deadline = Date.now() + STEP_MS;
    let seen = '';
    while (Date.now() < deadline) {
      try {
        seen = ((await loc.textContent({ timeout: 1000 })) || '').replace(/\s+/g, ' ').trim();
      } catch {
        seen = '(element missing)';
      }
      if (seen === want) return;
      await sleep(150);
    }
    throw new Error(`${what || selector}: expected "${want}", saw "${seen.slice(0, 120)}"`);
  }

  /** The query of a range for the API. */
  const qs = (from, to, group) => `from=${from}&to=${to}&group=${group}`;

  /** The finance table's totals on the page equal the API's report of the same range. */
  async function tableAgrees(page, from, to, group) {
    const r = must(await apiIn(page, 'GET', `/finance/reports/table?${qs(from, to, group)}`), 'finance table', 200);
    const t = r.totals;
    await exact(page, '[data-test=total-revenue]', money(t.revenue_fen), 'total revenue');
    await exact(page, '[data-test=total-income]', money(t.net_revenue_fen), 'total income (net revenue)');
    await exact(page, '[data-test=total-other-income]', money(t.other_income_fen), 'total other income');
    await exact(page, '[data-test=total-expense]', money(t.expense_fen), 'total expense');
    await exact(page, '[data-test=total-profit]', money(t.profit_fen), 'total profit');
    await exact(page, '[data-test=total-cash-in]', money(t.cash_in_fen), 'money in');
    await exact(page, '[data-test=total-cash-closing]', money(t.cash_closing_fen), 'cash at the end');
    await exact(page, '[data-test=kpi-profit] .kpi-number', money(t.profit_fen), 'the profit card');
    await exact(page, '[data-test=st-profit]', money(t.profit_fen), 'the profit by category');
    const rows = await page.locator('[data-test=table-periods] tbody tr').count();
    if (rows !== r.periods.length) throw new Error(`the period table has ${rows} rows, the report ${r.periods.length}`);
    return r;
  }

  async function tab(page, name) {
    await page.click(`[data-test=tab-${name}]`);
    await page.waitForSelector(`#pane-${name} .panel, #pane-${name} .kpi-grid`);
    await settled(page);
  }

  test('freports', 'finance reports: this month\'s totals as the API has them, every tab, quick picks, grouping, print view', async () => {
    const page = await newPage();
    await loginOk(page);
    // The default range: this month up to the business day, by day.
    await open(page, '/finance/reports', 'page-freports');
    await page.waitForSelector('[data-test=table-periods]');
    await settled(page);
    const label = await page.textContent('[data-test=fr-range]');
    const m = /(\d{4}-\d{2}-\d{2}) 至 (\d{4}-\d{2}-\d{2})/.exec(label || '');
    if (!m) throw new Error('no range shown: ' + label);
    const [, from, to] = m;
    if (!from.endsWith('-01') || from.slice(0, 7) !== to.slice(0, 7)) throw new Error(`the default range is ${from} to ${to}, not this month`);
    if (!(await page.isVisible('[data-test=quick-thisMonth].is-active'))) throw new Error('this month is not the chosen quick pick');
    const table = await tableAgrees(page, from, to, 'day');
    if (table.group !== 'day') throw new Error('this month is not by day');
    if (!(await page.$('[data-test=chart-income] canvas'))) throw new Error('the income chart is not drawn');
    await calmShot(page, 'freports-table-zh');

    // Every tab shows its report for the same range.
    await tab(page, 'pnl');
    const pnl = must(await apiIn(page, 'GET', `/finance/reports/pnl?${qs(from, to, 'month')}`), 'pnl', 200);
    await exact(page, '[data-test=pnl-profit]', money(pnl.totals.profit_fen), 'P&L profit');
    await exact(page, '[data-test=pnl-net_revenue]', money(pnl.totals.net_revenue_fen), 'P&L net revenue');
    await exact(page, '[data-test=pnl-expense]', money(pnl.totals.expense_fen), 'P&L expenses');
    if (pnl.totals.profit_fen !== table.totals.profit_fen) throw new Error('the P&L and the finance table disagree on the profit');
    await calmShot(page, 'freports-pnl-zh');

    await tab(page, 'cashflow');
    const cf = must(await apiIn(page, 'GET', `/finance/reports/cashflow?${qs(from, to, 'day')}`), 'cash flow', 200);
    await exact(page, '[data-test=cf-closing] .kpi-number', money(cf.totals.closing_fen), 'cash at the end');
    await exact(page, '[data-test=cf-total-in]', money(cf.totals.in_fen), 'money in by class');
    await exact(page, '[data-test=cf-total-out]', money(cf.totals.out_fen), 'money out by class');
    await exact(page, '[data-test=cf-net]', yuan(cf.totals.net_fen), 'net money in');
    const verdict = cf.balanced ? '账实相符' : '不一致';
    if (!((await page.textContent('[data-test=cf-balanced]')) || '').includes(verdict)) throw new Error('the cash flow verdict is not ' + verdict);
    await calmShot(page, 'freports-cashflow-zh');

    await tab(page, 'overshort');
    const os = must(await apiIn(page, 'GET', `/finance/reports/over-short?${qs(from, to, 'month')}`), 'over/short', 200);
    await exact(page, '[data-test=os-total-shifts]', String(os.totals.shifts), 'shifts');
    await exact(page, '[data-test=os-total-over]', money(os.totals.over_fen), 'overs');
    await exact(page, '[data-test=os-total-short]', money(os.totals.short_fen), 'shorts');
    await exact(page, '[data-test=os-owed] .kpi-number', money(os.totals.owed_fen), 'owed');
    // By month only: the grouping switch says so and cannot be changed here.
    if (!(await page.$eval('[data-test=group-day]', (el) => el.classList.contains('is-disabled')))) throw new Error('over/short offers to group by day');
    await calmShot(page, 'freports-overshort-zh');

    await tab(page, 'petty');
    const pc = must(await apiIn(page, 'GET', `/finance/reports/petty?${qs(from, to, 'day')}`), 'petty cash', 200);
    await exact(page, '[data-test=pc-cash]', yuan(pc.status.cash_fen), 'petty cash on hand');
    await exact(page, '[data-test=pc-issued]', yuan(pc.status.issued_fen), 'petty cash issued');
    if (pc.status.imprest_fen !== null) {
      await exact(page, '[data-test=pc-imprest]', yuan(pc.status.imprest_fen), 'the imprest');
      await exact(page, '[data-test=pc-awaiting]', yuan(pc.status.awaiting_fen), 'to replenish');
      const holds = pc.status.awaiting_fen >= 0;
      if (((await page.textContent('[data-test=pc-invariant]')) || '').includes('= 定额') !== holds) throw new Error('the invariant line is wrong');
    } else {
      await exact(page, '[data-test=pc-invariant]', '尚未设立备用金定额，只显示总账余额', 'no imprest');
    }
    await calmShot(page, 'freports-petty-zh');

    await tab(page, 'liability');
    const sv = must(await apiIn(page, 'GET', `/finance/reports/liability?${qs(from, to, 'day')}`), 'liability', 200);
    await exact(page, '[data-test=sv-total-closing]', money(sv.totals.closing_fen), 'the liability');
    await exact(page, '[data-test=sv-total-increase]', money(sv.totals.increase_fen), 'its increase');
    const principal = sv.accounts.find((a) => a.key === 'sv_principal');
    const bonus = sv.accounts.find((a) => a.key === 'sv_bonus');
    if (principal) await exact(page, '[data-test=sv-principal] .kpi-number', money(principal.closing_fen), 'principal');
    if (bonus) await exact(page, '[data-test=sv-bonus] .kpi-number', money(bonus.closing_fen), 'bonus');
    await calmShot(page, 'freports-liability-zh');

    // This year by month (the quick pick), back on the finance table.
    await tab(page, 'table');
    await page.click('[data-test=quick-thisYear]');
    await page.waitForFunction(() => (document.querySelector('[data-test=table-periods] thead th')?.textContent || '').trim() === '月份');
    await settled(page);
    const year = from.slice(0, 4);
    const byMonth = await tableAgrees(page, year + '-01-01', to, 'month');
    if (byMonth.group !== 'month' || byMonth.periods.length !== Number(to.slice(5, 7))) throw new Error('this year is not one row per month');
    const hash = await page.evaluate(() => location.hash);
    if (!hash.includes(`from=${year}-01-01`) || !hash.includes('group=month')) throw new Error('the address does not keep the range: ' + hash);

    // Print: the page prints itself; on paper, no navigation, no filters, no tabs.
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await page.click('[data-test=print]');
    await page.waitForFunction(() => window.__printed === true);
    await page.emulateMedia({ media: 'print' });
    await page.waitForSelector('.fr-print-head', { state: 'visible' });
    for (const sel of ['.sidebar', '.topbar', '.filter-panel', '[data-test=export-xlsx]', '.fr-tabs .el-tabs__header'])
      if (await page.isVisible(sel)) throw new Error(`${sel} shows in the print view`);
    if (!((await page.textContent('.fr-print-head h2')) || '').includes('财务管理表')) throw new Error('the printed title is not 财务管理表');
    await shot(page, 'freports-print-zh');
    await page.emulateMedia({ media: 'screen' });
    if (page.errors.length) throw new Error('page errors: ' + page.errors.join('; '));
    await page.context().close();
  });

  test('freports-legacy', 'finance reports of February 2019 (legacy import): page = API, Excel and CSV exports, English', async () => {
    if (!state.importOk) throw new Error(state.importWhy || 'the legacy KTV was not imported');
    const from = '2019-02-01', to = '2019-02-28';
    const page = await newPage();
    await loginOk(page);
    await open(page, `/finance/reports?from=${from}&to=${to}&group=day`, 'page-freports');
    await page.waitForSelector('[data-test=table-periods] tbody tr');
    await settled(page);
    const r = await tableAgrees(page, from, to, 'day');
    // Known activity: the month's imported bills are revenue (2019-02-05 alone is 6,174.00).
    if (!(r.totals.revenue_fen > 617400)) throw new Error('February 2019 has no revenue in the books: ' + JSON.stringify(r.totals));
    if (r.periods.length !== 28) throw new Error(`February 2019 has ${r.periods.length} days`);
    const day5 = r.periods.find((p) => p.period === '2019-02-05');
    await page.waitForSelector('[data-test=period-2019-02-05]');
    const day5text = (await page.textContent('[data-test=period-2019-02-05]')) || '';
    if (!day5text.includes(money(day5.revenue_fen)) || !day5text.includes(money(day5.profit_fen))) throw new Error('the row of 2019-02-05 is not the report\'s: ' + day5text);
    if (!(await page.$('[data-test=chart-categories] canvas')) || !(await page.$('[data-test=chart-channels] canvas'))) throw new Error('the pies are not drawn');
    await calmShot(page, 'freports-legacy-zh');

    // The Excel export of the same range (the export button, a real download).
    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: STEP_MS }), page.click('[data-test=export-xlsx]')]);
    const bytes = fs.readFileSync(await xlsx.path());
    if (bytes.subarray(0, 2).toString('latin1') !== 'PK') throw new Error(`the export is not an xlsx file (${xlsx.suggestedFilename()})`);
    if (bytes.length < 4000) throw new Error(`the workbook is only ${bytes.length} bytes`);
    if (!xlsx.suggestedFilename().endsWith(`${from}_${to}.xlsx`)) throw new Error('the workbook is named ' + xlsx.suggestedFilename());
    // The CSV: the same totals, as plain numbers.
    const [csv] = await Promise.all([page.waitForEvent('download', { timeout: STEP_MS }), page.click('[data-test=export-csv]')]);
    const text = fs.readFileSync(await csv.path(), 'utf8');
    for (const [label, fen] of [['营业收入合计', r.totals.revenue_fen], ['营业收入净额', r.totals.net_revenue_fen], ['成本费用合计', r.totals.expense_fen], ['利润', r.totals.profit_fen]])
      if (!text.includes(`\n${label},,${plain(fen)}`)) throw new Error(`the CSV lacks "${label},,${plain(fen)}"`);
    // A link to January on the same page (the address changes, the page stays mounted): the
    // page shows January, not February.
    const jan = must(await apiIn(page, 'GET', '/finance/reports/table?from=2019-01-01&to=2019-01-31&group=day'), 'january', 200);
    await page.evaluate(() => { location.hash = '#/finance/reports?tab=table&from=2019-01-01&to=2019-01-31&group=day'; });
    await exact(page, '[data-test=total-profit]', money(jan.totals.profit_fen), 'January\'s profit after the link');
    if (page.errors.length) throw new Error('page errors: ' + page.errors.join('; '));
    await page.context().close();

    // The same page in English.
    const en = await newPage({ lang: 'en' });
    await loginOk(en);
    await open(en, `/finance/reports?from=${from}&to=${to}&group=day`, 'page-freports');
    await en.waitForSelector('[data-test=table-periods] tbody tr');
    await settled(en);
    await exact(en, '.page-title', 'Finance reports', 'the English title');
    await exact(en, '[data-test=tab-pnl]', 'Profit & loss', 'the English tab');
    await exact(en, '[data-test=total-profit]', money(r.totals.profit_fen), 'the profit in English');
    await calmShot(en, 'freports-legacy-en');
    if (en.errors.length) throw new Error('page errors: ' + en.errors.join('; '));
    await en.context().close();
  });
}
