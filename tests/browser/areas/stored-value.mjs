// areas/stored-value.mjs: the stored-value page (储值管理) in chromium: a member found by phone
// is topped up in the dialog, which shows the bonus the venue's offer gives before saving
// (充 1,000 送 200: credited 1,200.00); the list and the history drawer show the new balance;
// a refund of principal goes through a manager's approval in the same dialog flow; the
// month-end liability report on the page shows what the API reports, with the books beside it.
//
// Figures, for a member new to this run:
//   top-up 1,000.00 by WeChat, offer 1,000 -> 200   balance 1,000.00 + 200.00 = 1,200.00
//   refund 300.00 of principal (approved), with it   balance   700.00 + 140.00 =   840.00
//   60.00 of bonus (200.00 x 300 / 1,000, forfeited)

/** "1,350.00" from integer fen, as the page writes money. */
function money(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + yuan + '.' + String(a % 100).padStart(2, '0');
}

export default function ({ test, newPage, loginOk, open, expectText, settled, calmShot, input, apiIn, must }) {
  test('stored-value', 'stored value: top up with the offer\'s bonus, history, refund with approval, the liability report', async () => {
    const page = await newPage();
    await loginOk(page);
    // The offer, a manager to approve refunds, and a member of this run (a phone of its own).
    const rules = must(await apiIn(page, 'GET', '/members/sv-rules'), 'offers', 200);
    if (!rules.rules.some((r) => r.in_force && r.threshold_fen === 100000 && r.bonus_fen === 20000))
      must(await apiIn(page, 'POST', '/members/sv-rules', { name: '充1000送200', threshold_fen: 100000, bonus_fen: 20000 }), 'offer', 201);
    const mgr = await apiIn(page, 'POST', '/users', { username: 'svmgr', display_name: '储值经理', role: 'manager', password: 'sv-manager-pass-1' });
    if (mgr.status !== 201 && mgr.status !== 409) throw new Error('manager: HTTP ' + mgr.status);
    const phone = '139' + String(Date.now()).slice(-8);
    const member = must(await apiIn(page, 'POST', '/members', { phone, name: '林先生', level: '金卡', discount_bp: 9000 }), 'member', 201);

    await open(page, '/finance/stored-value', 'page-stored-value');
    await page.fill(input('sv-q'), phone);
    await page.click('[data-test=sv-search]');
    await expectText(page, '[data-test=sv-members]', phone, 'the member found by phone');
    await expectText(page, `[data-test=sv-balance-${member.id}]`, '0.00', 'no balance yet');

    // Top up 1,000.00: the dialog shows the offer's 200.00 and the 1,200.00 credited.
    await page.click(`[data-test=sv-topup-${member.id}]`);
    await page.waitForSelector('[data-test=sv-topup-dialog] [data-test=sv-topup-amount]');
    await page.fill(input('sv-topup-amount'), '1000');
    await expectText(page, '[data-test=sv-topup-rule]', '200.00', 'the bonus of the offer');
    await expectText(page, '[data-test=sv-topup-credit]', '1,200.00', 'what is credited');
    await page.click('[data-test=sv-method-wechat]');
    await calmShot(page, 'stored-value-topup-dialog-zh', false);
    await page.click('[data-test=sv-topup-submit]');
    await page.waitForSelector('[data-test=sv-topup-dialog]', { state: 'hidden' });
    await expectText(page, `[data-test=sv-balance-${member.id}]`, '1,200.00', 'the balance after the top-up');
    const after = must(await apiIn(page, 'GET', `/members/${member.id}`), 'member', 200);
    if (after.principal_fen !== 100000 || after.bonus_fen !== 20000)
      throw new Error('after the top-up: ' + JSON.stringify(after));
    await settled(page);
    await calmShot(page, 'stored-value-members-zh');

    // The history drawer: the top-up by WeChat with the balance after it.
    await page.click(`[data-test=sv-history-${member.id}]`);
    await expectText(page, '[data-test=sv-history-rows]', '充值', 'the top-up in the history');
    await expectText(page, '[data-test=sv-history-rows]', '1,200.00', 'the balance after it');
    await expectText(page, '[data-test=sv-history-balance]', '1,200.00', 'the balance in the drawer');
    await calmShot(page, 'stored-value-history-zh', false);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=sv-history]', { state: 'hidden' });

    // A refund of 300.00 of principal: the manager signs in to approve it.
    await page.click(`[data-test=sv-refund-${member.id}]`);
    await page.waitForSelector('[data-test=sv-refund-dialog] [data-test=sv-refund-amount]');
    await page.fill(input('sv-refund-amount'), '300');
    await page.fill(input('sv-refund-reason'), '客人要求退回部分储值');
    // The dialog says what part of the bonus goes with the principal before anything is sent.
    await expectText(page, '[data-test=sv-refund-forfeit]', '60.00', 'the bonus forfeited in proportion');
    await page.click('[data-test=sv-refund-submit]');
    await page.click('.el-message-box__btns .el-button--primary');
    await page.waitForSelector('[data-test=approval-dialog] [data-test=approver-username]');
    await page.fill(input('approver-username'), 'svmgr');
    await page.fill(input('approver-password'), 'sv-manager-pass-1');
    await page.click('[data-test=approver-submit]');
    await page.waitForSelector('[data-test=sv-refund-dialog]', { state: 'hidden' });
    await expectText(page, `[data-test=sv-balance-${member.id}]`, '840.00', 'the balance after the refund');
    const refunded = must(await apiIn(page, 'GET', `/members/${member.id}`), 'member', 200);
    if (refunded.principal_fen !== 70000 || refunded.bonus_fen !== 14000)
      throw new Error('after the refund: ' + JSON.stringify(refunded));

    // The liability report of this month: the page shows the API's figures and the books'.
    const report = must(await apiIn(page, 'GET', '/members/liability'), 'liability', 200);
    await page.click('.el-tabs__item#tab-liability');
    await page.waitForSelector('[data-test=sv-liab-rows]');
    await expectText(page, '[data-test=sv-liab-principal]', money(report.totals.closing_principal_fen), 'principal owed');
    await expectText(page, '[data-test=sv-liab-bonus]', money(report.totals.closing_bonus_fen), 'bonus owed');
    await expectText(page, '[data-test=sv-liab-books]', money(report.ledger.closing_fen), 'the books');
    await page.waitForSelector(report.agrees ? '[data-test=sv-liab-agrees]' : '[data-test=sv-liab-disagrees]');
    await expectText(page, '[data-test=sv-liab-rows]', phone.slice(0, 3), 'the member in the report');
    await settled(page);
    await calmShot(page, 'stored-value-liability-zh');
    if (page.errors.length) throw new Error('page errors: ' + page.errors.join('; '));
    await page.context().close();
  });
}
