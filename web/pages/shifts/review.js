// pages/shifts/review.js: 营业日核对, the back office's review of a business day: every shift
// that opened in it with its status (open, closed, reviewed), over/short (overs and shorts
// apart, never netted), totals per channel, the takings report beside the sum of the shifts,
// a drill-down to each payment, marking a shift checked (核对), a manager's approval of a
// difference, and confirming the day (refused by the server while a shift is unreviewed).
import { t, addMessages, methodName } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInstant, businessToday, addDays, isDay } from '../../format.js';
import { useApproval, METHOD_COLORS } from '../../components.js';
import { ShiftReport, outcomeOf } from './report.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'rv.title': ['营业日核对', 'Daily review'],
  'rv.subtitle': ['逐班核对收银员营业款：长短款、各渠道收款、逐笔明细；全部核对后确认营业日', 'Check every cashier\'s takings: over/short, channels, each payment; confirm the day once all are checked'],
  'rv.day': ['营业日', 'Business day'],
  'rv.prev': ['前一天', 'Previous day'],
  'rv.next': ['后一天', 'Next day'],
  'rv.confirmed': ['已确认并锁账 · {by} · {at}', 'Confirmed and locked · {by} · {at}'],
  'rv.notConfirmed': ['未确认', 'Not confirmed'],
  'rv.confirm': ['确认营业日', 'Confirm the day'],
  'rv.confirmTitle': ['确认营业日 {day}', 'Confirm business day {day}'],
  'rv.confirmLock': ['确认后该营业日锁账：不能再收款、退款或记账到这一天；更正须在未锁定的日期冲销。', 'Once confirmed the day is locked: no payment, refund or entry may land in it; corrections go into an open day.'],
  'rv.confirmNote': ['备注（可不填）', 'Note (optional)'],
  'rv.confirmedOk': ['营业日已确认', 'Business day confirmed'],
  'rv.payments': ['收款合计', 'Payments'],
  'rv.refunds': ['退款合计', 'Refunds'],
  'rv.over': ['长款合计', 'Overs'],
  'rv.short': ['短款合计', 'Shorts'],
  'rv.progress': ['已核对班次', 'Shifts reviewed'],
  'rv.progressSub': ['营业中 {o} · 已结班 {c}', '{o} open · {c} closed'],
  'rv.shifts': ['班次', 'Shifts'],
  'rv.noShifts': ['该营业日没有班次', 'No shift in this business day'],
  'rv.shift': ['班次', 'Shift'],
  'rv.cashier': ['收银员', 'Cashier'],
  'rv.status': ['状态', 'Status'],
  'rv.time': ['开班 — 结班', 'Opened — closed'],
  'rv.float': ['备用金', 'Float'],
  'rv.bills': ['单数', 'Bills'],
  'rv.paid': ['收款', 'Payments'],
  'rv.expected': ['应有现金', 'Expected'],
  'rv.counted': ['实点', 'Counted'],
  'rv.diff': ['长短款', 'Over/short'],
  'rv.approval': ['审批', 'Approval'],
  'rv.reviewedBy': ['核对人', 'Reviewed by'],
  'rv.detail': ['明细', 'Details'],
  'rv.review': ['核对', 'Mark checked'],
  'rv.reviewTitle': ['核对班次 #{id}', 'Check shift #{id}'],
  'rv.reviewNote': ['核对备注（可不填）', 'Note (optional)'],
  'rv.reviewed': ['班次已核对', 'Shift checked'],
  'rv.approve': ['审批长短款', 'Approve difference'],
  'rv.approved': ['已审批', 'Approved'],
  'rv.pending': ['待审批', 'Pending'],
  'rv.approvedBy': ['{who} 已审批', 'approved by {who}'],
  'rv.channels': ['各渠道合计', 'By channel'],
  'rv.recon': ['营业日报与班次收款核对', 'Takings report against the shifts'],
  'rv.reconOk': ['营业日报收款 ¥{t} 与各班次收款合计 ¥{s} 一致', 'Takings ¥{t} agree with the shifts\' payments ¥{s}'],
  'rv.reconBad': ['营业日报收款 ¥{t} 与各班次收款合计 ¥{s} 不一致', 'Takings ¥{t} differ from the shifts\' payments ¥{s}'],
  'rv.drill': ['班次 #{id} 明细', 'Shift #{id} in detail'],
  'rv.tabReport': ['Z / X 报表', 'Z / X report'],
  'rv.tabPayments': ['逐笔收款与退款', 'Each payment and refund'],
  'rv.type': ['类型', 'Type'],
  'rv.type.payment': ['收款', 'Payment'],
  'rv.type.refund': ['退款', 'Refund'],
  'rv.billNo': ['账单号', 'Bill'],
  'rv.method': ['方式', 'Method'],
  'rv.amount': ['金额', 'Amount'],
  'rv.ref': ['备注/凭证', 'Reference'],
  'rv.at': ['时间', 'Time'],
  'rv.st.open': ['营业中', 'Open'],
  'rv.st.closed': ['已结班', 'Closed'],
  'rv.st.reviewed': ['已核对', 'Reviewed'],
  'rv.tendered': ['实收', 'Handed over'],
  'rv.change': ['找零', 'Change'],
  'rv.unreviewedNote': ['还有 {n} 个班次未核对，全部核对后才能确认营业日', '{n} shift(s) still to check before the day can be confirmed'],
});

const STATUS_TONE = { open: 'primary', closed: 'warning', reviewed: 'success' };

export default {
  name: 'ReviewPage',
  components: { ShiftReport },
  setup() {
    const q = route.query;
    const day = ref(isDay(q.day) ? q.day : businessToday(session.venue));
    const data = ref(null);
    const loading = ref(false);
    const error = ref('');
    const writable = computed(() => can('finance', true));
    const approval = useApproval();
    const drill = reactive({ open: false, tab: 'report', shift: null, report: null, payments: null, loading: false });
    const reviewDlg = reactive({ open: false, shift: null, note: '', saving: false, error: '' });
    const confirmDlg = reactive({ open: false, note: '', saving: false, error: '' });
    const tz = computed(() => session.venue && session.venue.timezone);
    const instant = (s) => fmtInstant(s, tz.value);

    async function load() {
      setQuery({ day: day.value });
      loading.value = true;
      error.value = '';
      try {
        data.value = await api.get('/business-days/' + day.value, undefined, { quiet: true });
      } catch (e) {
        data.value = null;
        error.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);
    function shiftDay(n) {
      day.value = addDays(day.value, n);
      load();
    }

    async function openDrill(s) {
      Object.assign(drill, { open: true, tab: 'report', shift: s, report: null, payments: null, loading: true });
      try {
        const [r, p] = await Promise.all([api.get('/shifts/' + s.id), api.get(`/shifts/${s.id}/payments`)]);
        drill.report = r.report;
        drill.shift = r.shift;
        drill.payments = p;
      } finally {
        drill.loading = false;
      }
    }
    function startReview(s) {
      Object.assign(reviewDlg, { open: true, shift: s, note: '', error: '' });
    }
    async function saveReview() {
      reviewDlg.saving = true;
      reviewDlg.error = '';
      try {
        const body = reviewDlg.note.trim() ? { note: reviewDlg.note.trim() } : {};
        await api.post(`/shifts/${reviewDlg.shift.id}/review`, body, { quiet: true });
        ElementPlus.ElMessage.success(t('rv.reviewed'));
        reviewDlg.open = false;
        load();
      } catch (e) {
        reviewDlg.error = e.message;
      } finally {
        reviewDlg.saving = false;
      }
    }
    async function approve(s) {
      const d = s.difference_fen;
      const creds = await approval.ask(`#${s.id} ${s.cashier_name} · ${outcomeOf(d).label} ¥${fmtMoney(d < 0 ? -d : d)}${s.difference_reason ? ' · ' + s.difference_reason : ''}`);
      if (!creds) return;
      try {
        await api.post(`/shifts/${s.id}/approve`, creds, { quiet: true });
        ElementPlus.ElMessage.success(t('rv.approved'));
        load();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    function startConfirm() {
      Object.assign(confirmDlg, { open: true, note: '', error: '' });
    }
    async function saveConfirm() {
      confirmDlg.saving = true;
      confirmDlg.error = '';
      try {
        const body = confirmDlg.note.trim() ? { note: confirmDlg.note.trim() } : {};
        await api.post(`/business-days/${day.value}/confirm`, body, { quiet: true });
        ElementPlus.ElMessage.success(t('rv.confirmedOk'));
        confirmDlg.open = false;
        load();
      } catch (e) {
        // The server names the shifts not yet reviewed: shown as it says it.
        confirmDlg.error = e.message;
      } finally {
        confirmDlg.saving = false;
      }
    }

    const totals = computed(() => (data.value && data.value.totals) || {});
    const channelList = computed(() => Object.entries(totals.value.channels || {}).map(([m, v]) => ({ method: m, ...v })));
    const rec = computed(() => (data.value && data.value.reconciliation) || null);
    const sumPaid = (s) => (s.payments_total_fen === undefined || s.payments_total_fen === null ? null : s.payments_total_fen);

    return {
      t, ui, day, data, loading, error, writable, approval, drill, reviewDlg, confirmDlg, instant, fmtMoney, methodName, METHOD_COLORS, STATUS_TONE,
      load, shiftDay, openDrill, startReview, saveReview, approve, startConfirm, saveConfirm, totals, channelList, rec, sumPaid, outcomeOf,
    };
  },
  template: `
  <div class="page" data-test="page-review">
    <PageHeader :title="t('rv.title')" :subtitle="t('rv.subtitle')">
      <el-button v-if="writable && data && !data.confirmed" type="primary" data-test="confirm-day" @click="startConfirm"><el-icon><IconFinished /></el-icon>{{ t('rv.confirm') }}</el-button>
    </PageHeader>

    <div class="panel filter-panel">
      <div class="review-bar">
        <el-button @click="shiftDay(-1)" :title="t('rv.prev')"><el-icon><IconArrowLeft /></el-icon></el-button>
        <el-date-picker v-model="day" type="date" value-format="YYYY-MM-DD" :clearable="false" @change="load" data-test="review-day" style="width:160px" />
        <el-button @click="shiftDay(1)" :title="t('rv.next')"><el-icon><IconArrowRight /></el-icon></el-button>
        <span v-if="data" class="day-status" data-test="day-status">
          <el-tag v-if="data.confirmed" type="success" effect="dark" round><el-icon><IconCircleCheckFilled /></el-icon> {{ t('rv.confirmed', { by: data.confirmed_by, at: instant(data.confirmed_at) }) }}</el-tag>
          <el-tag v-else type="info" round>{{ t('rv.notConfirmed') }}</el-tag>
        </span>
        <el-button link @click="load"><el-icon><IconRefresh /></el-icon>{{ t('common.refresh') }}</el-button>
      </div>
    </div>
    <el-alert v-if="error" :title="error" type="error" :closable="false" show-icon style="margin-bottom:14px" />

    <template v-if="data">
      <div class="kpi-grid cols-4" data-test="review-kpis">
        <KpiCard :label="t('rv.payments')" prefix="¥" :value="fmtMoney(totals.payments_total_fen)" icon="Wallet" tone="primary" testid="kpi-payments" :sub="t('rv.refunds') + ' ¥' + fmtMoney(totals.refunds_total_fen)" />
        <KpiCard :label="t('rv.progress')" :value="totals.reviewed + ' / ' + totals.shifts" icon="DocumentChecked" tone="green" testid="kpi-reviewed" :sub="t('rv.progressSub', { o: totals.open, c: totals.closed })" />
        <KpiCard :label="t('rv.over')" prefix="¥" :value="fmtMoney(totals.over_total_fen)" icon="Top" tone="amber" testid="kpi-over" />
        <KpiCard :label="t('rv.short')" prefix="¥" :value="fmtMoney(totals.short_total_fen)" icon="Bottom" tone="red" testid="kpi-short" />
      </div>

      <div v-if="rec" class="recon" :class="rec.agrees ? 'ok' : 'bad'" data-test="reconciliation">
        <el-icon><IconCircleCheckFilled v-if="rec.agrees" /><IconWarningFilled v-else /></el-icon>
        <span>{{ t(rec.agrees ? 'rv.reconOk' : 'rv.reconBad', { t: fmtMoney(rec.takings_payments_fen), s: fmtMoney(rec.shifts_payments_fen) }) }}</span>
      </div>
      <el-alert v-if="data.unreviewed.length && !data.confirmed" :title="t('rv.unreviewedNote', { n: data.unreviewed.length })" type="info" :closable="false" show-icon style="margin-bottom:14px" />

      <section class="panel">
        <div class="panel-head">
          <h2 class="panel-title"><el-icon><IconTickets /></el-icon>{{ t('rv.shifts') }}</h2>
          <div class="channel-chips" v-if="channelList.length">
            <span class="panel-note">{{ t('rv.channels') }}：</span>
            <span v-for="c in channelList" :key="c.method" class="tag-soft"><span class="method-dot" :style="{ background: METHOD_COLORS[c.method] || '#94a3b8' }"></span>{{ methodName(c.method) }} ¥{{ fmtMoney(c.net_fen) }}</span>
          </div>
        </div>
        <div class="table-wrap">
          <el-table :data="data.shifts" v-loading="loading" :empty-text="t('rv.noShifts')" data-test="review-shifts">
            <el-table-column :label="t('rv.shift')" min-width="64" :fixed="!ui.isPhone"><template #default="{ row }"><el-button link type="primary" @click="openDrill(row)">#{{ row.id }}</el-button></template></el-table-column>
            <el-table-column :label="t('rv.cashier')" min-width="100"><template #default="{ row }"><b>{{ row.cashier_name }}</b></template></el-table-column>
            <el-table-column :label="t('rv.status')" min-width="128"><template #default="{ row }"><el-tag size="small" :type="STATUS_TONE[row.status]" effect="light" :data-test="'shift-status-' + row.id">{{ t('rv.st.' + row.status) }}</el-tag><span v-if="row.reviewed_by" class="muted" style="font-size:12px;margin-left:6px">{{ row.reviewed_by }}</span></template></el-table-column>
            <el-table-column :label="t('rv.time')" min-width="116"><template #default="{ row }"><span class="num">{{ instant(row.opened_at).slice(11) }} — {{ row.closed_at ? instant(row.closed_at).slice(11) : '…' }}</span></template></el-table-column>
            <el-table-column :label="t('rv.bills')" prop="bills_count" align="right" min-width="56" />
            <el-table-column :label="t('rv.paid')" align="right" min-width="92"><template #default="{ row }"><b class="num" :data-test="'shift-paid-' + row.id">{{ fmtMoney(row.payments_total_fen) }}</b></template></el-table-column>
            <el-table-column :label="t('rv.float')" align="right" min-width="84"><template #default="{ row }"><span class="num">{{ fmtMoney(row.opening_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('rv.expected')" align="right" min-width="88"><template #default="{ row }"><span class="num">{{ row.expected_fen === null ? '—' : fmtMoney(row.expected_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('rv.counted')" align="right" min-width="88"><template #default="{ row }"><span class="num">{{ row.counted_fen === null ? '—' : fmtMoney(row.counted_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('rv.diff')" align="right" min-width="150"><template #default="{ row }">
              <template v-if="row.difference_fen !== null">
                <el-tag size="small" :type="outcomeOf(row.difference_fen).tone" effect="plain">{{ outcomeOf(row.difference_fen).label }}</el-tag>
                <span class="num" :class="{ 'money-neg': row.difference_fen < 0 }" style="margin-left:6px">{{ fmtMoney(row.difference_fen) }}</span>
                <div v-if="row.difference_fen" style="font-size:12px">
                  <span v-if="row.difference_approved" class="muted">{{ t('rv.approvedBy', { who: row.difference_approved_by }) }}</span>
                  <el-button v-else-if="writable" link type="warning" size="small" @click="approve(row)">{{ t('rv.approve') }}</el-button>
                </div>
              </template><span v-else class="muted">—</span></template></el-table-column>
            <el-table-column :label="t('common.actions')" min-width="110"><template #default="{ row }">
              <el-button link type="primary" :data-test="'drill-' + row.id" @click="openDrill(row)">{{ t('rv.detail') }}</el-button>
              <el-button v-if="writable && row.status === 'closed'" link type="success" :data-test="'review-' + row.id" @click="startReview(row)">{{ t('rv.review') }}</el-button></template></el-table-column>
          </el-table>
        </div>
      </section>

      <section class="panel" v-if="rec && rec.by_method.length">
        <div class="panel-head"><h2 class="panel-title"><el-icon><IconDataAnalysis /></el-icon>{{ t('rv.recon') }}</h2></div>
        <el-table :data="rec.by_method" size="small">
          <el-table-column :label="t('rv.method')" min-width="110"><template #default="{ row }"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ methodName(row.method, row.name) }}</template></el-table-column>
          <el-table-column :label="t('nav.takings')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.takings_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('rv.shifts')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.shifts_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('rv.diff')" align="right" min-width="100"><template #default="{ row }"><span class="num" :class="{ 'money-neg': row.difference_fen }">{{ fmtMoney(row.difference_fen) }}</span></template></el-table-column>
        </el-table>
      </section>
    </template>

    <el-drawer v-model="drill.open" :title="drill.shift ? t('rv.drill', { id: drill.shift.id }) : ''" :size="ui.isPhone ? '100%' : '820px'" append-to-body data-test="review-drill">
      <div v-loading="drill.loading">
        <el-tabs v-model="drill.tab">
          <el-tab-pane :label="t('rv.tabReport')" name="report">
            <ShiftReport v-if="drill.report" :report="drill.report" :record="drill.shift" />
          </el-tab-pane>
          <el-tab-pane :label="t('rv.tabPayments')" name="payments">
            <div class="table-wrap" v-if="drill.payments">
              <el-table :data="drill.payments.items" size="small" data-test="drill-payments">
                <el-table-column :label="t('rv.at')" min-width="120"><template #default="{ row }"><span class="num">{{ instant(row.at).slice(5) }}</span></template></el-table-column>
                <el-table-column :label="t('rv.type')" min-width="70"><template #default="{ row }"><el-tag size="small" :type="row.type === 'refund' ? 'danger' : 'success'" effect="plain">{{ t('rv.type.' + row.type) }}</el-tag></template></el-table-column>
                <el-table-column :label="t('rv.billNo')" min-width="150"><template #default="{ row }"><span class="mono">{{ row.bill_no }}</span></template></el-table-column>
                <el-table-column :label="t('rv.method')" min-width="100"><template #default="{ row }"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ methodName(row.method) }}</template></el-table-column>
                <el-table-column :label="t('rv.amount')" align="right" min-width="90"><template #default="{ row }"><span class="num" :class="{ 'money-neg': row.type === 'refund' }">{{ row.type === 'refund' ? '-' : '' }}{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
                <el-table-column :label="t('rv.ref')" min-width="140" class-name="wrap"><template #default="{ row }">
                  <span v-if="row.tendered_fen" class="muted">{{ t('rv.tendered') }} {{ fmtMoney(row.tendered_fen) }} · {{ t('rv.change') }} {{ fmtMoney(row.change_fen) }}</span>
                  <span v-if="row.platform">{{ row.platform }} </span><span>{{ row.reference || row.reason || '' }}</span></template></el-table-column>
              </el-table>
              <div class="bill-totals">
                <div class="row"><span>{{ t('rv.payments') }}</span><span class="num">¥{{ fmtMoney(drill.payments.payments_total_fen) }}</span></div>
                <div class="row"><span>{{ t('rv.refunds') }}</span><span class="num">{{ drill.payments.refunds_total_fen ? '-' : '' }}¥{{ fmtMoney(drill.payments.refunds_total_fen) }}</span></div>
              </div>
            </div>
          </el-tab-pane>
        </el-tabs>
      </div>
    </el-drawer>

    <el-dialog v-model="reviewDlg.open" :title="reviewDlg.shift ? t('rv.reviewTitle', { id: reviewDlg.shift.id }) : ''" :width="ui.isPhone ? '94%' : '440px'" append-to-body data-test="review-dialog">
      <div v-if="reviewDlg.shift" class="detail-grid">
        <div><div class="k">{{ t('rv.cashier') }}</div><div class="v">{{ reviewDlg.shift.cashier_name }}</div></div>
        <div><div class="k">{{ t('rv.paid') }}</div><div class="v num">¥{{ fmtMoney(reviewDlg.shift.payments_total_fen) }}</div></div>
        <div><div class="k">{{ t('rv.counted') }}</div><div class="v num">¥{{ fmtMoney(reviewDlg.shift.counted_fen) }}</div></div>
        <div><div class="k">{{ t('rv.diff') }}</div><div class="v num">{{ fmtMoney(reviewDlg.shift.difference_fen) }}</div></div>
      </div>
      <el-input v-model="reviewDlg.note" type="textarea" :rows="2" maxlength="200" :placeholder="t('rv.reviewNote')" />
      <el-alert v-if="reviewDlg.error" :title="reviewDlg.error" type="error" :closable="false" show-icon style="margin-top:10px" data-test="review-error" />
      <template #footer>
        <el-button @click="reviewDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="success" :loading="reviewDlg.saving" data-test="review-save" @click="saveReview"><el-icon><IconCheck /></el-icon>{{ t('rv.review') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="confirmDlg.open" :title="t('rv.confirmTitle', { day })" :width="ui.isPhone ? '94%' : '460px'" append-to-body data-test="confirm-dialog">
      <el-alert :title="t('rv.confirmLock')" type="warning" :closable="false" show-icon style="margin-bottom:10px" />
      <el-input v-model="confirmDlg.note" type="textarea" :rows="2" maxlength="200" :placeholder="t('rv.confirmNote')" />
      <el-alert v-if="confirmDlg.error" :title="confirmDlg.error" type="error" :closable="false" show-icon style="margin-top:10px" data-test="confirm-error" />
      <template #footer>
        <el-button @click="confirmDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="confirmDlg.saving" data-test="confirm-save" @click="saveConfirm"><el-icon><IconFinished /></el-icon>{{ t('rv.confirm') }}</el-button>
      </template>
    </el-dialog>
    <ApprovalDialog :state="approval" />
  </div>`,
};
