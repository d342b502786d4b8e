// pages/finance/transfers.js: 资金划转与渠道到账: the safe, the bank and each channel's clearing
// account on the books as cards (with what each channel took in this week); a new transfer:
// a channel settlement typed as what arrived and the fee the channel kept (the page suggests
// yesterday's takings at the channel's usual rate), a cash deposit (存现), a withdrawal for
// change (取现) or any other pair, with the journal entry it will post shown before saving; the
// list of transfers of the chosen days with their totals, and cancellation by a reversal.
// Nothing is ever edited: a wrong transfer is cancelled and entered again.
import { t, addMessages, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtInstant, businessToday, monthStart, isDay, parseYuan } from '../../format.js';
import { DateRange } from '../../components.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'tr.title': ['资金划转与渠道到账', 'Transfers & settlements'],
  'tr.subtitle': ['微信、支付宝、银行卡的营业款到账（扣渠道手续费）、保险柜存现、取现备零；逐笔记账，录错只冲销、不修改', 'WeChat, Alipay and card takings arriving in the bank net of the channel\'s fee, cash deposited from the safe, cash drawn for change; each posted to the books; mistakes are cancelled, never edited'],
  'tr.new': ['新增划转', 'New transfer'],
  'tr.balances': ['账面余额', 'Balances on the books'],
  'tr.week': ['近 7 天收款 ¥{n}', '¥{n} taken in the last 7 days'],
  'tr.yesterday': ['昨日 {day} 收款 ¥{n}', '¥{n} taken on {day}'],
  'tr.cashNote': ['保险柜现金不能划成负数', 'The safe may never go below zero'],
  'tr.bankNote': ['银行存款账面余额', 'Bank balance on the books'],
  'tr.kind': ['类型', 'Kind'],
  'tr.kind.settlement': ['渠道到账', 'Channel settlement'],
  'tr.kind.deposit': ['存现', 'Cash deposit'],
  'tr.kind.withdrawal': ['取现', 'Cash withdrawal'],
  'tr.kind.other': ['其他划转', 'Other transfer'],
  'tr.day': ['营业日', 'Business day'],
  'tr.from': ['转出账户', 'From'],
  'tr.to': ['转入账户', 'To'],
  'tr.channel': ['支付渠道', 'Channel'],
  'tr.account': ['账户', 'Account'],
  'tr.anyAccount': ['全部账户', 'Any account'],
  'tr.amount': ['转出金额', 'Amount out'],
  'tr.amountYuan': ['金额（元）', 'Amount (yuan)'],
  'tr.arrivedYuan': ['实际到账（元）', 'Arrived (yuan)'],
  'tr.feeYuan': ['渠道手续费（元）', 'Channel fee (yuan)'],
  'tr.fee': ['手续费', 'Fee'],
  'tr.arrived': ['到账', 'Arrived'],
  'tr.reference': ['凭证号/结算批次', 'Slip / batch no.'],
  'tr.referencePh': ['银行回单号或渠道结算批次号（可不填，同一账户不能重复）', 'The bank slip or the channel\'s batch number (optional; once per account)'],
  'tr.note': ['备注', 'Note'],
  'tr.status': ['状态', 'Status'],
  'tr.st.posted': ['已入账', 'Posted'],
  'tr.st.cancelled': ['已冲销', 'Cancelled'],
  'tr.createdBy': ['经办人', 'Entered by'],
  'tr.cancel': ['冲销', 'Cancel'],
  'tr.cancelPrompt': ['冲销将在今天的营业日做一笔反向分录，原记录保留。请填写冲销原因', 'A reversal entry posts today; the transfer stays. Why is it cancelled?'],
  'tr.reasonMissing': ['请填写原因', 'Give a reason'],
  'tr.cancelled': ['已冲销', 'Cancelled'],
  'tr.saved': ['已记账：{kind} ¥{amount}', 'Posted: {kind} ¥{amount}'],
  'tr.totals': ['{n} 笔（冲销 {c} 笔）· 转出 ¥{a} · 手续费 ¥{f} · 到账 ¥{r}', '{n} transfers ({c} cancelled) · out ¥{a} · fees ¥{f} · arrived ¥{r}'],
  'tr.totalsNote': ['合计只含已入账的划转', 'Totals count posted transfers only'],
  'tr.listTitle': ['资金划转明细 {from} 至 {to}', 'Transfers {from} to {to}'],
  'tr.badRange': ['请选择有效的营业日范围', 'Choose a valid range of business days'],
  'tr.preview': ['将记账', 'Will post'],
  'tr.debit': ['借方', 'Debit'],
  'tr.credit': ['贷方', 'Credit'],
  'tr.suggest': ['按 {rate}% 估算昨日（{day}）到账', 'Estimate yesterday\'s ({day}) at {rate}%'],
  'tr.suggestNone': ['昨日没有该渠道的收款', 'Nothing taken on this channel yesterday'],
  'tr.amountBad': ['金额应为大于 0 的元，最多两位小数（如 350.00）', 'An amount in yuan above 0 with at most two decimals (e.g. 350.00)'],
  'tr.feeBad': ['手续费应为 0 或以上的元，最多两位小数', 'A fee in yuan, 0 or more, at most two decimals'],
  'tr.sameAccount': ['转出与转入账户不能相同', 'From and to must differ'],
  'tr.submit': ['保存并记账', 'Save and post'],
  'tr.feeAccount': ['6012 支付渠道手续费', '6012 Payment channel fees'],
  'tr.safeHint': ['保险柜账面现金 ¥{n}', 'The safe holds ¥{n} on the books'],
  'tr.view': ['分录', 'Entry'],
  'tr.entry': ['资金划转 #{id}', 'Transfer #{id}'],
  'tr.lines': ['记账分录', 'Journal entry'],
  'tr.reversal': ['冲销分录', 'Reversal entry'],
});

const CHANNELS = ['clr_wechat', 'clr_alipay', 'clr_card', 'clr_other'];
const KIND_TONE = { settlement: 'success', deposit: 'primary', withdrawal: 'warning', other: 'info' };
const CARD_TONE = { safe: 'warning', bank: 'primary', clr_wechat: 'success', clr_alipay: 'primary', clr_card: 'danger', clr_other: 'info' };
const CARD_ICON = { safe: 'Lock', bank: 'CreditCard', clr_wechat: 'ChatDotRound', clr_alipay: 'Wallet', clr_card: 'Postcard', clr_other: 'Coin' };

export default {
  name: 'TransfersPage',
  components: { DateRange },
  setup() {
    const today = businessToday(session.venue);
    const q = route.query;
    const filter = reactive({ from: isDay(q.from) ? q.from : monthStart(today), to: isDay(q.to) ? q.to : today, account: q.account || '' });
    const page = ref(Number(q.page) > 0 ? Number(q.page) : 1);
    const pageSize = ref(Number(q.page_size) > 0 ? Number(q.page_size) : 50);
    const rows = ref([]);
    const total = ref(0);
    const totals = ref(null);
    const loading = ref(false);
    const balances = ref([]);
    const writable = computed(() => can('finance', true));
    const tz = computed(() => session.venue && session.venue.timezone);
    const dlg = reactive({ open: false, saving: false, error: '', field: '', kind: 'settlement', day: today, channel: 'clr_wechat', from: 'safe', to: 'bank', amount: '', arrived: '', fee: '', reference: '', note: '' });
    const drawer = reactive({ open: false, loading: false, tr: null });

    const accountName = (key) => {
      const b = balances.value.find((x) => x.account === key);
      if (!b) return key;
      return `${b.code} ${isEn() && b.name_en ? b.name_en : b.name}`;
    };
    const balanceOf = (key) => balances.value.find((x) => x.account === key);
    const lineAccount = (l) => `${l.account_code} ${isEn() && l.account_name_en ? l.account_name_en : l.account_name}`;
    const instant = (s) => fmtInstant(s, tz.value);

    function params() {
      return { from: filter.from, to: filter.to, account: filter.account };
    }
    async function loadBalances() {
      try {
        balances.value = (await api.get('/finance/balances')).items;
      } catch {
        /* shown */
      }
    }
    async function load() {
      if (!isDay(filter.from) || !isDay(filter.to) || filter.from > filter.to) {
        ElementPlus.ElMessage.warning(t('tr.badRange'));
        return;
      }
      setQuery({ ...params(), page: page.value > 1 ? page.value : '', page_size: pageSize.value !== 50 ? pageSize.value : '' });
      loading.value = true;
      try {
        const r = await api.get('/finance/transfers', { ...params(), page: page.value, page_size: pageSize.value });
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
    onMounted(() => {
      loadBalances();
      load();
    });
    function search() {
      page.value = 1;
      load();
    }
    const print = () => window.print();

    // ---- the dialog: what the kind means for the accounts and the amounts
    const dlgFrom = computed(() => ({ settlement: dlg.channel, deposit: 'safe', withdrawal: 'bank', other: dlg.from })[dlg.kind]);
    const dlgTo = computed(() => ({ settlement: 'bank', deposit: 'bank', withdrawal: 'safe', other: dlg.to })[dlg.kind]);
    const feeFen = computed(() => (dlg.kind === 'settlement' ? (dlg.fee.trim() === '' ? 0 : parseYuan(dlg.fee)) : 0));
    /** What leaves the from-account: for a settlement, what arrived plus the fee. */
    const amountFen = computed(() => {
      if (dlg.kind !== 'settlement') return parseYuan(dlg.amount);
      const arrived = parseYuan(dlg.arrived);
      return arrived === null || feeFen.value === null ? null : arrived + feeFen.value;
    });
    const preview = computed(() => {
      const a = amountFen.value;
      if (!a || feeFen.value === null || dlgFrom.value === dlgTo.value) return [];
      const lines = [{ account: accountName(dlgTo.value), debit: a - feeFen.value, credit: 0 }];
      if (feeFen.value > 0) lines.push({ account: t('tr.feeAccount'), debit: feeFen.value, credit: 0 });
      lines.push({ account: accountName(dlgFrom.value), debit: 0, credit: a });
      return lines;
    });
    const expected = computed(() => {
      const b = balanceOf(dlg.channel);
      return b && b.expected ? b.expected : null;
    });
    function suggest() {
      const e = expected.value;
      if (!e || e.amount_fen <= 0) {
        ElementPlus.ElMessage.info(t('tr.suggestNone'));
        return;
      }
      dlg.arrived = fmtMoney(e.arrived_fen).replace(/,/g, '');
      dlg.fee = fmtMoney(e.fee_fen).replace(/,/g, '');
    }
    const rateText = (bp) => (bp / 100).toFixed(2).replace(/0$/, '');
    function startNew(kind) {
      Object.assign(dlg, { open: true, saving: false, error: '', field: '', kind: kind || 'settlement', day: businessToday(session.venue), channel: 'clr_wechat', from: 'clr_other', to: 'bank', amount: '', arrived: '', fee: '', reference: '', note: '' });
    }
    const futureDay = (d) => {
      const s = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      return s > businessToday(session.venue);
    };
    async function submitNew() {
      dlg.error = '';
      dlg.field = '';
      if (feeFen.value === null) {
        Object.assign(dlg, { error: t('tr.feeBad'), field: 'fee' });
        return;
      }
      if (!amountFen.value) {
        Object.assign(dlg, { error: t('tr.amountBad'), field: 'amount' });
        return;
      }
      if (dlgFrom.value === dlgTo.value) {
        Object.assign(dlg, { error: t('tr.sameAccount'), field: 'to_account' });
        return;
      }
      const body = { day: dlg.day, from_account: dlgFrom.value, to_account: dlgTo.value, amount_fen: amountFen.value };
      if (feeFen.value) body.fee_fen = feeFen.value;
      if (dlg.reference.trim()) body.reference = dlg.reference.trim();
      if (dlg.note.trim()) body.note = dlg.note.trim();
      dlg.saving = true;
      try {
        const r = await api.post('/finance/transfers', body, { quiet: true });
        dlg.open = false;
        ElementPlus.ElMessage.success(t('tr.saved', { kind: t('tr.kind.' + r.transfer.kind), amount: fmtMoney(r.transfer.amount_fen) }));
        if (r.transfer.day < filter.from) filter.from = r.transfer.day;
        if (r.transfer.day > filter.to) filter.to = r.transfer.day;
        loadBalances();
        search();
      } catch (e) {
        dlg.error = e.message;
        dlg.field = e.field || '';
      } finally {
        dlg.saving = false;
      }
    }
    const fieldIs = (...names) => (names.includes(dlg.field) ? ' ' : '');

    // ---- one transfer: its entry, and cancellation
    async function openTransfer(row) {
      drawer.open = true;
      drawer.loading = true;
      drawer.tr = { ...row, lines: [], reversal_lines: [] };
      try {
        drawer.tr = (await api.get('/finance/transfers/' + row.id)).transfer;
      } catch {
        /* shown */
      } finally {
        drawer.loading = false;
      }
    }
    async function cancel(row) {
      let reason;
      try {
        const { value } = await ElementPlus.ElMessageBox.prompt(t('tr.cancelPrompt'), t('tr.cancel'), {
          confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), inputPattern: /\S/, inputErrorMessage: t('tr.reasonMissing'),
          inputPlaceholder: t('common.required'), confirmButtonClass: 'el-button--danger', customClass: 'tr-reason-box',
        });
        reason = value.trim();
      } catch {
        return;
      }
      try {
        const r = await api.post(`/finance/transfers/${row.id}/cancel`, { reason });
        if (drawer.open && drawer.tr && drawer.tr.id === row.id) drawer.tr = r.transfer;
        ElementPlus.ElMessage.success(t('tr.cancelled'));
        loadBalances();
        load();
      } catch {
        /* shown */
      }
    }

    return {
      t, ui, filter, page, pageSize, rows, total, totals, loading, balances, writable, dlg, drawer, CHANNELS, KIND_TONE, CARD_TONE, CARD_ICON,
      dlgFrom, dlgTo, feeFen, amountFen, preview, expected, load, search, print, startNew, submitNew, suggest, rateText, futureDay, fieldIs,
      openTransfer, cancel, accountName, balanceOf, lineAccount, instant, fmtMoney, fmtInt, isEn,
    };
  },
  template: `
  <div class="page" data-test="page-transfers">
    <PageHeader :title="t('tr.title')" :subtitle="t('tr.subtitle')">
      <el-button v-if="writable" type="primary" data-test="tr-new" @click="startNew()"><el-icon><IconPlus /></el-icon>{{ t('tr.new') }}</el-button>
      <el-button v-if="!ui.isPhone" data-test="tr-print" @click="print"><el-icon><IconPrinter /></el-icon>{{ t('common.print') }}</el-button>
    </PageHeader>

    <div class="kpi-grid cols-6" data-test="tr-balances">
      <KpiCard v-for="b in balances" :key="b.account" :label="b.code + ' ' + (isEn() && b.name_en ? b.name_en : b.name)" prefix="¥" :value="fmtMoney(b.balance_fen)"
        :sub="b.clearing ? t('tr.week', { n: fmtMoney(b.received_7d_fen) }) + ' · ' + t('tr.yesterday', { day: b.expected.for_day, n: fmtMoney(b.expected.amount_fen) }) : (b.account === 'safe' ? t('tr.cashNote') : t('tr.bankNote'))"
        :tone="CARD_TONE[b.account] || 'primary'" :icon="CARD_ICON[b.account] || 'Coin'" :testid="'tr-bal-' + b.account" />
    </div>

    <div class="panel filter-panel">
      <div class="filter-bar">
        <DateRange v-model:from="filter.from" v-model:to="filter.to" @change="search" />
        <el-select v-model="filter.account" clearable :placeholder="t('tr.anyAccount')" @change="search" style="width:180px" data-test="tr-filter-account">
          <el-option v-for="b in balances" :key="b.account" :value="b.account" :label="accountName(b.account)" />
        </el-select>
        <el-button type="primary" data-test="tr-search" @click="search"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
      </div>
    </div>

    <section class="panel">
      <div class="panel-head">
        <b>{{ t('tr.listTitle', { from: filter.from, to: filter.to }) }}</b>
        <span class="panel-note" data-test="tr-totals" v-if="totals">{{ t('tr.totals', { n: fmtInt(totals.count), c: fmtInt(totals.cancelled), a: fmtMoney(totals.amount_fen), f: fmtMoney(totals.fee_fen), r: fmtMoney(totals.arrived_fen) }) }} · {{ t('tr.totalsNote') }}</span>
      </div>
      <div class="table-wrap">
        <el-table :data="rows" v-loading="loading" :empty-text="t('common.noData')" @row-click="openTransfer" row-class-name="clickable" data-test="tr-table">
          <el-table-column :label="t('tr.day')" prop="day" min-width="104" />
          <el-table-column :label="t('tr.kind')" :min-width="isEn() ? 160 : 100"><template #default="{ row }"><el-tag size="small" effect="plain" :type="KIND_TONE[row.kind]">{{ t('tr.kind.' + row.kind) }}</el-tag></template></el-table-column>
          <el-table-column :label="t('tr.from')" :min-width="isEn() ? 190 : 150"><template #default="{ row }">{{ accountName(row.from_account) }}</template></el-table-column>
          <el-table-column :label="t('tr.to')" :min-width="isEn() ? 150 : 120"><template #default="{ row }">{{ accountName(row.to_account) }}</template></el-table-column>
          <el-table-column :label="t('tr.amount')" min-width="110" align="right"><template #default="{ row }"><span class="num" :class="{ muted: row.status === 'cancelled' }">{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('tr.fee')" min-width="84" align="right"><template #default="{ row }"><span class="num muted">{{ row.fee_fen ? fmtMoney(row.fee_fen) : '' }}</span></template></el-table-column>
          <el-table-column :label="t('tr.arrived')" min-width="110" align="right"><template #default="{ row }"><b class="num" :class="{ muted: row.status === 'cancelled' }">{{ fmtMoney(row.arrived_fen) }}</b></template></el-table-column>
          <el-table-column :label="t('tr.reference')" prop="reference" min-width="130" />
          <el-table-column :label="t('tr.note')" prop="note" min-width="150" class-name="wrap" />
          <el-table-column :label="t('tr.status')" min-width="84"><template #default="{ row }"><el-tag size="small" :type="row.status === 'posted' ? 'success' : 'danger'" effect="light" :data-test="'tr-status-' + row.id">{{ t('tr.st.' + row.status) }}</el-tag></template></el-table-column>
          <el-table-column :label="t('tr.createdBy')" prop="created_by" min-width="84" />
          <el-table-column v-if="writable" label="" min-width="76" align="center" fixed="right">
            <template #default="{ row }"><el-button v-if="row.status === 'posted'" size="small" type="danger" link :data-test="'tr-cancel-' + row.id" @click.stop="cancel(row)">{{ t('tr.cancel') }}</el-button></template>
          </el-table-column>
        </el-table>
      </div>
      <div class="pager">
        <el-pagination v-model:current-page="page" v-model:page-size="pageSize" :total="total" :page-sizes="[20, 50, 100, 200]"
          :layout="ui.isPhone ? 'total, prev, pager, next' : 'total, sizes, prev, pager, next'" :pager-count="ui.isPhone ? 5 : 7" @current-change="load" @size-change="search" />
      </div>
    </section>

    <el-drawer v-model="drawer.open" :title="drawer.tr ? t('tr.entry', { id: drawer.tr.id }) : ''" :size="ui.isPhone ? '100%' : '560px'" append-to-body data-test="tr-drawer">
      <div v-if="drawer.tr" v-loading="drawer.loading">
        <div style="display:flex;align-items:center;gap:10px;margin-bottom:14px;flex-wrap:wrap">
          <el-tag :type="KIND_TONE[drawer.tr.kind]" effect="plain">{{ t('tr.kind.' + drawer.tr.kind) }}</el-tag>
          <b class="num" style="font-size:20px">¥{{ fmtMoney(drawer.tr.amount_fen) }}</b>
          <el-tag :type="drawer.tr.status === 'posted' ? 'success' : 'danger'" effect="light" data-test="tr-drawer-status">{{ t('tr.st.' + drawer.tr.status) }}</el-tag>
          <span style="flex:1"></span>
          <el-button v-if="writable && drawer.tr.status === 'posted'" size="small" type="danger" plain data-test="tr-drawer-cancel" @click="cancel(drawer.tr)"><el-icon><IconRefreshLeft /></el-icon>{{ t('tr.cancel') }}</el-button>
        </div>
        <div class="detail-grid">
          <div><div class="k">{{ t('tr.day') }}</div><div class="v">{{ drawer.tr.day }}</div></div>
          <div><div class="k">{{ t('tr.reference') }}</div><div class="v">{{ drawer.tr.reference || '—' }}</div></div>
          <div><div class="k">{{ t('tr.from') }}</div><div class="v">{{ accountName(drawer.tr.from_account) }}</div></div>
          <div><div class="k">{{ t('tr.to') }}</div><div class="v">{{ accountName(drawer.tr.to_account) }}</div></div>
          <div><div class="k">{{ t('tr.fee') }}</div><div class="v num">{{ fmtMoney(drawer.tr.fee_fen) }}</div></div>
          <div><div class="k">{{ t('tr.arrived') }}</div><div class="v num">{{ fmtMoney(drawer.tr.arrived_fen) }}</div></div>
          <div><div class="k">{{ t('tr.createdBy') }}</div><div class="v">{{ drawer.tr.created_by }} · <span class="num">{{ instant(drawer.tr.created_at) }}</span></div></div>
          <div v-if="drawer.tr.note"><div class="k">{{ t('tr.note') }}</div><div class="v">{{ drawer.tr.note }}</div></div>
          <div v-if="drawer.tr.cancel_reason" style="grid-column:1/-1"><div class="k">{{ t('tr.cancel') }}</div><div class="v">{{ drawer.tr.cancelled_by }}：{{ drawer.tr.cancel_reason }}</div></div>
        </div>
        <div class="section-title">{{ t('tr.lines') }} <span class="muted">#{{ drawer.tr.entry_id }}</span></div>
        <el-table :data="drawer.tr.lines" size="small" data-test="tr-lines">
          <el-table-column :label="t('tr.account')" min-width="180"><template #default="{ row }">{{ lineAccount(row) }}</template></el-table-column>
          <el-table-column :label="t('tr.debit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen > 0 ? fmtMoney(row.amount_fen) : '' }}</span></template></el-table-column>
          <el-table-column :label="t('tr.credit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen < 0 ? fmtMoney(-row.amount_fen) : '' }}</span></template></el-table-column>
        </el-table>
        <template v-if="drawer.tr.reversal_lines.length">
          <div class="section-title">{{ t('tr.reversal') }} <span class="muted">#{{ drawer.tr.reversal_entry_id }} · {{ drawer.tr.reversal_lines[0].day }}</span></div>
          <el-table :data="drawer.tr.reversal_lines" size="small" data-test="tr-reversal-lines">
            <el-table-column :label="t('tr.account')" min-width="180"><template #default="{ row }">{{ lineAccount(row) }}</template></el-table-column>
            <el-table-column :label="t('tr.debit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen > 0 ? fmtMoney(row.amount_fen) : '' }}</span></template></el-table-column>
            <el-table-column :label="t('tr.credit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.amount_fen < 0 ? fmtMoney(-row.amount_fen) : '' }}</span></template></el-table-column>
          </el-table>
        </template>
      </div>
    </el-drawer>

    <el-dialog v-model="dlg.open" :title="t('tr.new')" :width="ui.isPhone ? '96%' : '560px'" append-to-body data-test="tr-dialog">
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('tr.kind')">
          <el-radio-group v-model="dlg.kind" data-test="tr-kind">
            <el-radio-button v-for="k in ['settlement', 'deposit', 'withdrawal']" :key="k" :value="k" :data-test="'tr-kind-' + k">{{ t('tr.kind.' + k) }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="dlg.kind === 'settlement'" :label="t('tr.channel')" required>
          <el-radio-group v-model="dlg.channel" data-test="tr-channel">
            <el-radio-button v-for="c in CHANNELS" :key="c" :value="c" :data-test="'tr-channel-' + c">{{ accountName(c) }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <div v-if="dlg.kind === 'other'" class="grid-2" style="gap:0 14px">
          <el-form-item :label="t('tr.from')" required :error="fieldIs('from_account')">
            <el-select v-model="dlg.from" style="width:100%" data-test="tr-from"><el-option v-for="b in balances" :key="b.account" :value="b.account" :label="accountName(b.account)" /></el-select>
          </el-form-item>
          <el-form-item :label="t('tr.to')" required :error="fieldIs('to_account')">
            <el-select v-model="dlg.to" style="width:100%" data-test="tr-to"><el-option v-for="k in ['bank', 'safe']" :key="k" :value="k" :label="accountName(k)" /></el-select>
          </el-form-item>
        </div>
        <div class="grid-2" style="gap:0 14px">
          <el-form-item :label="t('tr.day')" required :error="fieldIs('day')">
            <el-date-picker v-model="dlg.day" type="date" value-format="YYYY-MM-DD" :clearable="false" :disabled-date="futureDay" style="width:100%" data-test="tr-day" />
          </el-form-item>
          <el-form-item v-if="dlg.kind !== 'settlement'" :label="t('tr.amountYuan')" required :error="fieldIs('amount', 'amount_fen')">
            <el-input v-model="dlg.amount" inputmode="decimal" placeholder="0.00" data-test="tr-amount"><template #prefix>¥</template></el-input>
          </el-form-item>
          <el-form-item v-else :label="t('tr.arrivedYuan')" required :error="fieldIs('amount', 'amount_fen')">
            <el-input v-model="dlg.arrived" inputmode="decimal" placeholder="0.00" data-test="tr-arrived"><template #prefix>¥</template></el-input>
          </el-form-item>
        </div>
        <template v-if="dlg.kind === 'settlement'">
          <el-form-item :label="t('tr.feeYuan')" :error="fieldIs('fee', 'fee_fen')">
            <el-input v-model="dlg.fee" inputmode="decimal" placeholder="0.00" style="max-width:200px" data-test="tr-fee"><template #prefix>¥</template></el-input>
            <el-button v-if="expected" link type="primary" style="margin-left:12px" data-test="tr-suggest" @click="suggest">{{ t('tr.suggest', { rate: rateText(expected.rate_bp), day: expected.for_day }) }}</el-button>
          </el-form-item>
        </template>
        <p v-if="dlgFrom === 'safe' && balanceOf('safe')" class="panel-note" data-test="tr-safe-hint">{{ t('tr.safeHint', { n: fmtMoney(balanceOf('safe').balance_fen) }) }}</p>
        <el-form-item :label="t('tr.reference')" :error="fieldIs('reference')"><el-input v-model="dlg.reference" maxlength="40" :placeholder="t('tr.referencePh')" data-test="tr-reference" /></el-form-item>
        <el-form-item :label="t('tr.note')"><el-input v-model="dlg.note" type="textarea" :rows="2" maxlength="200" show-word-limit data-test="tr-note" /></el-form-item>
      </el-form>
      <div v-if="preview.length" data-test="tr-preview">
        <div class="section-title">{{ t('tr.preview') }}</div>
        <el-table :data="preview" size="small">
          <el-table-column :label="t('tr.account')" prop="account" min-width="180" />
          <el-table-column :label="t('tr.debit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.debit ? fmtMoney(row.debit) : '' }}</span></template></el-table-column>
          <el-table-column :label="t('tr.credit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.credit ? fmtMoney(row.credit) : '' }}</span></template></el-table-column>
        </el-table>
      </div>
      <el-alert v-if="dlg.error" :title="dlg.error" type="error" :closable="false" show-icon style="margin-top:10px" data-test="tr-error" />
      <template #footer>
        <el-button @click="dlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="dlg.saving" data-test="tr-submit" @click="submitNew">{{ t('tr.submit') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
