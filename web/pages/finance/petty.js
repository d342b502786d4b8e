// pages/finance/petty.js: 备用金 (petty cash): the fund card with its invariant
// (库存现金 + 未归还 + 待补充 = 定额) and whether it holds against the ledger, the open issues
// with the settle dialog (change back and receipts), issuing money (a manager's second sign-in
// above the fund's limit), a direct expense, replenishment from the safe or bank, every
// movement, and the printable register (备用金领取登记表) with signature columns, also as Excel
// and CSV. The server decides every figure; this page only shows and asks.
import { t, addMessages, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInstant, businessToday, monthStart, isDay, parseYuan } from '../../format.js';
import { DateRange, useApproval, ApprovalDialog } from '../../components.js';

const { ref, reactive, computed, onMounted, onBeforeUnmount, nextTick } = Vue;

addMessages({
  'pc.title': ['备用金', 'Petty cash'],
  'pc.subtitle': ['定额备用金：领用、退回零钱、凭票报销、补充；库存现金 + 未归还 + 待补充 = 定额', 'Imprest fund: issue, change back, receipts, replenish; cash + outstanding + to replenish = imprest'],
  'pc.cash': ['库存现金', 'Cash on hand'],
  'pc.outstanding': ['未归还', 'Outstanding'],
  'pc.receipted': ['待补充', 'To replenish'],
  'pc.imprest': ['定额', 'Imprest'],
  'pc.holds': ['账实相符', 'Balanced'],
  'pc.broken': ['不平衡', 'Does not balance'],
  'pc.ledgerOk': ['总账：备用金-库存 ¥{c}，备用金-借支 ¥{i}，与备用金台账一致', 'Ledger: petty cash ¥{c}, issued ¥{i}, agrees with the fund'],
  'pc.ledgerBad': ['总账：备用金-库存 ¥{c}，备用金-借支 ¥{i}，与备用金台账不一致，请联系管理员', 'Ledger: petty cash ¥{c}, issued ¥{i}, does NOT agree with the fund; tell an administrator'],
  'pc.custodian': ['保管人', 'Custodian'],
  'pc.limit': ['领用审批额度', 'Approval limit'],
  'pc.noFund': ['尚未设立备用金。设定定额后即可领用。', 'No petty-cash fund yet. Set its imprest to start.'],
  'pc.establish': ['设立备用金', 'Establish fund'],
  'pc.adjust': ['调整定额', 'Change imprest'],
  'pc.issue': ['领用', 'Issue'],
  'pc.expense': ['直接支付', 'Pay directly'],
  'pc.replenish': ['补充备用金', 'Replenish'],
  'pc.tab.open': ['未结借支', 'Open issues'],
  'pc.tab.movements': ['收支流水', 'Movements'],
  'pc.tab.register': ['领取登记表', 'Register'],
  'pc.day': ['日期', 'Date'],
  'pc.no': ['单号', 'No.'],
  'pc.person': ['领用人', 'Person'],
  'pc.personUser': ['领用人账号（可不填）', 'Person\'s user account (optional)'],
  'pc.purpose': ['用途', 'Purpose'],
  'pc.amount': ['领用金额', 'Issued'],
  'pc.returned': ['退回零钱', 'Change back'],
  'pc.receiptedCol': ['报销金额', 'Receipted'],
  'pc.paidOut': ['补付', 'Paid beyond'],
  'pc.owed': ['未归还', 'Outstanding'],
  'pc.approvedBy': ['审批人', 'Approved by'],
  'pc.byUser': ['经办人', 'Issued by'],
  'pc.settledOn': ['结算日期', 'Settled on'],
  'pc.signPerson': ['领用人签字', 'Signature'],
  'pc.signApprover': ['审批人', 'Approver'],
  'pc.settle': ['结算', 'Settle'],
  'pc.settleTitle': ['结算借支 #{id} · {person}', 'Settle issue #{id} · {person}'],
  'pc.settleLead': ['领用 ¥{a}，尚未归还 ¥{o}', 'Issued ¥{a}, outstanding ¥{o}'],
  'pc.receipts': ['报销票据', 'Receipts'],
  'pc.account': ['费用科目', 'Expense account'],
  'pc.receiptAmount': ['金额（元）', 'Amount (yuan)'],
  'pc.receiptNote': ['说明', 'Note'],
  'pc.receiptCount': ['张数', 'Count'],
  'pc.receiptNo': ['票号', 'Receipt no.'],
  'pc.addReceipt': ['添加票据', 'Add receipt'],
  'pc.sum': ['退回 ¥{r} + 报销 ¥{e} = ¥{s}', 'Change ¥{r} + receipts ¥{e} = ¥{s}'],
  'pc.sumLeft': ['结算后仍未归还 ¥{n}', '¥{n} stays outstanding'],
  'pc.sumExact': ['结清', 'Settles it'],
  'pc.sumBeyond': ['超出借支 ¥{n}，将从库存现金补付给领用人', '¥{n} beyond the issue is paid to the person from the cash'],
  'pc.sumOver': ['退回加报销超过未归还金额', 'Change plus receipts exceed what is outstanding'],
  'pc.yuan': ['元', 'yuan'],
  'pc.badAmount': ['金额请填写数字，最多两位小数，例如 120 或 120.50', 'Enter an amount such as 120 or 120.50 (at most two decimals)'],
  'pc.needPerson': ['请填写领用人', 'Enter who takes the money'],
  'pc.needPurpose': ['请填写用途', 'Enter the purpose'],
  'pc.needAccount': ['请为每张票据选择费用科目', 'Choose an expense account for every receipt'],
  'pc.needReceipt': ['请至少填写一张票据', 'Enter at least one receipt'],
  'pc.note': ['备注', 'Note'],
  'pc.source': ['资金来源', 'Source'],
  'pc.src.safe': ['保险柜', 'Safe'],
  'pc.src.bank': ['银行', 'Bank'],
  'pc.newImprest': ['定额（元）', 'Imprest (yuan)'],
  'pc.fundTitle': ['备用金设置', 'Petty-cash fund'],
  'pc.fundHint': ['定额增加从资金来源转入库存现金；减少则把库存现金交回资金来源（只能减少库存现金部分）。', 'Raising the imprest moves cash in from the source; lowering it hands cash on hand back (only what is on hand).'],
  'pc.issueTitle': ['领用备用金', 'Issue petty cash'],
  'pc.issueHint': ['库存现金 ¥{c}；超过 ¥{l} 需经理审批', 'Cash on hand ¥{c}; above ¥{l} a manager approves'],
  'pc.expenseTitle': ['备用金直接支付', 'Pay from petty cash'],
  'pc.paidBy': ['经手人（可不填）', 'Paid by (optional)'],
  'pc.replenishTitle': ['补充备用金', 'Replenish petty cash'],
  'pc.replenishHint': ['已报销待补充 ¥{n}，补充后库存现金回到定额', '¥{n} receipted and not yet replenished; afterwards the cash is back at the imprest'],
  'pc.replenishAmount': ['补充金额（元）', 'Amount (yuan)'],
  'pc.approveIssue': ['领用 {p} ¥{a}（{u}）超过审批额度 ¥{l}', 'Issue of ¥{a} to {p} ({u}) is above the limit of ¥{l}'],
  'pc.done': ['已记录', 'Recorded'],
  'pc.noOpen': ['没有未结的借支', 'No open issues'],
  'pc.kind': ['类型', 'Type'],
  'pc.kindAll': ['全部类型', 'All types'],
  'pc.dCash': ['库存现金', 'Cash'],
  'pc.dOut': ['未归还', 'Outstanding'],
  'pc.dRec': ['待补充', 'To replenish'],
  'pc.entry': ['凭证', 'Entry'],
  'pc.personFilter': ['领用人', 'Person'],
  'pc.k.establish': ['设立', 'Established'],
  'pc.k.adjust': ['调整定额', 'Imprest changed'],
  'pc.k.issue': ['领用', 'Issued'],
  'pc.k.return': ['退回零钱', 'Change back'],
  'pc.k.reimburse': ['报销', 'Receipts'],
  'pc.k.settle': ['结算', 'Settled'],
  'pc.k.expense': ['直接支付', 'Paid directly'],
  'pc.k.replenish': ['补充', 'Replenished'],
  'pc.printRegister': ['打印登记表', 'Print register'],
  'pc.registerTitle': ['备用金领取登记表', 'Petty-cash register'],
  'pc.registerPeriod': ['期间 {from} 至 {to}', 'Period {from} to {to}'],
  'pc.printedAt': ['打印时间 {at}', 'Printed {at}'],
  'pc.total': ['合计', 'Total'],
  'pc.sigCustodian': ['保管人：', 'Custodian:'],
  'pc.sigFinance': ['财务审核：', 'Checked by finance:'],
  'pc.sigManager': ['负责人：', 'Manager:'],
  'pc.age': ['{n} 天', '{n} d'],
  'pc.truncated': ['记录过多，只显示前 20000 笔，请缩小日期范围', 'Too many issues: the first 20,000 are shown; narrow the range'],
});

const KIND_TONE = { establish: 'primary', adjust: 'primary', issue: 'warning', return: 'success', reimburse: 'success', settle: 'success', expense: 'danger', replenish: 'info' };

// The print stylesheet of the register: only the register prints, as a bordered paper form.
const PRINT_CSS = `
@media screen { .pc-print-only { display: none !important; } }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body.pc-printing .pc-no-print, body.pc-printing .el-tabs__header, body.pc-printing .page-header { display: none !important; }
  body.pc-printing .pc-print-only { display: block !important; }
  body.pc-printing .pc-print-meta.pc-print-only, body.pc-printing .pc-print-foot.pc-print-only { display: flex !important; }
  body.pc-printing .panel { border: 0 !important; box-shadow: none !important; padding: 0 !important; }
  body.pc-printing .pc-register { font-size: 11px; color: #000; }
  body.pc-printing .pc-register th, body.pc-printing .pc-register td { border-color: #000 !important; }
}
.pc-register { width: 100%; border-collapse: collapse; font-size: 13px; }
.pc-register th, .pc-register td { border: 1px solid #cbd5e1; padding: 6px 8px; text-align: left; vertical-align: top; }
.pc-register th { background: #f1f5f9; font-weight: 600; white-space: nowrap; }
.pc-register td.num, .pc-register th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.pc-register td.sign { min-width: 80px; }
.pc-register tfoot td { font-weight: 700; background: #f8fafc; }
.pc-print-head { text-align: center; margin-bottom: 8px; }
.pc-print-head h2 { margin: 0 0 4px; font-size: 18px; letter-spacing: 2px; }
.pc-print-meta { display: flex; justify-content: space-between; gap: 16px; font-size: 12px; margin-bottom: 6px; }
.pc-print-foot { display: flex; justify-content: space-between; gap: 16px; margin-top: 24px; font-size: 12px; }
.pc-equation { display: flex; align-items: stretch; gap: 10px; flex-wrap: wrap; }
.pc-term { flex: 1 1 150px; border-radius: 10px; padding: 12px 14px; background: #f8fafc; border: 1px solid #e2e8f0; }
.pc-term .k { font-size: 12px; color: #64748b; }
.pc-term .v { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; margin-top: 4px; }
.pc-term.total { background: #eef2ff; border-color: #c7d2fe; }
.pc-op { display: flex; align-items: center; font-size: 22px; color: #94a3b8; font-weight: 700; }
.pc-verdict { margin-top: 12px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; font-size: 13px; }
.pc-verdict.ok { color: #15803d; }
.pc-verdict.bad { color: #b91c1c; }
.pc-meta { display: flex; gap: 18px; flex-wrap: wrap; color: #64748b; font-size: 13px; margin-top: 8px; }
.pc-receipt-row { display: grid; grid-template-columns: 2fr 1fr 2fr 70px 1.2fr 32px; gap: 6px; margin-bottom: 6px; align-items: center; }
.pc-receipt-head { font-size: 12px; color: #64748b; }
.pc-sum { margin-top: 8px; font-size: 13px; }
.pc-sum.bad { color: #b91c1c; }
@media (max-width: 768px) { .pc-receipt-row { grid-template-columns: 1fr 1fr; } .pc-op { display: none; } }
`;

function installCss() {
  if (document.getElementById('pc-style')) return;
  const s = document.createElement('style');
  s.id = 'pc-style';
  s.textContent = PRINT_CSS;
  document.head.appendChild(s);
}

/** Parses a yuan text to fen; '' counts as 0 when allowEmpty. null if malformed. */
function fenOf(text, allowEmpty) {
  if (allowEmpty && String(text ?? '').trim() === '') return 0;
  return parseYuan(text);
}

function emptyReceipt() {
  return { account: '', amount: '', note: '', receipt_count: 1, receipt_no: '' };
}

export default {
  name: 'PettyCashPage',
  components: { ApprovalDialog },
  setup() {
    installCss();
    const data = ref(null);
    const loading = ref(false);
    const error = ref('');
    const writable = computed(() => can('finance', true));
    const tz = computed(() => session.venue && session.venue.timezone);
    const instant = (s) => fmtInstant(s, tz.value);
    const tab = ref(['open', 'movements', 'register'].includes(route.query.tab) ? route.query.tab : 'open');
    const approval = useApproval();
    const accountName = (a) => (isEn() && a.name_en ? a.name_en : a.name);

    async function load() {
      loading.value = true;
      error.value = '';
      try {
        data.value = await api.get('/petty-cash', undefined, { quiet: true });
      } catch (e) {
        error.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    const status = computed(() => (data.value && data.value.status) || {});
    const ledger = computed(() => (data.value && data.value.ledger) || {});
    const fund = computed(() => data.value && data.value.fund);
    const established = computed(() => !!(fund.value && status.value.imprest_fen > 0));
    const holds = computed(() => !!(status.value.holds && ledger.value.agrees));
    const accounts = computed(() => (data.value && data.value.expense_accounts) || []);
    const today = computed(() => (data.value && data.value.today) || businessToday(session.venue));
    function age(day) {
      const ms = Date.parse(today.value + 'T00:00:00Z') - Date.parse(day + 'T00:00:00Z');
      return Math.max(0, Math.round(ms / 86400000));
    }

    // ---- movements ----
    const mv = reactive({ from: '', to: '', person: '', kind: '', page: 1, pageSize: 20, items: [], total: 0, loading: false });
    async function loadMovements() {
      mv.loading = true;
      try {
        const r = await api.get('/petty-cash/movements', { from: mv.from, to: mv.to, person: mv.person.trim(), kind: mv.kind, page: mv.page, page_size: mv.pageSize });
        mv.items = r.movements;
        mv.total = r.total;
      } catch {
        /* shown by api */
      } finally {
        mv.loading = false;
      }
    }
    function searchMovements() {
      mv.page = 1;
      loadMovements();
    }

    // ---- register ----
    const rg = reactive({ from: '', to: '', rows: [], totals: {}, truncated: false, loading: false, exporting: false, printedAt: '' });
    async function loadRegister() {
      if (!isDay(rg.from) || !isDay(rg.to) || rg.from > rg.to) return;
      rg.loading = true;
      try {
        const r = await api.get('/petty-cash/register', { from: rg.from, to: rg.to });
        rg.rows = r.rows;
        rg.totals = r.totals;
        rg.truncated = r.truncated;
      } catch {
        /* shown by api */
      } finally {
        rg.loading = false;
      }
    }
    async function exportRegister(format) {
      rg.exporting = true;
      try {
        const name = await api.download('/petty-cash/register', { format, from: rg.from, to: rg.to }, `petty-cash-register-${rg.from}-${rg.to}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown by api.download */
      } finally {
        rg.exporting = false;
      }
    }
    function cleanupPrint() {
      document.body.classList.remove('pc-printing');
    }
    async function printRegister() {
      tab.value = 'register';
      if (!rg.rows.length) await loadRegister();
      rg.printedAt = instant(Math.floor(Date.now() / 1000));
      document.body.classList.add('pc-printing');
      window.addEventListener('afterprint', cleanupPrint, { once: true });
      await nextTick();
      window.print();
    }
    onBeforeUnmount(cleanupPrint);

    function onTab(name) {
      setQuery({ tab: name });
      if (name === 'movements') loadMovements();
      if (name === 'register') loadRegister();
    }

    onMounted(async () => {
      await load();
      const d = today.value;
      rg.from = monthStart(d);
      rg.to = d;
      if (tab.value !== 'open') onTab(tab.value);
    });

    async function refreshAll() {
      await load();
      if (tab.value === 'movements') loadMovements();
      if (tab.value === 'register') loadRegister();
    }

    // ---- fund ----
    const fundDlg = reactive({ open: false, imprest: '', source: 'safe', custodian: '', limit: '', note: '', saving: false, error: '' });
    function openFund() {
      const f = fund.value;
      Object.assign(fundDlg, {
        open: true, error: '', note: '', source: 'safe',
        imprest: f ? fmtMoney(f.imprest_fen).replace(/,/g, '') : '3000.00',
        custodian: f ? f.custodian : '',
        limit: fmtMoney(f ? f.approval_limit_fen : data.value.default_approval_limit_fen).replace(/,/g, ''),
      });
    }
    async function saveFund() {
      const imprest = fenOf(fundDlg.imprest), limit = fenOf(fundDlg.limit);
      if (imprest === null || limit === null) {
        fundDlg.error = t('pc.badAmount');
        return;
      }
      const body = { custodian: fundDlg.custodian.trim(), approval_limit_fen: limit };
      if (!fund.value || imprest !== status.value.imprest_fen) {
        body.imprest_fen = imprest;
        body.source = fundDlg.source;
      }
      if (fundDlg.note.trim()) body.note = fundDlg.note.trim();
      fundDlg.saving = true;
      fundDlg.error = '';
      try {
        await api.post('/petty-cash/fund', body, { quiet: true });
        ElementPlus.ElMessage.success(t('pc.done'));
        fundDlg.open = false;
        refreshAll();
      } catch (e) {
        fundDlg.error = e.message;
      } finally {
        fundDlg.saving = false;
      }
    }

    // ---- issue ----
    const issueDlg = reactive({ open: false, person: '', username: '', purpose: '', amount: '', note: '', saving: false, error: '' });
    function openIssue() {
      Object.assign(issueDlg, { open: true, person: '', username: '', purpose: '', amount: '', note: '', error: '' });
    }
    async function saveIssue() {
      const amount = fenOf(issueDlg.amount);
      if (!issueDlg.person.trim() && !issueDlg.username.trim()) return (issueDlg.error = t('pc.needPerson'));
      if (!issueDlg.purpose.trim()) return (issueDlg.error = t('pc.needPurpose'));
      if (amount === null || amount <= 0) return (issueDlg.error = t('pc.badAmount'));
      const body = { person: issueDlg.person.trim(), purpose: issueDlg.purpose.trim(), amount_fen: amount };
      if (issueDlg.username.trim()) body.person_username = issueDlg.username.trim();
      if (issueDlg.note.trim()) body.note = issueDlg.note.trim();
      issueDlg.saving = true;
      issueDlg.error = '';
      try {
        let creds = null;
        // Above the limit the manager signs in here before the request goes (one round trip).
        if (fund.value && amount > fund.value.approval_limit_fen) {
          creds = await approval.ask(t('pc.approveIssue', { p: body.person || body.person_username, a: fmtMoney(amount), u: body.purpose, l: fmtMoney(fund.value.approval_limit_fen) }));
          if (!creds) return;
        }
        await api.post('/petty-cash/issues', { ...body, ...(creds || {}) }, { quiet: true });
        ElementPlus.ElMessage.success(t('pc.done'));
        issueDlg.open = false;
        refreshAll();
      } catch (e) {
        issueDlg.error = e.message;
      } finally {
        issueDlg.saving = false;
      }
    }

    // ---- settle ----
    const settleDlg = reactive({ open: false, issue: null, returned: '', receipts: [emptyReceipt()], note: '', saving: false, error: '' });
    function openSettle(issue) {
      Object.assign(settleDlg, { open: true, issue, returned: '', receipts: [emptyReceipt()], note: '', error: '' });
    }
    // The receipts that carry something (an empty last line is left out).
    function filledReceipts(list) {
      return list.filter((r) => r.account || String(r.amount).trim() || r.note.trim() || r.receipt_no.trim());
    }
    const settleSum = computed(() => {
      const back = fenOf(settleDlg.returned, true);
      let spent = 0;
      for (const r of filledReceipts(settleDlg.receipts)) {
        const f = fenOf(r.amount);
        if (f === null) return null;
        spent += f;
      }
      if (back === null || !settleDlg.issue) return null;
      const owed = settleDlg.issue.outstanding_fen;
      const total = back + spent;
      return { back, spent, total, left: owed - total, beyond: back === 0 && total > owed ? total - owed : 0, over: back > 0 && total > owed };
    });
    function receiptBody(list) {
      const out = [];
      for (const r of filledReceipts(list)) {
        const f = fenOf(r.amount);
        if (!r.account) throw new Error(t('pc.needAccount'));
        if (f === null || f <= 0) throw new Error(t('pc.badAmount'));
        const o = { account: r.account, amount_fen: f, receipt_count: r.receipt_count ?? 1 };
        if (r.note.trim()) o.note = r.note.trim();
        if (r.receipt_no.trim()) o.receipt_no = r.receipt_no.trim();
        out.push(o);
      }
      return out;
    }
    async function saveSettle() {
      settleDlg.error = '';
      let body;
      try {
        const back = fenOf(settleDlg.returned, true);
        if (back === null) throw new Error(t('pc.badAmount'));
        body = { returned_fen: back, receipts: receiptBody(settleDlg.receipts) };
        if (settleDlg.note.trim()) body.note = settleDlg.note.trim();
      } catch (e) {
        settleDlg.error = e.message;
        return;
      }
      settleDlg.saving = true;
      try {
        await api.post(`/petty-cash/issues/${settleDlg.issue.id}/settle`, body, { quiet: true });
        ElementPlus.ElMessage.success(t('pc.done'));
        settleDlg.open = false;
        refreshAll();
      } catch (e) {
        settleDlg.error = e.message;
      } finally {
        settleDlg.saving = false;
      }
    }

    // ---- direct expense ----
    const expDlg = reactive({ open: false, purpose: '', person: '', receipts: [emptyReceipt()], note: '', saving: false, error: '' });
    function openExpense() {
      Object.assign(expDlg, { open: true, purpose: '', person: '', receipts: [emptyReceipt()], note: '', error: '' });
    }
    async function saveExpense() {
      expDlg.error = '';
      let body;
      try {
        if (!expDlg.purpose.trim()) throw new Error(t('pc.needPurpose'));
        const receipts = receiptBody(expDlg.receipts);
        if (!receipts.length) throw new Error(t('pc.needReceipt'));
        body = { purpose: expDlg.purpose.trim(), receipts };
        if (expDlg.person.trim()) body.person = expDlg.person.trim();
        if (expDlg.note.trim()) body.note = expDlg.note.trim();
      } catch (e) {
        expDlg.error = e.message;
        return;
      }
      expDlg.saving = true;
      try {
        await api.post('/petty-cash/expenses', body, { quiet: true });
        ElementPlus.ElMessage.success(t('pc.done'));
        expDlg.open = false;
        refreshAll();
      } catch (e) {
        expDlg.error = e.message;
      } finally {
        expDlg.saving = false;
      }
    }

    // ---- replenish ----
    const repDlg = reactive({ open: false, amount: '', source: 'safe', note: '', saving: false, error: '' });
    function openReplenish() {
      Object.assign(repDlg, { open: true, amount: fmtMoney(status.value.receipted_fen).replace(/,/g, ''), source: 'safe', note: '', error: '' });
    }
    async function saveReplenish() {
      const amount = fenOf(repDlg.amount);
      if (amount === null || amount <= 0) return (repDlg.error = t('pc.badAmount'));
      const body = { amount_fen: amount, source: repDlg.source };
      if (repDlg.note.trim()) body.note = repDlg.note.trim();
      repDlg.saving = true;
      repDlg.error = '';
      try {
        await api.post('/petty-cash/replenish', body, { quiet: true });
        ElementPlus.ElMessage.success(t('pc.done'));
        repDlg.open = false;
        refreshAll();
      } catch (e) {
        repDlg.error = e.message;
      } finally {
        repDlg.saving = false;
      }
    }

    const kinds = ['establish', 'adjust', 'issue', 'return', 'reimburse', 'settle', 'expense', 'replenish'];
    const signed = (fen) => (fen > 0 ? '+' : '') + fmtMoney(fen);

    return {
      t, isEn, ui, session, data, loading, error, writable, tab, approval, status, ledger, fund, established, holds, accounts, accountName,
      today, age, instant, fmtMoney, signed, mv, loadMovements, searchMovements, rg, loadRegister, exportRegister, printRegister, onTab,
      refreshAll, fundDlg, openFund, saveFund, issueDlg, openIssue, saveIssue, settleDlg, openSettle, settleSum, saveSettle,
      expDlg, openExpense, saveExpense, repDlg, openReplenish, saveReplenish, emptyReceipt, kinds, KIND_TONE,
    };
  },
  template: `
  <div class="page petty-page" data-test="page-petty">
    <PageHeader :title="t('pc.title')" :subtitle="t('pc.subtitle')">
      <template v-if="writable && data">
        <el-button v-if="established" type="primary" data-test="petty-issue" @click="openIssue"><el-icon><IconWallet /></el-icon>{{ t('pc.issue') }}</el-button>
        <el-button v-if="established" data-test="petty-expense" @click="openExpense"><el-icon><IconTickets /></el-icon>{{ t('pc.expense') }}</el-button>
        <el-button v-if="established" type="success" plain :disabled="!status.receipted_fen" data-test="petty-replenish" @click="openReplenish"><el-icon><IconRefreshRight /></el-icon>{{ t('pc.replenish') }}</el-button>
        <el-button :type="fund ? 'default' : 'primary'" data-test="petty-fund-edit" @click="openFund"><el-icon><IconSetting /></el-icon>{{ fund ? t('pc.adjust') : t('pc.establish') }}</el-button>
      </template>
    </PageHeader>
    <el-alert v-if="error" :title="error" type="error" :closable="false" show-icon style="margin-bottom:14px" />

    <section class="panel pc-no-print" v-loading="loading" data-test="petty-fund">
      <template v-if="data">
        <el-empty v-if="!fund" :description="t('pc.noFund')" :image-size="80" />
        <template v-else>
          <div class="pc-equation" data-test="petty-invariant">
            <div class="pc-term" data-test="petty-cash"><div class="k">{{ t('pc.cash') }}</div><div class="v">¥{{ fmtMoney(status.cash_fen) }}</div></div>
            <div class="pc-op">+</div>
            <div class="pc-term" data-test="petty-outstanding"><div class="k">{{ t('pc.outstanding') }}</div><div class="v">¥{{ fmtMoney(status.outstanding_fen) }}</div></div>
            <div class="pc-op">+</div>
            <div class="pc-term" data-test="petty-receipted"><div class="k">{{ t('pc.receipted') }}</div><div class="v">¥{{ fmtMoney(status.receipted_fen) }}</div></div>
            <div class="pc-op">=</div>
            <div class="pc-term total" data-test="petty-imprest"><div class="k">{{ t('pc.imprest') }}</div><div class="v">¥{{ fmtMoney(status.imprest_fen) }}</div></div>
          </div>
          <div class="pc-verdict" :class="holds ? 'ok' : 'bad'" data-test="petty-holds">
            <el-tag :type="holds ? 'success' : 'danger'" effect="dark" round>
              <el-icon><IconCircleCheckFilled v-if="holds" /><IconWarningFilled v-else /></el-icon> {{ holds ? t('pc.holds') : t('pc.broken') }}
            </el-tag>
            <span data-test="petty-ledger">{{ t(ledger.agrees ? 'pc.ledgerOk' : 'pc.ledgerBad', { c: fmtMoney(ledger.petty_cash_fen), i: fmtMoney(ledger.petty_issued_fen) }) }}</span>
          </div>
          <div class="pc-meta">
            <span>{{ t('pc.custodian') }}：{{ fund.custodian || '—' }}</span>
            <span>{{ t('pc.limit') }}：¥{{ fmtMoney(fund.approval_limit_fen) }}</span>
          </div>
        </template>
      </template>
    </section>

    <section class="panel" v-if="fund">
      <el-tabs v-model="tab" @tab-change="onTab">
        <el-tab-pane :label="t('pc.tab.open') + ' (' + data.open_issues.length + ')'" name="open">
          <div class="table-wrap">
            <el-table :data="data.open_issues" :empty-text="t('pc.noOpen')" data-test="petty-open">
              <el-table-column :label="t('pc.no')" min-width="60"><template #default="{ row }">#{{ row.id }}</template></el-table-column>
              <el-table-column :label="t('pc.day')" min-width="130"><template #default="{ row }">{{ row.day }} <span class="muted" style="font-size:12px">{{ t('pc.age', { n: age(row.day) }) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.person')" min-width="90"><template #default="{ row }"><b>{{ row.person }}</b></template></el-table-column>
              <el-table-column :label="t('pc.purpose')" prop="purpose" min-width="160" class-name="wrap" />
              <el-table-column :label="t('pc.amount')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.returned')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ fmtMoney(row.returned_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.receiptedCol')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ fmtMoney(row.receipted_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.owed')" align="right" min-width="100"><template #default="{ row }"><b class="num" :data-test="'open-owed-' + row.id">{{ fmtMoney(row.outstanding_fen) }}</b></template></el-table-column>
              <el-table-column :label="t('pc.approvedBy')" prop="approved_by" min-width="80" />
              <el-table-column :label="t('pc.byUser')" prop="by_user" min-width="80" />
              <el-table-column v-if="writable" :label="t('common.actions')" min-width="80" fixed="right"><template #default="{ row }">
                <el-button link type="primary" :data-test="'settle-' + row.id" @click="openSettle(row)">{{ t('pc.settle') }}</el-button></template></el-table-column>
            </el-table>
          </div>
        </el-tab-pane>

        <el-tab-pane :label="t('pc.tab.movements')" name="movements">
          <div class="filter-bar" style="margin-bottom:12px">
            <DateRange v-model:from="mv.from" v-model:to="mv.to" @change="searchMovements" />
            <el-input v-model="mv.person" :placeholder="t('pc.personFilter')" clearable style="width:140px" @change="searchMovements" data-test="mv-person" />
            <el-select v-model="mv.kind" :placeholder="t('pc.kindAll')" clearable style="width:140px" @change="searchMovements" data-test="mv-kind">
              <el-option v-for="k in kinds" :key="k" :label="t('pc.k.' + k)" :value="k" />
            </el-select>
            <el-button type="primary" @click="searchMovements"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
          </div>
          <div class="table-wrap">
            <el-table :data="mv.items" v-loading="mv.loading" size="small" :empty-text="t('common.noData')" data-test="petty-movements" row-key="id">
              <el-table-column type="expand"><template #default="{ row }">
                <div style="padding:4px 16px">
                  <div v-if="row.note" class="muted">{{ t('pc.note') }}：{{ row.note }}</div>
                  <el-table v-if="row.receipts.length" :data="row.receipts" size="small">
                    <el-table-column :label="t('pc.account')" min-width="160"><template #default="{ row: r }">{{ r.account_code }} {{ isEn() && r.account_name_en ? r.account_name_en : r.account_name }}</template></el-table-column>
                    <el-table-column :label="t('common.amount')" align="right" min-width="90"><template #default="{ row: r }"><span class="num">{{ fmtMoney(r.amount_fen) }}</span></template></el-table-column>
                    <el-table-column :label="t('pc.receiptNote')" prop="note" min-width="140" />
                    <el-table-column :label="t('pc.receiptCount')" prop="receipt_count" align="right" min-width="60" />
                    <el-table-column :label="t('pc.receiptNo')" prop="receipt_no" min-width="100" />
                  </el-table>
                </div></template></el-table-column>
              <el-table-column :label="t('pc.day')" min-width="140"><template #default="{ row }"><span class="num">{{ instant(row.at) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.kind')" min-width="90"><template #default="{ row }"><el-tag size="small" :type="KIND_TONE[row.kind]" effect="light">{{ t('pc.k.' + row.kind) }}</el-tag></template></el-table-column>
              <el-table-column :label="t('pc.person')" min-width="80"><template #default="{ row }">{{ row.person }}<span v-if="row.issue_id" class="muted" style="font-size:12px"> #{{ row.issue_id }}</span></template></el-table-column>
              <el-table-column :label="t('pc.purpose')" min-width="140" class-name="wrap"><template #default="{ row }">{{ row.purpose || (row.source ? t('pc.src.' + row.source) : '') }}</template></el-table-column>
              <el-table-column :label="t('common.amount')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.dCash')" align="right" min-width="90"><template #default="{ row }"><span class="num" :class="{ 'money-neg': row.effect.cash_fen < 0 }">{{ signed(row.effect.cash_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.dOut')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ signed(row.effect.outstanding_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.dRec')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ signed(row.effect.receipted_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pc.byUser')" prop="by_user" min-width="80" />
              <el-table-column :label="t('pc.approvedBy')" prop="approved_by" min-width="80" />
              <el-table-column :label="t('pc.entry')" min-width="70"><template #default="{ row }"><span class="muted">{{ row.entry_id ? '#' + row.entry_id : '' }}</span></template></el-table-column>
            </el-table>
          </div>
          <el-pagination class="pager" style="margin-top:12px" layout="total, prev, pager, next" :total="mv.total" :page-size="mv.pageSize" v-model:current-page="mv.page" @current-change="loadMovements" />
        </el-tab-pane>

        <el-tab-pane :label="t('pc.tab.register')" name="register">
          <div class="filter-bar pc-no-print" style="margin-bottom:12px">
            <DateRange v-model:from="rg.from" v-model:to="rg.to" @change="loadRegister" />
            <el-button type="primary" :loading="rg.loading" @click="loadRegister"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
            <span class="grow"></span>
            <el-button :loading="rg.exporting" type="primary" plain data-test="register-xlsx" @click="exportRegister('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
            <el-button :loading="rg.exporting" @click="exportRegister('csv')">{{ t('common.exportCsv') }}</el-button>
            <el-button data-test="register-print" @click="printRegister"><el-icon><IconPrinter /></el-icon>{{ t('pc.printRegister') }}</el-button>
          </div>
          <el-alert v-if="rg.truncated" :title="t('pc.truncated')" type="warning" :closable="false" show-icon style="margin-bottom:10px" />
          <div class="pc-print-only pc-print-head">
            <h2>{{ t('pc.registerTitle') }}</h2>
          </div>
          <div class="pc-print-only pc-print-meta">
            <span>{{ session.venue && session.venue.name }}</span>
            <span>{{ t('pc.registerPeriod', { from: rg.from, to: rg.to }) }}</span>
            <span>{{ t('pc.custodian') }}：{{ fund.custodian || '—' }}</span>
            <span>{{ t('pc.printedAt', { at: rg.printedAt }) }}</span>
          </div>
          <div class="table-wrap" v-loading="rg.loading">
            <table class="pc-register" data-test="petty-register">
              <thead><tr>
                <th>{{ t('pc.day') }}</th><th>{{ t('pc.no') }}</th><th>{{ t('pc.person') }}</th><th>{{ t('pc.purpose') }}</th>
                <th class="num">{{ t('pc.amount') }}</th><th class="num">{{ t('pc.returned') }}</th><th class="num">{{ t('pc.receiptedCol') }}</th>
                <th class="num">{{ t('pc.paidOut') }}</th><th class="num">{{ t('pc.owed') }}</th><th>{{ t('pc.settledOn') }}</th>
                <th>{{ t('pc.byUser') }}</th><th>{{ t('pc.signPerson') }}</th><th>{{ t('pc.signApprover') }}</th>
              </tr></thead>
              <tbody>
                <tr v-for="r in rg.rows" :key="r.id">
                  <td>{{ r.day }}</td><td>{{ r.no }}</td><td>{{ r.person }}</td><td>{{ r.purpose }}</td>
                  <td class="num">{{ fmtMoney(r.amount_fen) }}</td><td class="num">{{ fmtMoney(r.returned_fen) }}</td><td class="num">{{ fmtMoney(r.receipted_fen) }}</td>
                  <td class="num">{{ r.paid_out_fen ? fmtMoney(r.paid_out_fen) : '' }}</td><td class="num">{{ fmtMoney(r.outstanding_fen) }}</td>
                  <td>{{ r.outstanding_fen ? '' : r.last_day }}</td><td>{{ r.by_user }}</td><td class="sign"></td><td class="sign">{{ r.approved_by }}</td>
                </tr>
                <tr v-if="!rg.rows.length"><td colspan="13" style="text-align:center;color:#94a3b8">{{ t('common.noData') }}</td></tr>
              </tbody>
              <tfoot v-if="rg.rows.length"><tr>
                <td colspan="4">{{ t('pc.total') }}（{{ rg.totals.issues }}）</td>
                <td class="num" data-test="register-total">{{ fmtMoney(rg.totals.amount_fen) }}</td><td class="num">{{ fmtMoney(rg.totals.returned_fen) }}</td>
                <td class="num">{{ fmtMoney(rg.totals.receipted_fen) }}</td><td class="num">{{ fmtMoney(rg.totals.paid_out_fen) }}</td>
                <td class="num">{{ fmtMoney(rg.totals.outstanding_fen) }}</td><td colspan="4"></td>
              </tr></tfoot>
            </table>
          </div>
          <div class="pc-print-only pc-print-foot">
            <span>{{ t('pc.sigCustodian') }}________________</span>
            <span>{{ t('pc.sigFinance') }}________________</span>
            <span>{{ t('pc.sigManager') }}________________</span>
          </div>
        </el-tab-pane>
      </el-tabs>
    </section>

    <el-dialog v-model="fundDlg.open" :title="t('pc.fundTitle')" :width="ui.isPhone ? '94%' : '460px'" append-to-body data-test="fund-dialog">
      <el-alert :title="t('pc.fundHint')" type="info" :closable="false" style="margin-bottom:12px" />
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('pc.newImprest')"><el-input v-model="fundDlg.imprest" inputmode="decimal" data-test="fund-imprest" /></el-form-item>
        <el-form-item :label="t('pc.source')"><el-radio-group v-model="fundDlg.source"><el-radio-button value="safe">{{ t('pc.src.safe') }}</el-radio-button><el-radio-button value="bank">{{ t('pc.src.bank') }}</el-radio-button></el-radio-group></el-form-item>
        <el-form-item :label="t('pc.custodian')"><el-input v-model="fundDlg.custodian" maxlength="20" data-test="fund-custodian" /></el-form-item>
        <el-form-item :label="t('pc.limit') + '（' + t('pc.yuan') + '）'"><el-input v-model="fundDlg.limit" inputmode="decimal" data-test="fund-limit" /></el-form-item>
        <el-form-item :label="t('pc.note')"><el-input v-model="fundDlg.note" maxlength="200" /></el-form-item>
      </el-form>
      <el-alert v-if="fundDlg.error" :title="fundDlg.error" type="error" :closable="false" show-icon data-test="fund-error" />
      <template #footer>
        <el-button @click="fundDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="fundDlg.saving" data-test="fund-save" @click="saveFund">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="issueDlg.open" :title="t('pc.issueTitle')" :width="ui.isPhone ? '94%' : '460px'" append-to-body data-test="issue-dialog">
      <el-alert v-if="fund" :title="t('pc.issueHint', { c: fmtMoney(status.cash_fen), l: fmtMoney(fund.approval_limit_fen) })" type="info" :closable="false" style="margin-bottom:12px" />
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('pc.person')"><el-input v-model="issueDlg.person" maxlength="20" data-test="issue-person" /></el-form-item>
        <el-form-item :label="t('pc.personUser')"><el-input v-model="issueDlg.username" maxlength="32" data-test="issue-username" /></el-form-item>
        <el-form-item :label="t('pc.purpose')"><el-input v-model="issueDlg.purpose" maxlength="100" data-test="issue-purpose" /></el-form-item>
        <el-form-item :label="t('pc.amount') + '（' + t('pc.yuan') + '）'"><el-input v-model="issueDlg.amount" inputmode="decimal" data-test="issue-amount" /></el-form-item>
        <el-form-item :label="t('pc.note')"><el-input v-model="issueDlg.note" maxlength="200" /></el-form-item>
      </el-form>
      <el-alert v-if="issueDlg.error" :title="issueDlg.error" type="error" :closable="false" show-icon data-test="issue-error" />
      <template #footer>
        <el-button @click="issueDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="issueDlg.saving" data-test="issue-save" @click="saveIssue">{{ t('pc.issue') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="settleDlg.open" :title="settleDlg.issue ? t('pc.settleTitle', { id: settleDlg.issue.id, person: settleDlg.issue.person }) : ''" :width="ui.isPhone ? '96%' : '760px'" append-to-body data-test="settle-dialog">
      <template v-if="settleDlg.issue">
        <el-alert :title="t('pc.settleLead', { a: fmtMoney(settleDlg.issue.amount_fen), o: fmtMoney(settleDlg.issue.outstanding_fen) }) + ' · ' + settleDlg.issue.purpose" type="info" :closable="false" style="margin-bottom:12px" />
        <el-form label-position="top" @submit.prevent>
          <el-form-item :label="t('pc.returned') + '（' + t('pc.yuan') + '）'"><el-input v-model="settleDlg.returned" inputmode="decimal" style="max-width:200px" data-test="settle-returned" /></el-form-item>
        </el-form>
        <div class="pc-receipt-row pc-receipt-head" v-if="!ui.isPhone"><span>{{ t('pc.account') }}</span><span>{{ t('pc.receiptAmount') }}</span><span>{{ t('pc.receiptNote') }}</span><span>{{ t('pc.receiptCount') }}</span><span>{{ t('pc.receiptNo') }}</span><span></span></div>
        <div class="pc-receipt-row" v-for="(r, i) in settleDlg.receipts" :key="i">
          <el-select v-model="r.account" filterable :placeholder="t('pc.account')" :data-test="'settle-account-' + i">
            <el-option v-for="a in accounts" :key="a.id" :label="a.code + ' ' + accountName(a)" :value="a.account" />
          </el-select>
          <el-input v-model="r.amount" inputmode="decimal" :placeholder="t('pc.receiptAmount')" :data-test="'settle-amount-' + i" />
          <el-input v-model="r.note" maxlength="100" :placeholder="t('pc.receiptNote')" />
          <el-input-number v-model="r.receipt_count" :min="0" :max="999" controls-position="right" style="width:100%" />
          <el-input v-model="r.receipt_no" maxlength="40" :placeholder="t('pc.receiptNo')" />
          <el-button link type="danger" :disabled="settleDlg.receipts.length === 1" @click="settleDlg.receipts.splice(i, 1)"><el-icon><IconDelete /></el-icon></el-button>
        </div>
        <el-button link type="primary" :disabled="settleDlg.receipts.length >= 20" @click="settleDlg.receipts.push(emptyReceipt())"><el-icon><IconPlus /></el-icon>{{ t('pc.addReceipt') }}</el-button>
        <div v-if="settleSum" class="pc-sum" :class="{ bad: settleSum.over || settleSum.left < 0 && !settleSum.beyond }" data-test="settle-sum">
          {{ t('pc.sum', { r: fmtMoney(settleSum.back), e: fmtMoney(settleSum.spent), s: fmtMoney(settleSum.total) }) }} ·
          <span v-if="settleSum.over">{{ t('pc.sumOver') }}</span>
          <span v-else-if="settleSum.beyond">{{ t('pc.sumBeyond', { n: fmtMoney(settleSum.beyond) }) }}</span>
          <span v-else-if="settleSum.left === 0">{{ t('pc.sumExact') }}</span>
          <span v-else>{{ t('pc.sumLeft', { n: fmtMoney(settleSum.left) }) }}</span>
        </div>
        <el-input v-model="settleDlg.note" maxlength="200" :placeholder="t('pc.note')" style="margin-top:10px" />
      </template>
      <el-alert v-if="settleDlg.error" :title="settleDlg.error" type="error" :closable="false" show-icon style="margin-top:10px" data-test="settle-error" />
      <template #footer>
        <el-button @click="settleDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="settleDlg.saving" data-test="settle-save" @click="saveSettle">{{ t('pc.settle') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="expDlg.open" :title="t('pc.expenseTitle')" :width="ui.isPhone ? '96%' : '760px'" append-to-body data-test="expense-dialog">
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('pc.purpose')"><el-input v-model="expDlg.purpose" maxlength="100" data-test="expense-purpose" /></el-form-item>
        <el-form-item :label="t('pc.paidBy')"><el-input v-model="expDlg.person" maxlength="20" /></el-form-item>
      </el-form>
      <div class="pc-receipt-row pc-receipt-head" v-if="!ui.isPhone"><span>{{ t('pc.account') }}</span><span>{{ t('pc.receiptAmount') }}</span><span>{{ t('pc.receiptNote') }}</span><span>{{ t('pc.receiptCount') }}</span><span>{{ t('pc.receiptNo') }}</span><span></span></div>
      <div class="pc-receipt-row" v-for="(r, i) in expDlg.receipts" :key="i">
        <el-select v-model="r.account" filterable :placeholder="t('pc.account')" :data-test="'expense-account-' + i">
          <el-option v-for="a in accounts" :key="a.id" :label="a.code + ' ' + accountName(a)" :value="a.account" />
        </el-select>
        <el-input v-model="r.amount" inputmode="decimal" :placeholder="t('pc.receiptAmount')" :data-test="'expense-amount-' + i" />
        <el-input v-model="r.note" maxlength="100" :placeholder="t('pc.receiptNote')" />
        <el-input-number v-model="r.receipt_count" :min="0" :max="999" controls-position="right" style="width:100%" />
        <el-input v-model="r.receipt_no" maxlength="40" :placeholder="t('pc.receiptNo')" />
        <el-button link type="danger" :disabled="expDlg.receipts.length === 1" @click="expDlg.receipts.splice(i, 1)"><el-icon><IconDelete /></el-icon></el-button>
      </div>
      <el-button link type="primary" :disabled="expDlg.receipts.length >= 20" @click="expDlg.receipts.push(emptyReceipt())"><el-icon><IconPlus /></el-icon>{{ t('pc.addReceipt') }}</el-button>
      <el-input v-model="expDlg.note" maxlength="200" :placeholder="t('pc.note')" style="margin-top:10px" />
      <el-alert v-if="expDlg.error" :title="expDlg.error" type="error" :closable="false" show-icon style="margin-top:10px" data-test="expense-error" />
      <template #footer>
        <el-button @click="expDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="expDlg.saving" data-test="expense-save" @click="saveExpense">{{ t('pc.expense') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="repDlg.open" :title="t('pc.replenishTitle')" :width="ui.isPhone ? '94%' : '420px'" append-to-body data-test="replenish-dialog">
      <el-alert :title="t('pc.replenishHint', { n: fmtMoney(status.receipted_fen) })" type="info" :closable="false" style="margin-bottom:12px" />
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('pc.replenishAmount')"><el-input v-model="repDlg.amount" inputmode="decimal" data-test="replenish-amount" /></el-form-item>
        <el-form-item :label="t('pc.source')"><el-radio-group v-model="repDlg.source"><el-radio-button value="safe">{{ t('pc.src.safe') }}</el-radio-button><el-radio-button value="bank">{{ t('pc.src.bank') }}</el-radio-button></el-radio-group></el-form-item>
        <el-form-item :label="t('pc.note')"><el-input v-model="repDlg.note" maxlength="200" /></el-form-item>
      </el-form>
      <el-alert v-if="repDlg.error" :title="repDlg.error" type="error" :closable="false" show-icon data-test="replenish-error" />
      <template #footer>
        <el-button @click="repDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="success" :loading="repDlg.saving" data-test="replenish-save" @click="saveReplenish">{{ t('pc.replenish') }}</el-button>
      </template>
    </el-dialog>
    <ApprovalDialog :state="approval" />
  </div>`,
};
