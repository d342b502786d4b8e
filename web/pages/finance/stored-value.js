// pages/finance/stored-value.js: 储值管理: members with their balances (principal and bonus
// apart), top-up with the bonus the venue's offer gives (充送), refund of principal with a
// manager's approval, each member's history, the offers themselves, and the month-end liability
// report (储值负债表) beside the books' own balances, exported to Excel and CSV.
//
// Money is integer fen from the API and typed as yuan ("1000" / "1000.50"); nothing is ever
// divided as a float. The bonus shown in the top-up dialog is the server's (GET sv-quote), the
// same rule the top-up applies.
import { t, addMessages } from '../../i18n.js';
import * as api from '../../api.js';
import { session, ui, can } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtInstant, businessToday, parseYuan, parsePercentBp, isDay } from '../../format.js';
import { METHOD_COLORS, useApproval } from '../../components.js';

const { ref, reactive, computed, onMounted, watch } = Vue;

addMessages({
  'sv.title': ['储值管理', 'Stored value'],
  'sv.subtitle': ['会员余额分本金与赠额；充值不是收入，消费时才转为收入；退款只退本金', 'Balances kept as principal and bonus; a top-up is never revenue until spent; refunds return principal only'],
  'sv.tab.members': ['会员余额', 'Members'],
  'sv.tab.liability': ['储值负债表', 'Liability report'],
  'sv.tab.offers': ['充值优惠', 'Top-up offers'],
  'sv.addMember': ['新增会员', 'Add member'],
  'sv.qPh': ['手机号或姓名', 'Phone or name'],
  'sv.levelPh': ['会员等级', 'Level'],
  'sv.anyActive': ['全部状态', 'Any status'],
  'sv.phone': ['手机号', 'Phone'],
  'sv.name': ['姓名', 'Name'],
  'sv.level': ['等级', 'Level'],
  'sv.discount': ['会员价', 'Member price'],
  'sv.discountNone': ['原价', 'Full price'],
  'sv.discountOff': ['{n} 折', '{n}% of price'],
  'sv.principal': ['本金', 'Principal'],
  'sv.bonus': ['赠额', 'Bonus'],
  'sv.balance': ['余额', 'Balance'],
  'sv.lastAt': ['最近变动', 'Last movement'],
  'sv.members': ['会员数', 'Members'],
  'sv.sumPrincipal': ['本金合计', 'Principal in all'],
  'sv.sumBonus': ['赠额合计', 'Bonus in all'],
  'sv.sumBalance': ['储值余额合计', 'Balances in all'],
  'sv.topup': ['充值', 'Top up'],
  'sv.refund': ['退款', 'Refund'],
  'sv.history': ['流水', 'History'],
  'sv.masked': ['手机号已按权限隐藏中间四位', 'Phones are masked for your role'],
  'sv.inactive': ['已停用', 'Deactivated'],
  // top-up
  'sv.topupTitle': ['会员充值 · {name}', 'Top up · {name}'],
  'sv.amount': ['充值金额（元）', 'Amount (yuan)'],
  'sv.method': ['支付方式', 'Paid by'],
  'sv.reference': ['支付凭证号', 'Payment reference'],
  'sv.referencePh': ['选填，如微信支付单号', 'Optional, e.g. the WeChat order number'],
  'sv.ruleBonus': ['按优惠「{name}」赠送 ¥{b}', 'Offer "{name}" gives ¥{b}'],
  'sv.noRule': ['该金额没有适用的充值优惠', 'No offer applies to this amount'],
  'sv.manualBonus': ['手工指定赠送金额', 'Set the bonus by hand'],
  'sv.manualHint': ['低于优惠的赠送随时可以；高于优惠须在您的额度内（{n}%），否则经理审批', 'Less than the offer is always fine; more must be within your limit ({n}%) or a manager approves'],
  'sv.bonusAmount': ['赠送金额（元）', 'Bonus (yuan)'],
  'sv.credited': ['到账 ¥{total}（本金 ¥{p} + 赠额 ¥{b}）', 'Credited ¥{total} (principal ¥{p} + bonus ¥{b})'],
  'sv.cashNote': ['现金充值记入您当班的钱箱（须先开班）', 'Cash goes into your shift\'s drawer (open a shift first)'],
  'sv.topupSubmit': ['确认充值', 'Top up'],
  'sv.topupDone': ['已充值 ¥{n}，余额 ¥{b}', 'Topped up ¥{n}; balance ¥{b}'],
  'sv.badAmount': ['金额请填写数字，最多两位小数，例如 1000 或 1000.50', 'Enter an amount such as 1000 or 1000.50 (at most two decimals)'],
  'sv.needAmount': ['请填写充值金额', 'Enter the amount'],
  // refund
  'sv.refundTitle': ['储值退款 · {name}', 'Stored-value refund · {name}'],
  'sv.refundLead': ['只退本金，赠额不退；随退回的本金按比例作废相应赠额（退回全部本金时赠额全部作废）。需经理审批。', 'Principal only, never the bonus; the bonus given for the principal refunded is forfeited in proportion (all of it with the whole principal). A manager approves.'],
  'sv.refundAmount': ['退款本金（元）', 'Principal back (yuan)'],
  'sv.refundAll': ['全部本金', 'All principal'],
  'sv.refundMax': ['最多可退 ¥{n}', 'At most ¥{n}'],
  'sv.forfeit': ['随本金按比例作废赠额 ¥{n}', 'Bonus forfeited with the principal, in proportion: ¥{n}'],
  'sv.refundMethod': ['退款方式', 'Given back by'],
  'sv.reason': ['退款原因', 'Reason'],
  'sv.reasonPh': ['必填，如：客人搬离本市，申请退卡', 'Required, e.g. the guest moves away and closes the card'],
  'sv.needReason': ['请填写退款原因', 'Give a reason'],
  'sv.tooMuch': ['超过可退本金 ¥{n}', 'More than the principal of ¥{n}'],
  'sv.refundSubmit': ['确认退款', 'Refund'],
  'sv.refundConfirm': ['确定退给 {name} 本金 ¥{n}？', 'Give ¥{n} of principal back to {name}?'],
  'sv.refundDone': ['已退款 ¥{n}', 'Refunded ¥{n}'],
  // member form
  'sv.memberTitleNew': ['新增会员', 'New member'],
  'sv.memberTitleEdit': ['编辑会员 · {phone}', 'Edit member · {phone}'],
  'sv.discountLabel': ['会员价（原价的百分比，90 即九折，100 为原价）', 'Member price (percent of the list price: 90 is 10% off)'],
  'sv.badDiscount': ['会员价请填写 0 到 100 之间的数字', 'The member price is a number from 0 to 100'],
  'sv.phoneFixed': ['手机号是会员凭证，不能修改', 'The phone identifies the member and cannot change'],
  'sv.activeLabel': ['启用', 'Active'],
  'sv.saved': ['已保存', 'Saved'],
  // history
  'sv.historyTitle': ['储值流水 · {name}', 'History · {name}'],
  'sv.at': ['时间', 'When'],
  'sv.kind': ['类型', 'Kind'],
  'sv.change': ['变动', 'Change'],
  'sv.after': ['变动后余额', 'Balance after'],
  'sv.billNo': ['账单号', 'Bill'],
  'sv.by': ['经办 / 审批', 'By / approved'],
  'sv.note': ['说明', 'Note'],
  'sv.k.topup': ['充值', 'Top-up'],
  'sv.k.pay': ['消费', 'Paid a bill'],
  'sv.k.refund': ['储值退款', 'Refund'],
  'sv.k.void': ['作废退回', 'Void'],
  'sv.k.adjust': ['调整', 'Adjustment'],
  'sv.k.billRefund': ['退单退回', 'Bill refund'],
  'sv.topupsIn': ['累计充值本金', 'Principal ever paid in'],
  // liability
  'sv.period': ['期间', 'Period'],
  'sv.byMonth': ['按月', 'Month'],
  'sv.byDay': ['按日', 'Day'],
  'sv.opening': ['期初', 'Opening'],
  'sv.topups': ['充值', 'Top-ups'],
  'sv.consumed': ['消费', 'Spent'],
  'sv.refunded': ['储值退款', 'Refunded'],
  'sv.forfeited': ['赠额作废', 'Bonus forfeited'],
  'sv.adjusted': ['调整', 'Adjustments'],
  'sv.closing': ['期末', 'Closing'],
  'sv.closingBalance': ['期末余额', 'Closing balance'],
  'sv.books': ['总账余额（2001/2002）', 'Books (2001/2002)'],
  'sv.diff': ['差额（总账 − 会员）', 'Books less members'],
  'sv.agrees': ['会员余额与总账一致', 'Members agree with the books'],
  'sv.disagrees': ['会员余额与总账不一致：本金差 ¥{p}，赠额差 ¥{b}', 'Members and books differ: principal ¥{p}, bonus ¥{b}'],
  'sv.liabPrincipal': ['期末本金负债', 'Principal owed'],
  'sv.liabBonus': ['期末赠额负债', 'Bonus owed'],
  'sv.liabTotal': ['储值负债合计', 'Stored value owed'],
  'sv.holders': ['{n} 位会员有余额', '{n} members hold a balance'],
  'sv.summary': ['负债变动', 'Movements'],
  'sv.perMember': ['会员明细', 'By member'],
  'sv.item': ['项目', 'Item'],
  'sv.total': ['合计', 'Total'],
  'sv.noLiab': ['该期间没有储值余额或变动', 'No stored value held or moved in this period'],
  // offers
  'sv.addOffer': ['新增优惠', 'Add offer'],
  'sv.offerName': ['名称', 'Name'],
  'sv.threshold': ['充值满（元）', 'Pay at least (yuan)'],
  'sv.offerBonus': ['赠送（元）', 'Bonus (yuan)'],
  'sv.from': ['生效日期', 'From'],
  'sv.to': ['截止日期', 'Until'],
  'sv.inForce': ['生效中', 'In force'],
  'sv.notInForce': ['未生效', 'Not in force'],
  'sv.used': ['已使用', 'Used'],
  'sv.endOffer': ['停用', 'Switch off'],
  'sv.endConfirm': ['停用优惠「{name}」？已使用的记录不受影响。', 'Switch off "{name}"? Top-ups that got it stay as they are.'],
  'sv.offerHint': ['充值金额达到门槛即按最优的一条赠送（不叠加）；优惠的金额写入后不能修改，如需调整请停用后新增。', 'A top-up gets the best offer whose threshold it meets (never added up); an offer\'s amounts never change: switch it off and add a new one.'],
  'sv.offerTitle': ['新增充值优惠', 'New top-up offer'],
  'sv.forever': ['长期', 'Open-ended'],
  'sv.limits': ['手工赠送额度（占充值金额）', 'Bonus by hand (share of the amount)'],
});

const METHODS = ['cash', 'wechat', 'alipay', 'card'];
const KIND_TONE = { topup: 'success', pay: 'primary', refund: 'danger', void: 'warning', adjust: 'info' };

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return 'sv-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
}
const yuanText = (fen) => fmtMoney(fen).replace(/,/g, '');
const addFen = (...xs) => Number(xs.reduce((a, x) => a + BigInt(x || 0), 0n));

export default {
  name: 'StoredValuePage',
  setup() {
    const q = route.query;
    const tz = computed(() => session.venue && session.venue.timezone);
    const today = businessToday(session.venue);
    const tab = ref(['members', 'liability', 'offers'].includes(q.tab) ? q.tab : 'members');
    const canMembers = computed(() => can('crm'));
    const canKeep = computed(() => can('crm', true));
    const canMoney = computed(() => can('bills', true));
    const canFinance = computed(() => can('finance'));
    const canOffers = computed(() => can('finance', true));
    const approval = useApproval();

    // ---- members ----
    const filter = reactive({ q: q.q || '', level: '', active: 'all' });
    const list = reactive({ rows: [], total: 0, sum: null, masked: false, loading: false, page: 1, pageSize: 20, sort: '' });
    async function loadMembers() {
      if (!canMembers.value) return;
      list.loading = true;
      try {
        const r = await api.get('/members', { q: filter.q.trim(), level: filter.level.trim(), active: filter.active === 'all' ? '' : filter.active, sort: list.sort, page: list.page, page_size: list.pageSize });
        list.rows = r.items;
        list.total = r.total;
        list.sum = r.sum;
        list.masked = r.phone_masked;
      } catch {
        list.rows = [];
        list.total = 0;
      } finally {
        list.loading = false;
      }
    }
    function search() {
      list.page = 1;
      setQuery({ tab: tab.value, q: filter.q });
      loadMembers();
    }
    function sortChange({ prop, order }) {
      const keys = { phone: 'phone', name: 'name', principal_fen: 'principal', bonus_fen: 'bonus', balance_fen: 'balance', last_at: 'last' };
      const k = keys[prop];
      list.sort = !order || !k ? '' : (order === 'descending' ? '-' : '') + k;
      search();
    }
    const discountText = (bp) => (bp >= 10000 ? t('sv.discountNone') : t('sv.discountOff', { n: (bp / 1000).toString() }));

    // ---- member form ----
    const form = reactive({ open: false, id: 0, phone: '', name: '', level: '', discount: '100', active: true, error: '', saving: false });
    function startMember(row) {
      Object.assign(form, row
        ? { open: true, id: row.id, phone: row.phone, name: row.name, level: row.level, discount: String(row.discount_bp / 100), active: row.active, error: '', saving: false }
        : { open: true, id: 0, phone: '', name: '', level: '', discount: '100', active: true, error: '', saving: false });
    }
    async function saveMember() {
      form.error = '';
      const bp = parsePercentBp(form.discount);
      if (bp === null) {
        form.error = t('sv.badDiscount');
        return;
      }
      const body = { name: form.name.trim(), level: form.level.trim(), discount_bp: bp };
      form.saving = true;
      try {
        if (form.id) await api.put('/members/' + form.id, { ...body, active: form.active }, { quiet: true });
        else await api.post('/members', { phone: form.phone.trim(), ...body }, { quiet: true });
        form.open = false;
        ElementPlus.ElMessage.success(t('sv.saved'));
        loadMembers();
      } catch (e) {
        form.error = e.message;
      } finally {
        form.saving = false;
      }
    }

    // ---- top-up ----
    const top = reactive({ open: false, member: null, amount: '', method: 'wechat', reference: '', manual: false, bonus: '', quote: null, quoting: false, error: '', saving: false, key: '', last: '', myLimit: 0 });
    let quoteTimer = null;
    function startTopup(row) {
      Object.assign(top, { open: true, member: row, amount: '', method: 'wechat', reference: '', manual: false, bonus: '', quote: null, error: '', saving: false, key: newKey(), last: '' });
    }
    const topAmount = computed(() => (top.amount.trim() ? parseYuan(top.amount) : null));
    const topBonus = computed(() => {
      if (top.manual) return top.bonus.trim() ? parseYuan(top.bonus) : 0;
      return top.quote ? top.quote.bonus_fen : 0;
    });
    async function quote() {
      const a = topAmount.value;
      if (!a) {
        top.quote = null;
        return;
      }
      top.quoting = true;
      try {
        const r = await api.get('/members/sv-quote', { amount_fen: a }, { quiet: true });
        if (topAmount.value === a) top.quote = r;
      } catch {
        top.quote = null;
      } finally {
        top.quoting = false;
      }
    }
    watch(() => top.amount, () => {
      clearTimeout(quoteTimer);
      quoteTimer = setTimeout(quote, 250);
    });
    async function submitTopup(creds) {
      top.error = '';
      const a = topAmount.value;
      if (!top.amount.trim()) {
        top.error = t('sv.needAmount');
        return;
      }
      if (!a) {
        top.error = t('sv.badAmount');
        return;
      }
      const body = { amount_fen: a, method: top.method };
      if (top.reference.trim()) body.reference = top.reference.trim();
      if (top.manual) {
        const b = top.bonus.trim() ? parseYuan(top.bonus) : 0;
        if (b === null) {
          top.error = t('sv.badAmount');
          return;
        }
        body.bonus_fen = b;
      }
      // One key per top-up asked for: a retry of the very same request reuses it.
      const text = JSON.stringify(body);
      if (top.last && text !== top.last) top.key = newKey();
      top.last = text;
      Object.assign(body, creds || {}, { idempotency_key: top.key });
      top.saving = true;
      try {
        const r = await api.post(`/members/${top.member.id}/topups`, body, { quiet: true });
        top.open = false;
        ElementPlus.ElMessage.success(t('sv.topupDone', { n: fmtMoney(r.topup.amount_fen), b: fmtMoney(r.member.balance_fen) }));
        replaceRow(r.member);
      } catch (e) {
        top.saving = false;
        if (e.code === 'approval_required') {
          const c = await approval.ask(e.message);
          if (c) return submitTopup(c);
          return;
        }
        top.error = e.message;
      } finally {
        top.saving = false;
      }
    }
    function replaceRow(m) {
      const i = list.rows.findIndex((x) => x.id === m.id);
      if (i >= 0) list.rows.splice(i, 1, m);
      loadMembers();
    }

    // ---- refund ----
    const back = reactive({ open: false, member: null, amount: '', method: 'wechat', reason: '', reference: '', error: '', saving: false, key: '', last: '' });
    function startRefund(row) {
      Object.assign(back, { open: true, member: row, amount: '', method: 'wechat', reason: '', reference: '', error: '', saving: false, key: newKey(), last: '' });
    }
    const backAmount = computed(() => (back.amount.trim() ? parseYuan(back.amount) : null));
    /* The bonus that leaves with the principal refunded, as the server computes it: bonus x
       refunded / principal, rounded up to the fen (BigInt: the product passes 2^53). */
    const backForfeits = computed(() => {
      const m = back.member, amount = backAmount.value;
      if (!m || !amount || amount <= 0 || amount > m.principal_fen || m.bonus_fen <= 0) return 0;
      const num = BigInt(m.bonus_fen) * BigInt(amount), den = BigInt(m.principal_fen);
      return Number((num + den - 1n) / den);
    });
    async function submitRefund(creds) {
      back.error = '';
      const a = backAmount.value;
      if (!a) {
        back.error = t('sv.badAmount');
        return;
      }
      if (a > back.member.principal_fen) {
        back.error = t('sv.tooMuch', { n: fmtMoney(back.member.principal_fen) });
        return;
      }
      const reason = back.reason.trim();
      if (!reason) {
        back.error = t('sv.needReason');
        return;
      }
      if (!creds) {
        try {
          await ElementPlus.ElMessageBox.confirm(t('sv.refundConfirm', { name: back.member.name || back.member.phone, n: fmtMoney(a) }), t('common.confirmTitle'), {
            type: 'warning', confirmButtonText: t('sv.refundSubmit'), cancelButtonText: t('common.cancel'),
          });
        } catch {
          return;
        }
      }
      const body = { principal_fen: a, method: back.method, reason };
      if (back.reference.trim()) body.reference = back.reference.trim();
      const text = JSON.stringify(body);
      if (back.last && text !== back.last) back.key = newKey();
      back.last = text;
      Object.assign(body, creds || {}, { idempotency_key: back.key });
      back.saving = true;
      try {
        const r = await api.post(`/members/${back.member.id}/refunds`, body, { quiet: true });
        back.open = false;
        ElementPlus.ElMessage.success(t('sv.refundDone', { n: fmtMoney(r.refund.principal_fen) }));
        replaceRow(r.member);
      } catch (e) {
        back.saving = false;
        if (e.code === 'approval_required') {
          const c = await approval.ask(e.message);
          if (c) return submitRefund(c);
          return;
        }
        back.error = e.message;
      } finally {
        back.saving = false;
      }
    }

    // ---- history ----
    const hist = reactive({ open: false, loading: false, member: null, rows: [], total: 0, page: 1 });
    async function loadHistory() {
      hist.loading = true;
      try {
        const r = await api.get(`/members/${hist.member.id}/ledger`, { page: hist.page, page_size: 50 });
        hist.member = r.member;
        hist.rows = r.items;
        hist.total = r.total;
      } catch {
        hist.rows = [];
      } finally {
        hist.loading = false;
      }
    }
    function openHistory(row) {
      Object.assign(hist, { open: true, member: row, rows: [], total: 0, page: 1 });
      loadHistory();
    }
    const kindLabel = (r) => (r.kind === 'refund' && r.bill_id ? t('sv.k.billRefund') : t('sv.k.' + r.kind));

    // ---- liability ----
    const liab = reactive({ mode: isDay(q.day) ? 'day' : 'month', month: /^\d{4}-\d{2}$/.test(q.month || '') ? q.month : today.slice(0, 7), day: isDay(q.day) ? q.day : today, data: null, loading: false, exporting: false });
    function liabParams() {
      return liab.mode === 'day' ? { day: liab.day } : { month: liab.month };
    }
    async function loadLiability() {
      if (!canFinance.value) return;
      setQuery({ tab: 'liability', ...liabParams() });
      liab.loading = true;
      try {
        liab.data = await api.get('/members/liability', liabParams());
      } catch {
        liab.data = null;
      } finally {
        liab.loading = false;
      }
    }
    async function exportLiability(format) {
      liab.exporting = true;
      try {
        const p = liabParams();
        const name = await api.download('/members/liability/export', { format, ...p }, `stored-value-${p.month || p.day}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown */
      } finally {
        liab.exporting = false;
      }
    }
    const lt = computed(() => (liab.data && liab.data.totals) || {});
    const summaryRows = computed(() => {
      const x = lt.value, l = (liab.data && liab.data.ledger) || {}, d = (liab.data && liab.data.difference) || {};
      const row = (k, label, p, b, strong) => ({ k, label, p, b, total: addFen(p, b), strong });
      return [
        row('opening', t('sv.opening'), x.opening_principal_fen, x.opening_bonus_fen),
        row('topups', '+ ' + t('sv.topups'), x.topup_principal_fen, x.topup_bonus_fen),
        row('consumed', '− ' + t('sv.consumed'), -x.consumed_principal_fen || 0, -x.consumed_bonus_fen || 0),
        row('refunded', '− ' + t('sv.refunded'), -x.refunded_principal_fen || 0, 0),
        row('forfeited', '− ' + t('sv.forfeited'), 0, -x.forfeited_bonus_fen || 0),
        row('adjusted', '± ' + t('sv.adjusted'), x.adjust_principal_fen, x.adjust_bonus_fen),
        row('closing', t('sv.closingBalance'), x.closing_principal_fen, x.closing_bonus_fen, true),
        row('books', t('sv.books'), l.closing_principal_fen, l.closing_bonus_fen),
        row('diff', t('sv.diff'), d.principal_fen, d.bonus_fen),
      ];
    });
    const MONEY_KEYS = ['opening_fen', 'topup_principal_fen', 'topup_bonus_fen', 'consumed_principal_fen', 'consumed_bonus_fen', 'refunded_principal_fen', 'forfeited_bonus_fen', 'closing_principal_fen', 'closing_bonus_fen', 'closing_fen'];
    function liabSummary({ columns }) {
      return columns.map((c, i) => {
        if (i === 0) return t('sv.total');
        if (!MONEY_KEYS.includes(c.property)) return '';
        return fmtMoney(lt.value[c.property] ?? 0);
      });
    }

    // ---- offers ----
    const offers = reactive({ rules: [], limits: [], myLimit: 0, loading: false });
    const offerForm = reactive({ open: false, name: '', threshold: '', bonus: '', from: today, to: '', error: '', saving: false });
    async function loadOffers() {
      offers.loading = true;
      try {
        const r = await api.get('/members/sv-rules', {}, { quiet: true });
        offers.rules = r.rules;
        offers.limits = r.limits;
        offers.myLimit = r.my_bonus_limit_bp;
      } catch {
        offers.rules = [];
      } finally {
        offers.loading = false;
      }
    }
    function startOffer() {
      Object.assign(offerForm, { open: true, name: '', threshold: '', bonus: '', from: today, to: '', error: '', saving: false });
    }
    async function saveOffer() {
      offerForm.error = '';
      const th = parseYuan(offerForm.threshold), b = parseYuan(offerForm.bonus);
      if (!th || b === null) {
        offerForm.error = t('sv.badAmount');
        return;
      }
      const body = { name: offerForm.name.trim() || `充${yuanText(th)}送${yuanText(b)}`, threshold_fen: th, bonus_fen: b, effective_from: offerForm.from };
      if (offerForm.to) body.effective_to = offerForm.to;
      offerForm.saving = true;
      try {
        await api.post('/members/sv-rules', body, { quiet: true });
        offerForm.open = false;
        ElementPlus.ElMessage.success(t('sv.saved'));
        loadOffers();
      } catch (e) {
        offerForm.error = e.message;
      } finally {
        offerForm.saving = false;
      }
    }
    async function endOffer(r) {
      try {
        await ElementPlus.ElMessageBox.confirm(t('sv.endConfirm', { name: r.name }), t('common.confirmTitle'), { type: 'warning' });
      } catch {
        return;
      }
      try {
        await api.put('/members/sv-rules/' + r.id, { active: false });
        loadOffers();
      } catch {
        /* shown */
      }
    }

    function onTab(name) {
      setQuery({ tab: name });
      if (name === 'liability' && !liab.data) loadLiability();
      if (name === 'offers') loadOffers();
    }
    onMounted(() => {
      loadMembers();
      loadOffers();
      if (tab.value === 'liability') loadLiability();
    });

    const instant = (s) => fmtInstant(s, tz.value);
    return {
      t, ui, tab, onTab, canMembers, canKeep, canMoney, canFinance, canOffers, approval, METHODS, METHOD_COLORS, KIND_TONE,
      filter, list, loadMembers, search, sortChange, discountText,
      form, startMember, saveMember,
      top, startTopup, topAmount, topBonus, submitTopup,
      back, startRefund, backAmount, backForfeits, submitRefund, yuanText,
      hist, openHistory, loadHistory, kindLabel,
      liab, loadLiability, exportLiability, lt, summaryRows, liabSummary,
      offers, offerForm, startOffer, saveOffer, endOffer,
      fmtMoney, fmtInt, instant, addFen, print: () => window.print(),
    };
  },
  template: `
  <div class="page sv-page" data-test="page-stored-value">
    <PageHeader :title="t('sv.title')" :subtitle="t('sv.subtitle')">
      <el-button v-if="canKeep && tab === 'members'" type="primary" data-test="sv-add-member" @click="startMember()"><el-icon><IconPlus /></el-icon>{{ t('sv.addMember') }}</el-button>
      <el-button v-if="canOffers && tab === 'offers'" type="primary" data-test="sv-add-offer" @click="startOffer"><el-icon><IconPlus /></el-icon>{{ t('sv.addOffer') }}</el-button>
    </PageHeader>

    <el-tabs v-model="tab" @tab-change="onTab">
      <el-tab-pane v-if="canMembers" :label="t('sv.tab.members')" name="members">
        <div class="panel filter-panel">
          <div class="filter-bar">
            <el-input v-model="filter.q" :placeholder="t('sv.qPh')" clearable style="max-width:220px" data-test="sv-q" @keyup.enter="search" />
            <el-input v-model="filter.level" :placeholder="t('sv.levelPh')" clearable style="max-width:140px" @keyup.enter="search" />
            <el-select v-model="filter.active" style="width:130px" @change="search">
              <el-option :label="t('sv.anyActive')" value="all" />
              <el-option :label="t('common.active')" value="1" />
              <el-option :label="t('common.inactive')" value="0" />
            </el-select>
            <el-button type="primary" :loading="list.loading" data-test="sv-search" @click="search"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
            <span class="grow"></span>
            <span v-if="list.masked" class="panel-note">{{ t('sv.masked') }}</span>
          </div>
        </div>
        <div class="kpi-grid cols-4" v-if="list.sum" data-test="sv-kpis">
          <KpiCard :label="t('sv.members')" :value="fmtInt(list.total)" icon="User" tone="primary" />
          <KpiCard :label="t('sv.sumPrincipal')" prefix="¥" :value="fmtMoney(list.sum.principal_fen)" icon="Wallet" tone="green" testid="sv-sum-principal" />
          <KpiCard :label="t('sv.sumBonus')" prefix="¥" :value="fmtMoney(list.sum.bonus_fen)" icon="Present" tone="amber" testid="sv-sum-bonus" />
          <KpiCard :label="t('sv.sumBalance')" prefix="¥" :value="fmtMoney(list.sum.balance_fen)" icon="Coin" tone="violet" testid="sv-sum-balance" />
        </div>
        <section class="panel">
          <div class="table-wrap">
            <el-table :data="list.rows" v-loading="list.loading" size="small" :empty-text="t('common.noData')" data-test="sv-members" @sort-change="sortChange">
              <el-table-column :label="t('sv.phone')" prop="phone" min-width="120" sortable="custom"><template #default="{ row }"><span class="mono">{{ row.phone }}</span> <el-tag v-if="!row.active" size="small" type="info">{{ t('sv.inactive') }}</el-tag></template></el-table-column>
              <el-table-column :label="t('sv.name')" prop="name" min-width="90" sortable="custom" />
              <el-table-column :label="t('sv.level')" prop="level" min-width="80" />
              <el-table-column :label="t('sv.discount')" min-width="80"><template #default="{ row }">{{ discountText(row.discount_bp) }}</template></el-table-column>
              <el-table-column :label="t('sv.principal')" prop="principal_fen" align="right" min-width="100" sortable="custom"><template #default="{ row }"><span class="num">{{ fmtMoney(row.principal_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('sv.bonus')" prop="bonus_fen" align="right" min-width="90" sortable="custom"><template #default="{ row }"><span class="num">{{ fmtMoney(row.bonus_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('sv.balance')" prop="balance_fen" align="right" min-width="110" sortable="custom"><template #default="{ row }"><b class="num" :data-test="'sv-balance-' + row.id">{{ fmtMoney(row.balance_fen) }}</b></template></el-table-column>
              <el-table-column :label="t('sv.lastAt')" prop="last_at" min-width="130" sortable="custom"><template #default="{ row }"><span class="num muted">{{ row.last_at ? instant(row.last_at) : '—' }}</span></template></el-table-column>
              <el-table-column :label="t('common.actions')" min-width="230" fixed="right">
                <template #default="{ row }">
                  <el-button v-if="canMoney && row.active" link type="primary" :data-test="'sv-topup-' + row.id" @click="startTopup(row)">{{ t('sv.topup') }}</el-button>
                  <el-button v-if="canMoney && row.principal_fen > 0" link type="warning" :data-test="'sv-refund-' + row.id" @click="startRefund(row)">{{ t('sv.refund') }}</el-button>
                  <el-button link :data-test="'sv-history-' + row.id" @click="openHistory(row)">{{ t('sv.history') }}</el-button>
                  <el-button v-if="canKeep" link :data-test="'sv-edit-' + row.id" @click="startMember(row)">{{ t('common.edit') }}</el-button>
                </template>
              </el-table-column>
            </el-table>
          </div>
          <div class="pager">
            <el-pagination v-model:current-page="list.page" v-model:page-size="list.pageSize" :total="list.total" :page-sizes="[20, 50, 100, 200]"
              :layout="ui.isPhone ? 'total, prev, pager, next' : 'total, sizes, prev, pager, next'" @current-change="loadMembers" @size-change="search" />
          </div>
        </section>
      </el-tab-pane>

      <el-tab-pane v-if="canFinance" :label="t('sv.tab.liability')" name="liability">
        <div class="panel filter-panel">
          <div class="filter-bar">
            <el-radio-group v-model="liab.mode" @change="loadLiability">
              <el-radio-button value="month" data-test="sv-liab-month-mode">{{ t('sv.byMonth') }}</el-radio-button>
              <el-radio-button value="day" data-test="sv-liab-day-mode">{{ t('sv.byDay') }}</el-radio-button>
            </el-radio-group>
            <el-date-picker v-if="liab.mode === 'month'" v-model="liab.month" type="month" value-format="YYYY-MM" :clearable="false" data-test="sv-liab-month" @change="loadLiability" />
            <el-date-picker v-else v-model="liab.day" type="date" value-format="YYYY-MM-DD" :clearable="false" data-test="sv-liab-day" @change="loadLiability" />
            <el-button type="primary" :loading="liab.loading" data-test="sv-liab-run" @click="loadLiability"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
            <span class="grow"></span>
            <el-button :loading="liab.exporting" type="primary" plain data-test="sv-liab-xlsx" @click="exportLiability('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
            <el-button :loading="liab.exporting" @click="exportLiability('csv')">{{ t('common.exportCsv') }}</el-button>
            <el-button v-if="!ui.isPhone" @click="print"><el-icon><IconPrinter /></el-icon>{{ t('common.print') }}</el-button>
          </div>
        </div>
        <div v-loading="liab.loading" data-test="sv-liability">
          <template v-if="liab.data">
            <div class="kpi-grid cols-4">
              <KpiCard :label="t('sv.liabPrincipal')" prefix="¥" :value="fmtMoney(lt.closing_principal_fen)" icon="Wallet" tone="primary" testid="sv-liab-principal" />
              <KpiCard :label="t('sv.liabBonus')" prefix="¥" :value="fmtMoney(lt.closing_bonus_fen)" icon="Present" tone="amber" testid="sv-liab-bonus" />
              <KpiCard :label="t('sv.liabTotal')" prefix="¥" :value="fmtMoney(lt.closing_fen)" icon="Coin" tone="violet" testid="sv-liab-total" :sub="t('sv.holders', { n: liab.data.holders_count })" />
              <KpiCard :label="t('sv.books')" prefix="¥" :value="fmtMoney(liab.data.ledger.closing_fen)" icon="Notebook" :tone="liab.data.agrees ? 'green' : 'red'" testid="sv-liab-books" />
            </div>
            <el-alert v-if="liab.data.agrees" :title="t('sv.agrees')" type="success" :closable="false" show-icon style="margin-bottom:14px" data-test="sv-liab-agrees" />
            <el-alert v-else :title="t('sv.disagrees', { p: fmtMoney(liab.data.difference.principal_fen), b: fmtMoney(liab.data.difference.bonus_fen) })" type="error" :closable="false" show-icon style="margin-bottom:14px" data-test="sv-liab-disagrees" />
            <div class="grid-2">
              <section class="panel" data-test="sv-liab-summary">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconList /></el-icon>{{ t('sv.summary') }} · {{ liab.data.from }} ~ {{ liab.data.to }}</h3></div>
                <el-table :data="summaryRows" size="small" :row-class-name="({ row }) => row.strong ? 'strong-row' : ''">
                  <el-table-column :label="t('sv.item')" prop="label" min-width="150"><template #default="{ row }"><b v-if="row.strong">{{ row.label }}</b><span v-else>{{ row.label }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.principal')" align="right" min-width="110"><template #default="{ row }"><span class="num" :data-test="'sv-sum-' + row.k + '-p'">{{ fmtMoney(row.p ?? 0) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.bonus')" align="right" min-width="100"><template #default="{ row }"><span class="num" :data-test="'sv-sum-' + row.k + '-b'">{{ fmtMoney(row.b ?? 0) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.total')" align="right" min-width="110"><template #default="{ row }"><b v-if="row.strong" class="num">{{ fmtMoney(row.total) }}</b><span v-else class="num">{{ fmtMoney(row.total) }}</span></template></el-table-column>
                </el-table>
              </section>
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconInfoFilled /></el-icon>{{ t('sv.tab.offers') }}</h3></div>
                <p class="panel-note">{{ t('sv.offerHint') }}</p>
                <div v-for="r in offers.rules.filter((x) => x.in_force)" :key="r.id" class="tag-soft" style="margin:0 6px 6px 0;display:inline-block">{{ r.name || ('充' + yuanText(r.threshold_fen) + '送' + yuanText(r.bonus_fen)) }}</div>
              </section>
            </div>
            <section class="panel" style="margin-top:16px">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconUser /></el-icon>{{ t('sv.perMember') }}</h3></div>
              <div class="table-wrap">
                <el-table :data="liab.data.rows" size="small" show-summary :summary-method="liabSummary" :empty-text="t('sv.noLiab')" max-height="560" data-test="sv-liab-rows">
                  <el-table-column :label="t('sv.phone')" prop="phone" min-width="120" fixed><template #default="{ row }"><span class="mono">{{ row.phone }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.name')" prop="name" min-width="80" />
                  <el-table-column :label="t('sv.opening')" prop="opening_fen" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.opening_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.topups') + '·' + t('sv.principal')" prop="topup_principal_fen" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.topup_principal_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.topups') + '·' + t('sv.bonus')" prop="topup_bonus_fen" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.topup_bonus_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.consumed') + '·' + t('sv.principal')" prop="consumed_principal_fen" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.consumed_principal_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.consumed') + '·' + t('sv.bonus')" prop="consumed_bonus_fen" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.consumed_bonus_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.refunded')" prop="refunded_principal_fen" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.refunded_principal_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.forfeited')" prop="forfeited_bonus_fen" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.forfeited_bonus_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.closing') + '·' + t('sv.principal')" prop="closing_principal_fen" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.closing_principal_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.closing') + '·' + t('sv.bonus')" prop="closing_bonus_fen" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.closing_bonus_fen) }}</span></template></el-table-column>
                  <el-table-column :label="t('sv.closingBalance')" prop="closing_fen" align="right" min-width="110"><template #default="{ row }"><b class="num">{{ fmtMoney(row.closing_fen) }}</b></template></el-table-column>
                </el-table>
              </div>
            </section>
          </template>
        </div>
      </el-tab-pane>

      <el-tab-pane :label="t('sv.tab.offers')" name="offers">
        <section class="panel" v-loading="offers.loading">
          <p class="panel-note" style="margin-top:0">{{ t('sv.offerHint') }}</p>
          <div class="table-wrap">
            <el-table :data="offers.rules" size="small" :empty-text="t('common.noData')" data-test="sv-offers">
              <el-table-column :label="t('sv.offerName')" prop="name" min-width="130" />
              <el-table-column :label="t('sv.threshold')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.threshold_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('sv.offerBonus')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.bonus_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('sv.from')" prop="effective_from" min-width="100" />
              <el-table-column :label="t('sv.to')" min-width="100"><template #default="{ row }">{{ row.effective_to === '9999-12-31' ? t('sv.forever') : row.effective_to }}</template></el-table-column>
              <el-table-column :label="t('common.status')" min-width="90"><template #default="{ row }"><el-tag size="small" :type="row.in_force ? 'success' : 'info'">{{ row.in_force ? t('sv.inForce') : t('sv.notInForce') }}</el-tag></template></el-table-column>
              <el-table-column :label="t('sv.used')" prop="used" align="right" min-width="70" />
              <el-table-column v-if="canOffers" :label="t('common.actions')" min-width="80"><template #default="{ row }"><el-button v-if="row.active" link type="danger" @click="endOffer(row)">{{ t('sv.endOffer') }}</el-button></template></el-table-column>
            </el-table>
          </div>
          <div class="panel-note" style="margin-top:10px" v-if="offers.limits.length">
            {{ t('sv.limits') }}：<span v-for="l in offers.limits" :key="l.role" class="tag-soft" style="margin-right:6px">{{ l.role_name }} {{ l.bonus_limit_bp / 100 }}%</span>
          </div>
        </section>
      </el-tab-pane>
    </el-tabs>

    <el-dialog v-model="top.open" :title="top.member ? t('sv.topupTitle', { name: top.member.name || top.member.phone }) : ''" :width="ui.isPhone ? '94%' : '480px'" append-to-body data-test="sv-topup-dialog">
      <div v-if="top.member" class="bill-totals" style="margin:0 0 12px;border:0;padding:0">
        <div class="row"><span>{{ t('sv.phone') }}</span><span class="mono">{{ top.member.phone }}</span></div>
        <div class="row"><span>{{ t('sv.balance') }}</span><span class="num">¥{{ fmtMoney(top.member.balance_fen) }}（{{ t('sv.principal') }} {{ fmtMoney(top.member.principal_fen) }} + {{ t('sv.bonus') }} {{ fmtMoney(top.member.bonus_fen) }}）</span></div>
      </div>
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('sv.amount')" required>
          <el-input v-model="top.amount" inputmode="decimal" data-test="sv-topup-amount" @keyup.enter="submitTopup()"><template #prefix>¥</template></el-input>
        </el-form-item>
        <div class="panel-note" style="margin:-8px 0 12px" data-test="sv-topup-rule">
          <template v-if="top.quote && top.quote.rule">{{ t('sv.ruleBonus', { name: top.quote.rule.name || ('充' + yuanText(top.quote.rule.threshold_fen) + '送' + yuanText(top.quote.rule.bonus_fen)), b: fmtMoney(top.quote.bonus_fen) }) }}</template>
          <template v-else-if="topAmount">{{ t('sv.noRule') }}</template>
        </div>
        <el-form-item :label="t('sv.method')" required>
          <el-radio-group v-model="top.method">
            <el-radio-button v-for="m in METHODS" :key="m" :value="m" :data-test="'sv-method-' + m"><span class="method-dot" :style="{ background: METHOD_COLORS[m] }"></span>{{ t('method.' + m) }}</el-radio-button>
          </el-radio-group>
          <div v-if="top.method === 'cash'" class="panel-note" style="margin-top:4px">{{ t('sv.cashNote') }}</div>
        </el-form-item>
        <el-form-item :label="t('sv.reference')"><el-input v-model="top.reference" maxlength="40" :placeholder="t('sv.referencePh')" /></el-form-item>
        <el-checkbox v-model="top.manual" data-test="sv-topup-manual">{{ t('sv.manualBonus') }}</el-checkbox>
        <template v-if="top.manual">
          <div class="panel-note">{{ t('sv.manualHint', { n: offers.myLimit / 100 }) }}</div>
          <el-form-item :label="t('sv.bonusAmount')"><el-input v-model="top.bonus" inputmode="decimal" data-test="sv-topup-bonus-input"><template #prefix>¥</template></el-input></el-form-item>
        </template>
      </el-form>
      <div class="bill-totals" v-if="topAmount && topBonus !== null" style="margin-top:8px">
        <div class="row grand"><span data-test="sv-topup-credit">{{ t('sv.credited', { total: fmtMoney(addFen(topAmount, topBonus)), p: fmtMoney(topAmount), b: fmtMoney(topBonus) }) }}</span></div>
      </div>
      <el-alert v-if="top.error" :title="top.error" type="error" :closable="false" show-icon style="margin-top:12px" data-test="sv-topup-error" />
      <template #footer>
        <el-button @click="top.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="top.saving" data-test="sv-topup-submit" @click="submitTopup()"><el-icon><IconWallet /></el-icon>{{ t('sv.topupSubmit') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="back.open" :title="back.member ? t('sv.refundTitle', { name: back.member.name || back.member.phone }) : ''" :width="ui.isPhone ? '94%' : '480px'" append-to-body data-test="sv-refund-dialog">
      <el-alert :title="t('sv.refundLead')" type="warning" :closable="false" show-icon style="margin-bottom:14px" />
      <div v-if="back.member" class="bill-totals" style="margin:0 0 12px;border:0;padding:0">
        <div class="row"><span>{{ t('sv.principal') }}</span><span class="num">¥{{ fmtMoney(back.member.principal_fen) }}</span></div>
        <div class="row"><span>{{ t('sv.bonus') }}</span><span class="num">¥{{ fmtMoney(back.member.bonus_fen) }}</span></div>
      </div>
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('sv.refundAmount')" required>
          <el-input v-model="back.amount" inputmode="decimal" data-test="sv-refund-amount"><template #prefix>¥</template>
            <template #append><el-button data-test="sv-refund-all" @click="back.amount = yuanText(back.member.principal_fen)">{{ t('sv.refundAll') }}</el-button></template>
          </el-input>
          <div class="panel-note">{{ t('sv.refundMax', { n: back.member ? fmtMoney(back.member.principal_fen) : '' }) }}</div>
        </el-form-item>
        <el-alert v-if="backForfeits" :title="t('sv.forfeit', { n: fmtMoney(backForfeits) })" type="warning" :closable="false" show-icon style="margin:-6px 0 12px" data-test="sv-refund-forfeit" />
        <el-form-item :label="t('sv.refundMethod')" required>
          <el-radio-group v-model="back.method">
            <el-radio-button v-for="m in METHODS" :key="m" :value="m"><span class="method-dot" :style="{ background: METHOD_COLORS[m] }"></span>{{ t('method.' + m) }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item :label="t('sv.reason')" required><el-input v-model="back.reason" maxlength="100" show-word-limit :placeholder="t('sv.reasonPh')" data-test="sv-refund-reason" /></el-form-item>
        <el-form-item :label="t('sv.reference')"><el-input v-model="back.reference" maxlength="40" /></el-form-item>
      </el-form>
      <el-alert v-if="back.error" :title="back.error" type="error" :closable="false" show-icon data-test="sv-refund-error" />
      <template #footer>
        <el-button @click="back.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="warning" :loading="back.saving" data-test="sv-refund-submit" @click="submitRefund()"><el-icon><IconRefreshLeft /></el-icon>{{ t('sv.refundSubmit') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="form.open" :title="form.id ? t('sv.memberTitleEdit', { phone: form.phone }) : t('sv.memberTitleNew')" :width="ui.isPhone ? '94%' : '440px'" append-to-body data-test="sv-member-dialog">
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('sv.phone')" required>
          <el-input v-model="form.phone" :disabled="!!form.id" maxlength="20" inputmode="tel" data-test="sv-member-phone" />
          <div v-if="form.id" class="panel-note">{{ t('sv.phoneFixed') }}</div>
        </el-form-item>
        <el-form-item :label="t('sv.name')"><el-input v-model="form.name" maxlength="50" data-test="sv-member-name" /></el-form-item>
        <el-form-item :label="t('sv.level')"><el-input v-model="form.level" maxlength="20" data-test="sv-member-level" /></el-form-item>
        <el-form-item :label="t('sv.discountLabel')"><el-input v-model="form.discount" inputmode="decimal" data-test="sv-member-discount"><template #append>%</template></el-input></el-form-item>
        <el-checkbox v-if="form.id" v-model="form.active">{{ t('sv.activeLabel') }}</el-checkbox>
      </el-form>
      <el-alert v-if="form.error" :title="form.error" type="error" :closable="false" show-icon style="margin-top:12px" data-test="dialog-error" />
      <template #footer>
        <el-button @click="form.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="form.saving" data-test="sv-member-save" @click="saveMember">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="offerForm.open" :title="t('sv.offerTitle')" :width="ui.isPhone ? '94%' : '440px'" append-to-body data-test="sv-offer-dialog">
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('sv.offerName')"><el-input v-model="offerForm.name" maxlength="60" placeholder="充1000送200" /></el-form-item>
        <el-form-item :label="t('sv.threshold')" required><el-input v-model="offerForm.threshold" inputmode="decimal" data-test="sv-offer-threshold" /></el-form-item>
        <el-form-item :label="t('sv.offerBonus')" required><el-input v-model="offerForm.bonus" inputmode="decimal" data-test="sv-offer-bonus" /></el-form-item>
        <el-form-item :label="t('sv.from')"><el-date-picker v-model="offerForm.from" type="date" value-format="YYYY-MM-DD" :clearable="false" /></el-form-item>
        <el-form-item :label="t('sv.to')"><el-date-picker v-model="offerForm.to" type="date" value-format="YYYY-MM-DD" :placeholder="t('sv.forever')" /></el-form-item>
      </el-form>
      <el-alert v-if="offerForm.error" :title="offerForm.error" type="error" :closable="false" show-icon />
      <template #footer>
        <el-button @click="offerForm.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="offerForm.saving" data-test="sv-offer-save" @click="saveOffer">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-drawer v-model="hist.open" :title="hist.member ? t('sv.historyTitle', { name: hist.member.name || hist.member.phone }) : ''" :size="ui.isPhone ? '100%' : '900px'" append-to-body data-test="sv-history">
      <div v-if="hist.member" v-loading="hist.loading">
        <div class="detail-grid">
          <div><div class="k">{{ t('sv.phone') }}</div><div class="v mono">{{ hist.member.phone }}</div></div>
          <div><div class="k">{{ t('sv.level') }}</div><div class="v">{{ hist.member.level || '—' }}</div></div>
          <div><div class="k">{{ t('sv.principal') }}</div><div class="v num">¥{{ fmtMoney(hist.member.principal_fen) }}</div></div>
          <div><div class="k">{{ t('sv.bonus') }}</div><div class="v num">¥{{ fmtMoney(hist.member.bonus_fen) }}</div></div>
          <div><div class="k">{{ t('sv.balance') }}</div><div class="v num" data-test="sv-history-balance"><b>¥{{ fmtMoney(hist.member.balance_fen) }}</b></div></div>
          <div><div class="k">{{ t('sv.topupsIn') }}</div><div class="v num">¥{{ fmtMoney(hist.member.topped_up_fen) }}</div></div>
        </div>
        <div class="table-wrap">
          <el-table :data="hist.rows" size="small" :empty-text="t('common.noData')" data-test="sv-history-rows">
            <el-table-column :label="t('sv.at')" min-width="130"><template #default="{ row }"><span class="num">{{ instant(row.at) }}</span></template></el-table-column>
            <el-table-column :label="t('sv.kind')" min-width="90"><template #default="{ row }"><el-tag size="small" :type="KIND_TONE[row.kind] || 'info'" effect="plain">{{ kindLabel(row) }}</el-tag></template></el-table-column>
            <el-table-column :label="t('sv.principal')" align="right" min-width="90"><template #default="{ row }"><span class="num" :class="{ 'money-neg': row.principal_fen < 0 }">{{ row.principal_fen > 0 ? '+' : '' }}{{ fmtMoney(row.principal_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('sv.bonus')" align="right" min-width="80"><template #default="{ row }"><span class="num" :class="{ 'money-neg': row.bonus_fen < 0 }">{{ row.bonus_fen > 0 ? '+' : '' }}{{ fmtMoney(row.bonus_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('sv.after')" align="right" min-width="100"><template #default="{ row }"><b class="num">{{ fmtMoney(row.balance_after_fen) }}</b></template></el-table-column>
            <el-table-column :label="t('sv.billNo')" min-width="130"><template #default="{ row }"><span class="mono">{{ row.bill_no || '' }}</span><span v-if="row.method" class="muted"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] }"></span>{{ t('method.' + row.method) }}</span></template></el-table-column>
            <el-table-column :label="t('sv.by')" min-width="100" class-name="wrap"><template #default="{ row }">{{ row.by }}<span v-if="row.approved_by"> / {{ row.approved_by }}</span></template></el-table-column>
            <el-table-column :label="t('sv.note')" min-width="150" class-name="wrap"><template #default="{ row }">{{ row.reason || row.note }}</template></el-table-column>
          </el-table>
        </div>
        <div class="pager" v-if="hist.total > 50">
          <el-pagination v-model:current-page="hist.page" :page-size="50" :total="hist.total" layout="total, prev, pager, next" @current-change="loadHistory" />
        </div>
      </div>
    </el-drawer>
    <ApprovalDialog :state="approval" />
  </div>`,
};
