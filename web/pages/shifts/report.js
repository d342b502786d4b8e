// pages/shifts/report.js: a shift's X report (mid-shift, blind for its own cashier) or frozen Z
// report (at the close), as the server sends it (src/shifts/report.c). Shared by the cashier's
// shift page and the back office's daily review.
import { t, addMessages, methodName } from '../../i18n.js';
import { session } from '../../store.js';
import { fmtMoney, fmtInstant } from '../../format.js';
import { METHOD_COLORS, denominationLabel } from '../../components.js';

const { computed } = Vue;

addMessages({
  'zr.x': ['X 报表（班中）', 'X report (mid-shift)'],
  'zr.z': ['Z 报表（结班）', 'Z report (close)'],
  'zr.shift': ['班次 #{id}', 'Shift #{id}'],
  'zr.cashier': ['收银员', 'Cashier'],
  'zr.day': ['营业日', 'Business day'],
  'zr.opened': ['开班时间', 'Opened'],
  'zr.closed': ['结班时间', 'Closed'],
  'zr.closedBy': ['结班人', 'Closed by'],
  'zr.handedOver': ['接班自', 'Taken over from'],
  'zr.handedTo': ['交班给', 'Handed over to'],
  'zr.blind': ['盲交：结班清点前不显示应有现金与现金收入', 'Blind count: the expected cash and cash takings stay hidden until the close'],
  'zr.drawer': ['钱箱现金', 'Cash drawer'],
  'zr.opening': ['开班备用金', 'Opening float'],
  'zr.sales': ['现金收款', 'Cash taken'],
  'zr.refunds': ['现金退款', 'Cash refunded'],
  'zr.payIns': ['存入', 'Paid in'],
  'zr.payOuts': ['支出', 'Paid out'],
  'zr.safeDrops': ['存入保险柜', 'Safe drops'],
  'zr.svTopups': ['储值充值现金', 'Stored-value top-ups in cash'],
  'zr.svRefunds': ['储值退款现金', 'Stored-value refunds in cash'],
  'zr.expected': ['应有现金', 'Expected cash'],
  'zr.counted': ['实点现金', 'Counted cash'],
  'zr.difference': ['长短款', 'Over/short'],
  'zr.treatment': ['处理方式', 'Treatment'],
  'zr.reason': ['差异原因', 'Reason'],
  'zr.approvedBy': ['审批人', 'Approved by'],
  'zr.notApproved': ['待经理审批', 'Awaiting a manager'],
  'zr.channels': ['各渠道收款', 'Takings by channel'],
  'zr.method': ['渠道', 'Channel'],
  'zr.payments': ['收款', 'Payments'],
  'zr.count': ['笔数', 'Count'],
  'zr.refunded': ['退款', 'Refunds'],
  'zr.net': ['净额', 'Net'],
  'zr.totalPaid': ['收款合计', 'Payments total'],
  'zr.totalRefunded': ['退款合计', 'Refunds total'],
  'zr.totalNet': ['净收合计', 'Net total'],
  'zr.bills': ['结账单数', 'Bills settled'],
  'zr.cashEvents': ['现金存取记录', 'Cash in and out'],
  'zr.kind': ['类别', 'Kind'],
  'zr.time': ['时间', 'Time'],
  'zr.by': ['经办', 'By'],
  'zr.closingCount': ['结班清点', 'Closing count'],
  'zr.openingCount': ['开班清点', 'Opening count'],
  'zr.openingDiff': ['开班差额（对比上一班清点 {n}）', 'Opening difference (against the last count {n})'],
  'zr.even': ['无差异', 'Even'],
  'zr.over': ['长款', 'Over'],
  'zr.short': ['短款', 'Short'],
  'zr.treat.other_income': ['长款计入其他收入', 'Over booked as other income'],
  'zr.treat.cashier_receivable': ['短款由收银员补缴', 'Short owed by the cashier'],
  'zr.noChannels': ['本班尚无收款', 'No payments in this shift yet'],
  'zr.hiddenCash': ['现金（盲交隐藏）', 'Cash (hidden until close)'],
});

/** Sign-aware label and tone of a difference in fen. */
export function outcomeOf(diff) {
  if (diff === null || diff === undefined) return { label: '', tone: 'info' };
  if (diff > 0) return { label: t('zr.over'), tone: 'warning' };
  if (diff < 0) return { label: t('zr.short'), tone: 'danger' };
  return { label: t('zr.even'), tone: 'success' };
}

export const ShiftReport = {
  name: 'ShiftReport',
  props: { report: Object, record: Object },
  setup(props) {
    const tz = computed(() => session.venue && session.venue.timezone);
    const instant = (s) => fmtInstant(s, tz.value);
    const r = computed(() => props.report || {});
    const cash = computed(() => r.value.cash || {});
    const closing = computed(() => r.value.closing || null);
    const events = computed(() => {
      const it = r.value.cash_items || {};
      const out = [];
      for (const [k, key] of [['payIns', 'pay_ins'], ['payOuts', 'pay_outs'], ['safeDrops', 'safe_drops']])
        for (const e of it[key] || []) out.push({ ...e, kindLabel: t('zr.' + k), sign: key === 'pay_ins' ? '+' : '-' });
      return out.sort((a, b) => a.at - b.at);
    });
    const drawerRows = computed(() => {
      const c = cash.value;
      const rows = [{ k: 'opening', label: t('zr.opening'), fen: c.opening_fen, sign: '' }];
      if (c.sales_fen !== undefined) rows.push({ k: 'sales', label: t('zr.sales'), fen: c.sales_fen, sign: '+' });
      if (c.refunds_fen !== undefined) rows.push({ k: 'refunds', label: t('zr.refunds'), fen: c.refunds_fen, sign: '-' });
      rows.push({ k: 'payins', label: t('zr.payIns'), fen: c.pay_ins_fen, sign: '+' });
      rows.push({ k: 'payouts', label: t('zr.payOuts'), fen: c.pay_outs_fen, sign: '-' });
      rows.push({ k: 'drops', label: t('zr.safeDrops'), fen: c.safe_drops_fen, sign: '-' });
      // Stored value in cash (members' top-ups and refunds of principal): drawer money, not takings.
      if (c.sv_topups_fen !== undefined) rows.push({ k: 'sv-topups', label: t('zr.svTopups'), fen: c.sv_topups_fen, sign: '+' });
      if (c.sv_refunds_fen !== undefined) rows.push({ k: 'sv-refunds', label: t('zr.svRefunds'), fen: c.sv_refunds_fen, sign: '-' });
      return rows;
    });
    const treatName = (x) => (x ? t('zr.treat.' + x) : '');
    const channelName = (c) => methodName(c.method, c.name);
    return { t, r, cash, closing, events, drawerRows, instant, fmtMoney, outcomeOf, treatName, channelName, METHOD_COLORS, denominationLabel };
  },
  template: `
    <div class="shift-report" :data-test="r.kind === 'z' ? 'z-report' : 'x-report'">
      <div class="sr-head">
        <div>
          <div class="sr-kind" :class="'kind-' + r.kind">{{ r.kind === 'z' ? t('zr.z') : t('zr.x') }}</div>
          <div class="sr-title">{{ t('zr.shift', { id: r.shift_id }) }} · {{ r.cashier_name || r.cashier }}</div>
        </div>
        <div class="sr-meta">
          <span>{{ t('zr.day') }} <b>{{ r.business_day }}</b></span>
          <span>{{ t('zr.opened') }} <b class="num">{{ instant(r.opened_at) }}</b></span>
          <span v-if="r.closed_at">{{ t('zr.closed') }} <b class="num">{{ instant(r.closed_at) }}</b></span>
          <span v-if="r.handed_over_by">{{ t('zr.handedOver') }} <b>{{ r.handed_over_by }}</b></span>
          <span v-if="record && record.handed_to">{{ t('zr.handedTo') }} <b>{{ record.handed_to }}</b></span>
        </div>
      </div>
      <el-alert v-if="r.blind" :title="t('zr.blind')" type="info" :closable="false" show-icon class="sr-blind" />

      <div class="sr-grid">
        <div class="sr-block">
          <div class="section-title">{{ t('zr.drawer') }}</div>
          <div class="sr-lines">
            <div class="sr-line" v-for="row in drawerRows" :key="row.k" :data-test="'z-cash-' + row.k">
              <span>{{ row.label }}</span><span class="num">{{ row.fen ? row.sign : '' }}{{ fmtMoney(row.fen) }}</span>
            </div>
            <div class="sr-line strong" v-if="cash.expected_fen !== undefined" data-test="z-expected"><span>{{ t('zr.expected') }}</span><span class="num">¥{{ fmtMoney(cash.expected_fen) }}</span></div>
          </div>
          <template v-if="closing">
            <div class="sr-lines sr-closing">
              <div class="sr-line"><span>{{ t('zr.counted') }}</span><span class="num" data-test="z-counted">¥{{ fmtMoney(closing.counted_fen) }}</span></div>
              <div class="sr-line strong" data-test="z-difference">
                <span>{{ t('zr.difference') }} <el-tag size="small" :type="outcomeOf(closing.difference_fen).tone" effect="dark" round>{{ outcomeOf(closing.difference_fen).label }}</el-tag></span>
                <span class="num" :class="{ 'money-neg': closing.difference_fen < 0 }">{{ closing.difference_fen > 0 ? '+' : '' }}{{ fmtMoney(closing.difference_fen) }}</span>
              </div>
              <div class="sr-line" v-if="closing.treatment"><span>{{ t('zr.treatment') }}</span><span>{{ treatName(closing.treatment) }}</span></div>
              <div class="sr-line" v-if="closing.reason"><span>{{ t('zr.reason') }}</span><span>{{ closing.reason }}</span></div>
              <div class="sr-line" v-if="record && closing.difference_fen"><span>{{ t('zr.approvedBy') }}</span>
                <span v-if="record.difference_approved_by">{{ record.difference_approved_by }}</span><el-tag v-else size="small" type="warning">{{ t('zr.notApproved') }}</el-tag></span>
            </div>
            <div class="sr-count">
              <span class="muted">{{ t('zr.closingCount') }}：</span>
              <span v-for="c in closing.count" :key="c.denomination_fen" class="tag-soft">{{ denominationLabel(c.denomination_fen) }} × {{ c.pieces }}</span>
            </div>
          </template>
          <div class="sr-count" v-if="r.opening && r.opening.count">
            <span class="muted">{{ t('zr.openingCount') }}：</span>
            <span v-for="c in r.opening.count" :key="c.denomination_fen" class="tag-soft">{{ denominationLabel(c.denomination_fen) }} × {{ c.pieces }}</span>
            <div v-if="r.opening.previous_counted_fen !== null && r.opening.previous_counted_fen !== undefined && r.opening.opening_difference_fen" class="panel-note">
              {{ t('zr.openingDiff', { n: fmtMoney(r.opening.previous_counted_fen) }) }}: {{ fmtMoney(r.opening.opening_difference_fen) }}
            </div>
          </div>
        </div>

        <div class="sr-block">
          <div class="section-title">{{ t('zr.channels') }}</div>
          <el-table :data="r.channels || []" size="small" :empty-text="t('zr.noChannels')" data-test="z-channels">
            <el-table-column :label="t('zr.method')" min-width="110"><template #default="{ row }"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ channelName(row) }}</template></el-table-column>
            <el-table-column :label="t('zr.count')" prop="payments_count" align="right" min-width="56" />
            <el-table-column :label="t('zr.payments')" align="right" min-width="96"><template #default="{ row }"><span class="num">{{ fmtMoney(row.payments_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('zr.refunded')" align="right" min-width="86"><template #default="{ row }"><span class="num">{{ fmtMoney(row.refunds_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('zr.net')" align="right" min-width="96"><template #default="{ row }"><b class="num">{{ fmtMoney(row.net_fen) }}</b></template></el-table-column>
          </el-table>
          <div class="panel-note" v-if="r.blind" style="margin-top:6px">{{ t('zr.hiddenCash') }}</div>
          <div class="bill-totals" v-if="r.payments_total_fen !== undefined">
            <div class="row"><span>{{ t('zr.bills') }}</span><span class="num">{{ r.bills_count }}</span></div>
            <div class="row"><span>{{ t('zr.totalPaid') }}</span><span class="num" data-test="z-payments-total">¥{{ fmtMoney(r.payments_total_fen) }}</span></div>
            <div class="row"><span>{{ t('zr.totalRefunded') }}</span><span class="num">{{ r.refunds_total_fen ? '-' : '' }}¥{{ fmtMoney(r.refunds_total_fen) }}</span></div>
            <div class="row grand"><span>{{ t('zr.totalNet') }}</span><span class="num" data-test="z-net-total">¥{{ fmtMoney(r.net_total_fen) }}</span></div>
          </div>
          <div class="bill-totals" v-else>
            <div class="row"><span>{{ t('zr.bills') }}</span><span class="num">{{ r.bills_count }}</span></div>
          </div>
        </div>
      </div>

      <template v-if="events.length">
        <div class="section-title">{{ t('zr.cashEvents') }}</div>
        <el-table :data="events" size="small">
          <el-table-column :label="t('zr.time')" min-width="130"><template #default="{ row }"><span class="num">{{ instant(row.at) }}</span></template></el-table-column>
          <el-table-column :label="t('zr.kind')" prop="kindLabel" min-width="90" />
          <el-table-column :label="t('common.amount')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ row.sign }}{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('zr.reason')" prop="reason" min-width="140" class-name="wrap" />
          <el-table-column :label="t('zr.by')" prop="by" min-width="80" />
        </el-table>
      </template>
    </div>`,
};
