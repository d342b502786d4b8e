// pages/finance/ledger.js: 总账与科目: the chart of accounts with balances, the journal (every
// entry the money events posted, manual entries and their reversals), the trial balance (zero
// at every moment), an account's statement, and which revenue account each product category
// posts to. Finance adds and renames accounts and posts manual entries; nothing is ever edited:
// a manual entry is corrected by its reversal.
import { t, addMessages, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInstant, businessToday, addDays, monthStart, isDay, parseYuan } from '../../format.js';
import { DateRange } from '../../components.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'lg.title': ['总账与科目', 'Ledger'],
  'lg.subtitle': ['每一笔收款、退款、交班、储值、费用都生成借贷平衡的分录；分录只冲销、不修改', 'Every payment, refund, shift, stored value and expense posts a balanced entry; entries are reversed, never edited'],
  'lg.tab.accounts': ['科目表', 'Chart of accounts'],
  'lg.tab.journal': ['记账分录', 'Journal'],
  'lg.tab.trial': ['试算平衡表', 'Trial balance'],
  'lg.tab.statement': ['科目明细账', 'Account statement'],
  'lg.tab.categories': ['商品收入科目', 'Revenue by category'],
  'lg.code': ['代码', 'Code'],
  'lg.name': ['科目名称', 'Account'],
  'lg.type': ['类别', 'Type'],
  'lg.grp': ['报表分组', 'Group'],
  'lg.party': ['明细', 'Party'],
  'lg.debit': ['借方', 'Debit'],
  'lg.credit': ['贷方', 'Credit'],
  'lg.balance': ['余额', 'Balance'],
  'lg.system': ['自动记账', 'Posted by events'],
  'lg.inactive': ['已停用', 'Inactive'],
  'lg.add': ['新增科目', 'New account'],
  'lg.edit': ['编辑科目', 'Edit account'],
  'lg.nameEn': ['英文名称', 'English name'],
  'lg.active': ['启用', 'Active'],
  'lg.sort': ['排序', 'Order'],
  'lg.asOf': ['截至营业日', 'As of business day'],
  'lg.all': ['全部', 'All'],
  'lg.t.asset': ['资产', 'Asset'],
  'lg.t.liability': ['负债', 'Liability'],
  'lg.t.equity': ['权益', 'Equity'],
  'lg.t.revenue': ['收入', 'Revenue'],
  'lg.t.expense': ['费用', 'Expense'],
  'lg.g.cash': ['现金', 'Cash'], 'lg.g.bank': ['银行', 'Bank'], 'lg.g.clearing': ['待清算', 'Clearing'],
  'lg.g.receivable': ['应收', 'Receivable'], 'lg.g.suspense': ['待处理', 'Suspense'], 'lg.g.stored_value': ['储值负债', 'Stored value'],
  'lg.g.payable': ['应付', 'Payable'], 'lg.g.equity': ['权益', 'Equity'], 'lg.g.revenue': ['营业收入', 'Sales'],
  'lg.g.contra': ['收入减项', 'Contra revenue'], 'lg.g.other_income': ['其他收入', 'Other income'], 'lg.g.cost': ['成本', 'Cost'], 'lg.g.expense': ['费用', 'Expense'],
  'lg.day': ['营业日', 'Day'],
  'lg.entry': ['分录', 'Entry'],
  'lg.source': ['来源', 'Source'],
  'lg.memo': ['摘要', 'Memo'],
  'lg.by': ['记账人', 'By'],
  'lg.amount': ['金额', 'Amount'],
  'lg.lines': ['借贷明细', 'Lines'],
  'lg.manual': ['手工记账', 'Manual entry'],
  'lg.reverse': ['冲销', 'Reverse'],
  'lg.reverseTitle': ['冲销分录 #{id}', 'Reverse entry #{id}'],
  'lg.reverseReason': ['冲销原因', 'Reason'],
  'lg.reversed': ['已被 #{id} 冲销', 'Reversed by #{id}'],
  'lg.reverses': ['冲销 #{id}', 'Reverses #{id}'],
  'lg.backfill': ['建账补记', 'Posted at book opening'],
  'lg.src.bill': ['账单', 'Bill'], 'lg.src.refund': ['退款', 'Refund'], 'lg.src.void': ['作废', 'Void'],
  'lg.src.shift_open': ['开班', 'Shift opened'], 'lg.src.shift_cash': ['钱箱存取', 'Drawer cash'], 'lg.src.shift_close': ['交班长短款', 'Shift difference'],
  'lg.src.shift_handin': ['缴款', 'Hand-in'], 'lg.src.topup': ['储值充值', 'Top-up'], 'lg.src.sv_refund': ['储值退款', 'Stored-value refund'],
  'lg.src.record': ['收支记录', 'Income/expense'], 'lg.src.petty': ['备用金', 'Petty cash'], 'lg.src.groupbuy': ['团购结算', 'Group-buy'], 'lg.src.transfer': ['资金划转', 'Fund transfer'],
  'lg.src.manual': ['手工分录', 'Manual'], 'lg.src.reversal': ['冲销', 'Reversal'],
  'lg.entries': ['共 {n} 笔分录', '{n} entries'],
  'lg.account': ['科目', 'Account'],
  'lg.addLine': ['增加一行', 'Add a line'],
  'lg.totals': ['借方合计 ¥{d} · 贷方合计 ¥{c}', 'Debits ¥{d} · credits ¥{c}'],
  'lg.unbalanced': ['借贷不平衡，差额 ¥{d}', 'Out of balance by ¥{d}'],
  'lg.posted': ['分录已记账', 'Entry posted'],
  'lg.balanced': ['借贷平衡：借方合计 = 贷方合计 = ¥{n}', 'Balanced: debits = credits = ¥{n}'],
  'lg.notBalanced': ['不平衡！差额 ¥{n}', 'Out of balance by ¥{n}'],
  'lg.tbEntries': ['{n} 笔分录', '{n} entries'],
  'lg.opening': ['期初余额', 'Opening balance'],
  'lg.closing': ['期末余额', 'Closing balance'],
  'lg.running': ['余额', 'Balance'],
  'lg.pickAccount': ['选择科目', 'Choose an account'],
  'lg.partyFilter': ['明细对象（如班次号、平台、人员）', 'Party (shift, platform, person)'],
  'lg.category': ['商品类别', 'Product category'],
  'lg.default': ['默认（按类别名）', 'Default (by the name)'],
  'lg.postsTo': ['记入收入科目', 'Posts to'],
  'lg.saved': ['已保存', 'Saved'],
  'lg.print': ['打印', 'Print'],
  'lg.lockedNote': ['已确认的营业日已锁定，分录只能记入未锁定的日期', 'Confirmed days are locked: entries go into open days only'],
});

const TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'];
const GROUPS = ['cash', 'bank', 'clearing', 'receivable', 'suspense', 'stored_value', 'payable', 'equity', 'revenue', 'contra', 'other_income', 'cost', 'expense'];

export default {
  name: 'LedgerPage',
  components: { DateRange },
  setup() {
    const q = route.query;
    const tab = ref(['accounts', 'journal', 'trial', 'statement', 'categories'].includes(q.tab) ? q.tab : 'accounts');
    const writable = computed(() => can('finance', true));
    const today = businessToday(session.venue);
    const tz = computed(() => session.venue && session.venue.timezone);
    const accName = (a) => (isEn() && a.name_en ? a.name_en : a.name);
    const isEnName = (l) => (isEn() && l.account_name_en ? l.account_name_en : l.account_name);
    /** The trial balance's closing row: totals of the four money columns. */
    function tbSummary() {
      const x = tb.value;
      if (!x) return [];
      return [t('common.total'), '', fmtMoney(x.debit_total_fen), fmtMoney(x.credit_total_fen), fmtMoney(x.debit_balance_total_fen), fmtMoney(x.credit_balance_total_fen)];
    }

    // ---- chart ----
    const accounts = ref([]);
    const accFilter = reactive({ type: '', day: '' });
    const accLoading = ref(false);
    async function loadAccounts() {
      accLoading.value = true;
      try {
        accounts.value = (await api.get('/ledger/accounts', { type: accFilter.type || undefined, day: accFilter.day || undefined })).items;
      } finally {
        accLoading.value = false;
      }
    }
    const accDlg = reactive({ open: false, id: 0, saving: false, error: '', system: false,
      form: { code: '', name: '', name_en: '', type: 'expense', grp: 'expense', party_kind: '', sort_order: 0, active: true } });
    function newAccount() {
      Object.assign(accDlg, { open: true, id: 0, error: '', system: false,
        form: { code: '', name: '', name_en: '', type: 'expense', grp: 'expense', party_kind: '', sort_order: 0, active: true } });
    }
    function editAccount(a) {
      Object.assign(accDlg, { open: true, id: a.id, error: '', system: !!a.system_key,
        form: { code: a.code, name: a.name, name_en: a.name_en, type: a.type, grp: a.grp, party_kind: a.party_kind, sort_order: a.sort_order, active: a.active } });
    }
    async function saveAccount() {
      accDlg.saving = true;
      accDlg.error = '';
      const f = accDlg.form;
      try {
        if (accDlg.id) {
          const body = { code: f.code, name: f.name, name_en: f.name_en, sort_order: Number(f.sort_order) || 0 };
          if (!accDlg.system) body.active = f.active;
          await api.put('/ledger/accounts/' + accDlg.id, body, { quiet: true });
        } else {
          await api.post('/ledger/accounts', { code: f.code, name: f.name, name_en: f.name_en, type: f.type, grp: f.grp, party_kind: f.party_kind, sort_order: Number(f.sort_order) || 0 }, { quiet: true });
        }
        ElementPlus.ElMessage.success(t('lg.saved'));
        accDlg.open = false;
        loadAccounts();
      } catch (e) {
        accDlg.error = e.message;
      } finally {
        accDlg.saving = false;
      }
    }

    // ---- journal ----
    const jf = reactive({ from: isDay(q.from) ? q.from : monthStart(today), to: isDay(q.to) ? q.to : today, account: '', source_kind: '', page: 1 });
    const journal = ref({ items: [], total: 0 });
    const jLoading = ref(false);
    async function loadJournal() {
      setQuery({ tab: 'journal', from: jf.from, to: jf.to });
      jLoading.value = true;
      try {
        journal.value = await api.get('/ledger/entries', { from: jf.from, to: jf.to, account: jf.account || undefined, source_kind: jf.source_kind || undefined, page: jf.page, page_size: 50 });
      } finally {
        jLoading.value = false;
      }
    }
    const srcName = (k) => t('lg.src.' + k);
    const manual = reactive({ open: false, saving: false, error: '', day: today, memo: '', lines: [] });
    function newManual() {
      Object.assign(manual, { open: true, error: '', day: today, memo: '', lines: [{ account: '', party: '', debit: '', credit: '' }, { account: '', party: '', debit: '', credit: '' }] });
      if (!accounts.value.length) loadAccounts();
    }
    const manualTotals = computed(() => {
      let d = 0, c = 0, bad = false;
      for (const l of manual.lines) {
        const dv = l.debit === '' ? 0 : parseYuan(l.debit);
        const cv = l.credit === '' ? 0 : parseYuan(l.credit);
        if (dv === null || cv === null) bad = true;
        d += dv || 0;
        c += cv || 0;
      }
      return { d, c, bad };
    });
    async function saveManual() {
      manual.saving = true;
      manual.error = '';
      try {
        const lines = manual.lines.filter((l) => l.account).map((l) => {
          const o = { account: l.account };
          if (l.party) o.party = l.party;
          if (l.debit !== '') o.debit_fen = parseYuan(l.debit);
          if (l.credit !== '') o.credit_fen = parseYuan(l.credit);
          return o;
        });
        await api.post('/ledger/entries', { day: manual.day, memo: manual.memo, lines }, { quiet: true });
        ElementPlus.ElMessage.success(t('lg.posted'));
        manual.open = false;
        loadJournal();
      } catch (e) {
        manual.error = e.message;
      } finally {
        manual.saving = false;
      }
    }
    const rev = reactive({ open: false, entry: null, reason: '', saving: false, error: '' });
    function startReverse(e) {
      Object.assign(rev, { open: true, entry: e, reason: '', error: '' });
    }
    async function saveReverse() {
      rev.saving = true;
      rev.error = '';
      try {
        await api.post(`/ledger/entries/${rev.entry.id}/reverse`, { reason: rev.reason }, { quiet: true });
        ElementPlus.ElMessage.success(t('lg.posted'));
        rev.open = false;
        loadJournal();
      } catch (e) {
        rev.error = e.message;
      } finally {
        rev.saving = false;
      }
    }

    // ---- trial balance ----
    const tbDay = ref(isDay(q.day) ? q.day : today);
    const tb = ref(null);
    async function loadTrial() {
      tb.value = await api.get('/ledger/trial-balance', { day: tbDay.value });
    }

    // ---- statement ----
    const sf = reactive({ account: null, party: '', from: monthStart(today), to: today });
    const statement = ref(null);
    async function loadStatement() {
      if (!sf.account) return;
      statement.value = await api.get(`/ledger/accounts/${sf.account}/statement`, { from: sf.from, to: sf.to, party: sf.party || undefined });
    }
    function openStatement(a) {
      sf.account = a.id;
      tab.value = 'statement';
      loadStatement();
    }

    // ---- categories ----
    const cats = ref([]);
    async function loadCats() {
      cats.value = (await api.get('/ledger/category-accounts')).items;
      if (!accounts.value.length) loadAccounts();
    }
    const revenueAccounts = computed(() => accounts.value.filter((a) => a.type === 'revenue' && a.grp === 'revenue' && a.active));
    async function setCat(c, account) {
      try {
        await api.put('/ledger/category-accounts', { category: c.category, account: account || '' }, { quiet: true });
        ElementPlus.ElMessage.success(t('lg.saved'));
        loadCats();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }

    function onTab(name) {
      setQuery({ tab: name });
      if (name === 'accounts') loadAccounts();
      else if (name === 'journal') loadJournal();
      else if (name === 'trial') loadTrial();
      else if (name === 'statement') { if (!accounts.value.length) loadAccounts(); loadStatement(); }
      else if (name === 'categories') loadCats();
    }
    onMounted(() => onTab(tab.value));

    return {
      t, ui, tab, writable, TYPES, GROUPS, accounts, accFilter, accLoading, loadAccounts, accDlg, newAccount, editAccount, saveAccount, accName, isEnName, tbSummary,
      jf, journal, jLoading, loadJournal, srcName, manual, newManual, manualTotals, saveManual, rev, startReverse, saveReverse,
      tbDay, tb, loadTrial, sf, statement, loadStatement, openStatement, cats, loadCats, revenueAccounts, setCat, onTab,
      fmtMoney, fmtInstant, tz, print: () => window.print(),
    };
  },
  template: `
  <div class="page" data-test="page-ledger">
    <PageHeader :title="t('lg.title')" :subtitle="t('lg.subtitle')">
      <el-button @click="print" class="no-print"><el-icon><IconPrinter /></el-icon>{{ t('lg.print') }}</el-button>
      <el-button v-if="writable" type="primary" class="no-print" data-test="manual-entry" @click="newManual"><el-icon><IconEditPen /></el-icon>{{ t('lg.manual') }}</el-button>
    </PageHeader>
    <el-tabs v-model="tab" @tab-change="onTab" class="panel" data-test="ledger-tabs">
      <el-tab-pane :label="t('lg.tab.accounts')" name="accounts">
        <div class="filter-row no-print">
          <el-select v-model="accFilter.type" :placeholder="t('lg.type')" clearable style="width:140px" @change="loadAccounts">
            <el-option v-for="x in TYPES" :key="x" :value="x" :label="t('lg.t.' + x)" />
          </el-select>
          <el-date-picker v-model="accFilter.day" type="date" value-format="YYYY-MM-DD" :placeholder="t('lg.asOf')" @change="loadAccounts" style="width:170px" />
          <el-button v-if="writable" @click="newAccount" data-test="account-add"><el-icon><IconPlus /></el-icon>{{ t('lg.add') }}</el-button>
        </div>
        <div class="table-wrap">
          <el-table :data="accounts" v-loading="accLoading" size="small" data-test="accounts-table" row-key="id">
            <el-table-column :label="t('lg.code')" prop="code" width="80" />
            <el-table-column :label="t('lg.name')" min-width="170"><template #default="{ row }">
              <el-button link type="primary" @click="openStatement(row)">{{ accName(row) }}</el-button>
              <el-tag v-if="row.system_key" size="small" type="info" effect="plain" style="margin-left:6px">{{ t('lg.system') }}</el-tag>
              <el-tag v-if="!row.active" size="small" type="warning" style="margin-left:6px">{{ t('lg.inactive') }}</el-tag></template></el-table-column>
            <el-table-column :label="t('lg.type')" width="80"><template #default="{ row }">{{ t('lg.t.' + row.type) }}</template></el-table-column>
            <el-table-column :label="t('lg.grp')" width="100"><template #default="{ row }">{{ t('lg.g.' + row.grp) }}</template></el-table-column>
            <el-table-column :label="t('lg.debit')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.debit_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('lg.credit')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.credit_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('lg.balance')" align="right" min-width="120"><template #default="{ row }"><b class="num" :class="{ 'money-neg': row.balance_fen < 0 }" :data-test="'balance-' + row.code">{{ fmtMoney(row.balance_fen) }}</b></template></el-table-column>
            <el-table-column v-if="writable" :label="t('common.actions')" width="80" class-name="no-print"><template #default="{ row }"><el-button link type="primary" @click="editAccount(row)">{{ t('common.edit') }}</el-button></template></el-table-column>
          </el-table>
        </div>
      </el-tab-pane>

      <el-tab-pane :label="t('lg.tab.journal')" name="journal">
        <div class="filter-row no-print">
          <DateRange v-model:from="jf.from" v-model:to="jf.to" @change="loadJournal" />
          <el-select v-model="jf.source_kind" :placeholder="t('lg.source')" clearable style="width:140px" @change="loadJournal">
            <el-option v-for="k in ['bill','refund','void','shift_open','shift_cash','shift_close','shift_handin','topup','sv_refund','record','petty','groupbuy','transfer','manual','reversal']" :key="k" :value="k" :label="srcName(k)" />
          </el-select>
          <el-input v-model="jf.account" :placeholder="t('lg.code')" clearable style="width:120px" @change="loadJournal" />
          <span class="panel-note">{{ t('lg.entries', { n: journal.total }) }}</span>
        </div>
        <div class="table-wrap">
          <el-table :data="journal.items" v-loading="jLoading" size="small" data-test="journal-table" row-key="id">
            <el-table-column type="expand"><template #default="{ row }">
              <el-table :data="row.lines" size="small" class="entry-lines">
                <el-table-column :label="t('lg.account')" min-width="180"><template #default="{ row: l }">{{ l.account_code }} {{ isEnName(l) }}</template></el-table-column>
                <el-table-column :label="t('lg.party')" prop="party" min-width="90" />
                <el-table-column :label="t('lg.debit')" align="right" min-width="100"><template #default="{ row: l }"><span class="num">{{ l.debit_fen ? fmtMoney(l.debit_fen) : '' }}</span></template></el-table-column>
                <el-table-column :label="t('lg.credit')" align="right" min-width="100"><template #default="{ row: l }"><span class="num">{{ l.credit_fen ? fmtMoney(l.credit_fen) : '' }}</span></template></el-table-column>
              </el-table></template></el-table-column>
            <el-table-column label="#" prop="id" width="70" />
            <el-table-column :label="t('lg.day')" prop="day" width="104" />
            <el-table-column :label="t('lg.source')" width="110"><template #default="{ row }"><el-tag size="small" effect="plain">{{ srcName(row.source_kind) }}</el-tag></template></el-table-column>
            <el-table-column :label="t('lg.memo')" min-width="200"><template #default="{ row }">
              {{ row.memo }}
              <el-tag v-if="row.reversed_by_id" size="small" type="warning" style="margin-left:6px">{{ t('lg.reversed', { id: row.reversed_by_id }) }}</el-tag>
              <el-tag v-if="row.reverses_id" size="small" type="info" style="margin-left:6px">{{ t('lg.reverses', { id: row.reverses_id }) }}</el-tag>
              <el-tag v-if="row.backfill" size="small" type="info" effect="plain" style="margin-left:6px">{{ t('lg.backfill') }}</el-tag></template></el-table-column>
            <el-table-column :label="t('lg.amount')" align="right" min-width="110"><template #default="{ row }"><b class="num">{{ fmtMoney(row.amount_fen) }}</b></template></el-table-column>
            <el-table-column :label="t('lg.by')" prop="by_user" width="100" />
            <el-table-column v-if="writable" :label="t('common.actions')" width="80" class-name="no-print"><template #default="{ row }">
              <el-button v-if="row.source_kind === 'manual' && !row.reversed_by_id" link type="warning" :data-test="'reverse-' + row.id" @click="startReverse(row)">{{ t('lg.reverse') }}</el-button></template></el-table-column>
          </el-table>
        </div>
        <el-pagination v-if="journal.total > 50" class="no-print" layout="prev, pager, next" :total="journal.total" :page-size="50" v-model:current-page="jf.page" @current-change="loadJournal" />
      </el-tab-pane>

      <el-tab-pane :label="t('lg.tab.trial')" name="trial">
        <div class="filter-row no-print">
          <el-date-picker v-model="tbDay" type="date" value-format="YYYY-MM-DD" :clearable="false" @change="loadTrial" style="width:170px" data-test="tb-day" />
        </div>
        <template v-if="tb">
          <div class="recon" :class="tb.balanced ? 'ok' : 'bad'" data-test="tb-status">
            <el-icon><IconCircleCheckFilled v-if="tb.balanced" /><IconWarningFilled v-else /></el-icon>
            <span v-if="tb.balanced">{{ t('lg.balanced', { n: fmtMoney(tb.debit_total_fen) }) }} · {{ t('lg.tbEntries', { n: tb.entries }) }}</span>
            <span v-else>{{ t('lg.notBalanced', { n: fmtMoney(tb.difference_fen) }) }}</span>
          </div>
          <div class="table-wrap">
            <el-table :data="tb.items" size="small" data-test="tb-table" show-summary :summary-method="tbSummary">
              <el-table-column :label="t('lg.code')" prop="code" width="80" />
              <el-table-column :label="t('lg.name')" min-width="170"><template #default="{ row }">{{ accName(row) }}</template></el-table-column>
              <el-table-column :label="t('lg.debit')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.debit_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('lg.credit')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ fmtMoney(row.credit_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('lg.debit') + t('lg.balance')" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ row.debit_balance_fen ? fmtMoney(row.debit_balance_fen) : '' }}</span></template></el-table-column>
              <el-table-column :label="t('lg.credit') + t('lg.balance')" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ row.credit_balance_fen ? fmtMoney(row.credit_balance_fen) : '' }}</span></template></el-table-column>
            </el-table>
          </div>
        </template>
      </el-tab-pane>

      <el-tab-pane :label="t('lg.tab.statement')" name="statement">
        <div class="filter-row no-print">
          <el-select v-model="sf.account" filterable :placeholder="t('lg.pickAccount')" style="width:240px" @change="loadStatement" data-test="st-account">
            <el-option v-for="a in accounts" :key="a.id" :value="a.id" :label="a.code + ' ' + accName(a)" />
          </el-select>
          <DateRange v-model:from="sf.from" v-model:to="sf.to" @change="loadStatement" />
          <el-input v-model="sf.party" :placeholder="t('lg.partyFilter')" clearable style="width:220px" @change="loadStatement" />
        </div>
        <template v-if="statement">
          <div class="kpi-inline"><span>{{ t('lg.opening') }} <b class="num">¥{{ fmtMoney(statement.opening_fen) }}</b></span><span>{{ t('lg.closing') }} <b class="num" data-test="st-closing">¥{{ fmtMoney(statement.closing_fen) }}</b></span></div>
          <div class="table-wrap">
            <el-table :data="statement.lines" size="small" data-test="st-table">
              <el-table-column :label="t('lg.day')" prop="day" width="104" />
              <el-table-column :label="t('lg.entry')" width="70"><template #default="{ row }">#{{ row.entry_id }}</template></el-table-column>
              <el-table-column :label="t('lg.source')" width="100"><template #default="{ row }">{{ srcName(row.source_kind) }}</template></el-table-column>
              <el-table-column :label="t('lg.memo')" prop="memo" min-width="180" />
              <el-table-column :label="t('lg.party')" prop="party" width="90" />
              <el-table-column :label="t('lg.debit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.debit_fen ? fmtMoney(row.debit_fen) : '' }}</span></template></el-table-column>
              <el-table-column :label="t('lg.credit')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.credit_fen ? fmtMoney(row.credit_fen) : '' }}</span></template></el-table-column>
              <el-table-column :label="t('lg.running')" align="right" min-width="110"><template #default="{ row }"><b class="num">{{ fmtMoney(row.running_fen) }}</b></template></el-table-column>
            </el-table>
          </div>
        </template>
      </el-tab-pane>

      <el-tab-pane :label="t('lg.tab.categories')" name="categories">
        <div class="table-wrap">
          <el-table :data="cats" size="small" data-test="cat-table">
            <el-table-column :label="t('lg.category')" prop="category" min-width="140" />
            <el-table-column :label="t('lg.default')" min-width="160"><template #default="{ row }">{{ row.default_code }} {{ row.default_name }}</template></el-table-column>
            <el-table-column :label="t('lg.postsTo')" min-width="220"><template #default="{ row }">
              <el-select :model-value="row.account_code" :disabled="!writable" clearable :placeholder="t('lg.default')" style="width:220px" @change="(v) => setCat(row, v)">
                <el-option v-for="a in revenueAccounts" :key="a.id" :value="a.code" :label="a.code + ' ' + accName(a)" />
              </el-select></template></el-table-column>
          </el-table>
        </div>
      </el-tab-pane>
    </el-tabs>

    <el-dialog v-model="accDlg.open" :title="accDlg.id ? t('lg.edit') : t('lg.add')" :width="ui.isPhone ? '100%' : '480px'" append-to-body data-test="account-dialog">
      <el-form label-width="96px">
        <el-form-item :label="t('lg.code')"><el-input v-model="accDlg.form.code" maxlength="20" data-test="acc-code" /></el-form-item>
        <el-form-item :label="t('lg.name')"><el-input v-model="accDlg.form.name" maxlength="60" data-test="acc-name" /></el-form-item>
        <el-form-item :label="t('lg.nameEn')"><el-input v-model="accDlg.form.name_en" maxlength="60" /></el-form-item>
        <el-form-item :label="t('lg.type')"><el-select v-model="accDlg.form.type" :disabled="!!accDlg.id" data-test="acc-type">
          <el-option v-for="x in TYPES" :key="x" :value="x" :label="t('lg.t.' + x)" /></el-select></el-form-item>
        <el-form-item :label="t('lg.grp')"><el-select v-model="accDlg.form.grp" :disabled="!!accDlg.id">
          <el-option v-for="x in GROUPS" :key="x" :value="x" :label="t('lg.g.' + x)" /></el-select></el-form-item>
        <el-form-item :label="t('lg.sort')"><el-input-number v-model="accDlg.form.sort_order" :min="0" :max="100000" /></el-form-item>
        <el-form-item v-if="accDlg.id && !accDlg.system" :label="t('lg.active')"><el-switch v-model="accDlg.form.active" /></el-form-item>
      </el-form>
      <el-alert v-if="accDlg.error" :title="accDlg.error" type="error" :closable="false" show-icon />
      <template #footer>
        <el-button @click="accDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="accDlg.saving" data-test="acc-save" @click="saveAccount">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="manual.open" :title="t('lg.manual')" :width="ui.isPhone ? '100%' : '760px'" append-to-body data-test="manual-dialog">
      <el-alert :title="t('lg.lockedNote')" type="info" :closable="false" show-icon style="margin-bottom:12px" />
      <el-form label-width="80px">
        <el-form-item :label="t('lg.day')"><el-date-picker v-model="manual.day" type="date" value-format="YYYY-MM-DD" :clearable="false" /></el-form-item>
        <el-form-item :label="t('lg.memo')"><el-input v-model="manual.memo" maxlength="100" data-test="manual-memo" /></el-form-item>
      </el-form>
      <el-table :data="manual.lines" size="small">
        <el-table-column :label="t('lg.account')" min-width="200"><template #default="{ row, $index }">
          <el-select v-model="row.account" filterable :data-test="'manual-account-' + $index" style="width:100%">
            <el-option v-for="a in accounts.filter((x) => x.active)" :key="a.id" :value="a.code" :label="a.code + ' ' + accName(a)" />
          </el-select></template></el-table-column>
        <el-table-column :label="t('lg.party')" width="110"><template #default="{ row }"><el-input v-model="row.party" /></template></el-table-column>
        <el-table-column :label="t('lg.debit')" width="120"><template #default="{ row, $index }"><el-input v-model="row.debit" :data-test="'manual-debit-' + $index" /></template></el-table-column>
        <el-table-column :label="t('lg.credit')" width="120"><template #default="{ row, $index }"><el-input v-model="row.credit" :data-test="'manual-credit-' + $index" /></template></el-table-column>
      </el-table>
      <div class="manual-foot">
        <el-button link type="primary" @click="manual.lines.push({ account: '', party: '', debit: '', credit: '' })"><el-icon><IconPlus /></el-icon>{{ t('lg.addLine') }}</el-button>
        <span class="num" :class="{ 'money-neg': manualTotals.d !== manualTotals.c }" data-test="manual-totals">{{ t('lg.totals', { d: fmtMoney(manualTotals.d), c: fmtMoney(manualTotals.c) }) }}</span>
      </div>
      <el-alert v-if="manual.error" :title="manual.error" type="error" :closable="false" show-icon />
      <template #footer>
        <el-button @click="manual.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="manual.saving" :disabled="manualTotals.bad || manualTotals.d !== manualTotals.c || !manualTotals.d" data-test="manual-save" @click="saveManual">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="rev.open" :title="rev.entry ? t('lg.reverseTitle', { id: rev.entry.id }) : ''" :width="ui.isPhone ? '100%' : '440px'" append-to-body data-test="reverse-dialog">
      <el-input v-model="rev.reason" :placeholder="t('lg.reverseReason')" maxlength="100" data-test="reverse-reason" />
      <el-alert v-if="rev.error" :title="rev.error" type="error" :closable="false" show-icon style="margin-top:10px" />
      <template #footer>
        <el-button @click="rev.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="warning" :loading="rev.saving" :disabled="!rev.reason.trim()" data-test="reverse-save" @click="saveReverse">{{ t('lg.reverse') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
