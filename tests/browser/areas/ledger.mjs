// areas/ledger.mjs: the ledger page in chromium: the chart with balances, the trial balance
// (zero after everything the earlier tests did: the legacy import, the cashier's session, the
// void and refund), a manual entry typed in the dialog and its reversal.

export default function ({ test, newPage, loginOk, open, expectText, settled, shot, calmShot, input, apiIn, must }) {
  test('ledger', 'the ledger: chart, trial balance in balance, a manual entry and its reversal', async () => {
    const page = await newPage();
    await loginOk(page);
    await open(page, '/finance/ledger?tab=accounts', 'page-ledger');
    await page.waitForSelector('[data-test=accounts-table] .el-table__row');
    await expectText(page, '[data-test=accounts-table]', '库存现金-收银台', 'the drawer account');
    await expectText(page, '[data-test=accounts-table]', '储值负债-本金', 'the stored-value account');

    await page.click('.el-tabs__item#tab-trial');
    await expectText(page, '[data-test=tb-status]', '借贷平衡', 'the trial balance');
    const tb = must(await apiIn(page, 'GET', '/ledger/trial-balance'), 'trial balance', 200);
    if (tb.difference_fen !== 0 || !tb.balanced) throw new Error('the books do not balance: ' + JSON.stringify(tb).slice(0, 200));
    await settled(page);
    await calmShot(page, 'ledger-trial-zh');

    // A manual entry: the opening bank balance of 5,000.00 against opening equity.
    await page.click('[data-test=manual-entry]');
    await page.waitForSelector('[data-test=manual-dialog] [data-test=manual-memo]');
    await page.fill(input('manual-memo'), '期初银行存款');
    for (const [i, code] of [[0, '1005'], [1, '3001']]) {
      await page.click(`[data-test=manual-account-${i}]`);
      await page.keyboard.type(code);
      await page.locator('.el-select-dropdown__item:visible', { hasText: code }).first().click();
    }
    await page.fill(input('manual-debit-0'), '5000');
    await page.fill(input('manual-credit-1'), '5000.00');
    await expectText(page, '[data-test=manual-totals]', '借方合计 ¥5,000.00 · 贷方合计 ¥5,000.00', 'the dialog adds up');
    await page.click('[data-test=manual-save]');
    await page.waitForSelector('[data-test=manual-dialog]', { state: 'hidden' });

    await page.click('.el-tabs__item#tab-journal');
    await expectText(page, '[data-test=journal-table]', '期初银行存款', 'the entry in the journal');
    const list = must(await apiIn(page, 'GET', '/ledger/entries?source_kind=manual'), 'entries', 200);
    const entry = list.items.find((e) => e.memo === '期初银行存款');
    if (!entry || entry.amount_fen !== 500000) throw new Error('the manual entry was not posted for 5,000.00');
    await page.click(`[data-test=reverse-${entry.id}]`);
    await page.fill(input('reverse-reason'), '金额记错');
    await page.click('[data-test=reverse-save]');
    await expectText(page, '[data-test=journal-table]', `已被 #`, 'the entry shows its reversal');
    const after = must(await apiIn(page, 'GET', `/ledger/entries/${entry.id}`), 'entry', 200);
    if (!after.reversed_by_id) throw new Error('the entry has no reversal');
    await settled(page);
    await calmShot(page, 'ledger-journal-zh');
    if (page.errors.length) throw new Error('page errors: ' + page.errors.join('; '));
    await page.context().close();
  });
}
