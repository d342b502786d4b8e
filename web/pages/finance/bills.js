// pages/finance/bills.js: 账单管理: settled and voided bills, filtered by business days, room,
// status, payment method, cashier and bill number; the detail of one bill in a drawer;
// export of the filtered list.
import { t, addMessages, methodName } from '../../i18n.js';
import * as api from '../../api.js';
import { session, ui, can } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtInstant, businessToday, addDays, isDay, parseYuan } from '../../format.js';
import { METHOD_COLORS, useApproval } from '../../components.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'bills.title': ['账单管理', 'Bills'],
  'bills.subtitle': ['已结账与已作废的账单；结账后不可修改，更正须作废或退款', 'Settled and voided bills; a settled bill is never edited, only voided or refunded'],
  'bills.billNo': ['账单号', 'Bill no.'],
  'bills.room': ['包厢', 'Room'],
  'bills.roomType': ['房型', 'Room type'],
  'bills.openedAt': ['开台时间', 'Opened'],
  'bills.closedAt': ['结账时间', 'Settled'],
  'bills.businessDay': ['营业日', 'Business day'],
  'bills.status': ['状态', 'Status'],
  'bills.cashier': ['收银员', 'Cashier'],
  'bills.booker': ['订房人', 'Booker'],
  'bills.gross': ['应收', 'Gross'],
  'bills.discount': ['优惠', 'Discount'],
  'bills.service': ['服务费', 'Service'],
  'bills.total': ['实收', 'Total'],
  'bills.methods': ['支付方式', 'Paid by'],
  'bills.anyRoom': ['全部包厢', 'All rooms'],
  'bills.anyStatus': ['全部状态', 'Any status'],
  'bills.anyMethod': ['全部支付方式', 'Any method'],
  'bills.cashierPh': ['收银员', 'Cashier'],
  'bills.qPh': ['账单号', 'Bill no.'],
  'bills.sum': ['筛选结果 {n} 单，实收合计 ¥{sum}', '{n} bills, total ¥{sum}'],
  'bills.sumNote': ['合计只含已结账账单', 'The total counts settled bills only'],
  'bills.detail': ['账单详情', 'Bill detail'],
  'bills.lines': ['消费明细', 'Lines'],
  'bills.payments': ['收款', 'Payments'],
  'bills.lineNo': ['#', '#'],
  'bills.kind': ['类型', 'Kind'],
  'bills.item': ['项目', 'Item'],
  'bills.qty': ['数量', 'Qty'],
  'bills.unitPrice': ['单价', 'Unit price'],
  'bills.amount': ['金额', 'Amount'],
  'bills.method': ['方式', 'Method'],
  'bills.member': ['会员手机', 'Member phone'],
  'bills.note': ['备注', 'Note'],
  'bills.duration': ['时长', 'Duration'],
  'bills.minutes': ['{h} 小时 {m} 分', '{h} h {m} min'],
  'bills.noPrice': ['原系统未记录', 'not kept by the source system'],
  'bills.kind.room': ['房费', 'Room fee'],
  'bills.kind.package': ['套餐', 'Package'],
  'bills.kind.goods': ['商品', 'Goods'],
  'bills.kind.min_spend': ['低消补足', 'Minimum-spend top-up'],
  'bills.kind.service': ['服务费', 'Service'],
  'bills.kind.other': ['其他', 'Other'],
  'bills.badRange': ['请选择有效的营业日范围', 'Choose a valid range of business days'],
  'bills.crossesMidnight': ['跨零点', 'Past midnight'],
  'bills.moreFilters': ['更多筛选', 'More filters'],
  'bills.lessFilters': ['收起筛选', 'Fewer filters'],
  // After-sales of front-desk bills: voids (作废) and refunds (退款).
  'bills.st.settled': ['已结账', 'Settled'],
  'bills.st.voided': ['已作废', 'Voided'],
  'bills.st.partly_refunded': ['部分退款', 'Partly refunded'],
  'bills.st.refunded': ['已全额退款', 'Fully refunded'],
  'bills.void': ['作废', 'Void'],
  'bills.refund': ['退款', 'Refund'],
  'bills.receipt': ['小票', 'Receipt'],
  'bills.refunded': ['已退', 'Refunded'],
  'bills.left': ['可退', 'Refundable'],
  'bills.remaining': ['退款后实收', 'Kept after refunds'],
  'bills.refundedTotal': ['已退款合计', 'Refunded in all'],
  'bills.afterSales': ['作废与退款记录', 'Voids and refunds'],
  'bills.at': ['时间', 'When'],
  'bills.byApprover': ['经办 / 审批', 'By / approved by'],
  'bills.reason': ['原因', 'Reason'],
  'bills.fromTender': ['原付款', 'Tender'],
  'bills.backBy': ['退回方式', 'Given back by'],
  'bills.rkind.refund': ['退款', 'Refund'],
  'bills.rkind.void': ['作废退回', 'Void'],
  'bills.voidedBanner': ['{at} 由 {by} 作废，审批人 {approver}；原因：{reason}', 'Voided {at} by {by}, approved by {approver}; reason: {reason}'],
  'bills.importedNote': ['导入的账单在原系统中作废或退款，这里只能查看', 'Imported bills are voided or refunded in their own system; here they are read only'],
  'bills.voidTitle': ['作废账单 {no}', 'Void bill {no}'],
  'bills.voidLead': ['作废整张账单：每笔付款未退的部分按原方式退回（储值退回会员余额），记入您当前的班次。需经理审批。', 'Voids the whole bill: what is left of each tender goes back the way it was paid (stored value to the member\'s balance), in your current shift. A manager approves it.'],
  'bills.voidBackLabel': ['将退回', 'Goes back'],
  'bills.returnGoods': ['未开封商品退回吧台（冲回出库）', 'Unopened goods go back to the bar (stock restored)'],
  'bills.reasonPh': ['必填，如：客人投诉重复收款', 'Required, e.g. the guest was charged twice'],
  'bills.reference': ['退款凭证号', 'Refund reference'],
  'bills.referencePh': ['选填，如微信退款单号', 'Optional, e.g. the WeChat refund number'],
  'bills.reasonMissing': ['请填写原因', 'Give a reason'],
  'bills.voidConfirm': ['确定作废账单 {no}？将退回 ¥{n}，作废后不能撤销。', 'Void bill {no}? ¥{n} goes back; a void cannot be undone.'],
  'bills.voidSubmit': ['确认作废', 'Void the bill'],
  'bills.voidDone': ['账单已作废', 'The bill is voided'],
  'bills.refundTitle': ['退款 · 账单 {no}', 'Refund · bill {no}'],
  'bills.refundLead': ['按付款逐笔填写退款金额，每笔最多退到该笔剩余可退金额；退款记入您当前的班次，需经理审批。', 'Enter the amount per tender, at most what is left of it; the refund goes in your current shift and a manager approves it.'],
  'bills.refundAmount': ['退款金额（元）', 'Refund (yuan)'],
  'bills.refundTotal': ['本次退款合计 ¥{n}', 'Refund in all ¥{n}'],
  'bills.refundNone': ['请至少填写一笔退款金额', 'Enter at least one amount to refund'],
  'bills.refundTooMuch': ['第 {n} 笔最多可退 ¥{max}', 'Tender {n}: at most ¥{max} can be refunded'],
  'bills.refundBad': ['金额应为元，最多两位小数（如 12.50）', 'An amount in yuan with at most two decimals (e.g. 12.50)'],
  'bills.refundConfirm': ['确定为账单 {no} 退款 ¥{n}？', 'Refund ¥{n} of bill {no}?'],
  'bills.refundSubmit': ['确认退款', 'Refund'],
  'bills.refundDone': ['已退款 ¥{n}', 'Refunded ¥{n}'],
  'bills.memberBack': ['退回会员余额', 'Back to the member\'s balance'],
  'bills.approvalFor': ['作废或退款须经理审批', 'A void or a refund needs a manager\'s approval'],
});

const METHODS = ['cash', 'wechat', 'alipay', 'card', 'member', 'voucher', 'credit', 'mixed', 'other'];
// How money may go back (api_bills.c refund_tx): by cash, WeChat, Alipay or card whatever the
// tender was; stored value only to the member's balance it came from.
const REFUND_METHODS = ['cash', 'wechat', 'alipay', 'card'];

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return 'as-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
}
const sub = (a, b) => Number(BigInt(a || 0) - BigInt(b || 0));
const yuanText = (fen) => fmtMoney(fen).replace(/,/g, '');
// The orders the server knows (bill_sort_parse): closed_at, total (either way), bill_no.
const SORTS = { bill_no: 'bill_no', closed_at: 'closed_at', total_fen: 'total' };

export default {
  name: 'BillsPage',
  setup() {
    const y = addDays(businessToday(session.venue), -1);
    const q = route.query;
    const filter = reactive({
      from: isDay(q.from) ? q.from : addDays(y, -29), to: isDay(q.to) ? q.to : y,
      room: q.room || '', status: q.status || '', method: q.method || '', cashier: q.cashier || '', q: q.q || '',
    });
    const sort = ref(q.sort || '');
    const page = ref(Number(q.page) > 0 ? Number(q.page) : 1);
    const pageSize = ref(Number(q.page_size) > 0 ? Number(q.page_size) : 20);
    const rows = ref([]);
    const total = ref(0);
    const sumTotal = ref(null);
    const loading = ref(false);
    const exporting = ref(false);
    const rooms = ref([]);
    const drawer = reactive({ open: false, loading: false, bill: null, fd: null });
    const approval = useApproval();
    const voidDlg = reactive({ open: false, reason: '', returnGoods: false, reference: '', error: '', saving: false, key: '', last: '' });
    const refundDlg = reactive({ open: false, rows: [], reason: '', reference: '', error: '', saving: false, key: '', last: '' });
    const moreFilters = ref(false);

    function params() {
      return { ...filter, sort: sort.value };
    }
    async function load() {
      if (!isDay(filter.from) || !isDay(filter.to) || filter.from > filter.to) {
        ElementPlus.ElMessage.warning(t('bills.badRange'));
        return;
      }
      setQuery({ ...params(), page: page.value > 1 ? page.value : '', page_size: pageSize.value !== 20 ? pageSize.value : '' });
      loading.value = true;
      try {
        const r = await api.get('/bills', { ...params(), page: page.value, page_size: pageSize.value });
        rows.value = r.items;
        total.value = r.total;
        sumTotal.value = r.sum_total_fen ?? null;
      } catch {
        rows.value = [];
        total.value = 0;
        sumTotal.value = null;
      } finally {
        loading.value = false;
      }
    }
    async function loadRooms() {
      try {
        const r = await api.get('/rooms', {}, { quiet: true });
        rooms.value = r.items;
      } catch {
        rooms.value = [];
      }
    }
    onMounted(() => {
      load();
      loadRooms();
    });
    function search() {
      page.value = 1;
      load();
    }
    function reset() {
      Object.assign(filter, { from: addDays(y, -29), to: y, room: '', status: '', method: '', cashier: '', q: '' });
      sort.value = '';
      search();
    }
    function sortChange({ prop, order }) {
      const key = SORTS[prop];
      sort.value = !order || !key ? '' : (order === 'descending' && key !== 'bill_no' ? '-' : '') + key;
      search();
    }
    async function exportAs(format) {
      exporting.value = true;
      try {
        const name = await api.download('/bills/export', { format, ...params() }, `bills-${filter.from}-${filter.to}.${format}`);
        ElementPlus.ElMessage.success(t('common.exported', { name }));
      } catch {
        /* shown */
      } finally {
        exporting.value = false;
      }
    }
    async function openBill(row) {
      drawer.open = true;
      drawer.loading = true;
      drawer.bill = { ...row };
      drawer.fd = null;
      try {
        // The bill as the sales module keeps it, and its after-sales (voids, refunds, the
        // status as of now) from the front desk's view of it.
        const [bill, fd] = await Promise.all([
          api.get('/bills/' + row.id),
          api.get('/frontdesk/bills/' + row.id, {}, { quiet: true }).catch(() => null),
        ]);
        drawer.bill = bill;
        drawer.fd = fd;
      } catch {
        /* shown; keep the list row */
      } finally {
        drawer.loading = false;
      }
    }
    /** Takes the bill the void or refund answered with; the list row follows. */
    function afterSaleDone(fd) {
      drawer.fd = fd;
      const r = rows.value.find((x) => x.id === fd.id);
      if (r && fd.status === 'voided') r.status = 'voided';
    }
    async function reloadFd() {
      if (!drawer.bill) return;
      try {
        drawer.fd = await api.get('/frontdesk/bills/' + drawer.bill.id, {}, { quiet: true });
      } catch {
        /* keep what is shown */
      }
    }
    const isPos = computed(() => !!(drawer.fd && drawer.fd.source === 'pos'));
    const writable = computed(() => can('bills', true));
    const refundedFen = computed(() => (drawer.fd ? drawer.fd.refunded_fen || 0 : 0));
    const keptFen = computed(() => (drawer.fd ? sub(drawer.fd.total_fen, refundedFen.value) : 0));
    /** settled, voided, partly_refunded or refunded: the bill as of now. */
    const billState = computed(() => {
      const f = drawer.fd;
      if (!f) return drawer.bill ? drawer.bill.status : '';
      if (f.status === 'voided' || f.void) return 'voided';
      if (refundedFen.value > 0) return keptFen.value <= 0 ? 'refunded' : 'partly_refunded';
      return 'settled';
    });
    const stateTone = (s) => ({ voided: 'danger', refunded: 'danger', partly_refunded: 'warning' }[s] || 'success');
    const leftOf = (p) => Math.max(0, sub(p.amount_fen, p.refunded_fen));
    const canVoid = computed(() => isPos.value && writable.value && billState.value !== 'voided');
    const canRefund = computed(() => canVoid.value && (drawer.fd.payments || []).some((p) => leftOf(p) > 0));
    function tenderOf(seq) {
      return ((drawer.fd && drawer.fd.payments) || []).find((p) => p.seq === seq) || null;
    }
    function receiptUrl() {
      return drawer.bill ? api.url(`/bills/${drawer.bill.id}/receipt`) : '#';
    }

    // ---- void (作废): the whole bill, with a reason and a manager's approval.
    function startVoid() {
      Object.assign(voidDlg, { open: true, reason: '', returnGoods: false, reference: '', error: '', saving: false, key: newKey(), last: '' });
    }
    async function submitVoid(creds) {
      voidDlg.error = '';
      const reason = voidDlg.reason.trim();
      if (!reason) {
        voidDlg.error = t('bills.reasonMissing');
        return;
      }
      const f = drawer.fd;
      const back = (f.payments || []).reduce((a, p) => a + BigInt(leftOf(p)), 0n);
      if (!creds) {
        try {
          await ElementPlus.ElMessageBox.confirm(t('bills.voidConfirm', { no: f.bill_no, n: fmtMoney(Number(back)) }), t('common.confirmTitle'), {
            type: 'warning', confirmButtonText: t('bills.voidSubmit'), cancelButtonText: t('common.cancel'), confirmButtonClass: 'el-button--danger',
          });
        } catch {
          return;
        }
      }
      const body = { reason };
      if (voidDlg.returnGoods) body.return_goods = true;
      if (voidDlg.reference.trim()) body.reference = voidDlg.reference.trim();
      // One key per void asked for: a retry of the very same request reuses it.
      const text = JSON.stringify(body);
      if (voidDlg.last && text !== voidDlg.last) voidDlg.key = newKey();
      voidDlg.last = text;
      Object.assign(body, creds || {}, { idempotency_key: voidDlg.key });
      voidDlg.saving = true;
      try {
        const r = await api.post(`/bills/${f.id}/void`, body, { quiet: true });
        voidDlg.open = false;
        afterSaleDone(r);
        ElementPlus.ElMessage.success(t('bills.voidDone'));
      } catch (e) {
        voidDlg.saving = false;
        if (e.code === 'approval_required') {
          const c = await approval.ask(e.message);
          if (c) return submitVoid(c);
          return;
        }
        voidDlg.error = e.message;
        if (e.status === 409) reloadFd();
      } finally {
        voidDlg.saving = false;
      }
    }

    // ---- refund (退款): an amount per tender, capped at what is left of it.
    function startRefund() {
      const rowsIn = (drawer.fd.payments || []).filter((p) => leftOf(p) > 0).map((p) => ({
        seq: p.seq, method: p.method, amount_fen: p.amount_fen, refunded_fen: p.refunded_fen || 0, left: leftOf(p),
        amount: '', back: p.method === 'member' ? 'member' : REFUND_METHODS.includes(p.method) ? p.method : 'cash',
      }));
      Object.assign(refundDlg, { open: true, rows: rowsIn, reason: '', reference: '', error: '', saving: false, key: newKey(), last: '' });
    }
    const refundParsed = computed(() => {
      let total = 0n;
      const errors = {};
      refundDlg.rows.forEach((x, i) => {
        if (!x.amount.trim()) return;
        const f = parseYuan(x.amount);
        if (f === null) errors[i] = t('bills.refundBad');
        else if (f > x.left) errors[i] = t('bills.refundTooMuch', { n: i + 1, max: fmtMoney(x.left) });
        else total += BigInt(f);
      });
      return { total: Number(total), errors };
    });
    function fillRefund(x) {
      x.amount = yuanText(x.left);
    }
    async function submitRefund(creds) {
      refundDlg.error = '';
      const p = refundParsed.value;
      const firstError = Object.values(p.errors)[0];
      if (firstError) {
        refundDlg.error = firstError;
        return;
      }
      const tenders = [];
      for (const x of refundDlg.rows) {
        const f = x.amount.trim() ? parseYuan(x.amount) : 0;
        if (!f) continue;
        const part = { payment_seq: x.seq, amount_fen: f };
        if (x.back !== x.method && x.method !== 'member') part.method = x.back;
        tenders.push(part);
      }
      if (!tenders.length) {
        refundDlg.error = t('bills.refundNone');
        return;
      }
      const reason = refundDlg.reason.trim();
      if (!reason) {
        refundDlg.error = t('bills.reasonMissing');
        return;
      }
      const f = drawer.fd;
      if (!creds) {
        try {
          await ElementPlus.ElMessageBox.confirm(t('bills.refundConfirm', { no: f.bill_no, n: fmtMoney(p.total) }), t('common.confirmTitle'), {
            type: 'warning', confirmButtonText: t('bills.refundSubmit'), cancelButtonText: t('common.cancel'),
          });
        } catch {
          return;
        }
      }
      const body = { tenders, reason };
      if (refundDlg.reference.trim()) body.reference = refundDlg.reference.trim();
      const text = JSON.stringify(body);
      if (refundDlg.last && text !== refundDlg.last) refundDlg.key = newKey();
      refundDlg.last = text;
      Object.assign(body, creds || {}, { idempotency_key: refundDlg.key });
      refundDlg.saving = true;
      try {
        const r = await api.post(`/bills/${f.id}/refunds`, body, { quiet: true });
        refundDlg.open = false;
        afterSaleDone(r);
        ElementPlus.ElMessage.success(t('bills.refundDone', { n: fmtMoney(p.total) }));
      } catch (e) {
        refundDlg.saving = false;
        if (e.code === 'approval_required') {
          const c = await approval.ask(e.message);
          if (c) return submitRefund(c);
          return;
        }
        refundDlg.error = e.message;
        if (e.status === 409) reloadFd();
      } finally {
        refundDlg.saving = false;
      }
    }
    const voidBack = computed(() => (drawer.fd ? Number((drawer.fd.payments || []).reduce((a, p) => a + BigInt(leftOf(p)), 0n)) : 0));
    const tz = computed(() => session.venue && session.venue.timezone);
    const instant = (s) => fmtInstant(s, tz.value);
    function methodsOf(row) {
      if (Array.isArray(row.methods)) return row.methods;
      if (typeof row.methods === 'string' && row.methods) return row.methods.split(/[,+ ]+/).filter(Boolean);
      return [];
    }
    function duration(b) {
      if (!b || !b.opened_at || !b.closed_at) return '';
      const mins = Math.max(0, Math.round((b.closed_at - b.opened_at) / 60));
      return t('bills.minutes', { h: Math.floor(mins / 60), m: mins % 60 });
    }
    function crossesMidnight(row) {
      return row.opened_at && row.closed_at && instant(row.opened_at).slice(0, 10) !== instant(row.closed_at).slice(0, 10);
    }
    const kindName = (k) => t('bills.kind.' + k) === 'bills.kind.' + k ? k : t('bills.kind.' + k);

    return {
      t, ui, moreFilters, filter, sort, page, pageSize, rows, total, sumTotal, loading, exporting, rooms, drawer, methods: METHODS,
      load, search, reset, sortChange, exportAs, openBill, instant, methodsOf, methodName, duration, crossesMidnight, kindName, fmtMoney, fmtInt, METHOD_COLORS,
      approval, voidDlg, refundDlg, isPos, writable, refundedFen, keptFen, billState, stateTone, leftOf, canVoid, canRefund, tenderOf, receiptUrl,
      startVoid, submitVoid, startRefund, refundParsed, fillRefund, submitRefund, voidBack, REFUND_METHODS,
    };
  },
  template: `
  <div class="page" data-test="page-bills">
    <PageHeader :title="t('bills.title')" :subtitle="t('bills.subtitle')">
      <el-button :loading="exporting" type="primary" plain @click="exportAs('xlsx')"><el-icon><IconDownload /></el-icon>{{ t('common.exportXlsx') }}</el-button>
      <el-button :loading="exporting" @click="exportAs('csv')">{{ t('common.exportCsv') }}</el-button>
    </PageHeader>

    <div class="panel filter-panel">
      <div class="filter-bar">
        <DateRange v-model:from="filter.from" v-model:to="filter.to" @change="search" />
        <div class="filter-more" v-if="!ui.isPhone || moreFilters">
        <el-select v-model="filter.room" clearable filterable :placeholder="t('bills.anyRoom')" @change="search" style="width:140px">
          <el-option v-for="r in rooms" :key="r.id" :label="r.room_no + (r.name && r.name !== r.room_no ? ' · ' + r.name : '')" :value="r.room_no" />
        </el-select>
        <el-select v-model="filter.status" clearable :placeholder="t('bills.anyStatus')" @change="search" style="width:130px">
          <el-option :label="t('status.settled')" value="settled" /><el-option :label="t('status.voided')" value="voided" />
        </el-select>
        <el-select v-model="filter.method" clearable :placeholder="t('bills.anyMethod')" @change="search" style="width:150px">
          <el-option v-for="m in methods" :key="m" :label="methodName(m)" :value="m" />
        </el-select>
        <el-input v-model="filter.cashier" clearable :placeholder="t('bills.cashierPh')" @keyup.enter="search" @clear="search" style="width:130px" />
        <el-input v-model="filter.q" clearable :placeholder="t('bills.qPh')" @keyup.enter="search" @clear="search" style="width:170px">
          <template #prefix><el-icon><IconSearch /></el-icon></template>
        </el-input>
        </div>
        <el-button v-if="ui.isPhone" @click="moreFilters = !moreFilters"><el-icon><IconFilter /></el-icon>{{ moreFilters ? t('bills.lessFilters') : t('bills.moreFilters') }}</el-button>
        <el-button type="primary" @click="search" data-test="bills-search"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
        <el-button @click="reset">{{ t('common.reset') }}</el-button>
      </div>
    </div>

    <section class="panel">
      <div class="panel-head">
        <div class="sum-line" data-test="bills-sum">
          <span>{{ t('bills.sum', { n: fmtInt(total), sum: sumTotal === null ? '—' : fmtMoney(sumTotal) }) }}</span>
          <span class="panel-note">{{ t('bills.sumNote') }}</span>
        </div>
      </div>
      <div class="table-wrap">
        <el-table :data="rows" v-loading="loading" :empty-text="t('common.noData')" @sort-change="sortChange" @row-click="openBill" row-class-name="clickable" data-test="bills-table">
          <el-table-column :label="t('bills.billNo')" prop="bill_no" min-width="160" sortable="custom" :sort-orders="['ascending', null]" :fixed="!ui.isPhone">
            <template #default="{ row }"><el-button link type="primary" class="mono" @click.stop="openBill(row)">{{ row.bill_no }}</el-button></template>
          </el-table-column>
          <el-table-column :label="t('bills.businessDay')" prop="business_day" min-width="110" />
          <el-table-column :label="t('bills.room')" prop="room_no" min-width="130"><template #default="{ row }"><b>{{ row.room_no }}</b> <span class="muted">{{ row.room_type }}</span></template></el-table-column>
          <el-table-column :label="t('bills.openedAt')" min-width="140"><template #default="{ row }"><span class="num">{{ instant(row.opened_at) }}</span></template></el-table-column>
          <el-table-column :label="t('bills.closedAt')" prop="closed_at" min-width="215" sortable="custom">
            <template #default="{ row }"><span class="num">{{ instant(row.closed_at) }}</span> <el-tag v-if="crossesMidnight(row)" size="small" type="warning" effect="plain">{{ t('bills.crossesMidnight') }}</el-tag></template>
          </el-table-column>
          <el-table-column :label="t('bills.status')" min-width="90">
            <template #default="{ row }"><el-tag :type="row.status === 'voided' ? 'danger' : 'success'" effect="light" size="small">{{ t('status.' + row.status) }}</el-tag></template>
          </el-table-column>
          <el-table-column :label="t('bills.cashier')" prop="cashier" min-width="90" />
          <el-table-column :label="t('bills.gross')" min-width="110" align="right"><template #default="{ row }"><span class="num">{{ fmtMoney(row.gross_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('bills.discount')" min-width="100" align="right"><template #default="{ row }"><span class="num">{{ fmtMoney(row.discount_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('bills.total')" prop="total_fen" min-width="120" align="right" sortable="custom"><template #default="{ row }"><b class="num" :class="{ muted: row.status === 'voided' }">{{ fmtMoney(row.total_fen) }}</b></template></el-table-column>
          <el-table-column :label="t('bills.methods')" min-width="150">
            <template #default="{ row }"><span v-for="m in methodsOf(row)" :key="m" class="tag-soft"><span class="method-dot" :style="{ background: METHOD_COLORS[m] || '#94a3b8' }"></span>{{ methodName(m) }}</span></template>
          </el-table-column>
        </el-table>
      </div>
      <div class="pager">
        <el-pagination v-model:current-page="page" v-model:page-size="pageSize" :total="total" :page-sizes="[20, 50, 100, 200]"
          :layout="ui.isPhone ? 'total, prev, pager, next' : 'total, sizes, prev, pager, next, jumper'" :pager-count="ui.isPhone ? 5 : 7" @current-change="load" @size-change="search" />
      </div>
    </section>

    <el-drawer v-model="drawer.open" :title="t('bills.detail')" :size="ui.isPhone ? '100%' : '640px'" append-to-body data-test="bill-drawer">
      <div v-if="drawer.bill" v-loading="drawer.loading">
        <div style="display:flex;align-items:center;gap:10px;margin-bottom:16px;flex-wrap:wrap">
          <span class="mono" style="font-size:16px;font-weight:700">{{ drawer.bill.bill_no }}</span>
          <el-tag :type="stateTone(billState)" effect="light" data-test="bill-state">{{ t('bills.st.' + billState) }}</el-tag>
          <span style="flex:1"></span>
           <a class="el-button el-button--small" style="text-decoration:none" :href="receiptUrl()" target="_blank" rel="noopener" data-test="bill-receipt"><el-icon><IconPrinter /></el-icon><span>{{ t('bills.receipt') }}</span></a>
          <el-button v-if="canRefund" size="small" type="warning" plain data-test="bill-refund" @click="startRefund"><el-icon><IconRefreshLeft /></el-icon>{{ t('bills.refund') }}</el-button>
          <el-button v-if="canVoid" size="small" type="danger" plain data-test="bill-void" @click="startVoid"><el-icon><IconCircleClose /></el-icon>{{ t('bills.void') }}</el-button>
        </div>
        <el-alert v-if="drawer.fd && drawer.fd.void" type="error" :closable="false" show-icon style="margin-bottom:14px" data-test="bill-void-banner"
          :title="t('bills.voidedBanner', { at: drawer.fd.void.at, by: drawer.fd.void.by, approver: drawer.fd.void.approved_by || '—', reason: drawer.fd.void.reason })" />
        <p v-if="drawer.fd && !isPos && writable" class="panel-note" style="margin:-6px 0 12px">{{ t('bills.importedNote') }}</p>
        <div class="detail-grid">
          <div><div class="k">{{ t('bills.room') }}</div><div class="v">{{ drawer.bill.room_no }} · {{ drawer.bill.room_type }}</div></div>
          <div><div class="k">{{ t('bills.businessDay') }}</div><div class="v">{{ drawer.bill.business_day }}</div></div>
          <div><div class="k">{{ t('bills.openedAt') }}</div><div class="v num">{{ instant(drawer.bill.opened_at) }}</div></div>
          <div><div class="k">{{ t('bills.closedAt') }}</div><div class="v num">{{ instant(drawer.bill.closed_at) }}</div></div>
          <div><div class="k">{{ t('bills.duration') }}</div><div class="v">{{ duration(drawer.bill) }}</div></div>
          <div><div class="k">{{ t('bills.cashier') }}</div><div class="v">{{ drawer.bill.cashier || '—' }}</div></div>
          <div><div class="k">{{ t('bills.booker') }}</div><div class="v">{{ drawer.bill.booker || '—' }}</div></div>
          <div v-if="drawer.bill.member_phone"><div class="k">{{ t('bills.member') }}</div><div class="v">{{ drawer.bill.member_phone }}</div></div>
          <div v-if="drawer.bill.note" style="grid-column:1/-1"><div class="k">{{ t('bills.note') }}</div><div class="v">{{ drawer.bill.note }}</div></div>
        </div>

        <div class="section-title">{{ t('bills.lines') }}</div>
        <div class="table-wrap">
          <el-table :data="drawer.bill.lines || []" size="small" :empty-text="t('common.noData')">
            <el-table-column :label="t('bills.lineNo')" prop="line_no" width="44" />
            <el-table-column :label="t('bills.kind')" min-width="80"><template #default="{ row }"><span class="tag-soft">{{ kindName(row.kind) }}</span></template></el-table-column>
            <el-table-column :label="t('bills.item')" prop="item" min-width="140" class-name="wrap" />
            <el-table-column :label="t('bills.qty')" prop="qty" align="right" min-width="56" />
            <el-table-column :label="t('bills.unitPrice')" align="right" min-width="90"><template #default="{ row }"><span v-if="row.unit_price_fen !== null && row.unit_price_fen !== undefined" class="num">{{ fmtMoney(row.unit_price_fen) }}</span><span v-else class="muted" :title="t('bills.noPrice')">—</span></template></el-table-column>
            <el-table-column :label="t('bills.amount')" align="right" min-width="100"><template #default="{ row }"><span v-if="row.amount_fen !== null && row.amount_fen !== undefined" class="num">{{ fmtMoney(row.amount_fen) }}</span><span v-else class="muted" :title="t('bills.noPrice')">—</span></template></el-table-column>
          </el-table>
        </div>

        <div class="section-title">{{ t('bills.payments') }}</div>
        <el-table :data="(isPos ? drawer.fd.payments : drawer.bill.payments) || []" size="small" :empty-text="t('common.noData')" data-test="bill-payments">
          <el-table-column :label="t('bills.method')" min-width="120"><template #default="{ row }"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ methodName(row.method) }}<span v-if="row.reference" class="muted"> · {{ row.reference }}</span></template></el-table-column>
          <el-table-column :label="t('bills.amount')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
          <el-table-column v-if="isPos" :label="t('bills.refunded')" align="right" min-width="90"><template #default="{ row }"><span class="num" :class="{ muted: !row.refunded_fen }">{{ fmtMoney(row.refunded_fen || 0) }}</span></template></el-table-column>
          <el-table-column v-if="isPos" :label="t('bills.left')" align="right" min-width="90"><template #default="{ row }"><b class="num" :data-test="'tender-left-' + row.seq">{{ fmtMoney(leftOf(row)) }}</b></template></el-table-column>
        </el-table>

        <template v-if="drawer.fd && drawer.fd.refunds && drawer.fd.refunds.length">
          <div class="section-title">{{ t('bills.afterSales') }}</div>
          <div class="table-wrap">
            <el-table :data="drawer.fd.refunds" size="small" data-test="bill-after-sales">
              <el-table-column :label="t('bills.at')" min-width="96"><template #default="{ row }"><span class="num">{{ row.at.slice(5, 16) }}</span></template></el-table-column>
              <el-table-column :label="t('bills.kind')" min-width="76"><template #default="{ row }"><el-tag size="small" :type="row.kind === 'void' ? 'danger' : 'warning'" effect="plain">{{ t('bills.rkind.' + row.kind) }}</el-tag></template></el-table-column>
              <el-table-column :label="t('bills.backBy')" min-width="96"><template #default="{ row }">
                <span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ methodName(row.method) }}
                <div v-if="tenderOf(row.payment_seq) && tenderOf(row.payment_seq).method !== row.method" class="muted" style="font-size:12px">{{ t('bills.fromTender') }}：{{ methodName(tenderOf(row.payment_seq).method) }}</div>
              </template></el-table-column>
              <el-table-column :label="t('bills.amount')" align="right" min-width="76"><template #default="{ row }"><span class="num">-{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('bills.byApprover')" min-width="110" class-name="wrap"><template #default="{ row }">{{ row.by }} / {{ row.approved_by || '—' }}</template></el-table-column>
              <el-table-column :label="t('bills.reason')" prop="reason" min-width="110" class-name="wrap" />
            </el-table>
          </div>
        </template>

        <div class="bill-totals">
          <div class="row"><span>{{ t('bills.gross') }}</span><span class="num">¥{{ fmtMoney(drawer.bill.gross_fen) }}</span></div>
          <div class="row"><span>{{ t('bills.discount') }}</span><span class="num">-¥{{ fmtMoney(drawer.bill.discount_fen) }}</span></div>
          <div class="row" v-if="drawer.bill.service_fen"><span>{{ t('bills.service') }}</span><span class="num">+¥{{ fmtMoney(drawer.bill.service_fen) }}</span></div>
          <div class="row grand"><span>{{ t('bills.total') }}</span><span class="num">¥{{ fmtMoney(drawer.bill.total_fen) }}</span></div>
          <template v-if="isPos && refundedFen">
            <div class="row" style="color:var(--el-color-danger)"><span>{{ t('bills.refundedTotal') }}</span><span class="num" data-test="bill-refunded">-¥{{ fmtMoney(refundedFen) }}</span></div>
            <div class="row grand"><span>{{ t('bills.remaining') }}</span><span class="num" data-test="bill-kept">¥{{ fmtMoney(keptFen) }}</span></div>
          </template>
        </div>
      </div>
    </el-drawer>

    <el-dialog v-model="voidDlg.open" :title="drawer.fd ? t('bills.voidTitle', { no: drawer.fd.bill_no }) : ''" :width="ui.isPhone ? '94%' : '480px'" append-to-body data-test="void-dialog">
      <el-alert :title="t('bills.voidLead')" type="warning" :closable="false" show-icon style="margin-bottom:14px" />
      <div class="bill-totals" style="margin:0 0 12px;border:0;padding:0"><div class="row grand"><span>{{ t('bills.voidBackLabel') }}</span><span class="num" data-test="void-back">¥{{ fmtMoney(voidBack) }}</span></div></div>
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('bills.reason')" required><el-input v-model="voidDlg.reason" maxlength="100" show-word-limit :placeholder="t('bills.reasonPh')" data-test="void-reason" /></el-form-item>
        <el-form-item :label="t('bills.reference')"><el-input v-model="voidDlg.reference" maxlength="20" :placeholder="t('bills.referencePh')" /></el-form-item>
        <el-checkbox v-model="voidDlg.returnGoods" data-test="void-return-goods">{{ t('bills.returnGoods') }}</el-checkbox>
      </el-form>
      <el-alert v-if="voidDlg.error" :title="voidDlg.error" type="error" :closable="false" show-icon style="margin-top:12px" data-test="void-error" />
      <template #footer>
        <el-button @click="voidDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="danger" :loading="voidDlg.saving" data-test="void-submit" @click="submitVoid()"><el-icon><IconCircleClose /></el-icon>{{ t('bills.voidSubmit') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="refundDlg.open" :title="drawer.fd ? t('bills.refundTitle', { no: drawer.fd.bill_no }) : ''" :width="ui.isPhone ? '96%' : '640px'" append-to-body data-test="refund-dialog">
      <el-alert :title="t('bills.refundLead')" type="info" :closable="false" show-icon style="margin-bottom:14px" />
      <div class="table-wrap">
        <el-table :data="refundDlg.rows" size="small" data-test="refund-rows">
          <el-table-column :label="t('bills.fromTender')" min-width="110"><template #default="{ row }"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ methodName(row.method) }} <span class="num muted">¥{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('bills.left')" align="right" min-width="80"><template #default="{ row }"><el-button link type="primary" class="num" @click="fillRefund(row)">{{ fmtMoney(row.left) }}</el-button></template></el-table-column>
          <el-table-column :label="t('bills.refundAmount')" min-width="130"><template #default="{ row, $index }">
            <el-input v-model="row.amount" inputmode="decimal" size="small" :class="{ 'is-error': refundParsed.errors[$index] }" :data-test="'refund-amount-' + row.seq"><template #prefix>¥</template></el-input>
          </template></el-table-column>
          <el-table-column :label="t('bills.backBy')" min-width="130"><template #default="{ row }">
            <span v-if="row.method === 'member'" class="muted">{{ t('bills.memberBack') }}</span>
            <el-select v-else v-model="row.back" size="small" :data-test="'refund-method-' + row.seq">
              <el-option v-for="m in REFUND_METHODS" :key="m" :label="methodName(m)" :value="m"><span class="method-dot" :style="{ background: METHOD_COLORS[m] }"></span>{{ methodName(m) }}</el-option>
            </el-select>
          </template></el-table-column>
        </el-table>
      </div>
      <div class="panel-note" style="margin:8px 0 4px;font-size:14px" data-test="refund-total"><b>{{ t('bills.refundTotal', { n: fmtMoney(refundParsed.total) }) }}</b></div>
      <el-form label-position="top" @submit.prevent style="margin-top:8px">
        <el-form-item :label="t('bills.reason')" required><el-input v-model="refundDlg.reason" maxlength="100" show-word-limit :placeholder="t('bills.reasonPh')" data-test="refund-reason" /></el-form-item>
        <el-form-item :label="t('bills.reference')"><el-input v-model="refundDlg.reference" maxlength="20" :placeholder="t('bills.referencePh')" /></el-form-item>
      </el-form>
      <el-alert v-if="refundDlg.error" :title="refundDlg.error" type="error" :closable="false" show-icon data-test="refund-error" />
      <template #footer>
        <el-button @click="refundDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="warning" :loading="refundDlg.saving" data-test="refund-submit" @click="submitRefund()"><el-icon><IconRefreshLeft /></el-icon>{{ t('bills.refundSubmit') }}</el-button>
      </template>
    </el-dialog>
    <ApprovalDialog :state="approval" />
  </div>`,
};
