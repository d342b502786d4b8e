// pages/home/dashboard.js: the overview a manager opens in the morning: the takings of the
// business day just closed (yesterday by default), the last 30 business days, and shortcuts.
import { t, addMessages, methodName, lang } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { route, go, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtShare, businessToday, addDays, isDay } from '../../format.js';
import { baseChart, moneyAxis, categoryAxis, axisTooltip, METHOD_COLORS } from '../../components.js';

const { ref, computed, onMounted } = Vue;

addMessages({
  'home.hello': ['您好，{name}', 'Hello, {name}'],
  'home.intro': ['{venue} · 营业日 {day} 的经营情况', '{venue} · business day {day}'],
  'home.day': ['营业日', 'Business day'],
  'home.net': ['实收金额', 'Net takings'],
  'home.settled': ['结账单数', 'Bills settled'],
  'home.avg': ['单均实收', 'Average per bill'],
  'home.discount': ['优惠金额', 'Discounts'],
  'home.voided': ['作废 {n} 单', '{n} voided'],
  'home.vsPrev': ['较前一营业日 {d}', '{d} vs the day before'],
  'home.trend': ['近 30 个营业日实收', 'Net takings, last 30 business days'],
  'home.methods': ['当日收款方式', 'Payment methods of the day'],
  'home.quick': ['常用功能', 'Shortcuts'],
  'home.noReports': ['您的角色不能查看报表；请从左侧菜单进入您有权限的功能。', 'Your role cannot see reports; use the menu for what you may open.'],
  'home.empty': ['该营业日没有账单', 'No bills on this business day'],
  'home.openTakings': ['查看营业日报', 'Open daily takings'],
  'home.noBillsDay': ['营业日 {day} 没有账单。', 'No bills on business day {day}.'],
  'home.latest': ['查看最近有账单的营业日 {day}', 'Show the last business day with bills, {day}'],
  'home.trendEmpty': ['近 30 个营业日没有账单；导入旧系统的账单后，这里显示每日实收。', 'No bills in the last 30 business days; import your bills to see the daily takings here.'],
});

const QUICK = [
  { path: '/reports/takings', label: 'nav.takings', icon: 'Document', module: 'reports' },
  { path: '/reports/sales', label: 'nav.sales', icon: 'TrendCharts', module: 'reports' },
  { path: '/finance/bills', label: 'nav.bills', icon: 'Tickets', module: 'bills' },
  { path: '/finance/import', label: 'nav.import', icon: 'Upload', module: 'import' },
  { path: '/master/rooms', label: 'nav.rooms', icon: 'OfficeBuilding', module: 'rooms' },
  { path: '/master/products', label: 'nav.products', icon: 'Goods', module: 'products' },
  { path: '/settings/venue', label: 'nav.venue', icon: 'Setting', module: 'settings' },
  { path: '/settings/audit', label: 'nav.audit', icon: 'List', module: 'audit' },
];

export default {
  name: 'DashboardPage',
  setup() {
    const yesterday = addDays(businessToday(session.venue), -1);
    const day = ref(isDay(route.query.day) ? route.query.day : yesterday);
    const dayData = ref(null);
    const prevNet = ref(null);
    const trend = ref(null);
    const loading = ref(false);
    const mayReport = computed(() => can('reports'));
    const latestDay = ref(''); // the last business day with a settled bill, when the chosen one has none

    async function load() {
      if (!mayReport.value || !isDay(day.value)) return;
      if (day.value !== yesterday) setQuery({ day: day.value });
      else setQuery({});
      loading.value = true;
      const from = addDays(day.value, -29);
      try {
        const [d, range] = await Promise.all([
          api.get('/reports/takings', { from: day.value, to: day.value }),
          api.get('/reports/takings', { from, to: day.value }),
        ]);
        dayData.value = d;
        // Every one of the 30 days is shown, also those without bills.
        const byDay = new Map(((range && range.days) || []).map((r) => [r.day, r]));
        const rows = [];
        for (let i = 0; i < 30; i++) {
          const dd = addDays(from, i);
          rows.push(byDay.get(dd) || { day: dd, net_fen: 0, bills_settled: 0 });
        }
        trend.value = rows;
        prevNet.value = rows.length > 1 ? rows[rows.length - 2].net_fen : null;
        latestDay.value = '';
        if (!d.totals.bills_settled && can('bills')) {
          const last = await api.get('/bills', { status: 'settled', sort: '-closed_at', page_size: 1 }, { quiet: true }).catch(() => null);
          const bd = last && last.items && last.items[0] && last.items[0].business_day;
          if (bd && bd !== day.value) latestDay.value = bd;
        }
      } catch {
        dayData.value = null;
        trend.value = null;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    const totals = computed(() => (dayData.value && dayData.value.totals) || {});
    const avg = computed(() => {
      const n = totals.value.bills_settled;
      if (!n) return null;
      return Number((BigInt(totals.value.net_fen || 0) * 2n + BigInt(n)) / (2n * BigInt(n)));
    });
    const delta = computed(() => {
      if (prevNet.value === null || totals.value.net_fen === undefined) return '';
      const d = totals.value.net_fen - prevNet.value; // integer fen minus integer fen
      return (d >= 0 ? '+' : '') + fmtMoney(d);
    });
    const methods = computed(() => ((dayData.value && dayData.value.by_method) || []).filter((m) => m.count || m.amount_fen));
    const methodTotal = computed(() => Number(methods.value.reduce((a, m) => a + BigInt(m.amount_fen || 0), 0n)));

    const trendOption = computed(() => {
      lang.value;
      const base = baseChart();
      const rows = trend.value || [];
      return {
        ...base,
        tooltip: { ...base.tooltip, formatter: axisTooltip([0]) },
        xAxis: categoryAxis(rows.map((r) => r.day), { axisLabel: { color: '#64748b', formatter: (v) => v.slice(5) } }),
        yAxis: moneyAxis(),
        grid: { ...base.grid, top: 16 },
        series: [{
          name: t('home.net'), type: 'bar', barMaxWidth: 18,
          data: rows.map((r) => ({ value: r.net_fen, itemStyle: { color: r.day === day.value ? '#4f46e5' : '#c7c4f5', borderRadius: [5, 5, 0, 0] } })),
        }],
      };
    });
    const pieOption = computed(() => {
      lang.value;
      const base = baseChart();
      return {
        ...base,
        tooltip: { ...base.tooltip, trigger: 'item', formatter: (p) => `${p.marker}${p.name}<br/><b>¥${fmtMoney(p.value)}</b> · ${fmtShare(p.value, methodTotal.value)}` },
        legend: { bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8 },
        series: [{
          type: 'pie', radius: ['50%', '74%'], center: ['50%', '42%'], label: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
          data: methods.value.map((m) => ({ name: methodName(m.method, m.name), value: m.amount_fen, itemStyle: { color: METHOD_COLORS[m.method] } })),
        }],
      };
    });
    const quick = computed(() => QUICK.filter((q) => can(q.module)));
    const name = computed(() => (session.user && (session.user.display_name || session.user.username)) || '');

    const trendEmpty = computed(() => trend.value && trend.value.every((r) => !r.net_fen && !r.bills_settled));
    function jump(d) {
      day.value = d;
      load();
    }
    return { t, ui, session, day, load, latestDay, jump, trendEmpty, can, loading, mayReport, totals, avg, delta, methods, trend, trendOption, pieOption, quick, name, fmtMoney, fmtInt, go };
  },
  template: `
  <div class="page dashboard" data-test="page-home">
    <div class="welcome">
      <div>
        <h1>{{ t('home.hello', { name }) }}</h1>
        <p>{{ t('home.intro', { venue: session.venue ? session.venue.name : '', day }) }}</p>
      </div>
      <el-date-picker v-if="mayReport" v-model="day" type="date" value-format="YYYY-MM-DD" :clearable="false" @change="load" :style="{ width: ui.isPhone ? '100%' : '170px' }" data-test="home-day" />
    </div>

    <template v-if="mayReport">
      <el-alert v-if="latestDay" type="info" show-icon :closable="false" style="margin-bottom:16px" data-test="home-latest">
        <template #title>{{ t('home.noBillsDay', { day }) }} <el-button link type="primary" @click="jump(latestDay)">{{ t('home.latest', { day: latestDay }) }} →</el-button></template>
      </el-alert>
      <div class="kpi-grid cols-4" v-loading="loading">
        <KpiCard :label="t('home.net')" prefix="¥" :value="fmtMoney(totals.net_fen ?? 0)" :sub="delta ? t('home.vsPrev', { d: delta }) : ''" icon="Wallet" tone="primary" testid="home-net" />
        <KpiCard :label="t('home.settled')" :value="fmtInt(totals.bills_settled ?? 0)" :sub="t('home.voided', { n: totals.bills_voided ?? 0 })" icon="Tickets" tone="green" testid="home-bills" />
        <KpiCard :label="t('home.avg')" prefix="¥" :value="avg === null ? '—' : fmtMoney(avg)" icon="Coin" tone="cyan" />
        <KpiCard :label="t('home.discount')" prefix="¥" :value="fmtMoney(totals.discount_fen ?? 0)" icon="PriceTag" tone="amber" />
      </div>
      <div class="grid-3">
        <section class="panel span-2">
          <div class="panel-head">
            <h3 class="panel-title"><el-icon><IconHistogram /></el-icon>{{ t('home.trend') }}</h3>
            <el-button link type="primary" @click="go('/reports/takings', { from: day, to: day })">{{ t('home.openTakings') }} →</el-button>
          </div>
          <KChart v-if="!trendEmpty" :option="trendOption" height="280px" testid="chart-trend" />
          <EmptyHint v-else :text="t('home.trendEmpty')">
            <el-button v-if="can('import', true)" type="primary" plain @click="go('/finance/import')"><el-icon><IconUpload /></el-icon>{{ t('nav.import') }}</el-button>
          </EmptyHint>
        </section>
        <section class="panel">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconPieChart /></el-icon>{{ t('home.methods') }}</h3></div>
          <KChart v-if="methods.length" :option="pieOption" height="280px" testid="chart-home-methods" />
          <EmptyHint v-else :text="t('home.empty')" />
        </section>
      </div>
    </template>
    <el-alert v-else :title="t('home.noReports')" type="info" :closable="false" show-icon style="margin-bottom:16px" />

    <section class="panel" style="margin-top:16px" v-if="quick.length">
      <div class="panel-head"><h3 class="panel-title"><el-icon><IconMenu /></el-icon>{{ t('home.quick') }}</h3></div>
      <div class="quick-links">
        <button v-for="q in quick" :key="q.path" type="button" class="quick-link" @click="go(q.path)"><el-icon><component :is="'Icon' + q.icon" /></el-icon>{{ t(q.label) }}</button>
      </div>
    </section>
  </div>`,
};
