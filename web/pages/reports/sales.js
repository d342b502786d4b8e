// pages/reports/sales.js: 销售分析, the sales summary of a range of business days: revenue by
// day, week and month, by room type, by hour of day and weekday; goods and packages sold.
import { t, addMessages, lang } from '../../i18n.js';
import * as api from '../../api.js';
import { session, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtShare, businessToday, addDays, isDay, daysBetween } from '../../format.js';
import { baseChart, moneyAxis, categoryAxis, axisTooltip, PALETTE } from '../../components.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'sales.title': ['销售分析', 'Sales analysis'],
  'sales.subtitle': ['营收、客流与消费习惯，按营业日统计', 'Revenue, traffic and spending habits, by business day'],
  'sales.net': ['营业收入（实收）', 'Revenue (net)'],
  'sales.bills': ['结账单数', 'Bills settled'],
  'sales.avg': ['单均消费', 'Average bill'],
  'sales.perDay': ['日均收入', 'Revenue per day'],
  'sales.goodsQty': ['商品销量', 'Goods sold'],
  'sales.packages': ['套餐数', 'Packages sold'],
  'sales.byDay': ['每日营收趋势', 'Revenue by business day'],
  'sales.byPeriod': ['按周 / 按月', 'By week / month'],
  'sales.week': ['按周', 'By week'],
  'sales.month': ['按月', 'By month'],
  'sales.weekCol': ['周', 'Week'],
  'sales.monthCol': ['月份', 'Month'],
  'sales.period': ['日期', 'Dates'],
  'sales.byRoomType': ['房型贡献', 'By room type'],
  'sales.byHour': ['开台时段分布', 'By hour the stay opened'],
  'sales.byWeekday': ['星期分布', 'By weekday'],
  'sales.goods': ['商品销售排行', 'Goods ranking'],
  'sales.packagesTable': ['套餐销售', 'Packages'],
  'sales.item': ['商品', 'Item'],
  'sales.package': ['套餐', 'Package'],
  'sales.qty': ['数量', 'Quantity'],
  'sales.count': ['份数', 'Count'],
  'sales.revenue': ['金额', 'Revenue'],
  'sales.noPrice': ['未记录单价', 'price not kept'],
  'sales.priceNote': ['原系统未保存单价的商品只统计数量', 'Goods whose price the source system did not keep are counted by quantity only'],
  'sales.packageNote': ['原系统未保存套餐售价，只统计份数', 'The source system did not keep package prices; they are counted only'],
  'sales.sortQty': ['按数量', 'By quantity'],
  'sales.sortRevenue': ['按金额', 'By revenue'],
  'sales.hourLabel': ['{h} 时', '{h}:00'],
  'sales.empty': ['所选营业日没有销售', 'No sales in these business days'],
  'sales.badRange': ['请选择有效的日期范围（开始不晚于结束）', 'Choose a valid range (from not after to)'],
  'sales.roomType': ['房型', 'Room type'],
  'sales.midnight': ['其中 {n} 单跨零点结账', '{n} settled after midnight'],
  'sales.partial': ['部分', 'partial'],
  'sales.partialNote': ['“部分”表示只有部分行记录了单价，金额为已知部分之和', '"partial": only some lines kept a price; the revenue is the sum of those'],
});

export default {
  name: 'SalesPage',
  setup() {
    const today = businessToday(session.venue);
    const y = addDays(today, -1);
    const q = route.query;
    const filter = reactive({ from: isDay(q.from) ? q.from : addDays(y, -29), to: isDay(q.to) ? q.to : y });
    const data = ref(null);
    const loading = ref(false);
    const exporting = ref(false);
    const periodTab = ref('week');
    const goodsSort = ref('qty');

    async function load() {
      if (!isDay(filter.from) || !isDay(filter.to) || filter.from > filter.to) {
        ElementPlus.ElMessage.warning(t('sales.badRange'));
        return;
      }
      setQuery({ from: filter.from, to: filter.to });
      loading.value = true;
      try {
        data.value = await api.get('/reports/sales', { from: filter.from, to: filter.to });
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
        const name = await api.download('/reports/sales/export', { format, from: filter.from, to: filter.to },
          `sales-${filter.from}-${filter.to}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown by api.download */
      } finally {
        exporting.value = false;
      }
    }

    const list = (k) => computed(() => (data.value && data.value[k]) || []);
    const byDay = list('by_day');
    const byWeek = list('by_week');
    const byMonth = list('by_month');
    const byRoomType = list('by_room_type');
    const byHour = list('by_hour');
    const byWeekday = list('by_weekday');
    const goods = list('goods');
    const packages = list('packages');

    function sum(rows, key) {
      return rows.reduce((s, r) => s + BigInt(r[key] || 0), 0n);
    }
    // The totals object is used when the server sends it; otherwise the days add up to it.
    const totals = computed(() => {
      const tt = (data.value && data.value.totals) || {};
      const net = tt.net_fen ?? Number(sum(byDay.value, 'net_fen'));
      const bills = tt.bills_settled ?? tt.bills ?? Number(sum(byDay.value, 'bills'));
      return { net, bills, average: tt.average_fen ?? null, midnight: tt.crossing_midnight ?? null };
    });
    const span = computed(() => (isDay(filter.from) && isDay(filter.to) ? daysBetween(filter.from, filter.to) : 0));
    function divRound(a, b) {
      if (!b) return null;
      const x = BigInt(a), n = BigInt(b);
      return Number((x * 2n + n) / (2n * n));
    }
    const avgBill = computed(() => totals.value.average ?? divRound(totals.value.net, totals.value.bills));
    const perDay = computed(() => divRound(totals.value.net, span.value));
    const goodsQty = computed(() => Number(sum(goods.value, 'qty')));
    const packageCount = computed(() => Number(sum(packages.value, 'count')));
    const empty = computed(() => data.value && !totals.value.bills);

    const sortedGoods = computed(() => {
      const rows = goods.value.slice();
      if (goodsSort.value === 'revenue') rows.sort((a, b) => (b.revenue_fen ?? -1) - (a.revenue_fen ?? -1) || b.qty - a.qty);
      else rows.sort((a, b) => b.qty - a.qty || (b.revenue_fen ?? -1) - (a.revenue_fen ?? -1));
      return rows;
    });
    const goodsHasRevenue = computed(() => goods.value.some((g) => g.revenue_fen !== null && g.revenue_fen !== undefined));
    const goodsMissingRevenue = computed(() => goods.value.some((g) => g.revenue_fen === null || g.revenue_fen === undefined));
    const packagesHaveRevenue = computed(() => packages.value.some((g) => g.revenue_fen !== null && g.revenue_fen !== undefined));

    const dayOption = computed(() => {
      lang.value;
      const base = baseChart();
      const rows = byDay.value;
      return {
        ...base,
        legend: { top: 0, right: 0, textStyle: { color: '#5a6079' } },
        tooltip: { ...base.tooltip, formatter: axisTooltip([0]) },
        xAxis: categoryAxis(rows.map((d) => d.day), { boundaryGap: false, axisLabel: { color: '#64748b', formatter: (v) => v.slice(5) } }),
        yAxis: [moneyAxis(), { type: 'value', splitLine: { show: false }, minInterval: 1, axisLabel: { color: '#94a3b8' } }],
        dataZoom: rows.length > 45 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 0 }] : [],
        grid: { ...base.grid, bottom: rows.length > 45 ? 30 : 8 },
        series: [
          {
            name: t('common.net'), type: 'line', smooth: 0.3, smoothMonotone: 'x', showSymbol: rows.length <= 45, symbolSize: 6, data: rows.map((d) => d.net_fen),
            lineStyle: { width: 3, color: '#4f46e5' }, itemStyle: { color: '#4f46e5' },
            areaStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: 'rgba(79,70,229,.28)' }, { offset: 1, color: 'rgba(79,70,229,0.02)' }]) },
          },
          { name: t('common.bills'), type: 'bar', yAxisIndex: 1, data: rows.map((d) => d.bills), barMaxWidth: 10, itemStyle: { color: 'rgba(16,185,129,.35)', borderRadius: [3, 3, 0, 0] } },
        ],
      };
    });

    const periodRows = computed(() => (periodTab.value === 'week' ? byWeek.value : byMonth.value));
    const periodOption = computed(() => {
      lang.value;
      const base = baseChart();
      const rows = periodRows.value;
      const labels = rows.map((r) => (periodTab.value === 'week' ? (r.from ? r.from.slice(5) : r.week) : r.month));
      return {
        ...base,
        grid: { ...base.grid, top: 16 },
        tooltip: { ...base.tooltip, formatter: axisTooltip([0]) },
        xAxis: categoryAxis(labels),
        yAxis: moneyAxis(),
        series: [{ name: t('common.net'), type: 'bar', data: rows.map((r) => r.net_fen), barMaxWidth: 34, itemStyle: { color: '#8b5cf6', borderRadius: [6, 6, 0, 0] } }],
      };
    });

    const roomTypeOption = computed(() => {
      lang.value;
      const base = baseChart();
      return {
        ...base,
        tooltip: { ...base.tooltip, trigger: 'item', formatter: (p) => `${p.marker}${p.name}<br/><b>¥${fmtMoney(p.value)}</b> · ${share(p.value)}` },
        legend: { bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8, textStyle: { color: '#5a6079' } },
        series: [{
          type: 'pie', radius: ['0%', '68%'], center: ['50%', '44%'], roseType: false,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { show: !ui.isPhone, formatter: (p) => `${p.name}\n${share(p.value)}`, color: '#475569', lineHeight: 16 },
          data: byRoomType.value.map((r, i) => ({ name: r.room_type || t('common.unknown'), value: r.net_fen, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        }],
      };
    });

    const hourOption = computed(() => {
      lang.value;
      const base = baseChart();
      // Hours in business order: from the cut-off round to the next morning.
      const cutoffHour = session.venue ? Math.floor(session.venue.cutoff_minutes / 60) : 6;
      const map = new Map(byHour.value.map((r) => [r.hour, r]));
      const hours = Array.from({ length: 24 }, (_, i) => (cutoffHour + i) % 24);
      return {
        ...base,
        legend: { top: 0, right: 0, textStyle: { color: '#5a6079' } },
        tooltip: { ...base.tooltip, formatter: axisTooltip([0]) },
        xAxis: categoryAxis(hours.map((h) => t('sales.hourLabel', { h: String(h).padStart(2, '0') })), { axisLabel: { color: '#64748b', interval: ui.isPhone ? 3 : 1 } }),
        yAxis: [moneyAxis(), { type: 'value', splitLine: { show: false }, minInterval: 1, axisLabel: { color: '#94a3b8' } }],
        series: [
          { name: t('common.net'), type: 'bar', data: hours.map((h) => (map.get(h) ? map.get(h).net_fen : 0)), barMaxWidth: 18, itemStyle: { color: '#06b6d4', borderRadius: [4, 4, 0, 0] } },
          { name: t('common.bills'), type: 'line', yAxisIndex: 1, smooth: true, symbolSize: 5, data: hours.map((h) => (map.get(h) ? map.get(h).bills : 0)), itemStyle: { color: '#f59e0b' } },
        ],
      };
    });

    const weekdayOption = computed(() => {
      lang.value;
      const base = baseChart();
      const map = new Map(byWeekday.value.map((r) => [r.weekday, r]));
      const wd = [1, 2, 3, 4, 5, 6, 7];
      return {
        ...base,
        legend: { top: 0, right: 0, textStyle: { color: '#5a6079' } },
        tooltip: { ...base.tooltip, formatter: axisTooltip([0]) },
        xAxis: categoryAxis(wd.map((w) => t('weekday.' + w))),
        yAxis: [moneyAxis(), { type: 'value', splitLine: { show: false }, minInterval: 1, axisLabel: { color: '#94a3b8' } }],
        series: [
          { name: t('common.net'), type: 'bar', data: wd.map((w) => ({ value: map.get(w) ? map.get(w).net_fen : 0, itemStyle: { color: w >= 5 ? '#4f46e5' : '#a7a3f2' } })), barMaxWidth: 34, itemStyle: { borderRadius: [6, 6, 0, 0] } },
          { name: t('common.bills'), type: 'line', yAxisIndex: 1, smooth: true, symbolSize: 6, data: wd.map((w) => (map.get(w) ? map.get(w).bills : 0)), itemStyle: { color: '#f59e0b' } },
        ],
      };
    });

    function share(part) {
      return fmtShare(part, totals.value.net);
    }

    return {
      t, ui, filter, data, loading, exporting, load, exportAs, totals, avgBill, perDay, goodsQty, packageCount, empty, span,
      byWeek, byMonth, byRoomType, goods, packages, sortedGoods, goodsSort, goodsHasRevenue, packagesHaveRevenue, goodsMissingRevenue, periodTab, periodRows,
      dayOption, periodOption, roomTypeOption, hourOption, weekdayOption, fmtMoney, fmtInt, share,
    };
  },
  template: `
  <div class="page sales-page" data-test="page-sales">
    <PageHeader :title="t('sales.title')" :subtitle="t('sales.subtitle')">
      <el-button :loading="exporting" type="primary" plain data-test="export-xlsx" @click="exportAs('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
      <el-button :loading="exporting" @click="exportAs('csv')">{{ t('common.exportCsv') }}</el-button>
    </PageHeader>

    <div class="panel filter-panel">
      <div class="filter-bar">
        <DateRange v-model:from="filter.from" v-model:to="filter.to" @change="load" />
        <el-button type="primary" :loading="loading" data-test="run-report" @click="load"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
      </div>
    </div>

    <div v-loading="loading">
      <div class="kpi-grid cols-6" data-test="kpis">
        <KpiCard :label="t('sales.net')" prefix="¥" :value="fmtMoney(totals.net)" icon="Wallet" tone="primary" testid="kpi-net" />
        <KpiCard :label="t('sales.bills')" :value="fmtInt(totals.bills)" icon="Tickets" tone="green" testid="kpi-bills" :sub="totals.midnight !== null ? t('sales.midnight', { n: fmtInt(totals.midnight) }) : ''" />
        <KpiCard :label="t('sales.avg')" prefix="¥" :value="avgBill === null ? '—' : fmtMoney(avgBill)" icon="Coin" tone="cyan" />
        <KpiCard :label="t('sales.perDay')" prefix="¥" :value="perDay === null ? '—' : fmtMoney(perDay)" icon="Calendar" tone="violet" />
        <KpiCard :label="t('sales.goodsQty')" :value="fmtInt(goodsQty)" icon="Goods" tone="amber" />
        <KpiCard :label="t('sales.packages')" :value="fmtInt(packageCount)" icon="Present" tone="slate" />
      </div>

      <EmptyHint v-if="empty" :text="t('sales.empty')" class="panel" />

      <section class="panel">
        <div class="panel-head"><h3 class="panel-title"><el-icon><IconTrendCharts /></el-icon>{{ t('sales.byDay') }}</h3></div>
        <KChart :option="dayOption" :height="ui.isPhone ? '260px' : '340px'" testid="chart-by-day" />
      </section>

      <div class="grid-2">
        <section class="panel">
          <div class="panel-head">
            <h3 class="panel-title"><el-icon><IconHistogram /></el-icon>{{ t('sales.byPeriod') }}</h3>
            <el-radio-group v-model="periodTab" size="small">
              <el-radio-button value="week">{{ t('sales.week') }}</el-radio-button>
              <el-radio-button value="month">{{ t('sales.month') }}</el-radio-button>
            </el-radio-group>
          </div>
          <KChart :option="periodOption" height="220px" testid="chart-period" />
          <div class="table-wrap">
            <el-table :data="periodRows" size="small" max-height="260" :empty-text="t('common.noData')">
              <el-table-column v-if="periodTab === 'week' && !ui.isPhone" :label="t('sales.weekCol')" prop="week" min-width="90" />
              <el-table-column v-if="periodTab === 'week'" :label="t('sales.period')" :min-width="ui.isPhone ? 150 : 170"><template #default="{ row }">{{ row.from }} ~ {{ row.to }}</template></el-table-column>
              <el-table-column v-else :label="t('sales.monthCol')" prop="month" min-width="100" />
              <el-table-column :label="t('common.bills')" prop="bills" align="right" min-width="60" />
              <el-table-column :label="t('common.net')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.net_fen) }}</span></template></el-table-column>
            </el-table>
          </div>
        </section>
        <section class="panel">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconOfficeBuilding /></el-icon>{{ t('sales.byRoomType') }}</h3></div>
          <KChart :option="roomTypeOption" height="260px" testid="chart-room-types" />
          <div class="table-wrap">
            <el-table :data="byRoomType" size="small" :empty-text="t('common.noData')">
              <el-table-column :label="t('sales.roomType')" min-width="110"><template #default="{ row }">{{ row.room_type || t('common.unknown') }}</template></el-table-column>
              <el-table-column :label="t('common.bills')" prop="bills" align="right" min-width="70" />
              <el-table-column :label="t('common.net')" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ fmtMoney(row.net_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('common.share')" align="right" min-width="70"><template #default="{ row }">{{ share(row.net_fen) }}</template></el-table-column>
            </el-table>
          </div>
        </section>
      </div>

      <div class="grid-2" style="margin-top:16px">
        <section class="panel">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconClock /></el-icon>{{ t('sales.byHour') }}</h3></div>
          <KChart :option="hourOption" height="280px" testid="chart-by-hour" />
        </section>
        <section class="panel">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconCalendar /></el-icon>{{ t('sales.byWeekday') }}</h3></div>
          <KChart :option="weekdayOption" height="280px" testid="chart-by-weekday" />
        </section>
      </div>

      <div class="grid-2" style="margin-top:16px">
        <section class="panel" data-test="goods">
          <div class="panel-head">
            <h3 class="panel-title"><el-icon><IconGoods /></el-icon>{{ t('sales.goods') }}</h3>
            <el-radio-group v-if="goodsHasRevenue" v-model="goodsSort" size="small">
              <el-radio-button value="qty">{{ t('sales.sortQty') }}</el-radio-button>
              <el-radio-button value="revenue">{{ t('sales.sortRevenue') }}</el-radio-button>
            </el-radio-group>
          </div>
          <div class="table-wrap">
            <el-table :data="sortedGoods" size="small" max-height="420" :empty-text="t('common.noData')">
              <el-table-column type="index" width="46" />
              <el-table-column :label="t('sales.item')" prop="item" min-width="150" />
              <el-table-column :label="t('sales.qty')" align="right" min-width="80"><template #default="{ row }"><span class="num">{{ fmtInt(row.qty) }}</span></template></el-table-column>
              <el-table-column v-if="goodsHasRevenue" :label="t('sales.revenue')" align="right" min-width="120">
                <template #default="{ row }"><span v-if="row.revenue_fen !== null && row.revenue_fen !== undefined" class="num">{{ fmtMoney(row.revenue_fen) }}<el-tag v-if="row.revenue_partial" size="small" type="warning" effect="plain" style="margin-left:4px">{{ t('sales.partial') }}</el-tag></span><span v-else class="muted">—</span></template>
              </el-table-column>
            </el-table>
          </div>
          <p v-if="goodsMissingRevenue" class="panel-note" style="margin:10px 0 0">— {{ t('sales.priceNote') }}</p>
          <p v-if="goods.some((g) => g.revenue_partial)" class="panel-note" style="margin:6px 0 0">{{ t('sales.partialNote') }}</p>
        </section>
        <section class="panel" data-test="packages">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconPresent /></el-icon>{{ t('sales.packagesTable') }}</h3></div>
          <div class="table-wrap">
            <el-table :data="packages" size="small" max-height="420" :empty-text="t('common.noData')">
              <el-table-column type="index" width="46" />
              <el-table-column :label="t('sales.package')" prop="item" min-width="150" />
              <el-table-column :label="t('sales.count')" align="right" min-width="70"><template #default="{ row }"><span class="num">{{ fmtInt(row.count) }}</span></template></el-table-column>
              <el-table-column v-if="packagesHaveRevenue" :label="t('sales.revenue')" align="right" min-width="120">
                <template #default="{ row }"><span v-if="row.revenue_fen !== null && row.revenue_fen !== undefined" class="num">{{ fmtMoney(row.revenue_fen) }}</span><span v-else class="muted">—</span></template>
              </el-table-column>
            </el-table>
          </div>
          <p v-if="packages.length && !packagesHaveRevenue" class="panel-note" style="margin:10px 0 0">{{ t('sales.packageNote') }}</p>
        </section>
      </div>
    </div>
  </div>`,
};
