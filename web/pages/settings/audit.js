// pages/settings/audit.js: the audit trail: who changed what, when, before and after.
import { t, addMessages, has } from '../../i18n.js';
import * as api from '../../api.js';
import { session, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtInstant, fmtInt, isDay } from '../../format.js';

const { ref, reactive, onMounted } = Vue;

addMessages({
  'audit.title': ['审计日志', 'Audit trail'],
  'audit.subtitle': ['每一次写入：谁、何时、修改前、修改后（只增不改）', 'Every write: who, when, before and after (append-only)'],
  'audit.at': ['时间', 'When'],
  'audit.user': ['操作人', 'User'],
  'audit.action': ['动作', 'Action'],
  'audit.entity': ['对象', 'Entity'],
  'audit.entityId': ['对象编号', 'Entity id'],
  'audit.requestId': ['请求编号', 'Request id'],
  'audit.before': ['修改前', 'Before'],
  'audit.after': ['修改后', 'After'],
  'audit.changes': ['变更内容', 'Changes'],
  'audit.field': ['字段', 'Field'],
  'audit.utcNote': ['日期筛选按 UTC 日历日；时间按门店时区显示', 'Date filter by UTC calendar day; times shown in the venue\'s zone'],
  'audit.anyEntity': ['全部对象', 'Any entity'],
  'audit.username': ['用户名', 'Username'],
  'audit.none': ['（无）', '(none)'],
  'audit.action.create': ['新增', 'Create'],
  'audit.action.update': ['修改', 'Update'],
  'audit.action.login': ['登录', 'Sign in'],
  'audit.action.logout': ['退出', 'Sign out'],
  'audit.action.change_password': ['修改密码', 'Password change'],
  'audit.action.import': ['导入', 'Import'],
  'audit.action.demo': ['生成演示数据', 'Demo data'],
  'audit.entity.user': ['用户', 'User'],
  'audit.entity.venue': ['门店', 'Venue'],
  'audit.entity.session': ['会话', 'Session'],
  'audit.entity.permission': ['权限', 'Permission'],
  'audit.entity.room': ['包厢', 'Room'],
  'audit.entity.room_type': ['房型', 'Room type'],
  'audit.entity.product': ['商品', 'Product'],
  'audit.entity.import_batch': ['导入批次', 'Import batch'],
  'audit.entity.bill': ['账单', 'Bill'],
  'audit.entity.bills': ['账单', 'Bills'],
});

const ENTITIES = ['user', 'venue', 'session', 'permission', 'room', 'room_type', 'product', 'bills'];

export default {
  name: 'AuditPage',
  setup() {
    const q = route.query;
    const filter = reactive({ entity: q.entity || '', username: q.username || '', from: isDay(q.from) ? q.from : '', to: isDay(q.to) ? q.to : '' });
    const page = ref(Number(q.page) > 0 ? Number(q.page) : 1);
    const pageSize = ref(50);
    const rows = ref([]);
    const total = ref(0);
    const loading = ref(false);

    async function load() {
      setQuery({ ...filter, page: page.value > 1 ? page.value : '' });
      loading.value = true;
      try {
        const r = await api.get('/audit', { ...filter, page: page.value, page_size: pageSize.value });
        rows.value = r.items;
        total.value = r.total;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);
    function search() {
      page.value = 1;
      load();
    }
    function reset() {
      Object.assign(filter, { entity: '', username: '', from: '', to: '' });
      search();
    }
    function label(kind, v) {
      return has(`audit.${kind}.${v}`) ? t(`audit.${kind}.${v}`) : v;
    }
    function show(v) {
      if (v === undefined) return t('audit.none');
      if (v === null) return 'null';
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    /** Field-by-field changes between before and after. */
    function changes(row) {
      const b = row.before && typeof row.before === 'object' ? row.before : {};
      const a = row.after && typeof row.after === 'object' ? row.after : {};
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
      return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
        .map((k) => ({ field: k, before: row.before ? show(b[k]) : '', after: show(a[k]) }));
    }
    const range = Vue.computed({
      get: () => (filter.from && filter.to ? [filter.from, filter.to] : null),
      set: (v) => {
        filter.from = v ? v[0] : '';
        filter.to = v ? v[1] : '';
      },
    });
    const at = (s) => fmtInstant(s, session.venue && session.venue.timezone) + ':' + new Date(s * 1000).toISOString().slice(17, 19);
    return { t, ui, filter, range, page, pageSize, rows, total, loading, load, search, reset, label, changes, at, entities: ENTITIES, fmtInt };
  },
  template: `
  <div class="page" data-test="page-audit">
    <PageHeader :title="t('audit.title')" :subtitle="t('audit.subtitle')" />
    <div class="panel filter-panel">
      <div class="filter-bar">
        <el-select v-model="filter.entity" clearable :placeholder="t('audit.anyEntity')" filterable allow-create>
          <el-option v-for="e in entities" :key="e" :label="label('entity', e)" :value="e" />
        </el-select>
        <el-input v-model="filter.username" clearable :placeholder="t('audit.username')" @keyup.enter="search" />
        <el-date-picker v-model="range" type="daterange" value-format="YYYY-MM-DD" unlink-panels :range-separator="t('common.to.sep')"
          :start-placeholder="t('common.from')" :end-placeholder="t('common.to')" />
        <el-button type="primary" @click="search"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
        <el-button @click="reset">{{ t('common.reset') }}</el-button>
        <span class="grow"></span>
        <span class="panel-note">{{ t('audit.utcNote') }}</span>
      </div>
    </div>
    <section class="panel">
      <div class="table-wrap">
        <el-table :data="rows" v-loading="loading" size="small" row-key="id" :empty-text="t('common.noData')">
          <el-table-column type="expand">
            <template #default="{ row }">
              <div style="padding:4px 16px 8px 48px">
                <el-table :data="changes(row)" size="small" border :empty-text="t('common.noData')">
                  <el-table-column :label="t('audit.field')" prop="field" min-width="120" />
                  <el-table-column :label="t('audit.before')" min-width="200" class-name="wrap"><template #default="{ row: c }"><span class="mono">{{ c.before }}</span></template></el-table-column>
                  <el-table-column :label="t('audit.after')" min-width="200" class-name="wrap"><template #default="{ row: c }"><span class="mono">{{ c.after }}</span></template></el-table-column>
                </el-table>
              </div>
            </template>
          </el-table-column>
          <el-table-column :label="t('audit.at')" min-width="160"><template #default="{ row }"><span class="num">{{ at(row.at) }}</span></template></el-table-column>
          <el-table-column :label="t('audit.user')" prop="username" min-width="100" />
          <el-table-column :label="t('audit.action')" min-width="90"><template #default="{ row }"><el-tag size="small" effect="plain">{{ label('action', row.action) }}</el-tag></template></el-table-column>
          <el-table-column :label="t('audit.entity')" min-width="100"><template #default="{ row }">{{ label('entity', row.entity) }}</template></el-table-column>
          <el-table-column :label="t('audit.entityId')" prop="entity_id" min-width="100" />
          <el-table-column :label="t('audit.requestId')" min-width="150"><template #default="{ row }"><span class="mono muted">{{ row.request_id }}</span></template></el-table-column>
        </el-table>
      </div>
      <div class="pager">
        <el-pagination v-model:current-page="page" v-model:page-size="pageSize" :total="total" :page-sizes="[20, 50, 100, 200]"
          :layout="ui.isPhone ? 'prev, pager, next' : 'total, sizes, prev, pager, next, jumper'" :pager-count="ui.isPhone ? 5 : 7" @current-change="load" @size-change="search" />
      </div>
    </section>
  </div>`,
};
