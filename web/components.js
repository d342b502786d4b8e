// components.js: the small building blocks the pages share: page header, KPI card, business-day
// range picker, ECharts chart, and the chart styling that keeps every chart alike.
import { t, isEn, addMessages } from './i18n.js';
import * as api from './api.js';
import { session, ui } from './store.js';
import { businessToday, addDays, monthStart, monthEnd, fmtYuanShort, fmtMoney } from './format.js';

const { ref, computed, watch, onMounted, onBeforeUnmount, markRaw, nextTick } = Vue;

/** Page title with a subtitle and room for actions on the right. */
export const PageHeader = {
  name: 'PageHeader',
  props: { title: String, subtitle: String },
  template: `
    <div class="page-header">
      <div class="page-header-text">
        <h1 class="page-title">{{ title }}</h1>
        <p v-if="subtitle" class="page-subtitle">{{ subtitle }}</p>
      </div>
      <div class="page-header-actions"><slot /></div>
    </div>`,
};

/** One key figure: label, value (already formatted), optional sub-line and tone. */
export const KpiCard = {
  name: 'KpiCard',
  props: { label: String, value: [String, Number], sub: String, tone: { type: String, default: 'primary' }, icon: String, testid: String, prefix: String },
  template: `
    <div class="kpi-card" :class="'tone-' + tone" :data-test="testid">
      <div class="kpi-icon" v-if="icon"><el-icon><component :is="'Icon' + icon" /></el-icon></div>
      <div class="kpi-body">
        <div class="kpi-label">{{ label }}</div>
        <div class="kpi-value"><span v-if="prefix" class="kpi-prefix">{{ prefix }}</span><span class="kpi-number">{{ value }}</span></div>
        <div class="kpi-sub" v-if="sub">{{ sub }}</div>
      </div>
    </div>`,
};

/** Shortcut ranges relative to the venue's current business day. */
function shortcuts() {
  const today = businessToday(session.venue);
  const y = addDays(today, -1);
  const lastMonthDay = addDays(monthStart(today), -1);
  return [
    { key: 'yesterday', from: y, to: y },
    { key: 'today', from: today, to: today },
    { key: 'last7', from: addDays(y, -6), to: y },
    { key: 'last30', from: addDays(y, -29), to: y },
    { key: 'thisMonth', from: monthStart(today), to: today },
    { key: 'lastMonth', from: monthStart(lastMonthDay), to: monthEnd(lastMonthDay) },
    { key: 'thisYear', from: today.slice(0, 4) + '-01-01', to: today },
  ];
}

/**
 * A business-day range: v-model:from and v-model:to (YYYY-MM-DD). A range picker with
 * shortcuts on a wide screen; two date pickers on a phone (the range panel is too wide there).
 */
export const DateRange = {
  name: 'DateRange',
  props: { from: String, to: String },
  emits: ['update:from', 'update:to', 'change'],
  setup(props, { emit }) {
    const range = computed({
      get: () => (props.from && props.to ? [props.from, props.to] : null),
      set: (v) => {
        emit('update:from', v ? v[0] : '');
        emit('update:to', v ? v[1] : '');
        nextTick(() => emit('change'));
      },
    });
    const pickerShortcuts = computed(() =>
      shortcuts().map((s) => ({ text: t('range.' + s.key), value: () => [new Date(s.from + 'T12:00:00'), new Date(s.to + 'T12:00:00')] })));
    function setFrom(v) { emit('update:from', v || ''); nextTick(() => emit('change')); }
    function setTo(v) { emit('update:to', v || ''); nextTick(() => emit('change')); }
    return { range, pickerShortcuts, ui, t, setFrom, setTo };
  },
  template: `
    <div class="date-range" data-test="date-range">
      <template v-if="ui.isPhone">
        <el-date-picker :model-value="from" @update:model-value="setFrom" type="date" value-format="YYYY-MM-DD"
          :placeholder="t('common.from')" :clearable="false" class="date-half" data-test="date-from" />
        <span class="date-sep">{{ t('common.to.sep') }}</span>
        <el-date-picker :model-value="to" @update:model-value="setTo" type="date" value-format="YYYY-MM-DD"
          :placeholder="t('common.to')" :clearable="false" class="date-half" data-test="date-to" />
      </template>
      <el-date-picker v-else v-model="range" type="daterange" value-format="YYYY-MM-DD" unlink-panels
        :range-separator="t('common.to.sep')" :start-placeholder="t('common.from')" :end-placeholder="t('common.to')"
        :shortcuts="pickerShortcuts" :clearable="false" />
    </div>`,
};

/** The palette of every chart; payment methods keep their own colours everywhere. */
export const PALETTE = ['#4f46e5', '#10b981', '#f59e0b', '#06b6d4', '#ef4444', '#8b5cf6', '#ec4899', '#84cc16', '#64748b', '#f97316'];
export const METHOD_COLORS = {
  cash: '#f59e0b', wechat: '#16a34a', alipay: '#1677ff', card: '#6366f1', member: '#ec4899',
  voucher: '#f97316', credit: '#64748b', mixed: '#06b6d4', other: '#94a3b8',
};

const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/** Options every chart starts from: font, grid, palette, axis styling. */
export function baseChart() {
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT, color: '#475569' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', backgroundColor: '#fff', borderColor: '#e2e8f0', textStyle: { color: '#1e293b', fontSize: 12 }, extraCssText: 'box-shadow:0 6px 20px rgba(15,23,42,.12);border-radius:8px;' },
    animationDuration: 500,
  };
}

/** A value axis whose values are fen, labelled in yuan. */
export function moneyAxis(extra) {
  return {
    type: 'value',
    minInterval: 100, // one yuan: an empty chart does not label 0.2 fen steps
    axisLabel: { formatter: (v) => fmtYuanShort(v), color: '#64748b' },
    splitLine: { lineStyle: { color: '#eef2f7' } },
    ...extra,
  };
}

/** A category axis. */
export function categoryAxis(data, extra) {
  return {
    type: 'category', data,
    axisLine: { lineStyle: { color: '#cbd5e1' } },
    axisTick: { show: false },
    axisLabel: { color: '#64748b' },
    ...extra,
  };
}

/** Tooltip formatter for axis charts whose series hold fen (money) or counts. */
export function axisTooltip(moneySeries) {
  return (params) => {
    const list = Array.isArray(params) ? params : [params];
    if (!list.length) return '';
    let html = `<div style="font-weight:600;margin-bottom:4px">${list[0].axisValueLabel ?? list[0].name}</div>`;
    for (const p of list) {
      const v = p.value === null || p.value === undefined ? '' : moneySeries.includes(p.seriesIndex) ? '¥' + fmtMoney(p.value) : String(p.value);
      html += `<div style="display:flex;justify-content:space-between;gap:16px">${p.marker}<span style="flex:1">${p.seriesName}</span><b>${v}</b></div>`;
    }
    return html;
  };
}

/**
 * An ECharts chart. option: the ECharts option (replaced, not merged, when it changes).
 * Resizes with its box; disposed with the component.
 */
export const KChart = {
  name: 'KChart',
  props: { option: Object, height: { type: String, default: '320px' }, testid: String },
  setup(props) {
    const el = ref(null);
    let chart = null;
    let observer = null;
    function render() {
      if (!chart || !props.option) return;
      chart.setOption(props.option, true);
    }
    onMounted(() => {
      chart = markRaw(echarts.init(el.value, null, { renderer: 'canvas' }));
      render();
      observer = new ResizeObserver(() => chart && chart.resize());
      observer.observe(el.value);
    });
    watch(() => props.option, render, { deep: false });
    onBeforeUnmount(() => {
      if (observer) observer.disconnect();
      if (chart) chart.dispose();
      chart = null;
    });
    return { el };
  },
  template: `<div ref="el" class="k-chart" :style="{ height }" :data-test="testid"></div>`,
};

/** Empty state with an optional action. */
export const EmptyHint = {
  name: 'EmptyHint',
  props: { text: String },
  template: `<div class="empty-hint"><el-icon class="empty-icon"><IconDocumentRemove /></el-icon><div>{{ text }}</div><slot /></div>`,
};

addMessages({
  'csv.title': ['从 CSV 导入', 'Import from CSV'],
  'csv.choose': ['选择 CSV 文件', 'Choose a CSV file'],
  'csv.encoding': ['支持 UTF-8（可带 BOM）与 GBK（中文 Excel 另存为 CSV）', 'UTF-8 (with or without BOM) and GBK (Chinese Excel\'s CSV) are read'],
  'csv.start': ['导入', 'Import'],
  'csv.done': ['导入完成：新增 {c}，更新 {u}，未变 {n}', 'Done: {c} created, {u} updated, {n} unchanged'],
  'csv.refused': ['文件有错误，未导入任何数据', 'The file has errors; nothing was imported'],
  'csv.rowsRead': ['读取 {n} 行', '{n} rows read'],
  'csv.row': ['行号', 'Row'],
  'csv.column': ['列', 'Column'],
  'csv.reason': ['原因', 'Reason'],
  'csv.none': ['请先选择文件', 'Choose a file first'],
});

/**
 * Import of a master-data CSV (products or rooms): one file (multipart field "file") posted to
 * endpoint; shows the counts, or every error with row, column and reason. Emits done after a
 * committed import so that the page reloads its list.
 */
export const CsvImportDialog = {
  name: 'CsvImportDialog',
  props: { modelValue: Boolean, endpoint: String, title: String, columns: String },
  emits: ['update:modelValue', 'done'],
  setup(props, { emit }) {
    const file = ref(null);
    const busy = ref(false);
    const result = ref(null);
    function pick(ev) {
      file.value = (ev.target.files && ev.target.files[0]) || null;
      result.value = null;
    }
    async function submit() {
      if (!file.value) {
        ElementPlus.ElMessage.warning(t('csv.none'));
        return;
      }
      const fd = new FormData();
      fd.append('file', file.value, file.value.name);
      busy.value = true;
      try {
        result.value = await api.post(props.endpoint, fd, { quiet: true });
        emit('done');
      } catch (e) {
        if (e.body && Array.isArray(e.body.errors)) result.value = e.body;
        else ElementPlus.ElMessage.error(e.message);
      } finally {
        busy.value = false;
      }
    }
    function close() {
      emit('update:modelValue', false);
      file.value = null;
      result.value = null;
    }
    return { t, ui, file, busy, result, pick, submit, close };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="(v) => !v && close()" :title="title || t('csv.title')" :width="ui.isPhone ? '94%' : '620px'" append-to-body>
      <p class="panel-note" style="margin-top:0">{{ columns }}</p>
      <p class="panel-note">{{ t('csv.encoding') }}</p>
      <label class="el-button file-pick">
        <span><el-icon><IconFolderOpened /></el-icon>{{ t('csv.choose') }}</span>
        <input type="file" accept=".csv,text/csv" data-test="csv-file" @change="pick" />
      </label>
      <span v-if="file" style="margin-left:10px">{{ file.name }}</span>
      <template v-if="result">
        <div class="result-banner" :class="result.committed ? 'ok' : 'bad'" style="margin-top:16px">
          <el-icon><IconCircleCheckFilled v-if="result.committed" /><IconCircleCloseFilled v-else /></el-icon>
          <b>{{ result.committed ? t('csv.done', { c: result.created, u: result.updated, n: result.unchanged }) : t('csv.refused') }}</b>
          <span class="muted">· {{ t('csv.rowsRead', { n: result.rows_read }) }}</span>
        </div>
        <el-table v-if="result.errors && result.errors.length" :data="result.errors" size="small" border max-height="300">
          <el-table-column :label="t('csv.row')" prop="row" width="70" align="right" />
          <el-table-column :label="t('csv.column')" prop="column" min-width="90" />
          <el-table-column :label="t('csv.reason')" prop="reason" min-width="260" class-name="wrap" />
        </el-table>
      </template>
      <template #footer>
        <el-button @click="close">{{ t('common.close') }}</el-button>
        <el-button type="primary" :loading="busy" data-test="csv-submit" @click="submit"><el-icon><IconUpload /></el-icon>{{ t('csv.start') }}</el-button>
      </template>
    </el-dialog>`,
};


addMessages({
  'approval.title': ['经理审批', 'Manager approval'],
  'approval.lead': ['此操作超出您的权限，请经理输入用户名和密码当场审批：', 'This is beyond your role\'s limit: a manager signs in here to approve it:'],
  'approval.username': ['审批人用户名', 'Approver username'],
  'approval.password': ['审批人密码', 'Approver password'],
  'approval.approve': ['审批并继续', 'Approve and continue'],
  'approval.missing': ['请填写审批人的用户名和密码', 'Enter the approver\'s username and password'],
});

/**
 * The manager's second sign-in (审批) in the same request: a page calls useApproval(), puts
 * <ApprovalDialog :state="approval" /> in its template, and awaits approval.ask(message),
 * which resolves to {approver_username, approver_password} or null when cancelled.
 */
export function useApproval() {
  const state = Vue.reactive({ open: false, message: '', username: '', password: '', error: '', resolve: null });
  function ask(message) {
    return new Promise((resolve) => {
      if (state.resolve) state.resolve(null);
      Object.assign(state, { open: true, message: message || '', password: '', error: '', resolve });
    });
  }
  return Object.assign(state, { ask });
}

export const ApprovalDialog = {
  name: 'ApprovalDialog',
  props: { state: Object },
  setup(props) {
    function finish(value) {
      const r = props.state.resolve;
      props.state.resolve = null;
      props.state.open = false;
      if (r) r(value);
    }
    function approve() {
      const s = props.state;
      if (!s.username.trim() || !s.password) {
        s.error = t('approval.missing');
        return;
      }
      const v = { approver_username: s.username.trim(), approver_password: s.password };
      s.password = '';
      finish(v);
    }
    return { t, ui, approve, finish };
  },
  template: `
    <el-dialog :model-value="state.open" @update:model-value="(v) => !v && finish(null)" :title="t('approval.title')"
      :width="ui.isPhone ? '92%' : '400px'" append-to-body data-test="approval-dialog" class="approval-dialog">
      <div class="approval-lead"><el-icon><IconLock /></el-icon><span>{{ t('approval.lead') }}</span></div>
      <el-alert v-if="state.message" :title="state.message" type="warning" :closable="false" show-icon style="margin-bottom:12px" />
      <el-form label-position="top" @submit.prevent="approve">
        <el-form-item :label="t('approval.username')"><el-input v-model="state.username" autocomplete="off" data-test="approver-username" /></el-form-item>
        <el-form-item :label="t('approval.password')"><el-input v-model="state.password" type="password" show-password autocomplete="new-password" data-test="approver-password" @keyup.enter="approve" /></el-form-item>
        <el-alert v-if="state.error" :title="state.error" type="error" :closable="false" show-icon />
      </el-form>
      <template #footer>
        <el-button @click="finish(null)">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" data-test="approver-submit" @click="approve"><el-icon><IconCheck /></el-icon>{{ t('approval.approve') }}</el-button>
      </template>
    </el-dialog>`,
};

/** The notes and coins of a cash count (fen), largest first: 100/50/20/10/5/1 yuan, 5/1 jiao. */
export const DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 100, 50, 10];

addMessages({
  'count.denomination': ['面额', 'Denomination'],
  'count.pieces': ['张/枚', 'Pieces'],
  'count.subtotal': ['小计', 'Subtotal'],
  'count.total': ['清点合计', 'Counted total'],
  'count.yuan': ['{n} 元', '¥{n}'],
  'count.jiao': ['{n} 角', '{n} jiao'],
});

/** Label of a denomination in fen: "100 元", "5 角". */
export function denominationLabel(fen) {
  return fen >= 100 ? t('count.yuan', { n: fen / 100 }) : t('count.jiao', { n: fen / 10 });
}

/** Total of a count {denomination_fen: pieces} in fen (exact integers). */
export function countTotal(pieces) {
  let s = 0n;
  for (const d of DENOMINATIONS) s += BigInt(d) * BigInt(pieces[d] || 0);
  return Number(s);
}

/** The count as the API takes it: [{denomination_fen, pieces}] (zero rows left out). */
export function countBody(pieces) {
  return DENOMINATIONS.filter((d) => pieces[d] > 0).map((d) => ({ denomination_fen: d, pieces: pieces[d] }));
}

/** A cash count by denomination with a live total. v-model: {denomination_fen: pieces}. */
export const CashCount = {
  name: 'CashCount',
  props: { modelValue: Object, testid: String },
  emits: ['update:modelValue'],
  setup(props, { emit }) {
    function set(d, v) {
      emit('update:modelValue', { ...props.modelValue, [d]: Number.isInteger(v) && v > 0 ? v : 0 });
    }
    const total = computed(() => countTotal(props.modelValue || {}));
    return { t, DENOMINATIONS, denominationLabel, set, total, fmtMoney, ui };
  },
  template: `
    <div class="cash-count" :data-test="testid">
      <div class="count-row" v-for="d in DENOMINATIONS" :key="d">
        <span class="count-denom" :class="{ coin: d < 100 }">{{ denominationLabel(d) }}</span>
        <span class="count-x">×</span>
        <el-input-number :model-value="(modelValue || {})[d] || 0" @update:model-value="(v) => set(d, v)" :min="0" :max="1000000" :step="1" step-strictly
          :controls-position="ui.isPhone ? '' : 'right'" size="default" class="count-input" :data-test="'count-' + d" />
        <span class="count-sub num">{{ fmtMoney(d * ((modelValue || {})[d] || 0)) }}</span>
      </div>
      <div class="count-total"><span>{{ t('count.total') }}</span><b class="num" data-test="count-total">¥{{ fmtMoney(total) }}</b></div>
    </div>`,
};

/** Registers the shared components and every Element Plus icon (as <IconName>). */
export function registerComponents(app) {
  app.component('PageHeader', PageHeader);
  app.component('KpiCard', KpiCard);
  app.component('DateRange', DateRange);
  app.component('KChart', KChart);
  app.component('EmptyHint', EmptyHint);
  app.component('CsvImportDialog', CsvImportDialog);
  app.component('ApprovalDialog', ApprovalDialog);
  app.component('CashCount', CashCount);
  for (const [name, comp] of Object.entries(ElementPlusIconsVue)) app.component('Icon' + name, comp);
}

export { isEn };
