// areas/transfers.mjs: the fund transfers page (资金划转与渠道到账) in chromium: a WeChat
// settlement typed into the dialog as what arrived and the channel's fee, its Dr/Cr preview
// before saving, the transfer in the list with the filter's totals, the balance cards moved by
// it (bank up by what arrived, WeChat clearing down by what left), then its cancellation from
// the list putting the cards back; the English page.

/** "1,350.00" from integer fen, as the page writes money. */
function money(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + yuan + '.' + String(a % 100).padStart(2, '0');
}

export default function ({ test, newPage, loginOk, open, expectText, settled, calmShot, input, apiIn, must }) {
  test('transfers', 'fund transfers: a WeChat settlement typed in with its fee, listed, in the balance cards, cancelled', async () => {
    const page = await newPage();
    await loginOk(page);
    await open(page, '/finance/transfers', 'page-transfers');
    await page.waitForSelector('[data-test=tr-balances] [data-test=tr-bal-clr_wechat]');
    await page.waitForSelector('[data-test=tr-table]');
    const before = must(await apiIn(page, 'GET', '/finance/balances'), 'balances', 200);
    const bal = (b, key) => b.items.find((x) => x.account === key).balance_fen;
    await expectText(page, '[data-test=tr-bal-bank]', money(bal(before, 'bank')), 'the bank card');
    await expectText(page, '[data-test=tr-bal-clr_wechat]', money(bal(before, 'clr_wechat')), 'the WeChat card');

    // WeChat: 1,234.56 arrived, the channel kept 7.45, so 1,242.01 left the clearing account.
    await page.click('[data-test=tr-new]');
    await page.waitForSelector('[data-test=tr-dialog] [data-test=tr-arrived]');
    await page.click('[data-test=tr-kind-settlement]');
    await page.click('[data-test=tr-channel-clr_wechat]');
    await page.fill(input('tr-arrived'), '1234.56');
    await page.fill(input('tr-fee'), '7.45');
    await page.fill(input('tr-reference'), 'WX-BROWSER-0001');
    await page.fill('textarea[data-test=tr-note], [data-test=tr-note] textarea', '浏览器测试到账');
    await expectText(page, '[data-test=tr-preview]', '1,234.56', 'the bank debit in the preview');
    await expectText(page, '[data-test=tr-preview]', '6012 支付渠道手续费', 'the fee line in the preview');
    await expectText(page, '[data-test=tr-preview]', '7.45', 'the fee in the preview');
    await expectText(page, '[data-test=tr-preview]', '1,242.01', 'the clearing credit in the preview');
    await settled(page);
    await calmShot(page, 'transfers-dialog-zh', false);
    await page.click('[data-test=tr-submit]');
    await page.waitForSelector('[data-test=tr-dialog]', { state: 'hidden' });

    await expectText(page, '[data-test=tr-table]', 'WX-BROWSER-0001', 'the transfer in the list');
    await expectText(page, '[data-test=tr-table]', '渠道到账', 'its kind');
    await expectText(page, '[data-test=tr-table]', '1,242.01', 'what left the clearing account');
    const list = must(await apiIn(page, 'GET', '/finance/transfers?account=clr_wechat'), 'list', 200);
    const tr = list.items.find((x) => x.reference === 'WX-BROWSER-0001');
    if (!tr || tr.amount_fen !== 124201 || tr.fee_fen !== 745 || tr.arrived_fen !== 123456 || tr.status !== 'posted')
      throw new Error('the settlement was not posted as typed: ' + JSON.stringify(tr || {}).slice(0, 200));
    // The cards follow the books.
    await expectText(page, '[data-test=tr-bal-bank]', money(bal(before, 'bank') + 123456), 'the bank card after');
    await expectText(page, '[data-test=tr-bal-clr_wechat]', money(bal(before, 'clr_wechat') - 124201), 'the WeChat card after');
    const q = new URL(page.url().replace('#/', '')).searchParams;
    const shown = must(await apiIn(page, 'GET', `/finance/transfers?from=${q.get('from')}&to=${q.get('to')}`), 'totals', 200);
    await expectText(page, '[data-test=tr-totals]', money(shown.totals.fee_fen), 'the fees of the filter');
    await settled(page);
    await calmShot(page, 'transfers-zh');

    // Its entry in the drawer.
    await page.locator('[data-test=tr-table] .el-table__row', { hasText: 'WX-BROWSER-0001' }).first().click();
    await page.waitForSelector('[data-test=tr-drawer] [data-test=tr-lines]');
    await expectText(page, '[data-test=tr-lines]', '1005 银行存款', 'the bank line');
    await expectText(page, '[data-test=tr-lines]', '1011 微信待清算', 'the clearing line');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=tr-drawer]', { state: 'hidden' });

    // Cancelled from the list: a reversal today, the cards back where they were.
    await page.click(`[data-test=tr-cancel-${tr.id}]`);
    await page.fill('.tr-reason-box .el-message-box__input input', '到账金额录错');
    await page.locator('.tr-reason-box .el-message-box__btns .el-button--danger').click();
    await expectText(page, `[data-test=tr-status-${tr.id}]`, '已冲销', 'the transfer cancelled');
    await expectText(page, '[data-test=tr-bal-bank]', money(bal(before, 'bank')), 'the bank card back');
    await expectText(page, '[data-test=tr-bal-clr_wechat]', money(bal(before, 'clr_wechat')), 'the WeChat card back');
    const done = must(await apiIn(page, 'GET', `/finance/transfers/${tr.id}`), 'transfer', 200);
    if (done.transfer.status !== 'cancelled' || done.transfer.reversal_lines.length !== 3)
      throw new Error('the cancellation did not post the reversal: ' + JSON.stringify(done.transfer).slice(0, 200));
    if (page.errors.length) throw new Error('page errors: ' + page.errors.join('; '));
    await page.context().close();

    // The page in English.
    const en = await newPage({ lang: 'en' });
    await loginOk(en);
    await open(en, '/finance/transfers', 'page-transfers');
    await en.waitForSelector('[data-test=tr-bal-safe]');
    await expectText(en, '[data-test=page-transfers]', 'Transfers & settlements', 'English title');
    await expectText(en, '[data-test=tr-table]', 'Channel settlement', 'English kind');
    await settled(en);
    await calmShot(en, 'transfers-en');
    if (en.errors.length) throw new Error('page errors: ' + en.errors.join('; '));
    await en.context().close();
  });
}
