// areas/petty.mjs: the petty-cash page in chromium: the fund card shows the invariant
// 库存现金 + 未归还 + 待补充 = 定额 and that it holds; 500.00 issued to 小王 in the dialog, settled
// with 120.00 back and 380.00 of receipts, replenished; the register and its print view.
//
// The fund is set up through the API (3,000.00 from the safe) unless an earlier run of this
// server made it; every figure below is worked from there:
//   issue 500.00        cash 2,500.00 + outstanding 500.00 + to replenish 0      = 3,000.00
//   120 back + 380      cash 2,620.00 + outstanding 0      + to replenish 380.00 = 3,000.00
//   replenish 380.00    cash 3,000.00 + 0 + 0                                    = 3,000.00

export default function ({ test, newPage, loginOk, open, expectText, settled, shot, calmShot, input, apiIn, must }) {
  test('petty', 'petty cash: the invariant on the fund card, an issue settled in the dialog, replenished; the register prints', async () => {
    const page = await newPage();
    await loginOk(page);
    const before = must(await apiIn(page, 'GET', '/petty-cash'), 'petty cash', 200);
    if (!before.fund)
      must(await apiIn(page, 'POST', '/petty-cash/fund', { imprest_fen: 300000, source: 'safe', custodian: '刘敏' }), 'fund', 201);
    const base = must(await apiIn(page, 'GET', '/petty-cash'), 'petty cash', 200);
    if (base.status.cash_fen !== 300000 || base.status.imprest_fen !== 300000)
      throw new Error('the fund does not start full: ' + JSON.stringify(base.status));

    await open(page, '/finance/petty-cash', 'page-petty');
    await expectText(page, '[data-test=petty-imprest]', '3,000.00', 'the imprest');
    await expectText(page, '[data-test=petty-holds]', '账实相符', 'the invariant holds');

    // Issue 500.00 to 小王 in the dialog.
    await page.click('[data-test=petty-issue]');
    await page.waitForSelector('[data-test=issue-dialog] [data-test=issue-person]');
    await page.fill(input('issue-person'), '小王');
    await page.fill(input('issue-purpose'), '采购水果');
    await page.fill(input('issue-amount'), '500');
    await page.click('[data-test=issue-save]');
    await page.waitForSelector('[data-test=issue-dialog]', { state: 'hidden' });
    await expectText(page, '[data-test=petty-cash]', '2,500.00', 'cash after the issue');
    await expectText(page, '[data-test=petty-outstanding]', '500.00', 'outstanding after the issue');
    await expectText(page, '[data-test=petty-open]', '小王', 'the open issue');
    await settled(page);
    await calmShot(page, 'petty-issued-zh');

    // Settle it: 120.00 back, 380.00 of fruit receipts (6007 采购支出).
    const open1 = must(await apiIn(page, 'GET', '/petty-cash'), 'petty cash', 200);
    const issue = open1.open_issues.find((i) => i.person === '小王' && i.amount_fen === 50000);
    if (!issue) throw new Error('the issue to 小王 is not open');
    await page.click(`[data-test=settle-${issue.id}]`);
    await page.waitForSelector('[data-test=settle-dialog] [data-test=settle-returned]');
    await page.fill(input('settle-returned'), '120');
    await page.click('[data-test=settle-account-0]');
    await page.keyboard.type('6007');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '采购支出' }).first().click();
    await page.fill(input('settle-amount-0'), '380.00');
    await expectText(page, '[data-test=settle-sum]', '退回 ¥120.00 + 报销 ¥380.00 = ¥500.00 · 结清', 'the dialog adds up');
    await calmShot(page, 'petty-settle-dialog-zh', false);
    await page.click('[data-test=settle-save]');
    await page.waitForSelector('[data-test=settle-dialog]', { state: 'hidden' });
    await expectText(page, '[data-test=petty-cash]', '2,620.00', 'cash after the settlement');
    await expectText(page, '[data-test=petty-outstanding]', '0.00', 'nothing outstanding');
    await expectText(page, '[data-test=petty-receipted]', '380.00', 'to replenish');
    await expectText(page, '[data-test=petty-imprest]', '3,000.00', 'the imprest');
    await expectText(page, '[data-test=petty-holds]', '账实相符', 'the invariant still holds');
    await expectText(page, '[data-test=petty-ledger]', '备用金-库存 ¥2,620.00', 'the ledger agrees');
    await settled(page);
    await calmShot(page, 'petty-fund-zh');

    // Replenish what was receipted (the dialog proposes exactly that).
    await page.click('[data-test=petty-replenish]');
    await page.waitForSelector('[data-test=replenish-dialog] [data-test=replenish-amount]');
    const proposed = await page.inputValue(input('replenish-amount'));
    if (proposed !== '380.00') throw new Error('the replenishment proposed ' + proposed);
    await page.click('[data-test=replenish-save]');
    await page.waitForSelector('[data-test=replenish-dialog]', { state: 'hidden' });
    await expectText(page, '[data-test=petty-cash]', '3,000.00', 'cash back at the imprest');
    await expectText(page, '[data-test=petty-receipted]', '0.00', 'nothing to replenish');
    const after = must(await apiIn(page, 'GET', '/petty-cash'), 'petty cash', 200);
    if (!after.status.holds || !after.ledger.agrees || after.ledger.petty_cash_fen !== 300000)
      throw new Error('the fund does not hold after the replenishment: ' + JSON.stringify(after.status));

    // The movements, then the register of this month and its print view.
    await page.click('.el-tabs__item#tab-movements');
    await expectText(page, '[data-test=petty-movements]', '补充', 'the replenishment in the movements');
    await page.click('.el-tabs__item#tab-register');
    await expectText(page, '[data-test=petty-register]', '小王', 'the register');
    await expectText(page, '[data-test=petty-register] tfoot', '500.00', 'the register totals');
    await settled(page);
    await calmShot(page, 'petty-register-zh');
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await page.click('[data-test=register-print]');
    if (!(await page.evaluate(() => window.__printed === true))) throw new Error('the register did not print');
    await page.emulateMedia({ media: 'print' });
    await page.waitForSelector('.pc-print-head', { state: 'visible' });
    if (await page.isVisible('[data-test=petty-fund]')) throw new Error('the fund card prints with the register');
    await expectText(page, '.pc-print-head', '备用金领取登记表', 'the printed title');
    await expectText(page, '[data-test=petty-register] thead', '领用人签字', 'the signature column');
    await shot(page, 'petty-register-print-zh');
    await page.emulateMedia({ media: 'screen' });
    if (page.errors.length) throw new Error('page errors: ' + page.errors.join('; '));
    await page.context().close();
  });
}
