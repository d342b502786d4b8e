// pages/finance/records.js: 财务收支: the income and expense records finance enters by hand
// (rent, wages, utilities, repairs, purchases, other income), filtered by business days, kind,
// category, channel, status and text, with the totals of the filter; a new record; the detail
// of one with the entry it posted, its history and its receipt (upload and view); approval
// above the venue's threshold, rejection and cancellation by a reversal; export and print.
// Nothing is ever edited: a posted record is cancelled and entered again.
import { t, addMessages, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtInstant, businessToday, monthStart, isDay, parseYuan } from '../../format.js';
import { DateRange } from '../../components.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'rec.title': ['财务收支', 'Income & expense'],
  'rec.subtitle': ['房租、工资、水电、维修、采购等收支逐笔登记并记账；超过审批金额须经理审批；已入账的只冲销、不修改', 'Rent, wages, utilities, repairs, purchases and other income, each posted to the books; above the approval amount a manager approves; posted records are cancelled, never edited'],
  'rec.new': ['新增收支', 'New record'],
  'rec.settings': ['审批与票据设置', 'Approval & receipts'],
  'rec.kind': ['收支', 'Kind'],
  'rec.kind.expense': ['支出', 'Expense'],
  'rec.kind.income': ['收入', 'Income'],
  'rec.anyKind': ['收入与支出', 'Income and expense'],
  'rec.day': ['营业日', 'Business day'],
  'rec.category': ['类别（科目）', 'Category (account)'],
  'rec.anyCategory': ['全部类别', 'Any category'],
  'rec.amount': ['金额', 'Amount'],
  'rec.amountYuan': ['金额（元）', 'Amount (yuan)'],
  'rec.channel': ['收付渠道', 'Channel'],
  'rec.anyChannel': ['全部渠道', 'Any channel'],
  'rec.counterparty': ['对方单位/个人', 'Counterparty'],
  'rec.note': ['备注', 'Note'],
  'rec.status': ['状态', 'Status'],
  'rec.anyStatus': ['全部状态', 'Any status'],
  'rec.st.pending': ['待审批', 'Pending approval'],
  'rec.st.posted': ['已入账', 'Posted'],
  'rec.st.rejected': ['已驳回', 'Rejected'],
  'rec.st.cancelled': ['已冲销', 'Cancelled'],
  'rec.qPh': ['对方或备注', 'Counterparty or note'],
  'rec.createdBy': ['经办人', 'Entered by'],
  'rec.decidedBy': ['审批人', 'Approved by'],
  'rec.receipt': ['票据', 'Receipt'],
  'rec.income': ['已入账收入', 'Income posted'],
  'rec.expense': ['已入账支出', 'Expense posted'],
  'rec.net': ['收支净额', 'Net'],
  'rec.pending': ['待审批', 'Pending approval'],
  'rec.pendingSub': ['收入 ¥{i} · 支出 ¥{e}', 'income ¥{i} · expense ¥{e}'],
  'rec.countSub': ['筛选结果 {n} 笔', '{n} records in the filter'],
  'rec.totalsNote': ['合计只含已入账的记录；待审批的单列，已驳回和已冲销的不计', 'Totals count posted records; pending ones apart; rejected and cancelled ones not at all'],
  'rec.printTitle': ['财务收支明细 {from} 至 {to}', 'Income and expense {from} to {to}'],
  'rec.badRange': ['请选择有效的营业日范围', 'Choose a valid range of business days'],
  'rec.detail': ['收支记录 #{id}', 'Record #{id}'],
  'rec.lines': ['记账分录', 'Journal entry'],
  'rec.reversal': ['冲销分录', 'Reversal entry'],
  'rec.account': ['科目', 'Account'],
  'rec.debit': ['借方', 'Debit'],
  'rec.credit': ['贷方', 'Credit'],
  'rec.history': ['处理记录', 'History'],
  'rec.noLines': ['待审批，尚未记账', 'Waiting for approval; nothing posted yet'],
  'rec.act.create': ['录入', 'Entered'],
  'rec.act.approve': ['审批通过并记账', 'Approved and posted'],
  'rec.act.reject': ['驳回', 'Rejected'],
  'rec.act.cancel': ['冲销', 'Cancelled'],
  'rec.act.receipt': ['上传票据', 'Receipt attached'],
  'rec.approve': ['审批通过', 'Approve'],
  'rec.reject': ['驳回', 'Reject'],
  'rec.cancel': ['冲销', 'Cancel by reversal'],
  'rec.approveConfirm': ['审批通过后将按 {day} 记账：{kind} ¥{amount}。确定？', 'Approving posts it on {day}: {kind} ¥{amount}. Go on?'],
  'rec.rejectPrompt': ['请填写驳回原因', 'Why is it rejected?'],
  'rec.cancelPrompt': ['冲销将在今天的营业日做一笔反向分录，原记录保留。请填写冲销原因', 'A reversal entry posts today; the record stays. Why is it cancelled?'],
  'rec.reasonMissing': ['请填写原因', 'Give a reason'],
  'rec.approved': ['已审批并记账', 'Approved and posted'],
  'rec.rejected': ['已驳回', 'Rejected'],
  'rec.cancelled': ['已冲销', 'Cancelled'],
  'rec.createdPosted': ['已记账：{kind} ¥{amount}', 'Posted: {kind} ¥{amount}'],
  'rec.createdPending': ['金额超过审批线 ¥{limit}，已提交经理审批', 'Above the approval amount of ¥{limit}: sent to a manager for approval'],
  'rec.threshold': ['超过 ¥{n} 的记录须经理审批后才记账', 'Records above ¥{n} post only once a manager approves them'],
  'rec.amountBad': ['金额应为大于 0 的元，最多两位小数（如 350.00）', 'An amount in yuan above 0 with at most two decimals (e.g. 350.00)'],
  'rec.categoryMissing': ['请选择类别', 'Choose a category'],
  'rec.channelMissing': ['请选择收付渠道', 'Choose a channel'],
  'rec.receiptAttach': ['附票据（可选）', 'Attach a receipt (optional)'],
  'rec.receiptHint': ['JPEG、PNG、WebP 图片或 PDF，最大 {n}', 'JPEG, PNG or WebP image or PDF, at most {n}'],
  'rec.receiptUpload': ['上传票据', 'Upload receipt'],
  'rec.receiptReplace': ['更换票据', 'Replace receipt'],
  'rec.receiptOpen': ['查看原件', 'Open the original'],
  'rec.receiptNone': ['未上传票据', 'No receipt yet'],
  'rec.receiptDone': ['票据已上传', 'Receipt uploaded'],
  'rec.receiptType': ['只接受 JPEG、PNG、WebP 图片或 PDF 文件', 'Only JPEG, PNG or WebP images or PDFs'],
  'rec.receiptBig': ['文件 {n}，超过上限 {max}', 'The file is {n}, above the limit of {max}'],
  'rec.receiptFailed': ['记录已保存，但票据上传失败：{msg}', 'The record is saved, but the receipt upload failed: {msg}'],
  'rec.thresholdLabel': ['审批金额线（元）', 'Approval amount (yuan)'],
  'rec.thresholdHelp': ['金额超过此数的收支须经理或管理员（非录入人）审批后才记账', 'Records above it post only when a manager or admin other than the writer approves'],
  'rec.maxLabel': ['票据大小上限（KB）', 'Receipt size limit (KB)'],
  'rec.maxHelp': ['1 KB 至 {n} KB', '1 KB to {n} KB'],
  'rec.settingsBad': ['请填写有效的金额与大小', 'Enter a valid amount and size'],
  'rec.futureDay': ['不能晚于今天的营业日', 'Not after today\'s business day'],
  'rec.submit': ['保存并记账', 'Save and post'],
  'rec.view': ['查看', 'View'],
  'rec.at': ['时间', 'When'],
  'rec.by': ['操作人', 'By'],
  'rec.what': ['事项', 'What'],
  'rec.group.expense': ['支出类别', 'Expense categories'],
  'rec.group.income': ['收入类别', 'Income categories'],
});

const STATUS_TONE = { pending: 'warning', posted: 'success', rejected: 'info', cancelled: 'danger' };
const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
// The orders the server knows (record_sort_parse): day, amount, id (either way).
const SORTS = { day: 'day', amount_fen: 'amount' };

function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return (Math.round((bytes / (1024 * 1024)) * 10) / 10) + ' MB';
  if (bytes >= 1024) return Math.round(bytes / 1024) + ' KB';
  return bytes + ' B';
}

export default {
  name: 'RecordsPage',
  components: { DateRange },
  setup() {
    const today = businessToday(session.venue);
    const q = route.query;
    const filter = reactive({
      from: isDay(q.from) ? q.from : monthStart(today), to: isDay(q.to) ? q.to : today,
      kind: q.kind || '', category: q.category || '', channel: q.channel || '', status: q.status || '', q: q.q || '',
    });
    const sort = ref(q.sort || '');
    const page = ref(Number(q.page) > 0 ? Number(q.page) : 1);
    const pageSize = ref(Number(q.page_size) > 0 ? Number(q.page_size) : 50);
    const rows = ref([]);
    const total = ref(0);
    const totals = ref(null);
    const loading = ref(false);
    const exporting = ref(false);
    const categories = ref([]);
    const channels = ref([]);
    const settings = ref({ approval_threshold_fen: 100000, receipt_max_bytes: 5 * 1024 * 1024, receipt_max_bytes_limit: 20 * 1024 * 1024 });
    const writable = computed(() => can('finance', true));
    const isManager = computed(() => !!session.user && ['admin', 'manager'].includes(session.user.role));
    const tz = computed(() => session.venue && session.venue.timezone);
    const drawer = reactive({ open: false, loading: false, rec: null, uploading: false });
    const dlg = reactive({ open: false, saving: false, error: '', field: '', kind: 'expense', day: today, category: null, amount: '', channel: 'bank', counterparty: '', note: '', file: null });
    const setDlg = reactive({ open: false, saving: false, error: '', threshold: '', maxKb: '' });

    const channelName = (id) => {
      const c = channels.value.find((x) => x.id === id);
      if (!c) return id;
      return isEn() ? c.name_en : c.name;
    };
    const categoryLabel = (row) => `${row.category_code} ${isEn() && row.category_name_en ? row.category_name_en : row.category_name}`;
    const catName = (row) => (isEn() && row.category_name_en ? row.category_name_en : row.category_name);
    const optionLabel = (c) => `${c.code} ${isEn() && c.name_en ? c.name_en : c.name}`;
    const expenseCats = computed(() => categories.value.filter((c) => c.kind === 'expense'));
    const incomeCats = computed(() => categories.value.filter((c) => c.kind === 'income'));
    const dialogCats = computed(() => (dlg.kind === 'expense' ? expenseCats.value : incomeCats.value));
    const instant = (s) => fmtInstant(s, tz.value);

    function params() {
      return { from: filter.from, to: filter.to, kind: filter.kind, category: filter.category, channel: filter.channel, status: filter.status, q: filter.q.trim(), sort: sort.value };
    }
    async function load() {
      if (!isDay(filter.from) || !isDay(filter.to) || filter.from > filter.to) {
        ElementPlus.ElMessage.warning(t('rec.badRange'));
        return;
      }
      setQuery({ ...params(), page: page.value > 1 ? page.value : '', page_size: pageSize.value !== 50 ? pageSize.value : '' });
      loading.value = true;
      try {
        const r = await api.get('/finance/records', { ...params(), page: page.value, page_size: pageSize.value });
        rows.value = r.items;
        total.value = r.total;
        totals.value = r.totals;
      } catch {
        rows.value = [];
        total.value = 0;
        totals.value = null;
      } finally {
        loading.value = false;
      }
    }
    async function loadOptions() {
      try {
        const [c, s] = await Promise.all([api.get('/finance/categories'), api.get('/finance/settings')]);
        categories.value = c.items;
        channels.value = c.channels;
        settings.value = s;
      } catch {
        /* shown */
      }
    }
    onMounted(() => {
      loadOptions();
      load();
    });
    function search() {
      page.value = 1;
      load();
    }
    function reset() {
      Object.assign(filter, { from: monthStart(today), to: today, kind: '', category: '', channel: '', status: '', q: '' });
      sort.value = '';
      search();
    }
    function sortChange({ prop, order }) {
      const key = SORTS[prop];
      sort.value = !order || !key ? '' : (order === 'descending' ? '-' : '') + key;
      search();
    }
    async function exportAs(format) {
      exporting.value = true;
      try {
        const name = await api.download('/finance/records/export', { format, ...params() }, `finance-records-${filter.from}-${filter.to}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown */
      } finally {
        exporting.value = false;
      }
    }
    const print = () => window.print();

    // ---- one record
    async function openRecord(row) {
      drawer.open = true;
      drawer.loading = true;
      drawer.rec = { ...row, lines: [], reversal_lines: [], history: [] };
      try {
        const r = await api.get('/finance/records/' + row.id);
        drawer.rec = r.record;
      } catch {
        /* shown */
      } finally {
        drawer.loading = false;
      }
    }
    /** Takes the record a write answered with; the list follows. */
    function took(rec) {
      drawer.rec = rec;
      load();
    }
    const lineAccount = (l) => `${l.account_code} ${isEn() && l.account_name_en ? l.account_name_en : l.account_name}`;
    const receiptUrl = computed(() => (drawer.rec ? api.url(`/finance/records/${drawer.rec.id}/receipt`) + `?v=${drawer.rec.receipt ? drawer.rec.receipt.sha256.slice(0, 12) : ''}` : ''));
    const receiptIsImage = computed(() => !!(drawer.rec && drawer.rec.receipt && drawer.rec.receipt.type.startsWith('image/')));
    const canCancel = computed(() => writable.value && drawer.rec && drawer.rec.status === 'posted');
    const canReceipt = computed(() => writable.value && drawer.rec && !['rejected', 'cancelled'].includes(drawer.rec.status));

    async function approve() {
      const r = drawer.rec;
      try {
        await ElementPlus.ElMessageBox.confirm(t('rec.approveConfirm', { day: r.day, kind: t('rec.kind.' + r.kind), amount: fmtMoney(r.amount_fen) }), t('common.confirmTitle'), {
          type: 'warning', confirmButtonText: t('rec.approve'), cancelButtonText: t('common.cancel'),
        });
      } catch {
        return;
      }
      try {
        const res = await api.post(`/finance/records/${r.id}/approve`, {});
        took(res.record);
        ElementPlus.ElMessage.success(t('rec.approved'));
      } catch {
        /* shown */
      }
    }
    async function askReason(message, title, danger) {
      try {
        const { value } = await ElementPlus.ElMessageBox.prompt(message, title, {
          confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), inputPattern: /\S/, inputErrorMessage: t('rec.reasonMissing'),
          inputPlaceholder: t('common.required'), confirmButtonClass: danger ? 'el-button--danger' : '', customClass: 'rec-reason-box',
        });
        return value.trim();
      } catch {
        return null;
      }
    }
    async function reject() {
      const reason = await askReason(t('rec.rejectPrompt'), t('rec.reject'), true);
      if (reason === null) return;
      try {
        const res = await api.post(`/finance/records/${drawer.rec.id}/reject`, { reason });
        took(res.record);
        ElementPlus.ElMessage.success(t('rec.rejected'));
      } catch {
        /* shown */
      }
    }
    async function cancel() {
      const reason = await askReason(t('rec.cancelPrompt'), t('rec.cancel'), true);
      if (reason === null) return;
      try {
        const res = await api.post(`/finance/records/${drawer.rec.id}/cancel`, { reason });
        took(res.record);
        ElementPlus.ElMessage.success(t('rec.cancelled'));
      } catch {
        /* shown */
      }
    }

    // ---- receipts: the raw file as the body, its type as the Content-Type (the server checks
    // the file's first bytes and its size again).
    function receiptProblem(file) {
      if (!file) return '';
      if (!RECEIPT_TYPES.includes(file.type)) return t('rec.receiptType');
      const max = settings.value.receipt_max_bytes;
      if (file.size > max) return t('rec.receiptBig', { n: sizeText(file.size), max: sizeText(max) });
      return '';
    }
    async function sendReceipt(id, file) {
      const me = await api.get('/auth/me', {}, { quiet: true });
      const resp = await fetch(api.url(`/finance/records/${id}/receipt`), {
        method: 'POST', credentials: 'same-origin', body: file,
        headers: { 'Content-Type': file.type, 'X-CSRF-Token': me.csrf_token, 'X-Lang': isEn() ? 'en' : 'zh-CN', Accept: 'application/json' },
      });
      let body = null;
      try {
        body = await resp.json();
      } catch {
        /* not JSON */
      }
      if (!resp.ok) throw new Error((body && body.error && body.error.message) || t('common.serverError', { status: resp.status }));
      return body.record;
    }
    async function uploadFor(ev) {
      const file = ev.target.files && ev.target.files[0];
      ev.target.value = '';
      if (!file || !drawer.rec) return;
      const why = receiptProblem(file);
      if (why) {
        ElementPlus.ElMessage.error(why);
        return;
      }
      drawer.uploading = true;
      try {
        took(await sendReceipt(drawer.rec.id, file));
        ElementPlus.ElMessage.success(t('rec.receiptDone'));
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        drawer.uploading = false;
      }
    }

    // ---- a new record
    function startNew() {
      Object.assign(dlg, { open: true, saving: false, error: '', field: '', kind: 'expense', day: businessToday(session.venue), category: null, amount: '', channel: 'bank', counterparty: '', note: '', file: null });
    }
    function pickFile(ev) {
      const file = ev.target.files && ev.target.files[0];
      dlg.file = file || null;
      dlg.error = receiptProblem(dlg.file);
      dlg.field = dlg.error ? 'receipt' : '';
    }
    const futureDay = (d) => {
      const s = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      return s > businessToday(session.venue);
    };
    async function submitNew() {
      dlg.error = '';
      dlg.field = '';
      const fen = parseYuan(dlg.amount);
      if (!dlg.category) {
        Object.assign(dlg, { error: t('rec.categoryMissing'), field: 'category' });
        return;
      }
      if (!fen) {
        Object.assign(dlg, { error: t('rec.amountBad'), field: 'amount' });
        return;
      }
      if (!dlg.channel) {
        Object.assign(dlg, { error: t('rec.channelMissing'), field: 'channel' });
        return;
      }
      const fileWhy = receiptProblem(dlg.file);
      if (fileWhy) {
        Object.assign(dlg, { error: fileWhy, field: 'receipt' });
        return;
      }
      const body = { day: dlg.day, kind: dlg.kind, category: dlg.category, amount_fen: fen, channel: dlg.channel };
      if (dlg.counterparty.trim()) body.counterparty = dlg.counterparty.trim();
      if (dlg.note.trim()) body.note = dlg.note.trim();
      dlg.saving = true;
      try {
        const r = await api.post('/finance/records', body, { quiet: true });
        let rec = r.record;
        dlg.open = false;
        if (rec.status === 'pending') ElementPlus.ElMessage.warning(t('rec.createdPending', { limit: fmtMoney(settings.value.approval_threshold_fen) }));
        else ElementPlus.ElMessage.success(t('rec.createdPosted', { kind: t('rec.kind.' + rec.kind), amount: fmtMoney(rec.amount_fen) }));
        if (dlg.file) {
          try {
            rec = await sendReceipt(rec.id, dlg.file);
          } catch (e) {
            ElementPlus.ElMessage.error(t('rec.receiptFailed', { msg: e.message }));
          }
        }
        // The new record shows in the list when its day is in the range.
        if (rec.day < filter.from || rec.day > filter.to) {
          filter.from = rec.day < filter.from ? rec.day : filter.from;
          filter.to = rec.day > filter.to ? rec.day : filter.to;
        }
        search();
      } catch (e) {
        dlg.error = e.message;
        dlg.field = e.field || '';
      } finally {
        dlg.saving = false;
      }
    }
    function kindChanged() {
      if (dlg.category && !dialogCats.value.some((c) => c.id === dlg.category)) dlg.category = null;
    }

    // ---- settings
    function startSettings() {
      Object.assign(setDlg, {
        open: true, saving: false, error: '',
        threshold: fmtMoney(settings.value.approval_threshold_fen).replace(/,/g, ''),
        maxKb: String(Math.round(settings.value.receipt_max_bytes / 1024)),
      });
    }
    async function saveSettings() {
      const fen = parseYuan(setDlg.threshold);
      const kb = Number(setDlg.maxKb);
      if (fen === null || !Number.isInteger(kb) || kb < 1) {
        setDlg.error = t('rec.settingsBad');
        return;
      }
      setDlg.saving = true;
      try {
        settings.value = await api.put('/finance/settings', { approval_threshold_fen: fen, receipt_max_bytes: kb * 1024 }, { quiet: true });
        setDlg.open = false;
        ElementPlus.ElMessage.success(t('common.saved'));
      } catch (e) {
        setDlg.error = e.message;
      } finally {
        setDlg.saving = false;
      }
    }

    const actionName = (a) => t('rec.act.' + a);
    return {
      t, ui, filter, sort, page, pageSize, rows, total, totals, loading, exporting, categories, channels, settings, writable, isManager,
      drawer, dlg, setDlg, expenseCats, incomeCats, dialogCats, STATUS_TONE, RECEIPT_TYPES,
      load, search, reset, sortChange, exportAs, print, openRecord, approve, reject, cancel, uploadFor, startNew, pickFile, submitNew, kindChanged,
      startSettings, saveSettings, channelName, categoryLabel, catName, optionLabel, lineAccount, receiptUrl, receiptIsImage, canCancel, canReceipt,
      instant, fmtMoney, fmtInt, sizeText, futureDay, actionName,
    };
  },
  template: `
  <div class="page" data-test="page-records">
    <PageHeader :title="t('rec.title')" :subtitle="t('rec.subtitle')">
      <el-button v-if="writable" type="primary" data-test="rec-new" @click="startNew"><el-icon><IconPlus /></el-icon>{{ t('rec.new') }}</el-button>
      <el-button :loading="exporting" plain type="primary" data-test="rec-export-xlsx" @click="exportAs('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
      <el-button :loading="exporting" data-test="rec-export-csv" @click="exportAs('csv')">{{ t('common.exportCsv') }}</el-button>
      <el-button v-if="!ui.isPhone" data-test="rec-print" @click="print"><el-icon><IconPrinter /></el-icon>{{ t('common.print') }}</el-button>
      <el-button v-if="writable" data-test="rec-settings" @click="startSettings"><el-icon><IconSetting /></el-icon>{{ t('rec.settings') }}</el-button>
    </PageHeader>

    <div class="panel filter-panel">
      <div class="filter-bar">
        <DateRange v-model:from="filter.from" v-model:to="filter.to" @change="search" />
        <el-select v-model="filter.kind" clearable :placeholder="t('rec.anyKind')" @change="search" style="width:130px" data-test="rec-filter-kind">
          <el-option :label="t('rec.kind.expense')" value="expense" /><el-option :label="t('rec.kind.income')" value="income" />
        </el-select>
        <el-select v-model="filter.category" clearable filterable :placeholder="t('rec.anyCategory')" @change="search" style="width:190px" data-test="rec-filter-category">
          <el-option-group :label="t('rec.group.expense')"><el-option v-for="c in expenseCats" :key="c.id" :label="optionLabel(c)" :value="c.code" /></el-option-group>
          <el-option-group :label="t('rec.group.income')"><el-option v-for="c in incomeCats" :key="c.id" :label="optionLabel(c)" :value="c.code" /></el-option-group>
        </el-select>
        <el-select v-model="filter.channel" clearable :placeholder="t('rec.anyChannel')" @change="search" style="width:140px" data-test="rec-filter-channel">
          <el-option v-for="c in channels" :key="c.id" :label="channelName(c.id)" :value="c.id" />
        </el-select>
        <el-select v-model="filter.status" clearable :placeholder="t('rec.anyStatus')" @change="search" style="width:130px" data-test="rec-filter-status">
          <el-option v-for="s in ['pending', 'posted', 'rejected', 'cancelled']" :key="s" :label="t('rec.st.' + s)" :value="s" />
        </el-select>
        <el-input v-model="filter.q" clearable :placeholder="t('rec.qPh')" @keyup.enter="search" @clear="search" style="width:170px" data-test="rec-filter-q">
          <template #prefix><el-icon><IconSearch /></el-icon></template>
        </el-input>
        <el-button type="primary" @click="search" data-test="rec-search"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
        <el-button @click="reset">{{ t('common.reset') }}</el-button>
      </div>
    </div>

    <div class="kpi-grid cols-4" data-test="rec-totals">
      <KpiCard :label="t('rec.income')" prefix="¥" :value="totals ? fmtMoney(totals.income_fen) : '—'" tone="success" icon="Top" testid="rec-total-income" />
      <KpiCard :label="t('rec.expense')" prefix="¥" :value="totals ? fmtMoney(totals.expense_fen) : '—'" tone="danger" icon="Bottom" testid="rec-total-expense" />
      <KpiCard :label="t('rec.net')" prefix="¥" :value="totals ? fmtMoney(totals.net_fen) : '—'" :sub="totals ? t('rec.countSub', { n: fmtInt(totals.count) }) : ''" tone="primary" icon="Wallet" testid="rec-total-net" />
      <KpiCard :label="t('rec.pending')" prefix="¥" :value="totals ? fmtMoney(totals.pending_income_fen + totals.pending_expense_fen) : '—'"
        :sub="totals ? t('rec.pendingSub', { i: fmtMoney(totals.pending_income_fen), e: fmtMoney(totals.pending_expense_fen) }) : ''" tone="warning" icon="Clock" testid="rec-total-pending" />
    </div>

    <section class="panel">
      <div class="panel-head">
        <b data-test="rec-range-title">{{ t('rec.printTitle', { from: filter.from, to: filter.to }) }}</b>
        <span class="panel-note">{{ t('rec.totalsNote') }} · {{ t('rec.threshold', { n: fmtMoney(settings.approval_threshold_fen) }) }}</span>
      </div>
      <div class="table-wrap">
        <el-table :data="rows" v-loading="loading" :empty-text="t('common.noData')" @sort-change="sortChange" @row-click="openRecord" row-class-name="clickable" data-test="rec-table">
          <el-table-column :label="t('rec.day')" prop="day" min-width="108" sortable="custom" />
          <el-table-column :label="t('rec.kind')" min-width="70"><template #default="{ row }"><el-tag size="small" effect="plain" :type="row.kind === 'income' ? 'success' : 'danger'">{{ t('rec.kind.' + row.kind) }}</el-tag></template></el-table-column>
          <el-table-column :label="t('rec.category')" min-width="150"><template #default="{ row }"><span class="mono muted">{{ row.category_code }}</span> {{ catName(row) }}</template></el-table-column>
          <el-table-column :label="t('rec.amount')" prop="amount_fen" min-width="120" align="right" sortable="custom">
            <template #default="{ row }"><b class="num" :class="{ muted: row.status === 'cancelled' || row.status === 'rejected' }" :style="{ color: row.status === 'posted' ? (row.kind === 'income' ? 'var(--el-color-success)' : 'var(--el-color-danger)') : '' }">{{ row.kind === 'income' ? '+' : '-' }}{{ fmtMoney(row.amount_fen) }}</b></template>
          </el-table-column>
          <el-table-column :label="t('rec.channel')" min-width="100"><template #default="{ row }">{{ channelName(row.channel) }}</template></el-table-column>
          <el-table-column :label="t('rec.counterparty')" prop="counterparty" min-width="140" class-name="wrap" />
          <el-table-column :label="t('rec.note')" prop="note" min-width="150" class-name="wrap" />
          <el-table-column :label="t('rec.status')" min-width="96"><template #default="{ row }"><el-tag size="small" :type="STATUS_TONE[row.status]" effect="light" :data-test="'rec-status-' + row.id">{{ t('rec.st.' + row.status) }}</el-tag></template></el-table-column>
          <el-table-column :label="t('rec.createdBy')" prop="created_by" min-width="90" />
          <el-table-column :label="t('rec.receipt')" min-width="60" align="center"><template #default="{ row }"><el-icon v-if="row.receipt" :title="row.receipt.type"><IconPaperclip /></el-icon></template></el-table-column>
        </el-table>
      </div>
      <div class="pager">
        <el-pagination v-model:current-page="page" v-model:page-size="pageSize" :total="total" :page-sizes="[20, 50, 100, 200]"
          :layout="ui.isPhone ? 'total, prev, pager, next' : 'total, sizes, prev, pager, next'" :pager-count="ui.isPhone ? 5 : 7" @current-change="load" @size-change="search" />
      </div>
    </section>

    <el-drawer v-model="drawer.open" :title="drawer.rec ? t('rec.detail', { id: drawer.rec.id }) : ''" :size="ui.isPhone ? '100%' : '620px'" append-to-body data-test="rec-drawer">
      <div v-if="drawer.rec" v-loading="drawer.loading">
        <div style="display:flex;align-items:center;gap:10px;margin-bottom:14px;flex-wrap:wrap">
          <el-tag :type="drawer.rec.kind === 'income' ? 'success' : 'danger'" effect="plain">{{ t('rec.kind.' + drawer.rec.kind) }}</el-tag>
          <b class="num" style="font-size:20px" data-test="rec-drawer-amount">¥{{ fmtMoney(drawer.rec.amount_fen) }}</b>
          <el-tag :type="STATUS_TONE[drawer.rec.status]" effect="light" data-test="rec-drawer-status">{{ t('rec.st.' + drawer.rec.status) }}</el-tag>
          <span style="flex:1"></span>
          <el-button v-if="drawer.rec.can_approve" type="primary" size="small" data-test="rec-approve" @click="approve"><el-icon><IconSelect /></el-icon>{{ t('rec.approve') }}</el-button>
          <el-button v-if="drawer.rec.can_reject && writable" size="small" type="warning" plain data-test="rec-reject" @click="reject">{{ t('rec.reject') }}</el-button>
          <el-button v-if="canCancel" size="small" type="danger" plain data-test="rec-cancel" @click="cancel"><el-icon><IconRefreshLeft /></el-icon>{{ t('rec.cancel') }}</el-button>
        </div>
        <div class="detail-grid">
          <div><div class="k">{{ t('rec.day') }}</div><div class="v">{{ drawer.rec.day }}</div></div>
          <div><div class="k">{{ t('rec.category') }}</div><div class="v">{{ categoryLabel(drawer.rec) }}</div></div>
          <div><div class="k">{{ t('rec.channel') }}</div><div class="v">{{ channelName(drawer.rec.channel) }}</div></div>
          <div><div class="k">{{ t('rec.counterparty') }}</div><div class="v">{{ drawer.rec.counterparty || '—' }}</div></div>
          <div><div class="k">{{ t('rec.createdBy') }}</div><div class="v">{{ drawer.rec.created_by }} · <span class="num">{{ instant(drawer.rec.created_at) }}</span></div></div>
          <div v-if="drawer.rec.decided_by"><div class="k">{{ t('rec.decidedBy') }}</div><div class="v">{{ drawer.rec.decided_by }} · <span class="num">{{ instant(drawer.rec.decided_at) }}</span></div></div>
          <div v-if="drawer.rec.note" style="grid-column:1/-1"><div class="k">{{ t('rec.note') }}</div><div class="v">{{ drawer.rec.note }}</div></div>
          <div v-if="drawer.rec.decision_note" style="grid-column:1/-1"><div class="k">{{ t('rec.decidedBy') }}</div><div class="v">{{ drawer.rec.decision_note }}</div></div>
          <div v-if="drawer.rec.cancel_reason" style="grid-column:1/-1"><div class="k">{{ t('rec.cancel') }}</div><div class="v">{{ drawer.rec.cancelled_by }}：{{ drawer.rec.cancel_reason }}</div></div>
        </div>

        <div class="section-title">{{ t('rec.lines') }}<span v-if="drawer.rec.entry_id" class="muted"> #{{ drawer.rec.entry_id }}</span></div>
        <p v-if="!drawer.rec.lines.length" class="panel-note">{{ t('rec.noLines') }}</p>
        <el-table v-else :data="drawer.rec.lines" size="small" data-test="rec-lines">
          <el-table-column :label="t('rec.account')" min-width="180"><template #default="{ row }">{{ lineAccount(row) }}</template></el-table-column>
          <el-table-column :label="t('rec.debit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen > 0 ? fmtMoney(row.amount_fen) : '' }}</span></template></el-table-column>
          <el-table-column :label="t('rec.credit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen < 0 ? fmtMoney(-row.amount_fen) : '' }}</span></template></el-table-column>
        </el-table>
        <template v-if="drawer.rec.reversal_lines.length">
          <div class="section-title">{{ t('rec.reversal') }} <span class="muted">#{{ drawer.rec.reversal_entry_id }} · {{ drawer.rec.reversal_lines[0].day }}</span></div>
          <el-table :data="drawer.rec.reversal_lines" size="small" data-test="rec-reversal-lines">
            <el-table-column :label="t('rec.account')" min-width="180"><template #default="{ row }">{{ lineAccount(row) }}</template></el-table-column>
            <el-table-column :label="t('rec.debit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen > 0 ? fmtMoney(row.amount_fen) : '' }}</span></template></el-table-column>
            <el-table-column :label="t('rec.credit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen < 0 ? fmtMoney(-row.amount_fen) : '' }}</span></template></el-table-column>
          </el-table>
        </template>

        <div class="section-title">{{ t('rec.receipt') }}</div>
        <div data-test="rec-receipt">
          <template v-if="drawer.rec.receipt">
            <a v-if="receiptIsImage" :href="receiptUrl" target="_blank" rel="noopener"><img :src="receiptUrl" alt="" data-test="rec-receipt-img" style="max-width:100%;max-height:320px;border:1px solid var(--el-border-color);border-radius:6px" /></a>
            <div class="panel-note">{{ drawer.rec.receipt.type }} · {{ sizeText(drawer.rec.receipt.bytes) }} · {{ drawer.rec.receipt.by }} · <span class="num">{{ instant(drawer.rec.receipt.at) }}</span>
              · <a :href="receiptUrl" target="_blank" rel="noopener" data-test="rec-receipt-open">{{ t('rec.receiptOpen') }}</a></div>
          </template>
          <p v-else class="panel-note">{{ t('rec.receiptNone') }}</p>
          <label v-if="canReceipt" class="el-button el-button--small" :class="{ 'is-loading': drawer.uploading }" style="margin-top:6px">
            <el-icon><IconUpload /></el-icon><span>{{ drawer.rec.receipt ? t('rec.receiptReplace') : t('rec.receiptUpload') }}</span>
            <input type="file" :accept="RECEIPT_TYPES.join(',')" style="display:none" data-test="rec-receipt-input" @change="uploadFor" />
          </label>
        </div>

        <div class="section-title">{{ t('rec.history') }}</div>
        <el-table :data="drawer.rec.history" size="small" data-test="rec-history">
          <el-table-column :label="t('rec.at')" min-width="130"><template #default="{ row }"><span class="num">{{ instant(row.at) }}</span></template></el-table-column>
          <el-table-column :label="t('rec.what')" min-width="120"><template #default="{ row }">{{ actionName(row.action) }}</template></el-table-column>
          <el-table-column :label="t('rec.by')" prop="by" min-width="80" />
          <el-table-column :label="t('rec.note')" prop="note" min-width="140" class-name="wrap" />
        </el-table>
      </div>
    </el-drawer>

    <el-dialog v-model="dlg.open" :title="t('rec.new')" :width="ui.isPhone ? '96%' : '540px'" append-to-body data-test="rec-dialog">
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('rec.kind')">
          <el-radio-group v-model="dlg.kind" @change="kindChanged" data-test="rec-kind">
            <el-radio-button value="expense" data-test="rec-kind-expense">{{ t('rec.kind.expense') }}</el-radio-button>
            <el-radio-button value="income" data-test="rec-kind-income">{{ t('rec.kind.income') }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <div class="grid-2" style="gap:0 14px">
          <el-form-item :label="t('rec.day')" required>
            <el-date-picker v-model="dlg.day" type="date" value-format="YYYY-MM-DD" :clearable="false" :disabled-date="futureDay" style="width:100%" data-test="rec-day" />
          </el-form-item>
          <el-form-item :label="t('rec.amountYuan')" required :error="dlg.field === 'amount' || dlg.field === 'amount_fen' ? ' ' : ''">
            <el-input v-model="dlg.amount" inputmode="decimal" placeholder="0.00" data-test="rec-amount"><template #prefix>¥</template></el-input>
          </el-form-item>
        </div>
        <el-form-item :label="t('rec.category')" required :error="dlg.field === 'category' ? ' ' : ''">
          <el-select v-model="dlg.category" filterable :placeholder="t('rec.categoryMissing')" style="width:100%" data-test="rec-category">
            <el-option v-for="c in dialogCats" :key="c.id" :label="optionLabel(c)" :value="c.id" :data-test="'rec-cat-' + c.code" />
          </el-select>
        </el-form-item>
        <el-form-item :label="t('rec.channel')" required :error="dlg.field === 'channel' ? ' ' : ''">
          <el-radio-group v-model="dlg.channel" data-test="rec-channel">
            <el-radio-button v-for="c in channels" :key="c.id" :value="c.id" :data-test="'rec-channel-' + c.id">{{ channelName(c.id) }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item :label="t('rec.counterparty')"><el-input v-model="dlg.counterparty" maxlength="100" data-test="rec-counterparty" /></el-form-item>
        <el-form-item :label="t('rec.note')"><el-input v-model="dlg.note" type="textarea" :rows="2" maxlength="200" show-word-limit data-test="rec-note" /></el-form-item>
        <el-form-item :label="t('rec.receiptAttach')" :error="dlg.field === 'receipt' ? ' ' : ''">
          <input type="file" :accept="RECEIPT_TYPES.join(',')" data-test="rec-file" @change="pickFile" />
          <div class="panel-note" style="width:100%">{{ t('rec.receiptHint', { n: sizeText(settings.receipt_max_bytes) }) }}</div>
        </el-form-item>
      </el-form>
      <el-alert :title="t('rec.threshold', { n: fmtMoney(settings.approval_threshold_fen) })" type="info" :closable="false" show-icon />
      <el-alert v-if="dlg.error" :title="dlg.error" type="error" :closable="false" show-icon style="margin-top:10px" data-test="rec-error" />
      <template #footer>
        <el-button @click="dlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="dlg.saving" data-test="rec-submit" @click="submitNew">{{ t('rec.submit') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="setDlg.open" :title="t('rec.settings')" :width="ui.isPhone ? '94%' : '440px'" append-to-body data-test="rec-settings-dialog">
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('rec.thresholdLabel')">
          <el-input v-model="setDlg.threshold" inputmode="decimal" data-test="rec-set-threshold"><template #prefix>¥</template></el-input>
          <div class="panel-note">{{ t('rec.thresholdHelp') }}</div>
        </el-form-item>
        <el-form-item :label="t('rec.maxLabel')">
          <el-input v-model="setDlg.maxKb" inputmode="numeric" data-test="rec-set-max" />
          <div class="panel-note">{{ t('rec.maxHelp', { n: Math.round(settings.receipt_max_bytes_limit / 1024) }) }}</div>
        </el-form-item>
      </el-form>
      <el-alert v-if="setDlg.error" :title="setDlg.error" type="error" :closable="false" show-icon />
      <template #footer>
        <el-button @click="setDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="setDlg.saving" data-test="rec-set-save" @click="saveSettings">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
