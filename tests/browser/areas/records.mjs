// areas/records.mjs: the income and expense page (财务收支) in chromium: a record typed into the
// dialog shows in the list with the totals of the filter; its receipt uploaded from the drawer
// comes back as the picture; a record above the approval amount waits, its writer sees no
// approve button, and another manager approves it from the drawer; the English page.

// A 2x2 red PNG: a real picture, so the browser can draw what the server serves back.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64');

/** "1,350.00" from integer fen, as the page writes money. */
function money(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + yuan + '.' + String(a % 100).padStart(2, '0');
}

export default function ({ test, testAfterReview, state, cli, newPage, login, loginOk, open, expectText, settled, calmShot, input, apiIn, must }) {
  /** Types a new record and presses save, leaving the dialog as the server's answer left it. */
  async function typeRecordOnly(page, { category, amount, channel, counterparty, note }) {
    await page.click('[data-test=rec-new]');
    await page.waitForSelector('[data-test=rec-dialog] [data-test=rec-amount]');
    await page.fill(input('rec-amount'), amount);
    await page.click('[data-test=rec-category]');
    await page.keyboard.type(category);
    await page.locator('.el-select-dropdown__item:visible', { hasText: category }).first().click();
    await page.click(`[data-test=rec-channel-${channel}]`);
    await page.fill(input('rec-counterparty'), counterparty);
    await page.fill('textarea[data-test=rec-note], [data-test=rec-note] textarea', note);
    await page.click('[data-test=rec-submit]');
  }
  /** Types a new record into the dialog and saves it. */
  async function typeRecord(page, fields) {
    await typeRecordOnly(page, fields);
    await page.waitForSelector('[data-test=rec-dialog]', { state: 'hidden' });
  }

  test('records', 'income and expense: a record typed in, listed with the totals, its receipt, approval by another manager', async () => {
    const page = await newPage();
    await loginOk(page);
    await open(page, '/finance/records', 'page-records');
    await page.waitForSelector('[data-test=rec-table]');

    // Rent 350.00 by bank: posted at once (below 1,000.00).
    await typeRecord(page, { category: '6001', amount: '350.00', channel: 'bank', counterparty: '星河物业（浏览器）', note: '浏览器测试房租' });
    await expectText(page, '[data-test=rec-table]', '星河物业（浏览器）', 'the record in the list');
    await expectText(page, '[data-test=rec-table]', '-350.00', 'its amount');
    await expectText(page, '[data-test=rec-table]', '已入账', 'its status');
    const list = must(await apiIn(page, 'GET', `/finance/records?q=${encodeURIComponent('星河物业（浏览器）')}`), 'list', 200);
    if (list.total !== 1 || list.items[0].amount_fen !== 35000 || list.items[0].status !== 'posted')
      throw new Error('the record was not posted for 350.00: ' + JSON.stringify(list.items[0] || {}).slice(0, 200));
    const rec = list.items[0];
    // The totals shown are the server's for the page's filter.
    const q = new URL(page.url().replace('#/', '')).searchParams;
    const shown = must(await apiIn(page, 'GET', `/finance/records?from=${q.get('from')}&to=${q.get('to')}`), 'totals', 200);
    await expectText(page, '[data-test=rec-total-expense]', money(shown.totals.expense_fen), 'expense total');
    await expectText(page, '[data-test=rec-total-net]', money(shown.totals.net_fen), 'net total');
    if (shown.totals.expense_fen < 35000) throw new Error('the expense total misses the record');

    // Its entry and a receipt, from the drawer.
    await page.locator('[data-test=rec-table] .el-table__row', { hasText: '星河物业（浏览器）' }).first().click();
    await page.waitForSelector('[data-test=rec-drawer] [data-test=rec-lines]');
    await expectText(page, '[data-test=rec-lines]', '6001 房租物业', 'the debit line');
    await expectText(page, '[data-test=rec-lines]', '1005 银行存款', 'the credit line');
    await page.setInputFiles('[data-test=rec-receipt-input]', { name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForSelector('[data-test=rec-receipt-img]');
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-test=rec-receipt-img]');
      return img && img.complete && img.naturalWidth === 2;
    }, null, { timeout: 20000 });
    const after = must(await apiIn(page, 'GET', `/finance/records/${rec.id}`), 'record', 200);
    if (!after.record.receipt || after.record.receipt.bytes !== PNG.length) throw new Error('the receipt was not stored');
    await expectText(page, '[data-test=rec-history]', '上传票据', 'the history names the receipt');
    await settled(page);
    await calmShot(page, 'records-drawer-zh');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=rec-drawer]', { state: 'hidden' });

    // Repairs 1,500.00 by cash: above the approval amount, it waits; its writer cannot approve.
    await typeRecord(page, { category: '6004', amount: '1500', channel: 'cash', counterparty: '音响维修（浏览器）', note: '功放更换' });
    await expectText(page, '[data-test=rec-table]', '音响维修（浏览器）', 'the pending record in the list');
    const pend = must(await apiIn(page, 'GET', `/finance/records?q=${encodeURIComponent('音响维修（浏览器）')}`), 'list', 200);
    if (pend.items[0].status !== 'pending') throw new Error('a record of 1,500.00 did not wait for approval');
    await expectText(page, `[data-test=rec-status-${pend.items[0].id}]`, '待审批', 'pending status');
    await page.locator('[data-test=rec-table] .el-table__row', { hasText: '音响维修（浏览器）' }).first().click();
    await page.waitForSelector('[data-test=rec-drawer] [data-test=rec-drawer-status]');
    await expectText(page, '[data-test=rec-drawer-status]', '待审批', 'drawer status');
    if (await page.$('[data-test=rec-approve]')) throw new Error('the writer is offered the approval of their own record');
    await page.keyboard.press('Escape');
    await settled(page);
    await calmShot(page, 'records-zh');

    // Another manager approves it.
    const made = cli(['user', 'add', '--db', state.db, 'recmgr', '--role', 'manager', '--name', '王经理', '--password', 'manager-pass-2'], state.tmp);
    if (made.status !== 0 && !/exists|taken|已存在/.test(made.stderr)) throw new Error('cannot add the manager: ' + made.stderr);
    const boss = await newPage();
    await login(boss, 'manager-pass-2', 'recmgr');
    await boss.waitForSelector('[data-test=page-home]');
    await open(boss, `/finance/records?q=${encodeURIComponent('音响维修（浏览器）')}`, 'page-records');
    await boss.locator('[data-test=rec-table] .el-table__row', { hasText: '音响维修（浏览器）' }).first().click();
    await boss.click('[data-test=rec-approve]');
    await boss.locator('.el-message-box__btns .el-button--primary').click();
    await expectText(boss, '[data-test=rec-drawer-status]', '已入账', 'approved and posted');
    await expectText(boss, '[data-test=rec-history]', '审批通过并记账', 'the approval in the history');
    const done = must(await apiIn(boss, 'GET', `/finance/records/${pend.items[0].id}`), 'record', 200);
    if (done.record.status !== 'posted' || done.record.decided_by !== 'recmgr' || done.record.lines.length !== 2)
      throw new Error('the approval did not post: ' + JSON.stringify(done.record).slice(0, 200));
    if (boss.errors.length) throw new Error('page errors: ' + boss.errors.join('; '));
    await boss.context().close();
    if (page.errors.length) throw new Error('page errors: ' + page.errors.join('; '));
    await page.context().close();

    // The page in English.
    const en = await newPage({ lang: 'en' });
    await loginOk(en);
    await open(en, '/finance/records', 'page-records');
    await expectText(en, '[data-test=rec-table]', 'Posted', 'English status');
    await expectText(en, '[data-test=page-records]', 'Income & expense', 'English title');
    await settled(en);
    await calmShot(en, 'records-en');
    if (en.errors.length) throw new Error('page errors: ' + en.errors.join('; '));
    await en.context().close();
  });

  // Once the review has confirmed today, the day is locked: the page says so in the dialog and
  // nothing lands (no record, no journal entry); a manual entry through the API is refused too.
  testAfterReview('records-locked', 'a confirmed day is locked: a record dated in it is refused on the page, and nothing is written', async () => {
    const page = await newPage();
    await loginOk(page);
    const today = must(await apiIn(page, 'GET', '/frontdesk/board'), 'board', 200).business_day;
    if (!must(await apiIn(page, 'GET', `/business-days/${today}`), 'today', 200).confirmed)
      throw new Error(`the review did not confirm ${today}`);
    const entriesBefore = must(await apiIn(page, 'GET', '/ledger/trial-balance'), 'trial balance', 200);
    await open(page, '/finance/records', 'page-records');
    await page.waitForSelector('[data-test=rec-table]');
    await typeRecordOnly(page, { category: '6002', amount: '88.00', channel: 'cash', counterparty: '锁定日测试', note: '应被拒绝' });
    await expectText(page, '[data-test=rec-error]', `营业日 ${today} 已确认锁定`, 'the dialog names the locked day');
    await expectText(page, '[data-test=rec-error]', '冲销', 'and says how to correct');
    await settled(page);
    await calmShot(page, 'records-locked-zh');
    await page.keyboard.press('Escape');
    const none = must(await apiIn(page, 'GET', `/finance/records?q=${encodeURIComponent('锁定日测试')}`), 'list', 200);
    if (none.total !== 0) throw new Error('a record landed in the locked day');
    const manual = await apiIn(page, 'POST', '/ledger/entries', {
      day: today, memo: '锁定日补记', lines: [{ account: 'bank', debit_fen: 100 }, { account: 'equity_opening', credit_fen: 100 }],
    });
    if (manual.status !== 409 || manual.body.error.code !== 'day_locked')
      throw new Error('a manual entry into the locked day: HTTP ' + manual.status + ' ' + JSON.stringify(manual.body).slice(0, 200));
    const entriesAfter = must(await apiIn(page, 'GET', '/ledger/trial-balance'), 'trial balance', 200);
    if (JSON.stringify(entriesAfter) !== JSON.stringify(entriesBefore))
      throw new Error('the books moved although every write was refused');
    await page.context().close();
  });
}
