// pages/finance/groupbuy.js: 团购对账, group-buy reconciliation. What each platform still owes
// (the ledger's platform receivable), the three-way match of vouchers (used on a bill × verified
// on the platform × settled) with a chart and the exception lists class by class, the upload of
// a platform's settlement statement with every refused row, the import history, and each
// platform's statement column settings. Export of the match to Excel or CSV.
import { t, addMessages, lang, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtInstant, businessToday, addDays, isDay } from '../../format.js';
import { baseChart, categoryAxis } from '../../components.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'gb.title': ['团购对账', 'Group-buy reconciliation'],
  'gb.subtitle': ['美团、抖音、点评的团购券：账单已用 × 平台已核销 × 已结算到账，三方核对', 'Meituan, Douyin and Dianping vouchers: used on a bill × verified by the platform × settled into the bank'],
  'gb.platform': ['平台', 'Platform'],
  'gb.allPlatforms': ['全部平台', 'All platforms'],
  'gb.owed': ['平台应收（尚欠）', 'Still owed by the platform'],
  'gb.owedNote': ['总账“团购平台应收”按平台的余额：已用券的实付金额减去已结算的部分', 'The ledger\'s platform receivable: prices paid of vouchers used, less what was settled'],
  'gb.onBills': ['账单已用券', 'Vouchers used on bills'],
  'gb.onBillsSub': ['券面值 ¥{face} · 实付 ¥{paid}', 'face ¥{face} · paid ¥{paid}'],
  'gb.matched': ['三方一致', 'Matched'],
  'gb.exceptions': ['异常券', 'Exceptions'],
  'gb.settledNet': ['已结算到账', 'Settled net'],
  'gb.settledSub': ['{n} 张 · 服务费 ¥{fee}', '{n} vouchers · fees ¥{fee}'],
  'gb.onStatements': ['平台已核销', 'Verified by platforms'],
  'gb.uncoded': ['另有 {n} 笔团购券付款没有券码（旧系统导入的账单），无法核对，合计 ¥{a}', '{n} voucher payments have no code (bills imported from an old system) and cannot be matched: ¥{a}'],
  'gb.chart': ['核对结果（张数）', 'Match result (vouchers)'],
  'gb.classesTable': ['分类汇总', 'By class'],
  'gb.class': ['类别', 'Class'],
  'gb.count': ['张数', 'Vouchers'],
  'gb.amount': ['金额（用户实付）', 'Amount (price paid)'],
  'gb.exceptionList': ['异常明细', 'Exceptions'],
  'gb.noExceptions': ['没有异常：所选范围内的券三方一致', 'No exceptions: every voucher in the range matches'],
  'gb.truncated': ['异常太多，此处只列出前 5,000 条；导出文件包含全部', 'Too many exceptions: the first 5,000 are listed; the export has them all'],
  'gb.code': ['券码', 'Voucher code'],
  'gb.bill': ['账单', 'Bill'],
  'gb.billDay': ['营业日', 'Business day'],
  'gb.billFace': ['账单券面值', 'Bill face'],
  'gb.billPaid': ['账单实付', 'Bill paid'],
  'gb.stmtPaid': ['对账单实付', 'Statement paid'],
  'gb.fee': ['服务费', 'Fee'],
  'gb.net': ['结算金额', 'Settled net'],
  'gb.settledOn': ['结算日期', 'Settled on'],
  'gb.verifiedAt': ['验券时间', 'Verified at'],
  'gb.diff': ['差额', 'Difference'],
  'gb.reason': ['说明', 'Reason'],
  'gb.upload': ['导入平台结算对账单', 'Import a settlement statement'],
  'gb.uploadNote': ['上传平台后台导出的 CSV（UTF-8、带 BOM 或 GBK 均可）。按该平台的列设置读取；有任何一行出错则整份不导入。同一张券同一结算批次重复导入不会重复记账。结算日期所在营业日已锁定时拒绝导入。', 'Upload the CSV the platform\'s back office exports (UTF-8, with a BOM, or GBK), read with the platform\'s column settings; one bad row refuses the whole file. Rows imported before are never booked twice. A settlement date in a locked business day refuses the file.'],
  'gb.choose': ['选择对账单 CSV', 'Choose the statement CSV'],
  'gb.start': ['导入', 'Import'],
  'gb.none': ['请先选择文件', 'Choose a file first'],
  'gb.done': ['导入完成：新增 {n} 行，重复 {d} 行；结算 {s} 批，已记账', 'Imported: {n} new rows, {d} duplicates; {s} settlements posted'],
  'gb.nothingNew': ['这些行都已导入过，没有新增任何数据', 'Every row was imported before; nothing was added'],
  'gb.refused': ['对账单有 {n} 处错误，未导入任何数据', 'The statement has {n} errors; nothing was imported'],
  'gb.locked': ['结算日期所在营业日已锁定，未导入任何数据：{m}', 'A settlement day is locked; nothing was imported: {m}'],
  'gb.row': ['行号', 'Row'],
  'gb.column': ['列', 'Column'],
  'gb.settlements': ['本次结算记账', 'Settlements posted'],
  'gb.batch': ['结算批次', 'Batch'],
  'gb.day': ['记账日', 'Day'],
  'gb.rows': ['券数', 'Vouchers'],
  'gb.paid': ['冲减应收', 'Receivable cleared'],
  'gb.adjust': ['平台另扣', 'Further discount'],
  'gb.history': ['导入记录', 'Import history'],
  'gb.file': ['文件', 'File'],
  'gb.at': ['时间', 'When'],
  'gb.by': ['操作人', 'By'],
  'gb.imported': ['新增', 'New'],
  'gb.duplicates': ['重复', 'Duplicates'],
  'gb.settled': ['已结算', 'Settled'],
  'gb.settings': ['平台与对账单列设置', 'Platforms and statement columns'],
  'gb.settingsNote': ['每个字段填写对账单中的列名，多个写法用 | 分隔（取文件中第一个出现的）；留空表示该平台的对账单没有这一列。只有券码必填。', 'Name the statement header of each field; separate several spellings with | (the first the file has is read); leave empty when the platform\'s statements lack it. Only the voucher code is required.'],
  'gb.addPlatform': ['添加平台', 'Add platform'],
  'gb.editPlatform': ['编辑平台', 'Edit platform'],
  'gb.codeLabel': ['平台代码', 'Code'],
  'gb.codeHelp': ['收银台记录团购券时用的代码，如 meituan；创建后不可修改', 'What the till records on a voucher, e.g. meituan; fixed once created'],
  'gb.name': ['名称', 'Name'],
  'gb.nameEn': ['英文名称', 'English name'],
  'gb.active': ['启用', 'Active'],
  'gb.columns': ['列名', 'Headers'],
  'gb.f.code': ['券码', 'Voucher code'],
  'gb.f.verified_at': ['验券时间', 'Verified at'],
  'gb.f.face': ['券面值', 'Face value'],
  'gb.f.paid': ['用户实付', 'Price paid'],
  'gb.f.fee': ['平台服务费', 'Platform fee'],
  'gb.f.net': ['结算金额', 'Settled net'],
  'gb.f.settled_on': ['结算日期', 'Settlement date'],
  'gb.f.batch': ['结算批次', 'Settlement batch'],
  'gb.saved': ['已保存', 'Saved'],
  'gb.readOnly': ['您的角色只能查看对账结果', 'Your role may only view the reconciliation'],
  'gb.class.matched': ['三方一致', 'Matched'],
  'gb.class.bill_only': ['已用未核销', 'Not on a statement'],
  'gb.class.statement_only': ['平台有、账单无', 'Not on a bill'],
  'gb.class.amount_diff': ['金额不符', 'Amounts differ'],
  'gb.class.unsettled': ['已核销未结算', 'Not settled'],
  'gb.class.net_diff': ['结算金额不符', 'Net differs'],
  'gb.class.duplicate': ['重复', 'Duplicates'],
});

const FIELDS = ['code', 'verified_at', 'face', 'paid', 'fee', 'net', 'settled_on', 'batch'];
const EXCEPTION_CLASSES = ['bill_only', 'statement_only', 'amount_diff', 'unsettled', 'net_diff', 'duplicate'];
const CLASS_COLORS = {
  matched: '#10b981', bill_only: '#ef4444', statement_only: '#f97316', amount_diff: '#8b5cf6',
  unsettled: '#f59e0b', net_diff: '#ec4899', duplicate: '#64748b',
};

export default {
  name: 'GroupbuyPage',
  setup() {
    const today = businessToday(session.venue);
    const q = route.query;
    const filter = reactive({
      platform: typeof q.platform === 'string' ? q.platform : '',
      from: isDay(q.from) ? q.from : addDays(today, -29),
      to: isDay(q.to) ? q.to : today,
    });
    const writable = computed(() => can('finance', true));
    const platforms = ref([]);
    const receivables = ref([]);
    const data = ref(null);
    const loading = ref(false);
    const exporting = ref(false);
    const tab = ref('bill_only');

    async function loadPlatforms() {
      try {
        const r = await api.get('/groupbuy/platforms');
        platforms.value = r.items || [];
        receivables.value = r.receivables || [];
        if (!upload.platform) {
          const first = platforms.value.find((p) => p.active);
          upload.platform = filter.platform || (first ? first.code : '');
        }
      } catch {
        platforms.value = [];
      }
    }
    async function load() {
      if (!isDay(filter.from) || !isDay(filter.to) || filter.from > filter.to) return;
      setQuery({ platform: filter.platform || undefined, from: filter.from, to: filter.to });
      loading.value = true;
      try {
        data.value = await api.get('/groupbuy/reconciliation', { platform: filter.platform, from: filter.from, to: filter.to });
        receivables.value = data.value.receivables || receivables.value;
        // Open the first class that has exceptions.
        const first = EXCEPTION_CLASSES.find((k) => count(k) > 0);
        if (first && !count(tab.value)) tab.value = first;
      } catch {
        data.value = null;
      } finally {
        loading.value = false;
      }
    }
    onMounted(() => { loadPlatforms(); load(); loadHistory(); });

    async function exportAs(format) {
      exporting.value = true;
      try {
        const name = await api.download('/groupbuy/reconciliation/export', { format, platform: filter.platform, from: filter.from, to: filter.to },
          `groupbuy-${filter.from}-${filter.to}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown by api.download */
      } finally {
        exporting.value = false;
      }
    }

    const classes = computed(() => (data.value && data.value.classes) || []);
    const totals = computed(() => (data.value && data.value.totals) || {});
    function count(k) {
      const c = classes.value.find((x) => x.class === k);
      return c ? c.count : 0;
    }
    const exceptions = computed(() => (data.value && data.value.exceptions) || []);
    const tabRows = computed(() => exceptions.value.filter((e) => e.class === tab.value));
    const className = (k) => t('gb.class.' + k);
    const platformName = (code) => {
      const p = platforms.value.find((x) => x.code === code);
      return p ? (isEn() && p.name_en ? p.name_en : p.name) : code;
    };
    const money = (v) => (v === null || v === undefined ? '—' : fmtMoney(v));

    const chartOption = computed(() => {
      lang.value; // labels follow the language
      const base = baseChart();
      const rows = classes.value;
      return {
        ...base,
        grid: { ...base.grid, top: 16 },
        tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: categoryAxis(rows.map((c) => className(c.class)), { axisLabel: { color: '#64748b', interval: 0, rotate: ui.isPhone ? 30 : 0, width: 76, overflow: 'break' } }),
        yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } },
        series: [{
          name: t('gb.count'), type: 'bar', barMaxWidth: 42,
          data: rows.map((c) => ({ value: c.count, itemStyle: { color: CLASS_COLORS[c.class], borderRadius: [6, 6, 0, 0] } })),
          label: { show: true, position: 'top', color: '#475569' },
        }],
      };
    });

    // ---- statement upload ----
    const upload = reactive({ platform: '', file: null, busy: false, result: null, error: '' });
    function pick(ev) {
      upload.file = (ev.target.files && ev.target.files[0]) || null;
      upload.result = null;
      upload.error = '';
    }
    async function submit() {
      if (!upload.file) {
        ElementPlus.ElMessage.warning(t('gb.none'));
        return;
      }
      const platform = upload.platform || (platforms.value[0] && platforms.value[0].code);
      const fd = new FormData();
      fd.append('file', upload.file, upload.file.name);
      upload.busy = true;
      upload.result = null;
      upload.error = '';
      try {
        upload.result = await api.post(api.url('/groupbuy/statements', { platform }), fd, { quiet: true });
        load();
        loadPlatforms();
        loadHistory();
      } catch (e) {
        if (e.body && Array.isArray(e.body.errors)) upload.result = e.body;
        else if (e.code === 'day_locked') upload.error = t('gb.locked', { m: e.message });
        else upload.error = e.message;
      } finally {
        upload.busy = false;
      }
    }
    const uploadTone = computed(() => {
      const r = upload.result;
      if (upload.error || (r && r.errors && r.errors.length)) return 'bad';
      return r && !r.committed ? 'warn' : 'ok';
    });
    const uploadBanner = computed(() => {
      const r = upload.result;
      if (upload.error) return upload.error;
      if (!r) return '';
      if (r.errors && r.errors.length) return t('gb.refused', { n: r.errors.length });
      if (!r.committed) return t('gb.nothingNew');
      return t('gb.done', { n: r.imported, d: r.duplicates, s: (r.settlements || []).length });
    });

    // ---- import history ----
    const history = ref([]);
    async function loadHistory() {
      try {
        const r = await api.get('/groupbuy/statements', undefined, { quiet: true });
        history.value = r.items || [];
      } catch {
        history.value = [];
      }
    }
    const at = (s) => fmtInstant(s, session.venue && session.venue.timezone);

    // ---- platform settings ----
    const editor = reactive({ open: false, creating: false, busy: false, form: null, error: '', field: '' });
    function openEditor(p) {
      editor.creating = !p;
      editor.error = '';
      editor.field = '';
      editor.form = p
        ? { code: p.code, name: p.name, name_en: p.name_en, active: p.active, columns: { ...p.columns } }
        : { code: '', name: '', name_en: '', active: true, columns: Object.fromEntries(FIELDS.map((f) => [f, f === 'code' ? '券码' : ''])) };
      editor.open = true;
    }
    async function saveEditor() {
      const f = editor.form;
      editor.busy = true;
      editor.error = '';
      editor.field = '';
      try {
        const body = { name: f.name, name_en: f.name_en, active: f.active, columns: f.columns };
        if (editor.creating) await api.post('/groupbuy/platforms', { code: f.code, ...body }, { quiet: true });
        else await api.put('/groupbuy/platforms/' + encodeURIComponent(f.code), body, { quiet: true });
        ElementPlus.ElMessage.success(t('gb.saved'));
        editor.open = false;
        loadPlatforms();
      } catch (e) {
        editor.error = e.message;
        editor.field = e.field || '';
      } finally {
        editor.busy = false;
      }
    }
    const columnsText = (p) => FIELDS.filter((f) => p.columns[f]).map((f) => `${t('gb.f.' + f)}: ${p.columns[f]}`).join(' · ');

    return {
      t, ui, filter, writable, platforms, receivables, data, loading, exporting, load, exportAs, classes, totals, count,
      exceptions, tab, tabRows, className, platformName, money, chartOption, fmtMoney, fmtInt, EXCEPTION_CLASSES, FIELDS,
      upload, pick, submit, uploadTone, uploadBanner, history, at, editor, openEditor, saveEditor, columnsText,
    };
  },
  template: `
  <div class="page groupbuy-page" data-test="page-groupbuy">
    <PageHeader :title="t('gb.title')" :subtitle="t('gb.subtitle')">
      <el-button :loading="exporting" type="primary" plain data-test="gb-export-xlsx" @click="exportAs('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
      <el-button :loading="exporting" data-test="gb-export-csv" @click="exportAs('csv')">{{ t('common.exportCsv') }}</el-button>
    </PageHeader>

    <div class="kpi-grid" data-test="gb-receivables">
      <KpiCard v-for="r in receivables" :key="r.platform" :label="platformName(r.platform) + ' · ' + t('gb.owed')" prefix="¥"
        :value="fmtMoney(r.balance_fen)" :tone="r.balance_fen < 0 ? 'red' : 'amber'" icon="Coin" :testid="'owed-' + r.platform" :sub="t('gb.owedNote')" />
    </div>

    <div class="panel filter-panel">
      <div class="filter-bar">
        <el-select v-model="filter.platform" :placeholder="t('gb.allPlatforms')" style="width:150px" data-test="gb-platform" @change="load">
          <el-option value="" :label="t('gb.allPlatforms')" />
          <el-option v-for="p in platforms" :key="p.code" :value="p.code" :label="platformName(p.code)" />
        </el-select>
        <DateRange v-model:from="filter.from" v-model:to="filter.to" @change="load" />
        <el-button type="primary" :loading="loading" data-test="gb-run" @click="load"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
      </div>
    </div>

    <div v-loading="loading">
      <div class="kpi-grid cols-4" data-test="gb-kpis">
        <KpiCard :label="t('gb.onBills')" :value="fmtInt(totals.on_bills ?? 0)" icon="Tickets" tone="primary" testid="kpi-on-bills"
          :sub="t('gb.onBillsSub', { face: fmtMoney(totals.bills_face_fen ?? 0), paid: fmtMoney(totals.bills_paid_fen ?? 0) })" />
        <KpiCard :label="t('gb.matched')" :value="fmtInt(count('matched'))" icon="CircleCheck" tone="green" testid="kpi-matched"
          :sub="t('gb.onStatements') + ' ' + fmtInt(totals.on_statements ?? 0)" />
        <KpiCard :label="t('gb.exceptions')" :value="fmtInt(totals.exceptions ?? 0)" icon="WarningFilled" :tone="totals.exceptions ? 'red' : 'slate'" testid="kpi-exceptions" />
        <KpiCard :label="t('gb.settledNet')" prefix="¥" :value="fmtMoney(totals.settled_net_fen ?? 0)" icon="Wallet" tone="cyan" testid="kpi-settled"
          :sub="t('gb.settledSub', { n: totals.settled ?? 0, fee: fmtMoney(totals.settled_fee_fen ?? 0) })" />
      </div>
      <el-alert v-if="totals.uncoded" type="info" :closable="false" show-icon style="margin-bottom:14px"
        :title="t('gb.uncoded', { n: totals.uncoded, a: fmtMoney(totals.uncoded_fen) })" />

      <div class="grid-2">
        <section class="panel">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconHistogram /></el-icon>{{ t('gb.chart') }}</h3></div>
          <KChart v-if="classes.length" :option="chartOption" height="280px" testid="gb-chart" />
        </section>
        <section class="panel" data-test="gb-classes">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconDataAnalysis /></el-icon>{{ t('gb.classesTable') }}</h3></div>
          <div class="table-wrap">
            <el-table :data="classes" size="small" :empty-text="t('common.noData')">
              <el-table-column :label="t('gb.class')" min-width="150"><template #default="{ row }">{{ className(row.class) }}</template></el-table-column>
              <el-table-column :label="t('gb.count')" align="right" min-width="70"><template #default="{ row }"><span :data-test="'count-' + row.class">{{ fmtInt(row.count) }}</span></template></el-table-column>
              <el-table-column :label="t('gb.amount')" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
            </el-table>
          </div>
        </section>
      </div>

      <section class="panel" style="margin-top:16px" data-test="gb-exceptions">
        <div class="panel-head"><h3 class="panel-title"><el-icon><IconWarning /></el-icon>{{ t('gb.exceptionList') }}</h3></div>
        <el-alert v-if="data && data.truncated" type="warning" :closable="false" :title="t('gb.truncated')" style="margin-bottom:10px" />
        <EmptyHint v-if="data && !exceptions.length" :text="t('gb.noExceptions')" />
        <template v-else>
          <el-tabs v-model="tab">
            <el-tab-pane v-for="k in EXCEPTION_CLASSES" :key="k" :name="k">
              <template #label><span :data-test="'tab-' + k">{{ className(k) }} <el-badge v-if="count(k)" :value="count(k)" type="danger" class="tab-badge" /></span></template>
            </el-tab-pane>
          </el-tabs>
          <div class="table-wrap">
            <el-table :data="tabRows" size="small" border max-height="460" :empty-text="t('common.noData')" data-test="gb-exception-table">
              <el-table-column :label="t('gb.platform')" min-width="70"><template #default="{ row }">{{ platformName(row.platform) }}</template></el-table-column>
              <el-table-column :label="t('gb.code')" prop="code" min-width="140" />
              <el-table-column :label="t('gb.reason')" prop="reason" min-width="260" class-name="wrap" />
              <el-table-column :label="t('gb.bill')" min-width="150"><template #default="{ row }">{{ row.bill_no || '—' }}</template></el-table-column>
              <el-table-column :label="t('gb.billDay')" prop="day" min-width="100" />
              <el-table-column :label="t('gb.billFace')" align="right" min-width="90"><template #default="{ row }">{{ money(row.bill_face_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.billPaid')" align="right" min-width="90"><template #default="{ row }">{{ money(row.bill_paid_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.stmtPaid')" align="right" min-width="90"><template #default="{ row }">{{ money(row.stmt_paid_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.fee')" align="right" min-width="80"><template #default="{ row }">{{ money(row.fee_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.net')" align="right" min-width="90"><template #default="{ row }">{{ money(row.net_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.settledOn')" min-width="100"><template #default="{ row }">{{ row.settled_day || '—' }}</template></el-table-column>
              <el-table-column :label="t('gb.diff')" align="right" min-width="80"><template #default="{ row }">{{ money(row.difference_fen) }}</template></el-table-column>
            </el-table>
          </div>
        </template>
      </section>
    </div>

    <section class="panel" style="margin-top:16px" data-test="gb-upload">
      <div class="panel-head"><h3 class="panel-title"><el-icon><IconUpload /></el-icon>{{ t('gb.upload') }}</h3></div>
      <template v-if="writable">
        <p class="panel-note" style="margin-top:-4px">{{ t('gb.uploadNote') }}</p>
        <div class="filter-bar">
          <el-select v-model="upload.platform" :placeholder="t('gb.platform')" style="width:150px" data-test="gb-upload-platform">
            <el-option v-for="p in platforms.filter((x) => x.active)" :key="p.code" :value="p.code" :label="platformName(p.code)" />
          </el-select>
          <label class="el-button file-pick">
            <span><el-icon><IconFolderOpened /></el-icon>{{ t('gb.choose') }}</span>
            <input type="file" accept=".csv,text/csv" data-test="gb-file" @change="pick" />
          </label>
          <span v-if="upload.file" class="muted">{{ upload.file.name }}</span>
          <el-button type="primary" :loading="upload.busy" data-test="gb-upload-submit" @click="submit"><el-icon><IconUpload /></el-icon>{{ t('gb.start') }}</el-button>
        </div>
        <template v-if="upload.result || upload.error">
          <div class="result-banner" :class="uploadTone" style="margin-top:14px" data-test="gb-upload-result">
            <el-icon><IconCircleCheckFilled v-if="uploadTone === 'ok'" /><IconWarningFilled v-else-if="uploadTone === 'warn'" /><IconCircleCloseFilled v-else /></el-icon>
            <b>{{ uploadBanner }}</b>
          </div>
          <div class="table-wrap" v-if="upload.result && upload.result.errors && upload.result.errors.length">
            <el-table :data="upload.result.errors" size="small" border max-height="320" data-test="gb-upload-errors">
              <el-table-column :label="t('gb.row')" prop="row" width="70" align="right" />
              <el-table-column :label="t('gb.column')" prop="column" min-width="100" />
              <el-table-column :label="t('gb.reason')" prop="reason" min-width="320" class-name="wrap" />
            </el-table>
          </div>
          <div class="table-wrap" v-if="upload.result && upload.result.settlements && upload.result.settlements.length">
            <div class="section-title">{{ t('gb.settlements') }}</div>
            <el-table :data="upload.result.settlements" size="small" data-test="gb-settlements">
              <el-table-column :label="t('gb.batch')" prop="batch" min-width="120" />
              <el-table-column :label="t('gb.day')" prop="day" min-width="100" />
              <el-table-column :label="t('gb.rows')" prop="rows" align="right" min-width="60" />
              <el-table-column :label="t('gb.paid')" align="right" min-width="100"><template #default="{ row }">{{ fmtMoney(row.paid_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.net')" align="right" min-width="100"><template #default="{ row }">{{ fmtMoney(row.net_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.fee')" align="right" min-width="90"><template #default="{ row }">{{ fmtMoney(row.fee_fen) }}</template></el-table-column>
              <el-table-column :label="t('gb.adjust')" align="right" min-width="90"><template #default="{ row }">{{ fmtMoney(row.adjust_fen) }}</template></el-table-column>
            </el-table>
          </div>
        </template>
      </template>
      <el-alert v-else :title="t('gb.readOnly')" type="info" :closable="false" show-icon />
      <div class="section-title">{{ t('gb.history') }}</div>
      <div class="table-wrap">
        <el-table :data="history" size="small" max-height="300" :empty-text="t('common.noData')" data-test="gb-history">
          <el-table-column :label="t('gb.at')" min-width="130"><template #default="{ row }">{{ at(row.at) }}</template></el-table-column>
          <el-table-column :label="t('gb.platform')" min-width="70"><template #default="{ row }">{{ platformName(row.platform) }}</template></el-table-column>
          <el-table-column :label="t('gb.file')" prop="file" min-width="160" />
          <el-table-column :label="t('gb.imported')" prop="imported" align="right" min-width="60" />
          <el-table-column :label="t('gb.duplicates')" prop="duplicates" align="right" min-width="60" />
          <el-table-column :label="t('gb.settled')" prop="settled" align="right" min-width="60" />
          <el-table-column :label="t('gb.net')" align="right" min-width="100"><template #default="{ row }">{{ fmtMoney(row.net_fen) }}</template></el-table-column>
          <el-table-column :label="t('gb.by')" prop="by" min-width="80" />
        </el-table>
      </div>
    </section>

    <section class="panel" style="margin-top:16px" data-test="gb-settings">
      <div class="panel-head">
        <h3 class="panel-title"><el-icon><IconSetting /></el-icon>{{ t('gb.settings') }}</h3>
        <el-button v-if="writable" size="small" type="primary" plain data-test="gb-add-platform" @click="openEditor(null)"><el-icon><IconPlus /></el-icon>{{ t('gb.addPlatform') }}</el-button>
      </div>
      <p class="panel-note" style="margin-top:-4px">{{ t('gb.settingsNote') }}</p>
      <div class="table-wrap">
        <el-table :data="platforms" size="small" :empty-text="t('common.noData')">
          <el-table-column :label="t('gb.codeLabel')" prop="code" min-width="90" />
          <el-table-column :label="t('gb.name')" min-width="90"><template #default="{ row }">{{ platformName(row.code) }}</template></el-table-column>
          <el-table-column :label="t('gb.active')" min-width="60"><template #default="{ row }">{{ row.active ? t('common.yes') : t('common.no') }}</template></el-table-column>
          <el-table-column :label="t('gb.columns')" min-width="420" class-name="wrap"><template #default="{ row }"><span class="muted">{{ columnsText(row) }}</span></template></el-table-column>
          <el-table-column v-if="writable" :label="t('common.actions')" min-width="80">
            <template #default="{ row }"><el-button link type="primary" :data-test="'gb-edit-' + row.code" @click="openEditor(row)">{{ t('common.edit') }}</el-button></template>
          </el-table-column>
        </el-table>
      </div>
    </section>

    <el-dialog v-model="editor.open" :title="editor.creating ? t('gb.addPlatform') : t('gb.editPlatform')" :width="ui.isPhone ? '94%' : '640px'" append-to-body>
      <el-form v-if="editor.form" label-position="top" data-test="gb-editor">
        <div class="grid-2" style="gap:0 14px">
          <el-form-item :label="t('gb.codeLabel')" :error="editor.field === 'code' ? editor.error : ''">
            <el-input v-model="editor.form.code" :disabled="!editor.creating" maxlength="20" data-test="gb-form-code" />
            <div class="panel-note">{{ t('gb.codeHelp') }}</div>
          </el-form-item>
          <el-form-item :label="t('gb.name')"><el-input v-model="editor.form.name" maxlength="40" data-test="gb-form-name" /></el-form-item>
          <el-form-item :label="t('gb.nameEn')"><el-input v-model="editor.form.name_en" maxlength="40" /></el-form-item>
          <el-form-item :label="t('gb.active')"><el-switch v-model="editor.form.active" /></el-form-item>
        </div>
        <div class="grid-2" style="gap:0 14px">
          <el-form-item v-for="f in FIELDS" :key="f" :label="t('gb.f.' + f) + (f === 'code' ? ' *' : '')" :error="editor.field === 'columns.' + f ? editor.error : ''">
            <el-input v-model="editor.form.columns[f]" maxlength="200" :data-test="'gb-form-' + f" />
          </el-form-item>
        </div>
        <el-alert v-if="editor.error && !editor.field.startsWith('columns.') && editor.field !== 'code'" :title="editor.error" type="error" :closable="false" />
      </el-form>
      <template #footer>
        <el-button @click="editor.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="editor.busy" data-test="gb-form-save" @click="saveEditor">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
