// pages/finance/bills.js: 账单管理: settled and voided bills, filtered by business days, room,
// status, payment method, cashier and bill number; the detail of one bill in a drawer;
// export of the filtered list.
import { t, addMessages, methodName } from '../../i18n.js';
import * as api from '../../api.js';
import { session, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, fmtInt, fmtInstant, businessToday, addDays, isDay } from '../../format.js';
import { METHOD_COLORS } from '../../components.js';

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
});

const METHODS = ['cash', 'wechat', 'alipay', 'card', 'member', 'voucher', 'credit', 'mixed', 'other'];
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
    const drawer = reactive({ open: false, loading: false, bill: null });
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
      try {
        drawer.bill = await api.get('/bills/' + row.id);
      } catch {
        /* shown; keep the list row */
      } finally {
        drawer.loading = false;
      }
    }
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

    <el-drawer v-model="drawer.open" :title="t('bills.detail')" :size="ui.isPhone ? '100%' : '560px'" append-to-body data-test="bill-drawer">
      <div v-if="drawer.bill" v-loading="drawer.loading">
        <div style="display:flex;align-items:center;gap:10px;margin-bottom:16px;flex-wrap:wrap">
          <span class="mono" style="font-size:16px;font-weight:700">{{ drawer.bill.bill_no }}</span>
          <el-tag :type="drawer.bill.status === 'voided' ? 'danger' : 'success'" effect="light">{{ t('status.' + drawer.bill.status) }}</el-tag>
        </div>
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
        <el-table :data="drawer.bill.payments || []" size="small" :empty-text="t('common.noData')">
          <el-table-column :label="t('bills.method')" min-width="120"><template #default="{ row }"><span class="method-dot" :style="{ background: METHOD_COLORS[row.method] || '#94a3b8' }"></span>{{ methodName(row.method) }}</template></el-table-column>
          <el-table-column :label="t('bills.amount')" align="right" min-width="120"><template #default="{ row }"><span class="num">{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
        </el-table>

        <div class="bill-totals">
          <div class="row"><span>{{ t('bills.gross') }}</span><span class="num">¥{{ fmtMoney(drawer.bill.gross_fen) }}</span></div>
          <div class="row"><span>{{ t('bills.discount') }}</span><span class="num">-¥{{ fmtMoney(drawer.bill.discount_fen) }}</span></div>
          <div class="row" v-if="drawer.bill.service_fen"><span>{{ t('bills.service') }}</span><span class="num">+¥{{ fmtMoney(drawer.bill.service_fen) }}</span></div>
          <div class="row grand"><span>{{ t('bills.total') }}</span><span class="num">¥{{ fmtMoney(drawer.bill.total_fen) }}</span></div>
        </div>
      </div>
    </el-drawer>
  </div>`,
};
