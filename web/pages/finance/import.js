// pages/finance/import.js: 账单导入: upload bills.csv, bill_lines.csv and bill_payments.csv
// (format v1), optionally skipping invalid rows or only trying (dry run); shows what was
// imported, what was created, and every rejected row with file, row, column and reason.
import { t, addMessages } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { fmtInt, fmtInstant, fmtMoney } from '../../format.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'import.title': ['账单导入', 'Bill import'],
  'import.subtitle': ['导入旧系统的账单（格式 v1：UTF-8 或 GBK 的 CSV），逐行校验', 'Import bills from a previous system (format v1: CSV in UTF-8 or GBK), checked row by row'],
  'import.files': ['选择文件', 'Files'],
  'import.pickAll': ['一次选择三个文件', 'Choose all three at once'],
  'import.pickAllHelp': ['按文件名自动对应：bills.csv、bill_lines.csv、bill_payments.csv', 'Matched by file name: bills.csv, bill_lines.csv, bill_payments.csv'],
  'import.slot.bills': ['账单 bills.csv', 'Bills · bills.csv'],
  'import.slot.bills.desc': ['账单号、包厢、开台/结账时间、状态、金额', 'Bill no., room, open/close times, status, amounts'],
  'import.slot.bill_lines': ['明细 bill_lines.csv', 'Lines · bill_lines.csv'],
  'import.slot.bill_lines.desc': ['每张账单的房费、套餐、商品', 'Room fee, packages and goods of each bill'],
  'import.slot.bill_payments': ['收款 bill_payments.csv', 'Payments · bill_payments.csv'],
  'import.slot.bill_payments.desc': ['每张账单的支付方式与金额', 'How each bill was paid'],
  'import.choose': ['选择文件', 'Choose file'],
  'import.none': ['未选择', 'None chosen'],
  'import.change': ['更换文件', 'Change file'],
  'import.rejectedBills': ['无效账单', 'Rejected bills'],
  'import.rejectedRowsSub': ['涉及 {n} 行', '{n} rows'],
  'import.skip': ['跳过无效行', 'Skip invalid rows'],
  'import.skipHelp': ['导入有效的账单，无效行列出原因并可下载；不勾选时，只要有一行出错就全部不导入。', 'Import the valid bills and list the invalid rows (downloadable); unticked, one bad row stops the whole import.'],
  'import.dry': ['试运行', 'Dry run'],
  'import.dryHelp': ['只校验并报告结果，不写入任何数据。', 'Check and report only; nothing is written.'],
  'import.start': ['开始导入', 'Import'],
  'import.startDry': ['开始试运行', 'Run the check'],
  'import.needAll': ['请选择全部三个文件：bills.csv、bill_lines.csv、bill_payments.csv', 'Choose all three files: bills.csv, bill_lines.csv, bill_payments.csv'],
  'import.errorsCsv': ['下载错误清单 CSV', 'Download the error list (CSV)'],
  'import.warnings': ['提示（已导入，但请留意）', 'Warnings (imported, worth a look)'],
  'import.encodings': ['识别的编码', 'Encodings detected'],
  'import.more': ['共 {n} 处，此处列出前 {m} 处；完整清单见下载文件', '{n} in all, the first {m} listed here; the download has them all'],
  'import.settledTotal': ['已结账实收合计', 'Settled total'],
  'import.rowsRead': ['读取行数', 'Rows read'],
  'import.result': ['导入结果', 'Result'],
  'import.ok': ['导入完成：{n} 张账单已写入', 'Done: {n} bills written'],
  'import.okDry': ['试运行完成：可导入 {n} 张账单，未写入任何数据', 'Dry run: {n} bills could be imported; nothing was written'],
  'import.partial': ['已导入 {n} 张账单，{r} 张无效账单被跳过', '{n} bills imported, {r} invalid bills skipped'],
  'import.dupNote': ['；{d} 张账单已存在，未重复导入', '; {d} bills were already there and were not imported again'],
  'import.refused': ['发现 {r} 处错误，未导入任何数据', '{r} errors found; nothing was imported'],
  'import.imported': ['导入账单', 'Bills imported'],
  'import.settled': ['已结账', 'Settled'],
  'import.voided': ['已作废', 'Voided'],
  'import.duplicates': ['重复（已存在）', 'Duplicates (already there)'],
  'import.rejected': ['无效行', 'Rejected rows'],
  'import.created': ['新建的资料（停用状态，请核对）', 'Created (inactive; please review)'],
  'import.created.rooms': ['包厢', 'Rooms'],
  'import.created.room_types': ['房型', 'Room types'],
  'import.created.products': ['商品', 'Products'],
  'import.created.packages': ['套餐', 'Packages'],
  'import.errors': ['错误明细', 'Errors'],
  'import.file': ['文件', 'File'],
  'import.row': ['行号', 'Row'],
  'import.column': ['列', 'Column'],
  'import.reason': ['原因', 'Reason'],
  'import.downloadRejects': ['下载无效行 CSV', 'Download rejected rows (CSV)'],
  'import.batches': ['导入记录', 'Import history'],
  'import.batchId': ['批次', 'Batch'],
  'import.kind': ['类型', 'Kind'],
  'import.kind.bills': ['账单', 'Bills'],
  'import.kind.products': ['商品', 'Products'],
  'import.kind.rooms': ['包厢', 'Rooms'],
  'import.at': ['时间', 'When'],
  'import.by': ['操作人', 'By'],
  'import.formatLink': ['格式说明：金额以元为单位，最多两位小数；时间为门店当地时间 YYYY-MM-DD HH:MM:SS。', 'Format: amounts in yuan with at most two decimals; times local to the venue, YYYY-MM-DD HH:MM:SS.'],
  'import.uploading': ['正在上传并校验…', 'Uploading and checking…'],
  'import.noWrite': ['您的角色只能查看导入记录', 'Your role may only view the import history'],
});

const SLOTS = ['bills', 'bill_lines', 'bill_payments'];

export default {
  name: 'ImportPage',
  setup() {
    const files = reactive({ bills: null, bill_lines: null, bill_payments: null });
    const options = reactive({ skip_invalid: false, dry_run: false });
    const busy = ref(false);
    const result = ref(null);
    const batches = ref([]);
    const batchesLoading = ref(false);
    const writable = computed(() => can('import', true));

    async function loadBatches() {
      batchesLoading.value = true;
      try {
        const r = await api.get('/import/batches', undefined, { quiet: true });
        batches.value = (r && (r.items || r.batches)) || (Array.isArray(r) ? r : []);
      } catch {
        batches.value = [];
      } finally {
        batchesLoading.value = false;
      }
    }
    onMounted(loadBatches);

    function pick(slot, ev) {
      const f = ev.target.files && ev.target.files[0];
      files[slot] = f || null;
    }
    function pickAll(ev) {
      for (const f of ev.target.files || []) {
        const n = f.name.toLowerCase();
        if (n.includes('payment')) files.bill_payments = f;
        else if (n.includes('line')) files.bill_lines = f;
        else if (n.includes('bill')) files.bills = f;
      }
      ev.target.value = '';
    }
    async function submit() {
      if (!files.bills || !files.bill_lines || !files.bill_payments) {
        ElementPlus.ElMessage.warning(t('import.needAll'));
        return;
      }
      const fd = new FormData();
      for (const s of SLOTS) if (files[s]) fd.append(s, files[s], files[s].name);
      fd.append('skip_invalid', options.skip_invalid ? '1' : '0');
      fd.append('dry_run', options.dry_run ? '1' : '0');
      busy.value = true;
      result.value = null;
      try {
        result.value = await api.post('/import/bills', fd, { quiet: true });
      } catch (e) {
        // A refused import (422) still carries its report: every error with file, row, column.
        if (e.body && Array.isArray(e.body.errors)) result.value = e.body;
        else ElementPlus.ElMessage.error(e.message);
      } finally {
        busy.value = false;
        loadBatches();
      }
    }
    const errors = computed(() => (result.value && result.value.errors) || []);
    const warnings = computed(() => (result.value && result.value.warnings) || []);
    const encodings = computed(() => Object.entries((result.value && result.value.encodings) || {}).filter(([, v]) => v));
    /** The error list as a CSV the user can keep (also when nothing was imported). */
    function downloadErrors() {
      const q = (v) => '"' + String(v ?? '').replace(/"/g, '""') + '"';
      const lines = [[t('import.file'), t('import.row'), t('import.column'), t('import.reason')].map(q).join(',')];
      for (const e of errors.value) lines.push([e.file, e.row, e.column, e.reason].map(q).join(','));
      const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'import-errors.csv';
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }
    const created = computed(() => {
      const c = (result.value && result.value.created) || {};
      return ['rooms', 'room_types', 'products', 'packages'].filter((k) => Array.isArray(c[k]) && c[k].length).map((k) => ({ key: k, items: c[k] }));
    });
    const tone = computed(() => {
      const r = result.value;
      if (!r) return '';
      if (r.refused || (!r.committed && !r.dry_run)) return 'bad';
      return r.rejected_count || r.rejected_rows ? 'warn' : 'ok';
    });
    const banner = computed(() => {
      const r = result.value;
      if (!r) return '';
      if (r.refused || (!r.committed && !r.dry_run)) return t('import.refused', { r: r.errors_total ?? errors.value.length });
      const dup = r.duplicates ? t('import.dupNote', { d: r.duplicates }) : '';
      if (r.dry_run) return t('import.okDry', { n: r.imported }) + dup;
      if (r.rejected_count) return t('import.partial', { n: r.imported, r: r.rejected_count }) + dup;
      return t('import.ok', { n: r.imported }) + dup;
    });
    async function downloadRejects(id) {
      try {
        await api.download(`/import/batches/${id}/rejects.csv`, undefined, `rejects-${id}.csv`);
      } catch {
        /* shown */
      }
    }
    const at = (s) => fmtInstant(s, session.venue && session.venue.timezone);
    // The CLI records full paths; the file names are what a person recognises.
    const kindName = (k) => (['bills', 'products', 'rooms'].includes(k) ? t('import.kind.' + k) : k);
    const baseNames = (files) => String(files || '').split(/,\s*/).map((f) => f.split('/').pop()).join(', ');
    const fileSize = (f) => (f.size >= 1024 * 1024 ? (f.size / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(f.size / 1024)) + ' KB');

    return { t, ui, files, options, busy, result, errors, warnings, encodings, downloadErrors, fmtMoney, created, tone, banner, batches, batchesLoading, baseNames, kindName, writable, slots: SLOTS, pick, pickAll, submit, downloadRejects, at, fileSize, fmtInt };
  },
  template: `
  <div class="page" data-test="page-import">
    <PageHeader :title="t('import.title')" :subtitle="t('import.subtitle')" />

    <section class="panel" v-if="writable">
      <div class="panel-head">
        <h3 class="panel-title"><el-icon><IconUpload /></el-icon>{{ t('import.files') }}</h3>
        <label class="el-button el-button--primary is-plain" style="cursor:pointer">
          <el-icon><IconFolderOpened /></el-icon><span>{{ t('import.pickAll') }}</span>
          <input type="file" accept=".csv,text/csv" multiple style="display:none" data-test="import-pick-all" @change="pickAll" />
        </label>
      </div>
      <p class="panel-note" style="margin:-6px 0 14px">{{ t('import.pickAllHelp') }} · {{ t('import.formatLink') }}</p>
      <div class="file-slots">
        <div v-for="s in slots" :key="s" class="file-slot" :class="{ 'has-file': files[s] }" :data-test="'slot-' + s">
          <div class="slot-name"><el-icon><IconDocument /></el-icon>{{ t('import.slot.' + s) }}</div>
          <div class="slot-desc">{{ t('import.slot.' + s + '.desc') }}</div>
          <div class="slot-file" v-if="files[s]"><el-icon style="color:#10b981;vertical-align:-2px"><IconCircleCheckFilled /></el-icon> {{ files[s].name }} <span class="muted">· {{ fileSize(files[s]) }}</span></div>
          <div class="slot-file muted" v-else>{{ t('import.none') }}</div>
          <label class="el-button el-button--small file-pick">
            <span><el-icon><IconFolderOpened /></el-icon>{{ files[s] ? t('import.change') : t('import.choose') }}</span>
            <input type="file" accept=".csv,text/csv" :name="s" :data-test="'file-' + s" @change="pick(s, $event)" />
          </label>
        </div>
      </div>
      <div class="import-options">
        <label class="option"><el-checkbox v-model="options.skip_invalid" data-test="opt-skip" /><span class="opt-text"><b>{{ t('import.skip') }}</b><span>{{ t('import.skipHelp') }}</span></span></label>
        <label class="option"><el-checkbox v-model="options.dry_run" data-test="opt-dry" /><span class="opt-text"><b>{{ t('import.dry') }}</b><span>{{ t('import.dryHelp') }}</span></span></label>
      </div>
      <div style="margin-top:14px">
        <el-button type="primary" size="large" :loading="busy" data-test="import-submit" @click="submit"><el-icon><IconUpload /></el-icon>{{ options.dry_run ? t('import.startDry') : t('import.start') }}</el-button>
        <span v-if="busy" class="panel-note" style="margin-left:10px">{{ t('import.uploading') }}</span>
      </div>
    </section>
    <el-alert v-else :title="t('import.noWrite')" type="info" :closable="false" show-icon style="margin-bottom:16px" />

    <section class="panel" v-if="result" data-test="import-result">
      <div class="panel-head"><h3 class="panel-title"><el-icon><IconDataAnalysis /></el-icon>{{ t('import.result') }}</h3></div>
      <div class="result-banner" :class="tone">
        <el-icon><IconCircleCheckFilled v-if="tone === 'ok'" /><IconWarningFilled v-else-if="tone === 'warn'" /><IconCircleCloseFilled v-else /></el-icon>
        <b>{{ banner }}</b>
      </div>
      <div class="kpi-grid" v-if="!result.refused">
        <KpiCard :label="t('import.imported')" :value="fmtInt(result.imported ?? 0)" tone="primary" icon="Tickets" testid="imp-imported" />
        <KpiCard :label="t('import.settled')" :value="fmtInt(result.settled ?? 0)" tone="green" icon="CircleCheck" testid="imp-settled" />
        <KpiCard :label="t('import.voided')" :value="fmtInt(result.voided ?? 0)" tone="slate" icon="CircleClose" testid="imp-voided" />
        <KpiCard :label="t('import.duplicates')" :value="fmtInt(result.duplicates ?? 0)" tone="cyan" icon="CopyDocument" testid="imp-duplicates" />
        <KpiCard :label="t('import.rejectedBills')" :value="fmtInt(result.rejected_count ?? 0)" :sub="result.rejected_rows ? t('import.rejectedRowsSub', { n: result.rejected_rows }) : ''" :tone="result.rejected_count ? 'red' : 'slate'" icon="WarningFilled" testid="imp-rejected" />
        <KpiCard v-if="result.settled_total_fen !== undefined" :label="t('import.settledTotal')" prefix="¥" :value="fmtMoney(result.settled_total_fen)" tone="violet" icon="Wallet" testid="imp-total" />
      </div>
      <div v-if="created.length" style="margin-bottom:14px">
        <div class="section-title" style="margin-top:0">{{ t('import.created') }}</div>
        <div v-for="c in created" :key="c.key" style="margin-bottom:6px"><b style="margin-right:8px">{{ t('import.created.' + c.key) }}</b><span v-for="(x, i) in c.items" :key="i" class="tag-soft">{{ typeof x === 'object' ? (x.name || x.room_no || x.code || JSON.stringify(x)) : x }}</span></div>
      </div>
      <template v-if="errors.length">
        <div class="panel-head" style="margin-top:8px">
          <div class="section-title" style="margin:0">{{ t('import.errors') }} ({{ errors.length }})</div>
          <div>
            <el-button v-if="result.batch_id && (result.rejected_count || result.rejected_rows)" type="primary" plain size="small" data-test="download-rejects" @click="downloadRejects(result.batch_id)"><el-icon><IconDownload /></el-icon>{{ t('import.downloadRejects') }}</el-button>
            <el-button size="small" data-test="download-errors" @click="downloadErrors"><el-icon><IconDownload /></el-icon>{{ t('import.errorsCsv') }}</el-button>
          </div>
        </div>
        <p v-if="result.errors_total > errors.length" class="panel-note">{{ t('import.more', { n: result.errors_total, m: errors.length }) }}</p>
        <div class="table-wrap">
          <el-table :data="errors" size="small" max-height="420" border data-test="import-errors">
            <el-table-column :label="t('import.file')" prop="file" min-width="140" />
            <el-table-column :label="t('import.row')" prop="row" min-width="70" align="right" />
            <el-table-column :label="t('import.column')" prop="column" min-width="110" />
            <el-table-column :label="t('import.reason')" prop="reason" min-width="280" class-name="wrap" />
          </el-table>
        </div>
      </template>
      <template v-if="warnings.length">
        <div class="section-title">{{ t('import.warnings') }} ({{ result.warnings_total ?? warnings.length }})</div>
        <div class="table-wrap">
          <el-table :data="warnings" size="small" max-height="300" border>
            <el-table-column :label="t('import.file')" prop="file" min-width="140" />
            <el-table-column :label="t('import.row')" prop="row" min-width="70" align="right" />
            <el-table-column :label="t('import.column')" prop="column" min-width="110" />
            <el-table-column :label="t('import.reason')" prop="reason" min-width="280" class-name="wrap" />
          </el-table>
        </div>
      </template>
      <p class="panel-note" v-if="encodings.length" style="margin-top:12px">{{ t('import.encodings') }}: <span v-for="[f, e] in encodings" :key="f" class="tag-soft">{{ f }} · {{ e }}</span></p>
    </section>

    <section class="panel">
      <div class="panel-head"><h3 class="panel-title"><el-icon><IconClock /></el-icon>{{ t('import.batches') }}</h3></div>
      <div class="table-wrap">
        <el-table :data="batches" v-loading="batchesLoading" size="small" :empty-text="t('common.noData')">
          <el-table-column :label="t('import.batchId')" prop="id" min-width="70" />
          <el-table-column :label="t('import.kind')" min-width="80"><template #default="{ row }">{{ kindName(row.kind) }}</template></el-table-column>
          <el-table-column :label="t('import.at')" min-width="140"><template #default="{ row }"><span class="num">{{ at(row.at) }}</span></template></el-table-column>
          <el-table-column :label="t('import.by')" prop="username" min-width="90" />
          <el-table-column :label="t('import.file')" min-width="220" class-name="wrap"><template #default="{ row }">{{ baseNames(row.files) }}</template></el-table-column>
          <el-table-column :label="t('import.rowsRead')" prop="rows_read" min-width="90" align="right" />
          <el-table-column :label="t('import.imported')" prop="imported" min-width="90" align="right" />
          <el-table-column :label="t('import.duplicates')" prop="duplicates" min-width="110" align="right" />
          <el-table-column :label="t('import.rejected')" prop="rejected" min-width="90" align="right" />
          <el-table-column :label="t('common.actions')" min-width="150">
            <template #default="{ row }"><el-button v-if="row.rejected && row.kind === 'bills'" link type="primary" @click="downloadRejects(row.id)">{{ t('import.downloadRejects') }}</el-button></template>
          </el-table-column>
        </el-table>
      </div>
    </section>
  </div>`,
};
