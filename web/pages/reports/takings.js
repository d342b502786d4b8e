// pages/reports/takings.js: 营业日报, the daily takings by business day: key figures, payment
// methods, room types, cashiers and one line per day; Excel/CSV export of the same report.
import { t, addMessages, methodName, lang } from '../../i18n.js';
import * as api from '../../api.js';
import { session, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtShare, businessToday, addDays, isDay, daysBetween, weekdayOf } from '../../format.js';
import { baseChart, moneyAxis, categoryAxis, axisTooltip, METHOD_COLORS } from '../../components.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'takings.title': ['营业日报', 'Daily takings'],
  'takings.subtitle': ['按营业日汇总（每日 {cutoff} 切换，时区 {tz}）', 'Summed by business day (day changes at {cutoff}, time zone {tz})'],
  'takings.net': ['实收金额', 'Net takings'],
  'takings.gross': ['应收金额', 'Gross'],
  'takings.discount': ['优惠金额', 'Discounts'],
  'takings.service': ['服务费', 'Service charge'],
  'takings.settled': ['结账单数', 'Bills settled'],
  'takings.voided': ['作废单数', 'Bills voided'],
  'takings.avg': ['单均实收', 'Average per bill'],
  'takings.days': ['{n} 个营业日', '{n} business days'],
  'takings.byMethod': ['收款方式', 'By payment method'],
  'takings.byRoomType': ['按房型', 'By room type'],
  'takings.byCashier': ['按收银员', 'By cashier'],
  'takings.perDay': ['每日明细', 'Day by day'],
  'takings.trend': ['每日实收与单数', 'Net takings and bills by day'],
  'takings.hideEmpty': ['隐藏无账单的营业日', 'Hide days without bills'],
  'takings.method': ['收款方式', 'Method'],
  'takings.count': ['笔数', 'Payments'],
  'takings.roomType': ['房型', 'Room type'],
  'takings.cashier': ['收银员', 'Cashier'],
  'takings.day': ['营业日', 'Business day'],
  'takings.weekday': ['星期', 'Day'],
  'takings.empty': ['所选营业日没有账单', 'No bills in these business days'],
  'takings.badRange': ['请选择有效的日期范围（开始不晚于结束）', 'Choose a valid range (from not after to)'],
  'takings.netShort': ['实收', 'Net'],
  'takings.voidNote': ['作废账单不计入金额', 'Voided bills are not counted in the amounts'],
});

export default {
  name: 'TakingsPage',
  setup() {
    const y = addDays(businessToday(session.venue), -1);
    const q = route.query;
    const filter = reactive({ from: isDay(q.from) ? q.from : y, to: isDay(q.to) ? q.to : isDay(q.from) ? q.from : y });
    const data = ref(null);
    const loading = ref(false);
    const exporting = ref(false);

    async function load() {
      if (!isDay(filter.from) || !isDay(filter.to) || filter.from > filter.to) {
        ElementPlus.ElMessage.warning(t('takings.badRange'));
        return;
      }
      setQuery({ from: filter.from, to: filter.to });
      loading.value = true;
      try {
        data.value = await api.get('/reports/takings', { from: filter.from, to: filter.to });
      } catch {
        data.value = null;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    async function exportAs(format) {
      exporting.value = true;
      try {
        const name = await api.download('/reports/takings/export', { format, from: filter.from, to: filter.to },
          `takings-${filter.from}-${filter.to}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown by api.download */
      } finally {
        exporting.value = false;
      }
    }

    const totals = computed(() => (data.value && data.value.totals) || {});
    const avg = computed(() => {
      const n = totals.value.bills_settled;
      if (!n) return '';
      const net = BigInt(totals.value.net_fen || 0);
      return fmtMoney((net * 2n + BigInt(n)) / (2n * BigInt(n))); // rounded half-up to the fen
    });
    // Methods with no payment in the range are left out of the chart and the table.
    const methods = computed(() => ((data.value && data.value.by_method) || []).filter((m) => m.count || m.amount_fen));
    // The method columns of the per-day and per-cashier tables: those the range used.
    const methodCols = computed(() => (data.value && data.value.methods) || methods.value.map((m) => m.method));
    const methodTotal = computed(() => methods.value.reduce((s, m) => s + BigInt(m.amount_fen || 0), 0n));
    const roomTypes = computed(() => (data.value && data.value.by_room_type) || []);
    const cashiers = computed(() => (data.value && data.value.by_cashier) || []);
    const days = computed(() => (data.value && data.value.days) || []);
    // The table can leave out the days without any bill (a quarter of a small venue has many).
    const hideEmpty = ref(true);
    const tableDays = computed(() => (hideEmpty.value ? days.value.filter((d) => d.bills_settled || d.bills_voided) : days.value));
    const empty = computed(() => data.value && !totals.value.bills_settled && !totals.value.bills_voided);
    const span = computed(() => (isDay(filter.from) && isDay(filter.to) ? daysBetween(filter.from, filter.to) : 0));

    const pieOption = computed(() => {
      lang.value; // re-render labels on a language switch
      const base = baseChart();
      return {
        ...base,
        tooltip: { ...base.tooltip, trigger: 'item', formatter: (p) => `${p.marker}${p.name}<br/><b>¥${fmtMoney(p.value)}</b> · ${share(p.value)}` },
        legend: { bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8, textStyle: { color: '#5a6079' } },
        series: [{
          type: 'pie', radius: ['48%', '72%'], center: ['50%', '44%'], avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
          label: { show: !ui.isPhone, formatter: (p) => share(p.value), color: '#475569' },
          data: methods.value.map((m) => ({ name: methodName(m.method, m.name), value: m.amount_fen, itemStyle: { color: METHOD_COLORS[m.method] } })),
        }],
        graphic: [{ type: 'text', left: 'center', top: '38%', style: { text: t('takings.netShort'), fill: '#8a90a8', fontSize: 12, textAlign: 'center' } },
          { type: 'text', left: 'center', top: '44%', style: { text: '¥' + fmtMoney(Number(methodTotal.value)), fill: '#1e2239', fontSize: 15, fontWeight: 700, textAlign: 'center' } }],
      };
    });

    const roomTypeOption = computed(() => {
      lang.value;
      const base = baseChart();
      const rows = roomTypes.value;
      return {
        ...base,
        grid: { ...base.grid, top: 10 },
        tooltip: { ...base.tooltip, formatter: axisTooltip([0]) },
        xAxis: moneyAxis(),
        yAxis: categoryAxis(rows.map((r) => r.room_type || t('common.unknown')), { inverse: true }),
        series: [{ name: t('common.net'), type: 'bar', data: rows.map((r) => r.net_fen), barMaxWidth: 22, itemStyle: { borderRadius: [0, 6, 6, 0], color: '#6d63ff' } }],
      };
    });

    const dayOption = computed(() => {
      lang.value;
      const base = baseChart();
      const rows = days.value;
      return {
        ...base,
        legend: { top: 0, right: 0, textStyle: { color: '#5a6079' } },
        tooltip: { ...base.tooltip, formatter: axisTooltip([0]) },
        xAxis: categoryAxis(rows.map((d) => d.day.slice(5))),
        yAxis: [moneyAxis(), { type: 'value', splitLine: { show: false }, axisLabel: { color: '#94a3b8' }, minInterval: 1 }],
        series: [
          { name: t('common.net'), type: 'bar', data: rows.map((d) => d.net_fen), barMaxWidth: 26, itemStyle: { borderRadius: [6, 6, 0, 0], color: '#6d63ff' } },
          { name: t('takings.settled'), type: 'line', yAxisIndex: 1, data: rows.map((d) => d.bills_settled), smooth: true, symbolSize: 6, itemStyle: { color: '#f59e0b' } },
        ],
      };
    });

    function sumOf(rows, key) {
      return rows.reduce((s, r) => s + BigInt(r[key] || 0), 0n);
    }
    function daySummary({ columns }) {
      const rows = days.value; // the hidden days are all zero: the totals are the same
      return columns.map((c, i) => {
        if (i === 0) return t('common.total');
        const k = c.property;
        if (!k || k === 'weekday') return '';
        if (k.startsWith('m.')) return fmtMoney(Number(rows.reduce((a, r) => a + BigInt((r.by_method && r.by_method[k.slice(2)]) || 0), 0n)));
        if (k.endsWith('_fen')) return fmtMoney(Number(sumOf(rows, k)));
        return fmtInt(Number(sumOf(rows, k)));
      });
    }
    function share(part) {
      return fmtShare(part, Number(methodTotal.value));
    }
    const cutoffText = computed(() => (session.venue && session.venue.cutoff) || (session.venue ? String(Math.floor(session.venue.cutoff_minutes / 60)).padStart(2, '0') + ':' + String(session.venue.cutoff_minutes % 60).padStart(2, '0') : '06:00'));

    return {
      print: () => window.print(),
      t, ui, session, filter, data, loading, exporting, load, exportAs, totals, avg, methods, roomTypes, cashiers, days,
      empty, span, methodCols, hideEmpty, tableDays, pieOption, roomTypeOption, dayOption, daySummary, share, methodName, fmtMoney, fmtInt, weekdayOf, cutoffText, METHOD_COLORS,
    };
  },
  template: `
  <div class="page takings-page" data-test="page-takings">
    <PageHeader :title="t('takings.title')" :subtitle="t('takings.subtitle', { cutoff: cutoffText, tz: (session.venue && session.venue.timezone) || 'Asia/Shanghai' })">
      <el-button :loading="exporting" type="primary" plain data-test="export-xlsx" @click="exportAs('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
      <el-button :loading="exporting" @click="exportAs('csv')">{{ t('common.exportCsv') }}</el-button>
      <el-button v-if="!ui.isPhone" @click="print"><el-icon><IconPrinter /></el-icon>{{ t('common.print') }}</el-button>
    </PageHeader>

    <div class="panel filter-panel">
      <div class="filter-bar">
        <DateRange v-model:from="filter.from" v-model:to="filter.to" @change="load" />
        <el-button type="primary" :loading="loading" data-test="run-report" @click="load"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
        <span class="grow"></span>
        <span class="panel-note">{{ t('takings.days', { n: span }) }} · {{ t('takings.voidNote') }}</span>
      </div>
    </div>

    <div v-loading="loading">
      <div class="kpi-grid cols-6" data-test="kpis">
        <KpiCard :label="t('takings.net')" prefix="¥" :value="fmtMoney(totals.net_fen ?? 0)" icon="Wallet" tone="primary" testid="kpi-net" />
        <KpiCard :label="t('takings.settled')" :value="fmtInt(totals.bills_settled ?? 0)" icon="Tickets" tone="green" testid="kpi-settled" :sub="avg ? t('takings.avg') + ' ¥' + avg : ''" />
        <KpiCard :label="t('takings.gross')" prefix="¥" :value="fmtMoney(totals.gross_fen ?? 0)" icon="Coin" tone="cyan" testid="kpi-gross" />
        <KpiCard :label="t('takings.discount')" prefix="¥" :value="fmtMoney(totals.discount_fen ?? 0)" icon="PriceTag" tone="amber" testid="kpi-discount" />
        <KpiCard :label="t('takings.service')" prefix="¥" :value="fmtMoney(totals.service_fen ?? 0)" icon="Service" tone="violet" testid="kpi-service" />
        <KpiCard :label="t('takings.voided')" :value="fmtInt(totals.bills_voided ?? 0)" icon="CircleClose" tone="red" testid="kpi-voided" />
      </div>

      <EmptyHint v-if="empty" :text="t('takings.empty')" class="panel" />

      <div class="grid-2">
        <section class="panel" data-test="by-method">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconPieChart /></el-icon>{{ t('takings.byMethod') }}</h3></div>
          <KChart v-if="methods.length" :option="pieOption" height="280px" testid="chart-methods" />
          <div class="table-wrap">
            <el-table :data="methods" size="small" :empty-text="t('common.noData')">
              <el-table-column :label="t('takings.method')" min-width="120">
                <template #default="{ row }"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ methodName(row.method, row.name) }}</template>
              </el-table-column>
              <el-table-column :label="t('takings.count')" prop="count" align="right" min-width="70" />
              <el-table-column :label="t('common.amount')" align="right" min-width="120">
                <template #default="{ row }"><span class="num" :data-test="'method-' + row.method">{{ fmtMoney(row.amount_fen) }}</span></template>
              </el-table-column>
              <el-table-column :label="t('common.share')" align="right" min-width="70">
                <template #default="{ row }">{{ share(row.amount_fen) }}</template>
              </el-table-column>
            </el-table>
          </div>
        </section>

        <section class="panel" data-test="by-room-type">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconOfficeBuilding /></el-icon>{{ t('takings.byRoomType') }}</h3></div>
          <KChart v-if="roomTypes.length" :option="roomTypeOption" :height="Math.max(160, roomTypes.length * 46 + 30) + 'px'" testid="chart-room-types" />
          <div class="table-wrap">
            <el-table :data="roomTypes" size="small" :empty-text="t('common.noData')">
              <el-table-column :label="t('takings.roomType')" min-width="120"><template #default="{ row }">{{ row.room_type || t('common.unknown') }}</template></el-table-column>
              <el-table-column :label="t('common.bills')" prop="bills" align="right" min-width="70" />
              <el-table-column :label="t('common.net')" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ fmtMoney(row.net_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('common.share')" align="right" min-width="70"><template #default="{ row }">{{ share(row.net_fen) }}</template></el-table-column>
            </el-table>
          </div>
        </section>
      </div>

      <section class="panel" style="margin-top:16px" v-if="days.length > 1">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconTrendCharts /></el-icon>{{ t('takings.trend') }}</h3></div>
          <KChart :option="dayOption" height="300px" testid="chart-days" />
        </section>

      <section class="panel" style="margin-top:16px" data-test="by-cashier">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconUser /></el-icon>{{ t('takings.byCashier') }}</h3></div>
          <div class="table-wrap">
            <el-table :data="cashiers" size="small" :empty-text="t('common.noData')">
              <el-table-column :label="t('takings.cashier')" min-width="120"><template #default="{ row }">{{ row.cashier || t('common.unknown') }}</template></el-table-column>
              <el-table-column :label="t('common.bills')" prop="bills" align="right" min-width="70" />
              <el-table-column :label="t('common.net')" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ fmtMoney(row.net_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('common.share')" align="right" min-width="70"><template #default="{ row }">{{ share(row.net_fen) }}</template></el-table-column>
              <el-table-column v-for="m in methodCols" :key="m" :label="methodName(m)" align="right" min-width="100">
                <template #default="{ row }"><span class="num">{{ row.by_method ? fmtMoney(row.by_method[m] ?? 0) : '' }}</span></template>
              </el-table-column>
              <el-table-column :label="t('takings.voided')" align="right" min-width="80"><template #default="{ row }">{{ row.bills_voided ?? '' }}</template></el-table-column>
            </el-table>
          </div>
        </section>

      <section class="panel" style="margin-top:16px" data-test="per-day">
        <div class="panel-head">
          <h3 class="panel-title"><el-icon><IconCalendar /></el-icon>{{ t('takings.perDay') }}</h3>
          <el-switch v-model="hideEmpty" :active-text="t('takings.hideEmpty')" size="small" />
        </div>
        <div class="table-wrap">
          <el-table :data="tableDays" size="small" show-summary :summary-method="daySummary" :empty-text="t('common.noData')" max-height="520">
            <el-table-column :label="t('takings.day')" prop="day" min-width="110" fixed />
            <el-table-column :label="t('takings.weekday')" prop="weekday" min-width="70"><template #default="{ row }">{{ t('weekday.' + weekdayOf(row.day)) }}</template></el-table-column>
            <el-table-column :label="t('takings.settled')" prop="bills_settled" align="right" min-width="90" />
            <el-table-column :label="t('takings.voided')" prop="bills_voided" align="right" min-width="90" />
            <el-table-column :label="t('takings.gross')" prop="gross_fen" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ fmtMoney(row.gross_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('takings.discount')" prop="discount_fen" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.discount_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('takings.service')" prop="service_fen" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.service_fen ?? 0) }}</span></template></el-table-column>
            <el-table-column :label="t('takings.net')" prop="net_fen" align="right" min-width="120"><template #default="{ row }"><b class="num">{{ fmtMoney(row.net_fen) }}</b></template></el-table-column>
            <el-table-column v-for="m in methodCols" :key="m" :label="methodName(m)" :prop="'m.' + m" align="right" min-width="100">
              <template #default="{ row }"><span class="num">{{ row.by_method ? fmtMoney(row.by_method[m] ?? 0) : '' }}</span></template>
            </el-table-column>
          </el-table>
        </div>
      </section>
    </div>
  </div>`,
};
