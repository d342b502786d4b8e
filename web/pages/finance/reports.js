// pages/finance/reports.js: 财务管理表, the finance reports read from the books for a range of
// business days: the finance table (income, expense and profit by day or month, by category and
// by channel, with the cash flow), the monthly profit and loss (利润表), the cash flow (现金流),
// over/short by cashier and month (长短款), petty cash with its invariant (备用金) and the
// stored-value liability with principal and bonus apart (储值负债). Every figure and every sum
// is the server's (src/finance/freport_api.c): this page lays them out, draws them, prints them,
// and downloads the same report as Excel or CSV for the same range.
import { t, addMessages, isEn, lang } from '../../i18n.js';
import * as api from '../../api.js';
import { session, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtYuan, fmtInt, fmtInstant, businessToday, addDays, monthStart, monthEnd, isDay, daysBetween, weekdayOf } from '../../format.js';
import { baseChart, moneyAxis, categoryAxis, axisTooltip, PALETTE } from '../../components.js';

const { ref, reactive, computed, watch, onMounted, onBeforeUnmount, nextTick } = Vue;

addMessages({
  'fr.title': ['财务管理表', 'Finance reports'],
  'fr.subtitle': ['收入、支出、利润与资金流，全部取自总账分录；导出的 Excel 与页面数字一致', 'Income, expense, profit and cash flow, all read from the ledger; the Excel export shows the same figures'],
  'fr.tab.table': ['财务管理表', 'Finance table'],
  'fr.tab.pnl': ['利润表', 'Profit & loss'],
  'fr.tab.cashflow': ['现金流', 'Cash flow'],
  'fr.tab.overshort': ['长短款', 'Over / short'],
  'fr.tab.petty': ['备用金', 'Petty cash'],
  'fr.tab.liability': ['储值负债', 'Stored value'],
  'fr.byDay': ['按日', 'By day'],
  'fr.byMonth': ['按月', 'By month'],
  'fr.monthlyOnly': ['利润表与长短款按月汇总', 'Profit & loss and over/short are by month'],
  'fr.range': ['营业日 {from} 至 {to} · {n} 天', 'Business days {from} to {to} · {n} days'],
  'fr.badRange': ['请选择有效的日期范围（开始不晚于结束）', 'Choose a valid range (from not after to)'],
  'fr.toMonthly': ['超过 366 天，已改为按月汇总', 'More than 366 days: grouped by month'],
  'fr.printedAt': ['打印时间 {at}', 'Printed {at}'],
  'fr.period': ['期间', 'Period'],
  'fr.day': ['营业日', 'Business day'],
  'fr.month': ['月份', 'Month'],
  'fr.item': ['项目', 'Item'],
  'fr.code': ['科目编码', 'Account'],
  'fr.account': ['科目', 'Account'],
  'fr.amount': ['金额', 'Amount'],
  'fr.total': ['合计', 'Total'],
  'fr.hideZero': ['隐藏无发生额的科目', 'Hide accounts without movement'],
  'fr.noData': ['所选期间没有记账', 'Nothing was posted in this range'],
  // the finance table
  'fr.revenue': ['营业收入', 'Revenue'],
  'fr.contra': ['收入减项', 'Discounts & refunds'],
  'fr.income': ['收入净额', 'Net revenue'],
  'fr.otherIncome': ['其他收入', 'Other income'],
  'fr.expense': ['成本费用', 'Expenses'],
  'fr.profit': ['利润', 'Profit'],
  'fr.cashIn': ['资金流入', 'Money in'],
  'fr.cashOut': ['资金流出', 'Money out'],
  'fr.cashOpening': ['期初资金', 'Cash at the start'],
  'fr.cashClosing': ['期末资金', 'Cash at the end'],
  'fr.contraSub': ['收入减项：折扣、平台优惠与退款', 'Discounts, platform discounts and refunds'],
  'fr.chartIncome': ['收入、支出与利润', 'Income, expense and profit'],
  'fr.periods': ['按期间汇总', 'By period'],
  'fr.byCategory': ['按科目（收支类别）', 'By category'],
  'fr.revenueMix': ['营业收入构成', 'Revenue by category'],
  'fr.expenseMix': ['成本费用构成', 'Expenses by category'],
  'fr.byChannel': ['按收付渠道', 'By channel'],
  'fr.channelMix': ['各渠道收款（借方）', 'Money in by channel (debits)'],
  'fr.channel': ['渠道', 'Channel'],
  'fr.channelAccount': ['渠道账户', 'Channel account'],
  'fr.opening': ['期初余额', 'Opening'],
  'fr.closing': ['期末余额', 'Closing'],
  'fr.in': ['收入（借方）', 'In (debits)'],
  'fr.out': ['支出（贷方）', 'Out (credits)'],
  'fr.channelNote': ['储值为负债：“收入”是会员余额支付的金额，“支出”是充值进余额的金额，余额见储值负债', 'Stored value is a liability: its "in" is what guests paid from balances, its "out" what was added to them; balances are on the stored-value tab'],
  'fr.ch.cash': ['现金', 'Cash'],
  'fr.ch.bank': ['银行', 'Bank'],
  'fr.ch.clearing': ['待清算', 'Clearing'],
  'fr.ch.stored_value': ['会员储值', 'Stored value'],
  'fr.ch.platform': ['团购平台', 'Group-buy platform'],
  'fr.ch.credit': ['挂账', 'Signed credit'],
  'fr.sec.revenue': ['营业收入合计', 'Revenue'],
  'fr.sec.contra': ['减：折扣、平台优惠与退款', 'Less discounts, platform discounts and refunds'],
  'fr.sec.net': ['营业收入净额', 'Net revenue'],
  'fr.sec.other': ['其他收入合计', 'Other income'],
  'fr.sec.expense': ['成本费用合计', 'Total expenses'],
  // cash flow
  'fr.cf.class': ['资金用途', 'What moved it'],
  'fr.cf.in': ['流入', 'In'],
  'fr.cf.out': ['流出', 'Out'],
  'fr.cf.net': ['净流入', 'Net'],
  'fr.cf.byClass': ['按用途', 'By class'],
  'fr.cf.byPeriod': ['按期间', 'By period'],
  'fr.cf.accounts': ['资金账户', 'Cash accounts'],
  'fr.cf.transfers': ['资金账户间调拨（进出相抵，不计入流入流出）', 'Transfers between cash accounts (net zero, not counted in or out)'],
  'fr.cf.balanced': ['期初 + 流入 − 流出 = 期末，账实相符', 'Opening + in − out = closing: it adds up'],
  'fr.cf.unbalanced': ['现金流与资金账户余额不一致，请联系管理员', 'The cash flow does not agree with the cash accounts; tell an administrator'],
  'fr.cf.chart': ['资金流入流出与期末资金', 'Money in and out, cash at the end'],
  // over / short
  'fr.os.rule': ['长缴短补，不得以长补短：长款计入其他收入，短款由收银员补缴，互不抵消', 'Overs go to other income, shorts are owed by the cashier; they are never netted'],
  'fr.os.shifts': ['结班数', 'Shifts'],
  'fr.os.even': ['无差异', 'Even'],
  'fr.os.overs': ['长款次数', 'Overs'],
  'fr.os.over': ['长款金额', 'Over'],
  'fr.os.shorts': ['短款次数', 'Shorts'],
  'fr.os.short': ['短款金额', 'Short'],
  'fr.os.owed': ['短款待补（截至期末）', 'Still owed at the end'],
  'fr.os.cashier': ['收银员', 'Cashier'],
  'fr.os.byCashier': ['按收银员', 'By cashier'],
  'fr.os.byMonth': ['按收银员和月份', 'By cashier and month'],
  'fr.os.chart': ['各收银员长短款', 'Over and short by cashier'],
  // petty cash
  'fr.pc.cash': ['库存备用金', 'Cash on hand'],
  'fr.pc.issued': ['借支未报', 'Issued, not accounted for'],
  'fr.pc.awaiting': ['已报销待补充', 'Spent, to replenish'],
  'fr.pc.imprest': ['定额', 'Imprest'],
  'fr.pc.holds': ['库存 + 借支 + 待补充 = 定额', 'Cash + issued + to replenish = imprest'],
  'fr.pc.over': ['库存与借支超过定额 ¥{n}，请核对', 'Cash and issues exceed the imprest by ¥{n}; check it'],
  'fr.pc.noImprest': ['尚未设立备用金定额，只显示总账余额', 'No imprest set: only the ledger balances are shown'],
  'fr.pc.asOf': ['截至 {day}', 'As of {day}'],
  'fr.pc.accounts': ['备用金科目', 'Petty-cash accounts'],
  'fr.pc.people': ['借支人', 'Issued to'],
  'fr.pc.person': ['借支人', 'Person'],
  'fr.pc.outstanding': ['未报金额', 'Outstanding'],
  'fr.pc.none': ['没有未报的借支', 'Nothing outstanding'],
  'fr.pc.chart': ['库存与借支（期末）', 'Cash and issues (end of period)'],
  'fr.pc.cashClosing': ['库存（期末）', 'Cash (closing)'],
  'fr.pc.issuedClosing': ['借支（期末）', 'Issued (closing)'],
  // stored value
  'fr.sv.closing': ['储值负债（期末）', 'Liability (closing)'],
  'fr.sv.principal': ['其中本金', 'Of which principal'],
  'fr.sv.bonus': ['其中赠额', 'Of which bonus'],
  'fr.sv.increase': ['本期增加', 'Increase'],
  'fr.sv.decrease': ['本期减少', 'Decrease'],
  'fr.sv.opening': ['期初', 'Opening'],
  'fr.sv.accounts': ['负债科目', 'Liability accounts'],
  'fr.sv.periods': ['按期间', 'By period'],
  'fr.sv.movements': ['变动明细', 'Movements'],
  'fr.sv.what': ['业务', 'What'],
  'fr.sv.entries': ['分录数', 'Entries'],
  'fr.sv.chart': ['本金与赠额余额', 'Principal and bonus balances'],
  'fr.sv.note': ['充值是负债不是收入；本金与赠额分开记账，退款只退本金', 'A top-up is a liability, not revenue; principal and bonus are kept apart, refunds return principal only'],
});

// The tabs: the route of each report, and whether the report is by month only.
const TABS = [
  { name: 'table', path: 'table' },
  { name: 'pnl', path: 'pnl', monthly: true },
  { name: 'cashflow', path: 'cashflow' },
  { name: 'overshort', path: 'over-short', monthly: true },
  { name: 'petty', path: 'petty' },
  { name: 'liability', path: 'liability' },
];
const TAB = Object.fromEntries(TABS.map((x) => [x.name, x]));

// The server answers at most 366 periods by day (FR_MAX_DAYS).
const MAX_DAYS = 366;

const CSS = `
@media screen { .fr-print-only { display: none !important; } }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  .fr-page .page-header, .fr-page .el-tabs__header, .fr-page .fr-no-print { display: none !important; }
  .fr-page .fr-print-only { display: block !important; }
  .fr-page .panel { border: 0 !important; box-shadow: none !important; padding: 0 0 10px !important; }
  .fr-page .fr-scroll { max-height: none !important; overflow: visible !important; }
  .fr-page .fr-table { font-size: 11px; color: #000; }
  .fr-page .fr-table th, .fr-page .fr-table td { border-color: #999 !important; }
  .fr-page .kpi-grid { grid-template-columns: repeat(3, minmax(0, 1fr)) !important; }
  .fr-page .kpi-card { box-shadow: none; }
}
.fr-print-head { text-align: center; margin-bottom: 10px; }
.fr-print-head h2 { margin: 0 0 4px; font-size: 18px; letter-spacing: 2px; }
.fr-print-head .meta { display: flex; justify-content: space-between; gap: 16px; font-size: 12px; }
.fr-filter .el-radio-group { flex: none; }
.fr-range { font-size: 12.5px; color: var(--text-3); }
.fr-tabs > .el-tabs__header { background: #fff; border: 1px solid var(--card-border); border-radius: var(--radius); padding: 0 16px; box-shadow: var(--shadow); margin-bottom: 16px; }
.fr-tabs > .el-tabs__header .el-tabs__nav-wrap::after { display: none; }
.fr-tabs > .el-tabs__header .el-tabs__item { height: 46px; font-size: 14px; }
.fr-grid { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); gap: 16px; margin-bottom: 16px; align-items: start; }
.fr-grid.wide { grid-template-columns: minmax(0, 1.7fr) minmax(0, 1fr); }
.fr-grid > .panel, .fr-stack > .panel { margin-bottom: 0; }
.fr-split { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; align-items: start; margin-top: 18px; padding-top: 14px; border-top: 1px dashed var(--card-border); }
.fr-cash .fr-term { max-width: none; }
.fr-cash { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; margin-top: 10px; }
.fr-cash .fr-term .v { font-size: 19px; }
.fr-chart-title { font-size: 13px; font-weight: 600; color: var(--text-2); text-align: center; }
.fr-stack { display: flex; flex-direction: column; gap: 16px; }
.fr-scroll { width: 100%; overflow: auto; max-height: 560px; }
.fr-table { width: 100%; border-collapse: separate; border-spacing: 0; font-size: 13px; color: var(--text-1); }
.fr-table th, .fr-table td { padding: 7px 10px; border-bottom: 1px solid #eef0f6; text-align: left; white-space: nowrap; background: #fff; }
.fr-table thead th { background: #f7f8fc; color: #5a6079; font-weight: 600; position: sticky; top: 0; z-index: 2; }
.fr-table th.num, .fr-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.fr-table tbody tr:hover td { background: #f6f6ff; }
.fr-table tfoot td { background: #fafaff; font-weight: 700; position: sticky; bottom: 0; z-index: 2; border-top: 1px solid #e2e5f0; }
.fr-table .sticky-col { position: sticky; left: 0; z-index: 1; }
.fr-table thead th.sticky-col, .fr-table tfoot td.sticky-col { z-index: 3; }
.fr-table tr.sub td { font-weight: 650; background: #fafbff; }
.fr-table tr.net td { font-weight: 700; background: #f3f4fe; }
.fr-table tr.profit td { font-weight: 800; background: #eef2ff; color: #312e81; border-top: 1px solid #c7d2fe; }
.fr-table td.indent { padding-left: 26px; }
.fr-table .wd { color: var(--text-3); font-size: 12px; margin-left: 6px; }
.fr-table td.money-neg, .fr-table .money-neg { color: var(--bad); }
.fr-table .muted-row td { color: var(--text-3); }
.fr-equation { display: flex; align-items: stretch; gap: 10px; flex-wrap: wrap; }
.fr-term { flex: 1 1 150px; max-width: 320px; border-radius: 10px; padding: 12px 14px; background: #f8fafc; border: 1px solid #e2e8f0; }
.fr-term .k { font-size: 12px; color: #64748b; }
.fr-term .v { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; margin-top: 4px; white-space: nowrap; }
.fr-term.total { background: #eef2ff; border-color: #c7d2fe; }
.fr-op { display: flex; align-items: center; font-size: 22px; color: #94a3b8; font-weight: 700; }
.fr-verdict { margin-top: 12px; display: flex; gap: 8px; align-items: center; font-size: 13px; }
.fr-verdict.ok { color: #15803d; }
.fr-verdict.bad { color: #b91c1c; }
.fr-note { font-size: 12px; color: var(--text-3); margin: 10px 0 0; line-height: 1.5; }
.fr-sum { display: flex; gap: 8px 22px; flex-wrap: wrap; font-size: 13px; color: var(--text-2); margin-top: 12px; }
.fr-sum b { color: var(--text-1); font-variant-numeric: tabular-nums; }
.fr-sum b.money-neg { color: var(--bad); }
@media (max-width: 1024px) { .fr-grid, .fr-grid.wide, .fr-split { grid-template-columns: minmax(0, 1fr); } }
@media (max-width: 768px) {
  .fr-op { display: none; }
  .fr-scroll { max-height: 420px; }
  .fr-tabs > .el-tabs__header { padding: 0 8px; }
}
`;

function installCss() {
  if (document.getElementById('fr-style')) return;
  const s = document.createElement('style');
  s.id = 'fr-style';
  s.textContent = CSS;
  document.head.appendChild(s);
}

export default {
  name: 'FinanceReportsPage',
  setup() {
    installCss();
    const today = businessToday(session.venue);
    const q = route.query;
    const tab = ref(TAB[q.tab] ? q.tab : 'table');
    const fromQ = isDay(q.from) ? q.from : monthStart(today);
    const toQ = isDay(q.to) ? q.to : today;
    const filter = reactive({
      from: fromQ,
      to: toQ,
      // By day within one month, by month across months (what the server does by default).
      group: q.group === 'day' || q.group === 'month' ? q.group : fromQ.slice(0, 7) === toQ.slice(0, 7) ? 'day' : 'month',
    });
    const hideZero = ref(true);
    const exporting = ref(false);
    const printedAt = ref('');
    const tz = computed(() => session.venue && session.venue.timezone);

    // One slot per tab: the report for the parameters it was asked with.
    const reports = reactive(Object.fromEntries(TABS.map((x) => [x.name, { key: '', data: null, loading: false, error: '' }])));
    const cur = computed(() => reports[tab.value]);

    function paramsOf(name) {
      return { from: filter.from, to: filter.to, group: TAB[name].monthly ? 'month' : filter.group };
    }
    function validRange() {
      return isDay(filter.from) && isDay(filter.to) && filter.from <= filter.to;
    }
    async function load(name, force) {
      const slot = reports[name];
      const p = paramsOf(name);
      const key = JSON.stringify(p);
      if (!force && slot.key === key && slot.data) return;
      slot.key = key;
      slot.loading = true;
      slot.error = '';
      try {
        const data = await api.get('/finance/reports/' + TAB[name].path, p, { quiet: true });
        if (slot.key === key) slot.data = data;
      } catch (e) {
        if (slot.key === key) {
          slot.data = null;
          slot.error = e.message;
        }
      } finally {
        if (slot.key === key) slot.loading = false;
      }
    }
    function run(force) {
      if (!validRange()) {
        ElementPlus.ElMessage.warning(t('fr.badRange'));
        return;
      }
      if (filter.group === 'day' && daysBetween(filter.from, filter.to) > MAX_DAYS) {
        filter.group = 'month';
        ElementPlus.ElMessage.info(t('fr.toMonthly'));
      }
      setQuery({ tab: tab.value, from: filter.from, to: filter.to, group: filter.group });
      load(tab.value, force);
    }
    function onTab(name) {
      tab.value = name;
      run(false);
    }
    onMounted(() => {
      printedAt.value = fmtInstant(Math.floor(Date.now() / 1000), tz.value);
      run(false);
    });
    // A link, the back button or an edited address that changes the query of this same page
    // shows what it names (the page is not mounted afresh for it).
    watch(() => route.query, (nq) => {
      if (route.path !== '/finance/reports') return;
      const next = {
        tab: TAB[nq.tab] ? nq.tab : tab.value,
        from: isDay(nq.from) ? nq.from : filter.from,
        to: isDay(nq.to) ? nq.to : filter.to,
        group: nq.group === 'day' || nq.group === 'month' ? nq.group : filter.group,
      };
      if (next.tab === tab.value && next.from === filter.from && next.to === filter.to && next.group === filter.group) return;
      tab.value = next.tab;
      Object.assign(filter, { from: next.from, to: next.to, group: next.group });
      run(false);
    });

    // Quick picks: this month, last month, this year (by month).
    const lastMonthDay = addDays(monthStart(today), -1);
    const QUICK = {
      thisMonth: { from: monthStart(today), to: today, group: 'day' },
      lastMonth: { from: monthStart(lastMonthDay), to: monthEnd(lastMonthDay), group: 'day' },
      thisYear: { from: today.slice(0, 4) + '-01-01', to: today, group: 'month' },
    };
    const quick = computed({
      get: () => Object.keys(QUICK).find((k) => QUICK[k].from === filter.from && QUICK[k].to === filter.to) || '',
      set: (k) => {
        if (!QUICK[k]) return;
        Object.assign(filter, QUICK[k]);
        run(false);
      },
    });
    function setGroup(g) {
      filter.group = g;
      run(false);
    }
    const span = computed(() => (validRange() ? daysBetween(filter.from, filter.to) : 0));
    const monthlyTab = computed(() => !!TAB[tab.value].monthly);

    async function exportAs(format) {
      if (!validRange()) return;
      exporting.value = true;
      const p = paramsOf(tab.value);
      try {
        const name = await api.download('/finance/reports/' + TAB[tab.value].path, { ...p, format },
          `${TAB[tab.value].path}-${p.from}-${p.to}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown by api.download */
      } finally {
        exporting.value = false;
      }
    }
    function print() {
      printedAt.value = fmtInstant(Math.floor(Date.now() / 1000), tz.value);
      nextTick(() => window.print());
    }

    // ---- shared helpers ----
    const accName = (a) => (a ? (isEn() && a.name_en ? a.name_en : a.name) : '');
    const titleOf = (d) => (d ? (isEn() ? d.title_en : d.title) : '');
    const neg = (v) => typeof v === 'number' && v < 0;
    const byMonthOf = (d) => d && d.group === 'month';
    const weekday = (day) => (day && day.length === 10 ? t('weekday.' + weekdayOf(day)) : '');
    const axisLabels = (periods, d) => periods.map((p) => (byMonthOf(d) ? p.period : p.period.slice(5)));
    const zoom = (n) => (n > 45 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 0 }] : []);
    const legend = { top: 0, right: 0, textStyle: { color: '#5a6079' } };
    function pie(rows, empty) {
      const base = baseChart();
      return {
        ...base,
        tooltip: { ...base.tooltip, trigger: 'item', formatter: (p) => `${p.marker}${p.name}<br/><b>¥${fmtMoney(p.value)}</b> · ${p.percent}%` },
        legend: { type: 'scroll', bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8, textStyle: { color: '#5a6079' } },
        series: [{
          type: 'pie', radius: ['38%', '62%'], center: ['50%', '45%'], avoidLabelOverlap: true, minShowLabelAngle: 8,
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
          label: { show: !ui.isPhone, formatter: '{d}%', color: '#475569' },
          labelLine: { length: 8, length2: 8 },
          data: rows.map((r, i) => ({ name: r.name, value: r.value, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        }],
        graphic: rows.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: empty, fill: '#94a3b8', fontSize: 13 } }],
      };
    }

    // ---- the finance table ----
    const tb = computed(() => reports.table.data);
    const tbTotals = computed(() => (tb.value && tb.value.totals) || {});
    const tbPeriods = computed(() => (tb.value && tb.value.periods) || []);
    const tbEmpty = computed(() => tb.value && !tbPeriods.value.some((p) => p.revenue_fen || p.contra_fen || p.other_income_fen || p.expense_fen || p.cash_in_fen || p.cash_out_fen));
    // The income statement by category: each section's accounts, closed by the server's totals.
    const statement = computed(() => {
      const d = tb.value;
      if (!d) return [];
      const tot = d.totals || {};
      const lines = (d.lines || []).filter((l) => l.kind === 'account' && (!hideZero.value || l.amount_fen));
      const rows = [];
      const section = (sec, key, label) => {
        for (const l of lines.filter((x) => x.section === sec)) rows.push({ kind: 'line', code: l.code, name: accName(l), amount: l.amount_fen, test: 'line-' + l.code });
        rows.push({ kind: 'sub', name: t(label), amount: tot[key], test: 'st-' + sec });
      };
      section('revenue', 'revenue_fen', 'fr.sec.revenue');
      section('contra', 'contra_fen', 'fr.sec.contra');
      rows.push({ kind: 'net', name: t('fr.sec.net'), amount: tot.net_revenue_fen, test: 'st-net' });
      section('other_income', 'other_income_fen', 'fr.sec.other');
      section('expense', 'expense_fen', 'fr.sec.expense');
      rows.push({ kind: 'profit', name: t('fr.profit'), amount: tot.profit_fen, test: 'st-profit' });
      return rows;
    });
    const channels = computed(() => (tb.value && tb.value.channels) || []);
    const incomeOption = computed(() => {
      lang.value; // labels follow the language
      const d = tb.value;
      const rows = tbPeriods.value;
      const base = baseChart();
      return {
        ...base,
        legend,
        tooltip: { ...base.tooltip, formatter: axisTooltip([0, 1, 2, 3]) },
        xAxis: categoryAxis(axisLabels(rows, d)),
        yAxis: moneyAxis(),
        dataZoom: zoom(rows.length),
        grid: { ...base.grid, bottom: rows.length > 45 ? 30 : 8 },
        series: [
          { name: t('fr.income'), type: 'bar', stack: 'in', data: rows.map((p) => p.net_revenue_fen), barMaxWidth: 26, itemStyle: { color: '#4f46e5' } },
          { name: t('fr.otherIncome'), type: 'bar', stack: 'in', data: rows.map((p) => p.other_income_fen), barMaxWidth: 26, itemStyle: { color: '#06b6d4', borderRadius: [4, 4, 0, 0] } },
          { name: t('fr.expense'), type: 'bar', data: rows.map((p) => p.expense_fen), barMaxWidth: 26, itemStyle: { color: '#f59e0b', borderRadius: [4, 4, 0, 0] } },
          { name: t('fr.profit'), type: 'line', smooth: 0.25, smoothMonotone: 'x', symbolSize: 6, showSymbol: rows.length <= 45, data: rows.map((p) => p.profit_fen), lineStyle: { width: 3, color: '#10b981' }, itemStyle: { color: '#10b981' } },
        ],
      };
    });
    // The slices of the pies: accounts that moved (a pie of nothing is not drawn).
    const sectionRows = (sec) => computed(() => {
      lang.value;
      return ((tb.value && tb.value.lines) || []).filter((l) => l.section === sec && l.amount_fen > 0).map((l) => ({ name: accName(l), value: l.amount_fen }));
    });
    const revenueRows = sectionRows('revenue');
    const expenseRows = sectionRows('expense');
    const channelRows = computed(() => {
      lang.value;
      return channels.value.filter((c) => c.in_fen > 0).map((c) => ({ name: accName(c), value: c.in_fen }));
    });
    const revenueMixOption = computed(() => pie(revenueRows.value, t('common.noData')));
    const expenseMixOption = computed(() => pie(expenseRows.value, t('common.noData')));
    const channelMixOption = computed(() => pie(channelRows.value, t('common.noData')));
    const channelName = (c) => t('fr.ch.' + c);

    // ---- P&L ----
    const pnl = computed(() => reports.pnl.data);
    const pnlMonths = computed(() => (pnl.value && pnl.value.months) || []);
    const pnlLines = computed(() => ((pnl.value && pnl.value.lines) || []).filter((l) =>
      l.kind !== 'account' || !hideZero.value || l.amount_fen || (l.months || []).some((v) => v)));
    const pnlOption = computed(() => {
      lang.value;
      const rows = (pnl.value && pnl.value.periods) || [];
      const base = baseChart();
      return {
        ...base,
        legend,
        tooltip: { ...base.tooltip, formatter: axisTooltip([0, 1, 2]) },
        xAxis: categoryAxis(rows.map((p) => p.period)),
        yAxis: moneyAxis(),
        series: [
          { name: t('fr.income'), type: 'bar', data: rows.map((p) => p.net_revenue_fen), barMaxWidth: 34, itemStyle: { color: '#4f46e5', borderRadius: [5, 5, 0, 0] } },
          { name: t('fr.expense'), type: 'bar', data: rows.map((p) => p.expense_fen), barMaxWidth: 34, itemStyle: { color: '#f59e0b', borderRadius: [5, 5, 0, 0] } },
          { name: t('fr.profit'), type: 'line', smooth: 0.25, smoothMonotone: 'x', symbolSize: 7, data: rows.map((p) => p.profit_fen), lineStyle: { width: 3, color: '#10b981' }, itemStyle: { color: '#10b981' } },
        ],
      };
    });
    const pnlClass = (l) => (l.kind === 'subtotal' ? (l.line === 'profit' ? 'profit' : l.line === 'net_revenue' ? 'net' : 'sub') : '');

    // ---- cash flow ----
    const cf = computed(() => reports.cashflow.data);
    const cfTotals = computed(() => (cf.value && cf.value.totals) || { in: {}, out: {} });
    const cfClasses = computed(() => ((cf.value && cf.value.classes) || []).filter((c) =>
      (cfTotals.value.in && cfTotals.value.in[c.class]) || (cfTotals.value.out && cfTotals.value.out[c.class])));
    const cfOption = computed(() => {
      lang.value;
      const d = cf.value;
      const rows = (d && d.periods) || [];
      const base = baseChart();
      return {
        ...base,
        legend,
        tooltip: { ...base.tooltip, formatter: axisTooltip([0, 1, 2]) },
        xAxis: categoryAxis(axisLabels(rows, d)),
        yAxis: [moneyAxis(), moneyAxis({ splitLine: { show: false } })],
        dataZoom: zoom(rows.length),
        grid: { ...base.grid, bottom: rows.length > 45 ? 30 : 8 },
        series: [
          { name: t('fr.cf.in'), type: 'bar', data: rows.map((p) => p.in_fen), barMaxWidth: 22, itemStyle: { color: '#10b981', borderRadius: [4, 4, 0, 0] } },
          { name: t('fr.cf.out'), type: 'bar', data: rows.map((p) => p.out_fen), barMaxWidth: 22, itemStyle: { color: '#ef4444', borderRadius: [4, 4, 0, 0] } },
          { name: t('fr.cashClosing'), type: 'line', yAxisIndex: 1, smooth: 0.25, smoothMonotone: 'x', symbolSize: 6, showSymbol: rows.length <= 45, data: rows.map((p) => p.closing_fen), lineStyle: { width: 3, color: '#4f46e5' }, itemStyle: { color: '#4f46e5' } },
        ],
      };
    });

    // ---- over / short ----
    const os = computed(() => reports.overshort.data);
    const osTotals = computed(() => (os.value && os.value.totals) || {});
    const osOption = computed(() => {
      lang.value;
      const rows = (os.value && os.value.cashiers) || [];
      const base = baseChart();
      return {
        ...base,
        legend,
        tooltip: { ...base.tooltip, formatter: axisTooltip([0, 1]) },
        xAxis: categoryAxis(rows.map((r) => r.cashier)),
        yAxis: moneyAxis(),
        series: [
          { name: t('fr.os.over'), type: 'bar', data: rows.map((r) => r.over_fen), barMaxWidth: 30, itemStyle: { color: '#f59e0b', borderRadius: [5, 5, 0, 0] } },
          { name: t('fr.os.short'), type: 'bar', data: rows.map((r) => r.short_fen), barMaxWidth: 30, itemStyle: { color: '#ef4444', borderRadius: [5, 5, 0, 0] } },
        ],
      };
    });

    // ---- petty cash ----
    const pc = computed(() => reports.petty.data);
    const pcStatus = computed(() => (pc.value && pc.value.status) || {});
    const pcHasImprest = computed(() => pcStatus.value.imprest_fen !== null && pcStatus.value.imprest_fen !== undefined);
    const pcOption = computed(() => {
      lang.value;
      const d = pc.value;
      const rows = (d && d.periods) || [];
      const base = baseChart();
      return {
        ...base,
        legend,
        tooltip: { ...base.tooltip, formatter: axisTooltip([0, 1]) },
        xAxis: categoryAxis(axisLabels(rows, d)),
        yAxis: moneyAxis(),
        dataZoom: zoom(rows.length),
        grid: { ...base.grid, bottom: rows.length > 45 ? 30 : 8 },
        series: [
          { name: t('fr.pc.cashClosing'), type: 'bar', stack: 'pc', data: rows.map((p) => p.cash_closing_fen), barMaxWidth: 24, itemStyle: { color: '#10b981' } },
          { name: t('fr.pc.issuedClosing'), type: 'bar', stack: 'pc', data: rows.map((p) => p.issued_closing_fen), barMaxWidth: 24, itemStyle: { color: '#f59e0b', borderRadius: [4, 4, 0, 0] } },
        ],
      };
    });

    // ---- stored-value liability ----
    const sv = computed(() => reports.liability.data);
    const svTotals = computed(() => (sv.value && sv.value.totals) || {});
    const svAccName = (m) => (isEn() && m.account_en ? m.account_en : m.account);
    const svAccount = (key) => ((sv.value && sv.value.accounts) || []).find((a) => a.key === key) || null;
    const svPrincipal = computed(() => svAccount('sv_principal'));
    const svBonus = computed(() => svAccount('sv_bonus'));
    const svOption = computed(() => {
      lang.value;
      const d = sv.value;
      const rows = (d && d.periods) || [];
      const base = baseChart();
      return {
        ...base,
        legend,
        tooltip: { ...base.tooltip, formatter: axisTooltip([0, 1]) },
        xAxis: categoryAxis(axisLabels(rows, d), { boundaryGap: rows.length === 1 }),
        yAxis: moneyAxis(),
        dataZoom: zoom(rows.length),
        grid: { ...base.grid, bottom: rows.length > 45 ? 30 : 8 },
        series: [
          { name: t('fr.sv.principal'), type: 'line', stack: 'sv', smooth: 0.25, smoothMonotone: 'x', showSymbol: rows.length <= 45, data: rows.map((p) => p.principal_closing_fen), lineStyle: { color: '#4f46e5' }, itemStyle: { color: '#4f46e5' }, areaStyle: { color: 'rgba(79,70,229,.22)' } },
          { name: t('fr.sv.bonus'), type: 'line', stack: 'sv', smooth: 0.25, smoothMonotone: 'x', showSymbol: rows.length <= 45, data: rows.map((p) => p.bonus_closing_fen), lineStyle: { color: '#ec4899' }, itemStyle: { color: '#ec4899' }, areaStyle: { color: 'rgba(236,72,153,.2)' } },
        ],
      };
    });

    onBeforeUnmount(() => {
      for (const x of TABS) reports[x.name].key = ''; // late answers land nowhere
    });

    return {
      t, ui, session, tab, filter, quick, span, monthlyTab, hideZero, exporting, printedAt, reports, cur, TABS,
      run, onTab, setGroup, exportAs, print, fmtYuan, accName, svAccount: svAccName, titleOf, neg, weekday, fmtMoney, fmtInt,
      tb, tbTotals, tbPeriods, tbEmpty, statement, channels, channelName, incomeOption, revenueRows, expenseRows, channelRows, revenueMixOption, expenseMixOption, channelMixOption,
      pnl, pnlMonths, pnlLines, pnlOption, pnlClass,
      cf, cfTotals, cfClasses, cfOption,
      os, osTotals, osOption,
      pc, pcStatus, pcHasImprest, pcOption,
      sv, svTotals, svPrincipal, svBonus, svOption,
    };
  },
  template: `
  <div class="page fr-page" data-test="page-freports">
    <PageHeader :title="t('fr.title')" :subtitle="t('fr.subtitle')">
      <el-button :loading="exporting" type="primary" plain data-test="export-xlsx" @click="exportAs('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
      <el-button :loading="exporting" data-test="export-csv" @click="exportAs('csv')">{{ t('common.exportCsv') }}</el-button>
      <el-button v-if="!ui.isPhone" data-test="print" @click="print"><el-icon><IconPrinter /></el-icon>{{ t('common.print') }}</el-button>
    </PageHeader>

    <div class="panel filter-panel fr-filter">
      <div class="filter-bar">
        <DateRange v-model:from="filter.from" v-model:to="filter.to" @change="run(false)" />
        <el-radio-group v-model="quick" data-test="quick">
          <el-radio-button value="thisMonth" data-test="quick-thisMonth">{{ t('range.thisMonth') }}</el-radio-button>
          <el-radio-button value="lastMonth" data-test="quick-lastMonth">{{ t('range.lastMonth') }}</el-radio-button>
          <el-radio-button value="thisYear" data-test="quick-thisYear">{{ t('range.thisYear') }}</el-radio-button>
        </el-radio-group>
        <el-radio-group :model-value="monthlyTab ? 'month' : filter.group" :disabled="monthlyTab" data-test="group" @update:model-value="setGroup">
          <el-radio-button value="day" data-test="group-day">{{ t('fr.byDay') }}</el-radio-button>
          <el-radio-button value="month" data-test="group-month">{{ t('fr.byMonth') }}</el-radio-button>
        </el-radio-group>
        <el-button type="primary" :loading="cur.loading" data-test="run-report" @click="run(true)"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
        <span class="grow"></span>
        <span class="fr-range" data-test="fr-range">{{ t('fr.range', { from: filter.from, to: filter.to, n: span }) }}<template v-if="monthlyTab"> · {{ t('fr.monthlyOnly') }}</template></span>
      </div>
    </div>

    <div class="fr-print-only fr-print-head">
      <h2>{{ titleOf(cur.data) || t('fr.tab.' + tab) }}</h2>
      <div class="meta">
        <span>{{ session.venue && session.venue.name }}</span>
        <span>{{ t('fr.range', { from: filter.from, to: filter.to, n: span }) }}</span>
        <span>{{ t('fr.printedAt', { at: printedAt }) }}</span>
      </div>
    </div>

    <el-alert v-if="cur.error" :title="cur.error" type="error" :closable="false" show-icon class="fr-no-print" style="margin-bottom:16px" data-test="fr-error" />

    <el-tabs v-model="tab" class="fr-tabs" data-test="fr-tabs" @tab-change="onTab">
      <!-- ================================================================ 财务管理表 -->
      <el-tab-pane name="table">
        <template #label><span data-test="tab-table">{{ t('fr.tab.table') }}</span></template>
        <div v-loading="reports.table.loading" style="min-height:200px">
          <template v-if="tb">
            <div class="kpi-grid cols-6" data-test="table-kpis">
              <KpiCard :label="t('fr.revenue')" prefix="¥" :value="fmtMoney(tbTotals.revenue_fen)" icon="Money" tone="primary" testid="kpi-revenue" />
              <KpiCard :label="t('fr.contra')" prefix="¥" :value="fmtMoney(tbTotals.contra_fen)" icon="PriceTag" tone="slate" testid="kpi-contra" />
              <KpiCard :label="t('fr.income')" prefix="¥" :value="fmtMoney(tbTotals.net_revenue_fen)" icon="Wallet" tone="violet" testid="kpi-income" />
              <KpiCard :label="t('fr.otherIncome')" prefix="¥" :value="fmtMoney(tbTotals.other_income_fen)" icon="Coin" tone="cyan" testid="kpi-other-income" />
              <KpiCard :label="t('fr.expense')" prefix="¥" :value="fmtMoney(tbTotals.expense_fen)" icon="ShoppingCart" tone="amber" testid="kpi-expense" />
              <KpiCard :label="t('fr.profit')" prefix="¥" :value="fmtMoney(tbTotals.profit_fen)" icon="TrendCharts" :tone="neg(tbTotals.profit_fen) ? 'red' : 'green'" testid="kpi-profit" />
            </div>
            <EmptyHint v-if="tbEmpty" :text="t('fr.noData')" class="panel" />

            <section class="panel">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconHistogram /></el-icon>{{ t('fr.chartIncome') }}</h3></div>
              <KChart :option="incomeOption" :height="ui.isPhone ? '260px' : '320px'" testid="chart-income" />
            </section>

            <section class="panel">
              <div class="panel-head">
                <h3 class="panel-title"><el-icon><IconCalendar /></el-icon>{{ t('fr.periods') }}</h3>
                <span class="panel-note">{{ tb.group === 'month' ? t('fr.byMonth') : t('fr.byDay') }} · {{ t('fr.range', { from: tb.from, to: tb.to, n: span }) }}</span>
              </div>
              <div class="fr-scroll">
                <table class="fr-table" data-test="table-periods">
                  <thead><tr>
                    <th class="sticky-col">{{ tb.group === 'month' ? t('fr.month') : t('fr.day') }}</th>
                    <th class="num">{{ t('fr.revenue') }}</th><th class="num">{{ t('fr.contra') }}</th><th class="num">{{ t('fr.income') }}</th>
                    <th class="num">{{ t('fr.otherIncome') }}</th><th class="num">{{ t('fr.expense') }}</th><th class="num">{{ t('fr.profit') }}</th>
                    <th class="num">{{ t('fr.cashIn') }}</th><th class="num">{{ t('fr.cashOut') }}</th><th class="num">{{ t('fr.cashClosing') }}</th>
                  </tr></thead>
                  <tbody>
                    <tr v-for="p in tbPeriods" :key="p.period" :data-test="'period-' + p.period">
                      <td class="sticky-col">{{ p.period }}<span v-if="tb.group !== 'month'" class="wd">{{ weekday(p.period) }}</span></td>
                      <td class="num">{{ fmtMoney(p.revenue_fen) }}</td>
                      <td class="num">{{ fmtMoney(p.contra_fen) }}</td>
                      <td class="num">{{ fmtMoney(p.net_revenue_fen) }}</td>
                      <td class="num">{{ fmtMoney(p.other_income_fen) }}</td>
                      <td class="num">{{ fmtMoney(p.expense_fen) }}</td>
                      <td class="num" :class="{ 'money-neg': neg(p.profit_fen) }"><b>{{ fmtMoney(p.profit_fen) }}</b></td>
                      <td class="num">{{ fmtMoney(p.cash_in_fen) }}</td>
                      <td class="num">{{ fmtMoney(p.cash_out_fen) }}</td>
                      <td class="num">{{ fmtMoney(p.cash_closing_fen) }}</td>
                    </tr>
                  </tbody>
                  <tfoot><tr data-test="table-totals">
                    <td class="sticky-col">{{ t('fr.total') }}</td>
                    <td class="num" data-test="total-revenue">{{ fmtMoney(tbTotals.revenue_fen) }}</td>
                    <td class="num" data-test="total-contra">{{ fmtMoney(tbTotals.contra_fen) }}</td>
                    <td class="num" data-test="total-income">{{ fmtMoney(tbTotals.net_revenue_fen) }}</td>
                    <td class="num" data-test="total-other-income">{{ fmtMoney(tbTotals.other_income_fen) }}</td>
                    <td class="num" data-test="total-expense">{{ fmtMoney(tbTotals.expense_fen) }}</td>
                    <td class="num" :class="{ 'money-neg': neg(tbTotals.profit_fen) }" data-test="total-profit">{{ fmtMoney(tbTotals.profit_fen) }}</td>
                    <td class="num" data-test="total-cash-in">{{ fmtMoney(tbTotals.cash_in_fen) }}</td>
                    <td class="num" data-test="total-cash-out">{{ fmtMoney(tbTotals.cash_out_fen) }}</td>
                    <td class="num" data-test="total-cash-closing">{{ fmtMoney(tbTotals.cash_closing_fen) }}</td>
                  </tr></tfoot>
                </table>
              </div>
            </section>

            <div class="fr-grid">
              <section class="panel" data-test="by-category">
                <div class="panel-head">
                  <h3 class="panel-title"><el-icon><IconList /></el-icon>{{ t('fr.byCategory') }}</h3>
                  <el-switch v-model="hideZero" :active-text="t('fr.hideZero')" size="small" class="fr-no-print" />
                </div>
                <div class="table-wrap">
                  <table class="fr-table" data-test="table-statement">
                    <thead><tr><th>{{ t('fr.item') }}</th><th>{{ t('fr.code') }}</th><th class="num">{{ t('fr.amount') }}</th></tr></thead>
                    <tbody>
                      <tr v-for="(r, i) in statement" :key="i" :class="r.kind === 'line' ? '' : r.kind">
                        <td :class="{ indent: r.kind === 'line' }">{{ r.name }}</td>
                        <td class="muted">{{ r.code || '' }}</td>
                        <td class="num" :class="{ 'money-neg': neg(r.amount) }" :data-test="r.test">{{ fmtMoney(r.amount) }}</td>
                      </tr>
                    </tbody>
                  </table>
                </div>
              </section>
              <div class="fr-stack">
                <section class="panel">
                  <div class="panel-head"><h3 class="panel-title"><el-icon><IconPieChart /></el-icon>{{ t('fr.revenueMix') }}</h3></div>
                  <KChart v-if="revenueRows.length" :option="revenueMixOption" height="300px" testid="chart-categories" />
                  <EmptyHint v-else :text="t('common.noData')" />
                </section>
                <section class="panel">
                  <div class="panel-head"><h3 class="panel-title"><el-icon><IconPieChart /></el-icon>{{ t('fr.expenseMix') }}</h3></div>
                  <KChart v-if="expenseRows.length" :option="expenseMixOption" height="300px" testid="chart-expenses" />
                  <EmptyHint v-else :text="t('common.noData')" />
                </section>
              </div>
            </div>

            <section class="panel" data-test="by-channel">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconWallet /></el-icon>{{ t('fr.byChannel') }}</h3></div>
              <div class="table-wrap">
                <table class="fr-table" data-test="table-channels">
                  <thead><tr>
                    <th>{{ t('fr.channel') }}</th><th>{{ t('fr.channelAccount') }}</th><th class="num">{{ t('fr.opening') }}</th>
                    <th class="num">{{ t('fr.in') }}</th><th class="num">{{ t('fr.out') }}</th><th class="num">{{ t('fr.closing') }}</th>
                  </tr></thead>
                  <tbody>
                    <tr v-for="c in channels" :key="c.code" :data-test="'channel-' + c.code">
                      <td><span class="tag-soft">{{ channelName(c.channel) }}</span></td>
                      <td>{{ c.code }} {{ accName(c) }}</td>
                      <td class="num">{{ c.opening_fen === null ? '—' : fmtMoney(c.opening_fen) }}</td>
                      <td class="num">{{ fmtMoney(c.in_fen) }}</td>
                      <td class="num">{{ fmtMoney(c.out_fen) }}</td>
                      <td class="num" :class="{ 'money-neg': neg(c.closing_fen) }">{{ c.closing_fen === null ? '—' : fmtMoney(c.closing_fen) }}</td>
                    </tr>
                    <tr v-if="!channels.length"><td colspan="6" class="muted" style="text-align:center">{{ t('common.noData') }}</td></tr>
                  </tbody>
                </table>
              </div>
              <div class="fr-split">
                <div>
                  <div class="fr-cash" data-test="table-cash">
                    <div class="fr-term"><div class="k">{{ t('fr.cashOpening') }}</div><div class="v">{{ fmtYuan(tbTotals.cash_opening_fen) }}</div></div>
                    <div class="fr-term"><div class="k">{{ t('fr.cashIn') }}</div><div class="v">{{ fmtYuan(tbTotals.cash_in_fen) }}</div></div>
                    <div class="fr-term"><div class="k">{{ t('fr.cashOut') }}</div><div class="v">{{ fmtYuan(tbTotals.cash_out_fen) }}</div></div>
                    <div class="fr-term total"><div class="k">{{ t('fr.cashClosing') }}</div><div class="v">{{ fmtYuan(tbTotals.cash_closing_fen) }}</div></div>
                  </div>
                  <p class="fr-note">{{ t('fr.channelNote') }}</p>
                </div>
                <div>
                  <div class="fr-chart-title">{{ t('fr.channelMix') }}</div>
                  <KChart v-if="channelRows.length" :option="channelMixOption" height="320px" testid="chart-channels" />
                  <EmptyHint v-else :text="t('common.noData')" />
                </div>
              </div>
            </section>
          </template>
        </div>
      </el-tab-pane>

      <!-- ================================================================ 利润表 -->
      <el-tab-pane name="pnl">
        <template #label><span data-test="tab-pnl">{{ t('fr.tab.pnl') }}</span></template>
        <div v-loading="reports.pnl.loading" style="min-height:200px">
          <template v-if="pnl">
            <div class="kpi-grid cols-4">
              <KpiCard :label="t('fr.revenue')" prefix="¥" :value="fmtMoney(pnl.totals.revenue_fen)" icon="Money" tone="primary" testid="pnl-kpi-revenue" />
              <KpiCard :label="t('fr.income')" prefix="¥" :value="fmtMoney(pnl.totals.net_revenue_fen)" icon="Wallet" tone="violet" testid="pnl-kpi-income" />
              <KpiCard :label="t('fr.expense')" prefix="¥" :value="fmtMoney(pnl.totals.expense_fen)" icon="ShoppingCart" tone="amber" testid="pnl-kpi-expense" />
              <KpiCard :label="t('fr.profit')" prefix="¥" :value="fmtMoney(pnl.totals.profit_fen)" icon="TrendCharts" :tone="neg(pnl.totals.profit_fen) ? 'red' : 'green'" testid="pnl-kpi-profit" />
            </div>
            <section class="panel">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconHistogram /></el-icon>{{ t('fr.chartIncome') }}</h3></div>
              <KChart :option="pnlOption" :height="ui.isPhone ? '240px' : '280px'" testid="chart-pnl" />
            </section>
            <section class="panel">
              <div class="panel-head">
                <h3 class="panel-title"><el-icon><IconTickets /></el-icon>{{ t('fr.tab.pnl') }}</h3>
                <el-switch v-model="hideZero" :active-text="t('fr.hideZero')" size="small" class="fr-no-print" />
              </div>
              <div class="fr-scroll">
                <table class="fr-table" data-test="pnl-table">
                  <thead><tr>
                    <th class="sticky-col">{{ t('fr.item') }}</th><th>{{ t('fr.code') }}</th>
                    <th v-for="m in pnlMonths" :key="m" class="num">{{ m }}</th>
                    <th class="num">{{ t('fr.total') }}</th>
                  </tr></thead>
                  <tbody>
                    <tr v-for="(l, i) in pnlLines" :key="i" :class="pnlClass(l)">
                      <td class="sticky-col" :class="{ indent: l.kind === 'account' }">{{ accName(l) }}</td>
                      <td class="muted">{{ l.code || '' }}</td>
                      <td v-for="(v, k) in l.months" :key="k" class="num" :class="{ 'money-neg': neg(v) }">{{ fmtMoney(v) }}</td>
                      <td class="num" :class="{ 'money-neg': neg(l.amount_fen) }" :data-test="l.kind === 'subtotal' ? 'pnl-' + l.line : 'pnl-line-' + l.code"><b>{{ fmtMoney(l.amount_fen) }}</b></td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </section>
          </template>
        </div>
      </el-tab-pane>

      <!-- ================================================================ 现金流 -->
      <el-tab-pane name="cashflow">
        <template #label><span data-test="tab-cashflow">{{ t('fr.tab.cashflow') }}</span></template>
        <div v-loading="reports.cashflow.loading" style="min-height:200px">
          <template v-if="cf">
            <div class="kpi-grid cols-4">
              <KpiCard :label="t('fr.cashOpening')" prefix="¥" :value="fmtMoney(cfTotals.opening_fen)" icon="Wallet" tone="slate" testid="cf-opening" />
              <KpiCard :label="t('fr.cashIn')" prefix="¥" :value="fmtMoney(cfTotals.in_fen)" icon="Bottom" tone="green" testid="cf-in" />
              <KpiCard :label="t('fr.cashOut')" prefix="¥" :value="fmtMoney(cfTotals.out_fen)" icon="Top" tone="red" testid="cf-out" />
              <KpiCard :label="t('fr.cashClosing')" prefix="¥" :value="fmtMoney(cfTotals.closing_fen)" icon="Coin" tone="primary" testid="cf-closing" />
            </div>
            <div class="fr-verdict panel" :class="cf.balanced ? 'ok' : 'bad'" data-test="cf-balanced">
              <el-icon><IconCircleCheckFilled v-if="cf.balanced" /><IconWarningFilled v-else /></el-icon>
              <span>{{ cf.balanced ? t('fr.cf.balanced') : t('fr.cf.unbalanced') }}</span>
            </div>
            <section class="panel">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconTrendCharts /></el-icon>{{ t('fr.cf.chart') }}</h3></div>
              <KChart :option="cfOption" :height="ui.isPhone ? '240px' : '300px'" testid="chart-cashflow" />
            </section>
            <div class="grid-2">
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconList /></el-icon>{{ t('fr.cf.byClass') }}</h3></div>
                <div class="table-wrap">
                  <table class="fr-table" data-test="cf-classes">
                    <thead><tr><th>{{ t('fr.cf.class') }}</th><th class="num">{{ t('fr.cf.in') }}</th><th class="num">{{ t('fr.cf.out') }}</th></tr></thead>
                    <tbody>
                      <tr v-for="c in cfClasses" :key="c.class" :data-test="'cf-class-' + c.class">
                        <td>{{ accName(c) }}</td>
                        <td class="num">{{ fmtMoney(cfTotals.in[c.class]) }}</td>
                        <td class="num">{{ fmtMoney(cfTotals.out[c.class]) }}</td>
                      </tr>
                      <tr v-if="!cfClasses.length"><td colspan="3" class="muted" style="text-align:center">{{ t('common.noData') }}</td></tr>
                    </tbody>
                    <tfoot>
                      <tr><td>{{ t('fr.total') }}</td><td class="num" data-test="cf-total-in">{{ fmtMoney(cfTotals.in_fen) }}</td><td class="num" data-test="cf-total-out">{{ fmtMoney(cfTotals.out_fen) }}</td></tr>
                    </tfoot>
                  </table>
                </div>
                <div class="fr-sum">
                  <span>{{ t('fr.cf.net') }} <b data-test="cf-net" :class="{ 'money-neg': neg(cfTotals.net_fen) }">{{ fmtYuan(cfTotals.net_fen) }}</b></span>
                  <span>{{ t('fr.cf.transfers') }} <b>{{ fmtYuan(cfTotals.transfer_in_fen) }}</b></span>
                </div>
              </section>
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconWallet /></el-icon>{{ t('fr.cf.accounts') }}</h3></div>
                <div class="table-wrap">
                  <table class="fr-table" data-test="cf-accounts">
                    <thead><tr><th>{{ t('fr.account') }}</th><th class="num">{{ t('fr.opening') }}</th><th class="num">{{ t('fr.in') }}</th><th class="num">{{ t('fr.out') }}</th><th class="num">{{ t('fr.closing') }}</th></tr></thead>
                    <tbody>
                      <tr v-for="a in cf.accounts" :key="a.code">
                        <td>{{ a.code }} {{ accName(a) }}</td>
                        <td class="num">{{ fmtMoney(a.opening_fen) }}</td><td class="num">{{ fmtMoney(a.in_fen) }}</td>
                        <td class="num">{{ fmtMoney(a.out_fen) }}</td><td class="num" :class="{ 'money-neg': neg(a.closing_fen) }">{{ fmtMoney(a.closing_fen) }}</td>
                      </tr>
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
            <section class="panel" style="margin-top:16px">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconCalendar /></el-icon>{{ t('fr.cf.byPeriod') }}</h3></div>
              <div class="fr-scroll">
                <table class="fr-table" data-test="cf-periods">
                  <thead><tr>
                    <th class="sticky-col">{{ cf.group === 'month' ? t('fr.month') : t('fr.day') }}</th><th class="num">{{ t('fr.sv.opening') }}</th>
                    <th v-for="c in cfClasses" :key="'i' + c.class" class="num">{{ t('fr.cf.in') }}·{{ accName(c) }}</th>
                    <th v-for="c in cfClasses" :key="'o' + c.class" class="num">{{ t('fr.cf.out') }}·{{ accName(c) }}</th>
                    <th class="num">{{ t('fr.cashIn') }}</th><th class="num">{{ t('fr.cashOut') }}</th><th class="num">{{ t('fr.cashClosing') }}</th>
                  </tr></thead>
                  <tbody>
                    <tr v-for="p in cf.periods" :key="p.period">
                      <td class="sticky-col">{{ p.period }}</td><td class="num">{{ fmtMoney(p.opening_fen) }}</td>
                      <td v-for="c in cfClasses" :key="'i' + c.class" class="num">{{ fmtMoney(p.in[c.class]) }}</td>
                      <td v-for="c in cfClasses" :key="'o' + c.class" class="num">{{ fmtMoney(p.out[c.class]) }}</td>
                      <td class="num">{{ fmtMoney(p.in_fen) }}</td><td class="num">{{ fmtMoney(p.out_fen) }}</td><td class="num"><b>{{ fmtMoney(p.closing_fen) }}</b></td>
                    </tr>
                  </tbody>
                  <tfoot><tr>
                    <td class="sticky-col">{{ t('fr.total') }}</td><td class="num">{{ fmtMoney(cfTotals.opening_fen) }}</td>
                    <td v-for="c in cfClasses" :key="'i' + c.class" class="num">{{ fmtMoney(cfTotals.in[c.class]) }}</td>
                    <td v-for="c in cfClasses" :key="'o' + c.class" class="num">{{ fmtMoney(cfTotals.out[c.class]) }}</td>
                    <td class="num">{{ fmtMoney(cfTotals.in_fen) }}</td><td class="num">{{ fmtMoney(cfTotals.out_fen) }}</td><td class="num">{{ fmtMoney(cfTotals.closing_fen) }}</td>
                  </tr></tfoot>
                </table>
              </div>
            </section>
          </template>
        </div>
      </el-tab-pane>

      <!-- ================================================================ 长短款 -->
      <el-tab-pane name="overshort">
        <template #label><span data-test="tab-overshort">{{ t('fr.tab.overshort') }}</span></template>
        <div v-loading="reports.overshort.loading" style="min-height:200px">
          <template v-if="os">
            <div class="kpi-grid cols-4">
              <KpiCard :label="t('fr.os.shifts')" :value="fmtInt(osTotals.shifts)" icon="Clock" tone="slate" testid="os-shifts" :sub="t('fr.os.even') + ' ' + fmtInt(osTotals.even)" />
              <KpiCard :label="t('fr.os.over')" prefix="¥" :value="fmtMoney(osTotals.over_fen)" icon="Top" tone="amber" testid="os-over" :sub="t('fr.os.overs') + ' ' + fmtInt(osTotals.overs)" />
              <KpiCard :label="t('fr.os.short')" prefix="¥" :value="fmtMoney(osTotals.short_fen)" icon="Bottom" tone="red" testid="os-short" :sub="t('fr.os.shorts') + ' ' + fmtInt(osTotals.shorts)" />
              <KpiCard :label="t('fr.os.owed')" prefix="¥" :value="fmtMoney(osTotals.owed_fen)" icon="User" tone="violet" testid="os-owed" />
            </div>
            <el-alert :title="t('fr.os.rule')" type="info" :closable="false" show-icon style="margin-bottom:16px" class="fr-no-print" />
            <div class="fr-grid wide">
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconUser /></el-icon>{{ t('fr.os.byCashier') }}</h3></div>
                <div class="table-wrap">
                  <table class="fr-table" data-test="os-cashiers">
                    <thead><tr>
                      <th>{{ t('fr.os.cashier') }}</th><th class="num">{{ t('fr.os.shifts') }}</th><th class="num">{{ t('fr.os.even') }}</th>
                      <th class="num">{{ t('fr.os.overs') }}</th><th class="num">{{ t('fr.os.over') }}</th><th class="num">{{ t('fr.os.shorts') }}</th>
                      <th class="num">{{ t('fr.os.short') }}</th><th class="num">{{ t('fr.os.owed') }}</th>
                    </tr></thead>
                    <tbody>
                      <tr v-for="r in os.cashiers" :key="r.cashier">
                        <td>{{ r.cashier }}</td><td class="num">{{ fmtInt(r.shifts) }}</td><td class="num">{{ fmtInt(r.even) }}</td>
                        <td class="num">{{ fmtInt(r.overs) }}</td><td class="num">{{ fmtMoney(r.over_fen) }}</td><td class="num">{{ fmtInt(r.shorts) }}</td>
                        <td class="num">{{ fmtMoney(r.short_fen) }}</td><td class="num" :class="{ 'money-neg': r.owed_fen > 0 }">{{ fmtMoney(r.owed_fen) }}</td>
                      </tr>
                      <tr v-if="!os.cashiers.length"><td colspan="8" class="muted" style="text-align:center">{{ t('common.noData') }}</td></tr>
                    </tbody>
                    <tfoot><tr>
                      <td>{{ t('fr.total') }}</td><td class="num" data-test="os-total-shifts">{{ fmtInt(osTotals.shifts) }}</td><td class="num">{{ fmtInt(osTotals.even) }}</td>
                      <td class="num">{{ fmtInt(osTotals.overs) }}</td><td class="num" data-test="os-total-over">{{ fmtMoney(osTotals.over_fen) }}</td>
                      <td class="num">{{ fmtInt(osTotals.shorts) }}</td><td class="num" data-test="os-total-short">{{ fmtMoney(osTotals.short_fen) }}</td>
                      <td class="num" data-test="os-total-owed">{{ fmtMoney(osTotals.owed_fen) }}</td>
                    </tr></tfoot>
                  </table>
                </div>
              </section>
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconHistogram /></el-icon>{{ t('fr.os.chart') }}</h3></div>
                <KChart :option="osOption" height="260px" testid="chart-overshort" />
              </section>
            </div>
            <section class="panel" style="margin-top:16px">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconCalendar /></el-icon>{{ t('fr.os.byMonth') }}</h3></div>
              <div class="table-wrap">
                <table class="fr-table" data-test="os-rows">
                  <thead><tr>
                    <th>{{ t('fr.os.cashier') }}</th><th>{{ t('fr.month') }}</th><th class="num">{{ t('fr.os.shifts') }}</th><th class="num">{{ t('fr.os.even') }}</th>
                    <th class="num">{{ t('fr.os.overs') }}</th><th class="num">{{ t('fr.os.over') }}</th><th class="num">{{ t('fr.os.shorts') }}</th><th class="num">{{ t('fr.os.short') }}</th>
                  </tr></thead>
                  <tbody>
                    <tr v-for="r in os.rows" :key="r.cashier + r.month">
                      <td>{{ r.cashier }}</td><td>{{ r.month }}</td><td class="num">{{ fmtInt(r.shifts) }}</td><td class="num">{{ fmtInt(r.even) }}</td>
                      <td class="num">{{ fmtInt(r.overs) }}</td><td class="num">{{ fmtMoney(r.over_fen) }}</td><td class="num">{{ fmtInt(r.shorts) }}</td><td class="num">{{ fmtMoney(r.short_fen) }}</td>
                    </tr>
                    <tr v-if="!os.rows.length"><td colspan="8" class="muted" style="text-align:center">{{ t('common.noData') }}</td></tr>
                  </tbody>
                </table>
              </div>
            </section>
          </template>
        </div>
      </el-tab-pane>

      <!-- ================================================================ 备用金 -->
      <el-tab-pane name="petty">
        <template #label><span data-test="tab-petty">{{ t('fr.tab.petty') }}</span></template>
        <div v-loading="reports.petty.loading" style="min-height:200px">
          <template v-if="pc">
            <section class="panel" data-test="pc-status">
              <div class="panel-head">
                <h3 class="panel-title"><el-icon><IconWallet /></el-icon>{{ t('fr.tab.petty') }}</h3>
                <span class="panel-note">{{ t('fr.pc.asOf', { day: pc.to }) }}</span>
              </div>
              <div class="fr-equation">
                <div class="fr-term"><div class="k">{{ t('fr.pc.cash') }}</div><div class="v" data-test="pc-cash">{{ fmtYuan(pcStatus.cash_fen) }}</div></div>
                <div class="fr-op">+</div>
                <div class="fr-term"><div class="k">{{ t('fr.pc.issued') }}</div><div class="v" data-test="pc-issued">{{ fmtYuan(pcStatus.issued_fen) }}</div></div>
                <template v-if="pcHasImprest">
                  <div class="fr-op">+</div>
                  <div class="fr-term"><div class="k">{{ t('fr.pc.awaiting') }}</div><div class="v" :class="{ 'money-neg': neg(pcStatus.awaiting_fen) }" data-test="pc-awaiting">{{ fmtYuan(pcStatus.awaiting_fen) }}</div></div>
                  <div class="fr-op">=</div>
                  <div class="fr-term total"><div class="k">{{ t('fr.pc.imprest') }}</div><div class="v" data-test="pc-imprest">{{ fmtYuan(pcStatus.imprest_fen) }}</div></div>
                </template>
              </div>
              <div v-if="pcHasImprest" class="fr-verdict" :class="neg(pcStatus.awaiting_fen) ? 'bad' : 'ok'" data-test="pc-invariant">
                <el-icon><IconWarningFilled v-if="neg(pcStatus.awaiting_fen)" /><IconCircleCheckFilled v-else /></el-icon>
                <span v-if="neg(pcStatus.awaiting_fen)">{{ t('fr.pc.over', { n: fmtMoney(-pcStatus.awaiting_fen) }) }}</span>
                <span v-else>{{ t('fr.pc.holds') }}</span>
              </div>
              <p v-else class="fr-note" data-test="pc-invariant">{{ t('fr.pc.noImprest') }}</p>
            </section>
            <section class="panel">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconHistogram /></el-icon>{{ t('fr.pc.chart') }}</h3></div>
              <KChart :option="pcOption" :height="ui.isPhone ? '220px' : '260px'" testid="chart-petty" />
            </section>
            <div class="grid-2">
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconList /></el-icon>{{ t('fr.pc.accounts') }}</h3></div>
                <div class="table-wrap">
                  <table class="fr-table" data-test="pc-accounts">
                    <thead><tr><th>{{ t('fr.account') }}</th><th class="num">{{ t('fr.opening') }}</th><th class="num">{{ t('fr.in') }}</th><th class="num">{{ t('fr.out') }}</th><th class="num">{{ t('fr.closing') }}</th></tr></thead>
                    <tbody>
                      <tr v-for="a in pc.accounts" :key="a.code" :data-test="'pc-account-' + a.key">
                        <td>{{ a.code }} {{ accName(a) }}</td><td class="num">{{ fmtMoney(a.opening_fen) }}</td><td class="num">{{ fmtMoney(a.in_fen) }}</td>
                        <td class="num">{{ fmtMoney(a.out_fen) }}</td><td class="num"><b>{{ fmtMoney(a.closing_fen) }}</b></td>
                      </tr>
                    </tbody>
                  </table>
                </div>
              </section>
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconUser /></el-icon>{{ t('fr.pc.people') }}</h3></div>
                <div class="table-wrap">
                  <table class="fr-table" data-test="pc-people">
                    <thead><tr><th>{{ t('fr.pc.person') }}</th><th class="num">{{ t('fr.pc.outstanding') }}</th></tr></thead>
                    <tbody>
                      <tr v-for="p in pc.issued_by_person" :key="p.person"><td>{{ p.person }}</td><td class="num">{{ fmtMoney(p.outstanding_fen) }}</td></tr>
                      <tr v-if="!pc.issued_by_person.length"><td colspan="2" class="muted" style="text-align:center">{{ t('fr.pc.none') }}</td></tr>
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
          </template>
        </div>
      </el-tab-pane>

      <!-- ================================================================ 储值负债 -->
      <el-tab-pane name="liability">
        <template #label><span data-test="tab-liability">{{ t('fr.tab.liability') }}</span></template>
        <div v-loading="reports.liability.loading" style="min-height:200px">
          <template v-if="sv">
            <div class="kpi-grid cols-4">
              <KpiCard :label="t('fr.sv.closing')" prefix="¥" :value="fmtMoney(svTotals.closing_fen)" icon="Wallet" tone="primary" testid="sv-closing" />
              <KpiCard :label="t('fr.sv.principal')" prefix="¥" :value="svPrincipal ? fmtMoney(svPrincipal.closing_fen) : '—'" icon="Coin" tone="violet" testid="sv-principal" />
              <KpiCard :label="t('fr.sv.bonus')" prefix="¥" :value="svBonus ? fmtMoney(svBonus.closing_fen) : '—'" icon="Present" tone="red" testid="sv-bonus" />
              <KpiCard :label="t('fr.sv.increase')" prefix="¥" :value="fmtMoney(svTotals.increase_fen)" icon="Sort" tone="slate" testid="sv-increase" :sub="t('fr.sv.decrease') + ' ' + fmtYuan(svTotals.decrease_fen)" />
            </div>
            <p class="fr-note" style="margin:-4px 0 14px">{{ t('fr.sv.note') }}</p>
            <div class="grid-2">
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconList /></el-icon>{{ t('fr.sv.accounts') }}</h3></div>
                <div class="table-wrap">
                  <table class="fr-table" data-test="sv-accounts">
                    <thead><tr><th>{{ t('fr.account') }}</th><th class="num">{{ t('fr.opening') }}</th><th class="num">{{ t('fr.sv.increase') }}</th><th class="num">{{ t('fr.sv.decrease') }}</th><th class="num">{{ t('fr.closing') }}</th></tr></thead>
                    <tbody>
                      <tr v-for="a in sv.accounts" :key="a.code" :data-test="'sv-account-' + a.key">
                        <td>{{ a.code }} {{ accName(a) }}</td><td class="num">{{ fmtMoney(a.opening_fen) }}</td><td class="num">{{ fmtMoney(a.increase_fen) }}</td>
                        <td class="num">{{ fmtMoney(a.decrease_fen) }}</td><td class="num"><b>{{ fmtMoney(a.closing_fen) }}</b></td>
                      </tr>
                    </tbody>
                    <tfoot><tr>
                      <td>{{ t('fr.total') }}</td><td class="num" data-test="sv-total-opening">{{ fmtMoney(svTotals.opening_fen) }}</td>
                      <td class="num" data-test="sv-total-increase">{{ fmtMoney(svTotals.increase_fen) }}</td><td class="num" data-test="sv-total-decrease">{{ fmtMoney(svTotals.decrease_fen) }}</td>
                      <td class="num" data-test="sv-total-closing">{{ fmtMoney(svTotals.closing_fen) }}</td>
                    </tr></tfoot>
                  </table>
                </div>
              </section>
              <section class="panel">
                <div class="panel-head"><h3 class="panel-title"><el-icon><IconTrendCharts /></el-icon>{{ t('fr.sv.chart') }}</h3></div>
                <KChart :option="svOption" height="240px" testid="chart-liability" />
              </section>
            </div>
            <section class="panel" style="margin-top:16px">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconTickets /></el-icon>{{ t('fr.sv.movements') }}</h3></div>
              <div class="table-wrap">
                <table class="fr-table" data-test="sv-movements">
                  <thead><tr><th>{{ t('fr.account') }}</th><th>{{ t('fr.sv.what') }}</th><th class="num">{{ t('fr.sv.entries') }}</th><th class="num">{{ t('fr.sv.increase') }}</th><th class="num">{{ t('fr.sv.decrease') }}</th></tr></thead>
                  <tbody>
                    <tr v-for="(m, i) in sv.movements" :key="i">
                      <td>{{ svAccount(m) }}</td><td>{{ accName(m) }}</td><td class="num">{{ fmtInt(m.entries) }}</td>
                      <td class="num">{{ m.increase_fen ? fmtMoney(m.increase_fen) : '' }}</td><td class="num">{{ m.decrease_fen ? fmtMoney(m.decrease_fen) : '' }}</td>
                    </tr>
                    <tr v-if="!sv.movements.length"><td colspan="5" class="muted" style="text-align:center">{{ t('common.noData') }}</td></tr>
                  </tbody>
                </table>
              </div>
            </section>
            <section class="panel">
              <div class="panel-head"><h3 class="panel-title"><el-icon><IconCalendar /></el-icon>{{ t('fr.sv.periods') }}</h3></div>
              <div class="fr-scroll">
                <table class="fr-table" data-test="sv-periods">
                  <thead><tr>
                    <th class="sticky-col">{{ sv.group === 'month' ? t('fr.month') : t('fr.day') }}</th><th class="num">{{ t('fr.sv.opening') }}</th>
                    <th class="num">{{ t('fr.sv.increase') }}</th><th class="num">{{ t('fr.sv.decrease') }}</th><th class="num">{{ t('fr.closing') }}</th>
                    <th class="num">{{ t('fr.sv.principal') }}</th><th class="num">{{ t('fr.sv.bonus') }}</th>
                  </tr></thead>
                  <tbody>
                    <tr v-for="p in sv.periods" :key="p.period">
                      <td class="sticky-col">{{ p.period }}</td><td class="num">{{ fmtMoney(p.opening_fen) }}</td><td class="num">{{ fmtMoney(p.increase_fen) }}</td>
                      <td class="num">{{ fmtMoney(p.decrease_fen) }}</td><td class="num"><b>{{ fmtMoney(p.closing_fen) }}</b></td>
                      <td class="num">{{ fmtMoney(p.principal_closing_fen) }}</td><td class="num">{{ fmtMoney(p.bonus_closing_fen) }}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </section>
          </template>
        </div>
      </el-tab-pane>
    </el-tabs>
  </div>`,
};
