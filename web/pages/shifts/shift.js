// pages/shifts/shift.js: 收银交班, the cashier's shift: open with the float counted by
// denomination (taking over from the last cashier or not), pay-in / pay-out / safe drop during
// the shift, the X report (blind: no expected cash), the blind close by denomination and then
// the frozen Z report with its over/short, and the manager's approval of a difference.
import { t, addMessages, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { fmtMoney, fmtInstant, parseYuan } from '../../format.js';
import { useApproval, countTotal, countBody } from '../../components.js';
import { ShiftReport, outcomeOf } from './report.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'shift.title': ['收银交班', 'Cashier shift'],
  'shift.subtitle': ['开班清点备用金、班中存取现金、盲交结班与 Z 报表', 'Count the float, record cash in and out, close blind, print the Z report'],
  'shift.noneTitle': ['您还没有开班', 'You have no open shift'],
  'shift.noneText': ['收款必须记在当班班次里。请从保险柜取出备用金，按面额清点后开班。', 'Every payment belongs to a shift. Take the float out of the safe, count it by denomination and open your shift.'],
  'shift.open': ['开班', 'Open shift'],
  'shift.handover': ['接班自（上一班收银员用户名，可不填）', 'Taking over from (the last cashier\'s username, optional)'],
  'shift.handoverPh': ['例如 cashier2', 'e.g. cashier2'],
  'shift.openCount': ['开班备用金清点', 'Opening float count'],
  'shift.opened': ['已开班，备用金 ¥{n}', 'Shift open, float ¥{n}'],
  'shift.current': ['当前班次 #{id}', 'Current shift #{id}'],
  'shift.since': ['开班于 {t}', 'Open since {t}'],
  'shift.float': ['备用金', 'Float'],
  'shift.bills': ['已结账单', 'Bills settled'],
  'shift.payments': ['收款笔数', 'Payments'],
  'shift.nonCash': ['非现金收款', 'Non-cash takings'],
  'shift.payIn': ['存入现金', 'Pay in'],
  'shift.payOut': ['支出现金', 'Pay out'],
  'shift.safeDrop': ['存入保险柜', 'Safe drop'],
  'shift.xReport': ['X 报表', 'X report'],
  'shift.close': ['结班', 'Close shift'],
  'shift.closeTitle': ['盲交结班：按面额清点钱箱', 'Blind close: count the drawer by denomination'],
  'shift.closeLead': ['请清点钱箱里的全部现金（含备用金）。系统不显示应有现金，提交后才显示长短款。', 'Count all the cash in the drawer (float included). The expected figure stays hidden: the over/short shows after you submit.'],
  'shift.reasonNeeded': ['清点金额与应有现金不符。请复点；若确有差异，写明原因后再提交。', 'The count does not match the expected cash. Recount; if the difference is real, give the reason and submit again.'],
  'shift.reason': ['差异原因', 'Reason for the difference'],
  'shift.submitClose': ['提交清点并结班', 'Submit count and close'],
  'shift.closedOk': ['已结班', 'Shift closed'],
  'shift.zTitle': ['结班 Z 报表', 'Z report'],
  'shift.print': ['打印 Z 报表', 'Print Z report'],
  'shift.approve': ['经理审批长短款', 'Manager approves the difference'],
  'shift.approved': ['长短款已审批', 'Difference approved'],
  'shift.cashKind': ['类别', 'Kind'],
  'shift.amount': ['金额（元）', 'Amount (yuan)'],
  'shift.cashReason': ['事由', 'Reason'],
  'shift.cashReasonPh': ['支出须写明用途，如：购买冰块', 'Say what it is for, e.g. ice for the bar'],
  'shift.cashSaved': ['已记录', 'Recorded'],
  'shift.badAmount': ['金额应为元，最多两位小数，例如 12.50', 'An amount in yuan with at most two decimals, e.g. 12.50'],
  'shift.recent': ['最近班次', 'Recent shifts'],
  'shift.id': ['班次', 'Shift'],
  'shift.status': ['状态', 'Status'],
  'shift.status.open': ['营业中', 'Open'],
  'shift.status.closed': ['已结班', 'Closed'],
  'shift.status.reviewed': ['已核对', 'Reviewed'],
  'shift.openedAt': ['开班', 'Opened'],
  'shift.closedAt': ['结班', 'Closed'],
  'shift.diff': ['长短款', 'Over/short'],
  'shift.view': ['查看', 'View'],
  'shift.report': ['班次报表', 'Shift report'],
  'shift.toBoard': ['去房态收银', 'Go to the room board'],
  'shift.emptyCount': ['请先清点：合计不能为 0', 'Count the cash first: the total cannot be 0'],
  'shift.openNew': ['开新班', 'Open a new shift'],
});

const STATUS_TONE = { open: 'primary', closed: 'warning', reviewed: 'success' };

export default {
  name: 'ShiftPage',
  setup() {
    const loading = ref(false);
    const current = ref(null); // {shift, report} of the caller's open shift
    const lastZ = ref(null); // {shift, report} right after a close
    const openForm = reactive({ count: {}, handed_over_by: '', saving: false, error: '' });
    const cashDlg = reactive({ open: false, kind: 'pay_in', amount: '', reason: '', saving: false, error: '' });
    const closeDlg = reactive({ open: false, count: {}, reason: '', needReason: false, saving: false, error: '' });
    const xDlg = reactive({ open: false, report: null });
    const viewDlg = reactive({ open: false, data: null, loading: false });
    const recent = ref([]);
    const approval = useApproval();
    const writable = computed(() => can('shifts', true));
    const tz = computed(() => session.venue && session.venue.timezone);
    const instant = (s) => fmtInstant(s, tz.value);

    async function loadCurrent() {
      loading.value = true;
      try {
        const r = await api.get('/shifts/current');
        current.value = r.shift ? r : null;
      } finally {
        loading.value = false;
      }
    }
    async function loadRecent() {
      try {
        const r = await api.get('/shifts', { page_size: 10 }, { quiet: true });
        recent.value = r.items;
      } catch {
        recent.value = [];
      }
    }
    function reload() {
      loadCurrent();
      loadRecent();
    }
    onMounted(reload);

    async function openShift() {
      openForm.error = '';
      if (countTotal(openForm.count) <= 0) {
        openForm.error = t('shift.emptyCount');
        return;
      }
      openForm.saving = true;
      try {
        const body = { opening_count: countBody(openForm.count) };
        if (openForm.handed_over_by.trim()) body.handed_over_by = openForm.handed_over_by.trim();
        const r = await api.post('/shifts', body, { quiet: true });
        ElementPlus.ElMessage.success(t('shift.opened', { n: fmtMoney(r.shift.opening_fen) }));
        openForm.count = {};
        openForm.handed_over_by = '';
        lastZ.value = null;
        reload();
      } catch (e) {
        openForm.error = e.message;
      } finally {
        openForm.saving = false;
      }
    }

    function openCash(kind) {
      Object.assign(cashDlg, { open: true, kind, amount: '', reason: '', error: '' });
    }
    async function saveCash() {
      cashDlg.error = '';
      const fen = parseYuan(cashDlg.amount);
      if (fen === null || fen <= 0) {
        cashDlg.error = t('shift.badAmount');
        return;
      }
      cashDlg.saving = true;
      try {
        await api.post(`/shifts/${current.value.shift.id}/cash`, { kind: cashDlg.kind, amount_fen: fen, reason: cashDlg.reason }, { quiet: true });
        ElementPlus.ElMessage.success(t('shift.cashSaved'));
        cashDlg.open = false;
        loadCurrent();
      } catch (e) {
        cashDlg.error = e.message;
      } finally {
        cashDlg.saving = false;
      }
    }

    async function showX() {
      const r = await api.get(`/shifts/${current.value.shift.id}/x-report`);
      xDlg.report = r;
      xDlg.open = true;
    }

    function startClose() {
      Object.assign(closeDlg, { open: true, count: {}, reason: '', needReason: false, error: '' });
    }
    async function submitClose() {
      closeDlg.error = '';
      closeDlg.saving = true;
      try {
        const body = { closing_count: countBody(closeDlg.count) };
        if (closeDlg.reason.trim()) body.reason = closeDlg.reason.trim();
        const r = await api.post(`/shifts/${current.value.shift.id}/close`, body, { quiet: true });
        closeDlg.open = false;
        lastZ.value = r;
        current.value = null;
        ElementPlus.ElMessage.success(t('shift.closedOk'));
        loadRecent();
      } catch (e) {
        if (e.field === 'reason') {
          closeDlg.needReason = true;
          closeDlg.error = t('shift.reasonNeeded');
        } else closeDlg.error = e.message;
      } finally {
        closeDlg.saving = false;
      }
    }

    async function approveDiff(shift, after) {
      const d = shift.difference_fen;
      const msg = `${outcomeOf(d).label} ¥${fmtMoney(d < 0 ? -d : d)}`;
      const creds = await approval.ask(msg);
      if (!creds) return;
      try {
        const r = await api.post(`/shifts/${shift.id}/approve`, creds, { quiet: true });
        ElementPlus.ElMessage.success(t('shift.approved'));
        if (after) after(r.shift);
        loadRecent();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }

    async function view(row) {
      viewDlg.open = true;
      viewDlg.loading = true;
      try {
        viewDlg.data = await api.get('/shifts/' + row.id);
      } finally {
        viewDlg.loading = false;
      }
    }

    function printZ() {
      window.print();
    }
    const nonCash = computed(() => {
      const ch = (current.value && current.value.report.channels) || [];
      let s = 0n;
      for (const c of ch) if (c.method !== 'cash') s += BigInt(c.payments_fen) - BigInt(c.refunds_fen);
      return Number(s);
    });
    const cashTitle = computed(() => ({ pay_in: t('shift.payIn'), pay_out: t('shift.payOut'), safe_drop: t('shift.safeDrop') })[cashDlg.kind]);

    return {
      t, ui, isEn, loading, current, lastZ, openForm, cashDlg, closeDlg, xDlg, viewDlg, recent, approval, writable, instant, fmtMoney,
      openShift, openCash, saveCash, showX, startClose, submitClose, approveDiff, view, printZ, nonCash, cashTitle, STATUS_TONE, outcomeOf,
      go: (p) => { location.hash = '#' + p; },
    };
  },
  template: `
  <div class="page" data-test="page-shift">
    <PageHeader :title="t('shift.title')" :subtitle="t('shift.subtitle')">
      <el-button @click="go('/frontdesk/board')"><el-icon><IconMonitor /></el-icon>{{ t('shift.toBoard') }}</el-button>
    </PageHeader>

    <!-- Right after the close: the frozen Z report. -->
    <section v-if="lastZ" class="panel z-panel" data-test="z-panel">
      <div class="panel-head">
        <h2 class="panel-title"><el-icon><IconDocumentChecked /></el-icon>{{ t('shift.zTitle') }}</h2>
        <div class="page-header-actions no-print">
          <el-button v-if="lastZ.shift.difference_fen && !lastZ.shift.difference_approved" type="warning" data-test="approve-diff" @click="approveDiff(lastZ.shift, (s) => lastZ.shift = s)"><el-icon><IconKey /></el-icon>{{ t('shift.approve') }}</el-button>
          <el-button @click="printZ"><el-icon><IconPrinter /></el-icon>{{ t('shift.print') }}</el-button>
          <el-button type="primary" @click="lastZ = null">{{ t('shift.openNew') }}</el-button>
        </div>
      </div>
      <ShiftReport :report="lastZ.report" :record="lastZ.shift" />
    </section>

    <template v-else-if="!loading && !current">
      <section class="panel open-panel" data-test="shift-open-panel">
        <div class="open-lead">
          <div class="open-icon"><el-icon><IconWallet /></el-icon></div>
          <div>
            <h2 class="panel-title" style="margin-bottom:4px">{{ t('shift.noneTitle') }}</h2>
            <p class="panel-note" style="margin:0">{{ t('shift.noneText') }}</p>
          </div>
        </div>
        <div class="open-grid">
          <div>
            <div class="section-title">{{ t('shift.openCount') }}</div>
            <CashCount v-model="openForm.count" testid="open-count" />
          </div>
          <div>
            <el-form label-position="top" @submit.prevent="openShift">
              <el-form-item :label="t('shift.handover')"><el-input v-model="openForm.handed_over_by" :placeholder="t('shift.handoverPh')" data-test="handed-over-by" /></el-form-item>
            </el-form>
            <el-alert v-if="openForm.error" :title="openForm.error" type="error" :closable="false" show-icon style="margin-bottom:12px" data-test="open-error" />
            <el-button v-if="writable" type="primary" size="large" :loading="openForm.saving" data-test="shift-open" @click="openShift" style="width:100%"><el-icon><IconUnlock /></el-icon>{{ t('shift.open') }}</el-button>
          </div>
        </div>
      </section>
    </template>

    <template v-else-if="current">
      <section class="panel shift-hero" data-test="shift-current">
        <div class="shift-hero-head">
          <div>
            <div class="shift-hero-title">{{ t('shift.current', { id: current.shift.id }) }} <el-tag type="primary" effect="dark" round size="small">{{ t('shift.status.open') }}</el-tag></div>
            <div class="panel-note">{{ t('shift.since', { t: instant(current.shift.opened_at) }) }} · {{ current.shift.cashier_name }}<span v-if="current.shift.handed_over_by"> · {{ t('zr.handedOver') }} {{ current.shift.handed_over_by }}</span></div>
          </div>
          <div class="page-header-actions" v-if="writable">
            <el-button @click="openCash('pay_in')" data-test="cash-pay-in"><el-icon><IconPlus /></el-icon>{{ t('shift.payIn') }}</el-button>
            <el-button @click="openCash('pay_out')" data-test="cash-pay-out"><el-icon><IconMinus /></el-icon>{{ t('shift.payOut') }}</el-button>
            <el-button @click="openCash('safe_drop')" data-test="cash-safe-drop"><el-icon><IconLock /></el-icon>{{ t('shift.safeDrop') }}</el-button>
            <el-button @click="showX" data-test="x-report"><el-icon><IconTickets /></el-icon>{{ t('shift.xReport') }}</el-button>
            <el-button type="danger" @click="startClose" data-test="shift-close"><el-icon><IconSwitchButton /></el-icon>{{ t('shift.close') }}</el-button>
          </div>
        </div>
        <div class="kpi-grid cols-4" style="margin:14px 0 0">
          <KpiCard :label="t('shift.float')" prefix="¥" :value="fmtMoney(current.shift.opening_fen)" icon="Wallet" tone="amber" testid="kpi-float" />
          <KpiCard :label="t('shift.bills')" :value="String(current.report.bills_count)" icon="Tickets" tone="green" testid="kpi-bills" />
          <KpiCard :label="t('shift.payments')" :value="String(current.report.payments_count)" icon="Coin" tone="cyan" />
          <KpiCard :label="t('shift.nonCash')" prefix="¥" :value="fmtMoney(nonCash)" icon="Iphone" tone="primary" testid="kpi-noncash" />
        </div>
      </section>
      <section class="panel"><ShiftReport :report="current.report" :record="current.shift" /></section>
    </template>

    <section class="panel" v-if="recent.length">
      <div class="panel-head"><h2 class="panel-title"><el-icon><IconClock /></el-icon>{{ t('shift.recent') }}</h2></div>
      <div class="table-wrap">
        <el-table :data="recent" size="small" @row-click="view" row-class-name="clickable" data-test="recent-shifts">
          <el-table-column :label="t('shift.id')" min-width="70"><template #default="{ row }">#{{ row.id }}</template></el-table-column>
          <el-table-column :label="t('zr.cashier')" prop="cashier_name" min-width="90" />
          <el-table-column :label="t('zr.day')" prop="business_day" min-width="100" />
          <el-table-column :label="t('shift.status')" min-width="86"><template #default="{ row }"><el-tag size="small" :type="STATUS_TONE[row.status]" effect="light">{{ t('shift.status.' + row.status) }}</el-tag></template></el-table-column>
          <el-table-column :label="t('shift.openedAt')" min-width="130"><template #default="{ row }"><span class="num">{{ instant(row.opened_at) }}</span></template></el-table-column>
          <el-table-column :label="t('shift.closedAt')" min-width="130"><template #default="{ row }"><span class="num">{{ row.closed_at ? instant(row.closed_at) : '—' }}</span></template></el-table-column>
          <el-table-column :label="t('shift.float')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ fmtMoney(row.opening_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('shift.diff')" align="right" min-width="100"><template #default="{ row }">
            <span v-if="row.difference_fen === null" class="muted">—</span>
            <span v-else class="num" :class="{ 'money-neg': row.difference_fen < 0 }">{{ fmtMoney(row.difference_fen) }}</span></template></el-table-column>
        </el-table>
      </div>
    </section>

    <el-dialog v-model="cashDlg.open" :title="cashTitle" :width="ui.isPhone ? '94%' : '420px'" append-to-body data-test="cash-dialog">
      <el-form label-position="top" @submit.prevent="saveCash">
        <el-form-item :label="t('shift.amount')" required><el-input v-model="cashDlg.amount" inputmode="decimal" data-test="cash-amount"><template #prefix>¥</template></el-input></el-form-item>
        <el-form-item :label="t('shift.cashReason')" :required="cashDlg.kind === 'pay_out'"><el-input v-model="cashDlg.reason" maxlength="200" :placeholder="cashDlg.kind === 'pay_out' ? t('shift.cashReasonPh') : ''" data-test="cash-reason" /></el-form-item>
        <el-alert v-if="cashDlg.error" :title="cashDlg.error" type="error" :closable="false" show-icon />
      </el-form>
      <template #footer>
        <el-button @click="cashDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="cashDlg.saving" data-test="cash-save" @click="saveCash">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="closeDlg.open" :title="t('shift.closeTitle')" :width="ui.isPhone ? '96%' : '560px'" append-to-body data-test="close-dialog">
      <p class="panel-note" style="margin-top:0">{{ t('shift.closeLead') }}</p>
      <CashCount v-model="closeDlg.count" testid="close-count" />
      <el-form label-position="top" v-if="closeDlg.needReason" style="margin-top:12px">
        <el-form-item :label="t('shift.reason')" required><el-input v-model="closeDlg.reason" type="textarea" :rows="2" maxlength="200" data-test="close-reason" /></el-form-item>
      </el-form>
      <el-alert v-if="closeDlg.error" :title="closeDlg.error" :type="closeDlg.needReason ? 'warning' : 'error'" :closable="false" show-icon style="margin-top:10px" data-test="close-error" />
      <template #footer>
        <el-button @click="closeDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="danger" :loading="closeDlg.saving" data-test="close-submit" @click="submitClose">{{ t('shift.submitClose') }}</el-button>
      </template>
    </el-dialog>

    <el-drawer v-model="xDlg.open" :title="t('shift.xReport')" :size="ui.isPhone ? '100%' : '720px'" append-to-body>
      <ShiftReport v-if="xDlg.report" :report="xDlg.report" />
    </el-drawer>

    <el-drawer v-model="viewDlg.open" :title="t('shift.report')" :size="ui.isPhone ? '100%' : '760px'" append-to-body data-test="shift-view">
      <div v-loading="viewDlg.loading">
        <template v-if="viewDlg.data">
          <div v-if="viewDlg.data.shift.difference_fen && !viewDlg.data.shift.difference_approved" style="margin-bottom:12px">
            <el-button type="warning" @click="approveDiff(viewDlg.data.shift, (s) => viewDlg.data.shift = s)"><el-icon><IconKey /></el-icon>{{ t('shift.approve') }}</el-button>
          </div>
          <ShiftReport :report="viewDlg.data.report" :record="viewDlg.data.shift" />
        </template>
      </div>
    </el-drawer>
    <ApprovalDialog :state="approval" />
  </div>`,
  components: { ShiftReport },
};
