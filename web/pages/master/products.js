// pages/master/products.js: products (goods sold in the rooms): search, page, add, edit,
// deactivate. Prices are typed in yuan and sent as integer fen, parsed without floating point.
import { t, addMessages } from '../../i18n.js';
import * as api from '../../api.js';
import { can, ui } from '../../store.js';
import { route, setQuery } from '../../router.js';
import { fmtMoney, parseYuan } from '../../format.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'products.title': ['商品', 'Products'],
  'products.subtitle': ['酒水、小吃与果盘：编码、售价与结账规则', 'Drinks, snacks and fruit: codes, prices and checkout rules'],
  'products.code': ['编码', 'Code'],
  'products.name': ['名称', 'Name'],
  'products.category': ['类别', 'Category'],
  'products.unit': ['单位', 'Unit'],
  'products.price': ['售价（元）', 'Price (CNY)'],
  'products.flags': ['结账规则', 'Checkout rules'],
  'products.minSpend': ['计入低消', 'Counts to min. spend'],
  'products.discountable': ['可打折', 'Discountable'],
  'products.commissionable': ['计提成', 'Commissionable'],
  'products.storable': ['可寄存', 'Storable'],
  'products.add': ['新增商品', 'Add product'],
  'products.edit': ['编辑商品', 'Edit product'],
  'products.search': ['编码或名称', 'Code or name'],
  'products.anyCategory': ['全部类别', 'All categories'],
  'products.badPrice': ['售价格式不对：请输入金额，最多两位小数，例如 12.50（不要带 ¥、$ 或千位逗号）', 'Price not understood: type an amount with at most two decimals, e.g. 12.50 (no ¥, $ or thousands commas)'],
  'products.deactivateConfirm': ['停用商品 {name}？停用后不能再点单，历史账单不受影响。', 'Deactivate {name}? It can no longer be ordered; past bills stay as they are.'],
  'products.unitHint': ['瓶、份、包…', 'bottle, plate…'],
  'products.import': ['导入商品 CSV', 'Import products (CSV)'],
  'products.importColumns': ['列：编码 code、商品 name、类别 category、单位 unit、单价 price（元）、启用 active；至少要有商品名称与单价。编码相同则更新。', 'Columns: code, name, category, unit, price (yuan), active; name and price are required. A known code is updated.'],
});

export default {
  name: 'ProductsPage',
  setup() {
    const q = route.query;
    const filter = reactive({ q: q.q || '', category: q.category || '', active: q.active === '1' || q.active === '0' ? q.active : 'all' });
    const page = ref(Number(q.page) > 0 ? Number(q.page) : 1);
    const pageSize = ref(20);
    const rows = ref([]);
    const total = ref(0);
    const loading = ref(false);
    const categories = ref([]);
    const writable = computed(() => can('products', true));
    const dialog = reactive({ open: false, editing: null, saving: false, error: '', field: '', form: {} });
    const importOpen = ref(false);

    async function load() {
      const params = { ...filter, active: filter.active === 'all' ? '' : filter.active };
      setQuery({ ...params, page: page.value > 1 ? page.value : '' });
      loading.value = true;
      try {
        const r = await api.get('/products', { ...params, page: page.value, page_size: pageSize.value });
        rows.value = r.items;
        total.value = r.total;
      } finally {
        loading.value = false;
      }
    }
    async function loadCategories() {
      try {
        const r = await api.get('/products', { page_size: 1000 }, { quiet: true });
        categories.value = [...new Set(r.items.map((p) => p.category).filter(Boolean))].sort();
      } catch {
        categories.value = [];
      }
    }
    onMounted(() => {
      load();
      loadCategories();
    });
    function search() {
      page.value = 1;
      load();
    }

    function open(p) {
      Object.assign(dialog, {
        open: true, editing: p || null, error: '', field: '',
        form: p
          ? { code: p.code, name: p.name, category: p.category, unit: p.unit, price: fmtMoney(p.price_fen).replace(/,/g, ''), active: p.active, min_spend: p.min_spend, discountable: p.discountable, commissionable: p.commissionable, storable: p.storable }
          : { code: '', name: '', category: filter.category || '', unit: '', price: '', active: true, min_spend: true, discountable: true, commissionable: true, storable: false },
      });
    }
    async function save() {
      dialog.error = '';
      dialog.field = '';
      const fen = parseYuan(dialog.form.price);
      if (fen === null) {
        dialog.error = t('products.badPrice');
        dialog.field = 'price_fen';
        return;
      }
      const { price, ...rest } = dialog.form;
      const body = { ...rest, price_fen: fen };
      dialog.saving = true;
      try {
        if (dialog.editing) await api.put('/products/' + dialog.editing.id, body, { quiet: true });
        else await api.post('/products', body, { quiet: true });
        ElementPlus.ElMessage.success(dialog.editing ? t('common.saved') : t('common.created'));
        dialog.open = false;
        load();
        loadCategories();
      } catch (e) {
        dialog.error = e.message;
        dialog.field = e.field || '';
      } finally {
        dialog.saving = false;
      }
    }
    async function toggle(p) {
      if (p.active) {
        try {
          await ElementPlus.ElMessageBox.confirm(t('products.deactivateConfirm', { name: p.name }), t('common.confirmTitle'), { type: 'warning', confirmButtonText: t('common.deactivate'), cancelButtonText: t('common.cancel') });
        } catch {
          return;
        }
      }
      await api.put('/products/' + p.id, { active: !p.active });
      ElementPlus.ElMessage.success(t('common.saved'));
      load();
    }
    const fieldErr = (f) => (dialog.field === f ? dialog.error : '');

    return { t, ui, importOpen, filter, page, pageSize, rows, total, loading, categories, writable, dialog, load, search, open, save, toggle, fieldErr, fmtMoney };
  },
  template: `
  <div class="page" data-test="page-products">
    <PageHeader :title="t('products.title')" :subtitle="t('products.subtitle')">
      <el-button v-if="writable" data-test="product-import" @click="importOpen = true"><el-icon><IconUpload /></el-icon>{{ t('products.import') }}</el-button>
      <el-button v-if="writable" type="primary" data-test="product-add" @click="open()"><el-icon><IconPlus /></el-icon>{{ t('products.add') }}</el-button>
    </PageHeader>
    <CsvImportDialog v-model="importOpen" endpoint="/import/products" :title="t('products.import')" :columns="t('products.importColumns')" @done="search" />
    <div class="panel filter-panel">
      <div class="filter-bar">
        <el-input v-model="filter.q" clearable :placeholder="t('products.search')" @keyup.enter="search" @clear="search" data-test="product-search">
          <template #prefix><el-icon><IconSearch /></el-icon></template>
        </el-input>
        <el-select v-model="filter.category" clearable filterable :placeholder="t('products.anyCategory')" @change="search">
          <el-option v-for="c in categories" :key="c" :label="c" :value="c" />
        </el-select>
        <el-select v-model="filter.active" @change="search" style="width:130px">
          <el-option :label="t('common.anyStatus')" value="all" /><el-option :label="t('common.active')" value="1" /><el-option :label="t('common.inactive')" value="0" />
        </el-select>
        <el-button type="primary" @click="search" data-test="product-search-btn"><el-icon><IconSearch /></el-icon>{{ t('common.search') }}</el-button>
      </div>
    </div>
    <section class="panel">
      <div class="table-wrap">
        <el-table :data="rows" v-loading="loading" :empty-text="t('common.noData')" data-test="products-table">
          <el-table-column :label="t('products.code')" prop="code" min-width="110"><template #default="{ row }"><span class="mono">{{ row.code }}</span></template></el-table-column>
          <el-table-column :label="t('products.name')" prop="name" min-width="160"><template #default="{ row }"><b>{{ row.name }}</b></template></el-table-column>
          <el-table-column :label="t('products.category')" prop="category" min-width="100" />
          <el-table-column :label="t('products.unit')" prop="unit" min-width="70" />
          <el-table-column :label="t('products.price')" min-width="110" align="right"><template #default="{ row }"><span class="num">{{ fmtMoney(row.price_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('products.flags')" min-width="230">
            <template #default="{ row }">
              <span class="tag-soft" v-if="row.min_spend">{{ t('products.minSpend') }}</span>
              <span class="tag-soft" v-if="row.discountable">{{ t('products.discountable') }}</span>
              <span class="tag-soft" v-if="row.commissionable">{{ t('products.commissionable') }}</span>
              <span class="tag-soft" v-if="row.storable">{{ t('products.storable') }}</span>
            </template>
          </el-table-column>
          <el-table-column :label="t('common.status')" min-width="90">
            <template #default="{ row }"><el-tag :type="row.active ? 'success' : 'info'" effect="light">{{ row.active ? t('common.active') : t('common.inactive') }}</el-tag></template>
          </el-table-column>
          <el-table-column v-if="writable" :label="t('common.actions')" min-width="150" fixed="right">
            <template #default="{ row }">
              <el-button link type="primary" :data-test="'product-edit-' + row.code" @click="open(row)">{{ t('common.edit') }}</el-button>
              <el-button link :type="row.active ? 'danger' : 'success'" :data-test="'product-toggle-' + row.code" @click="toggle(row)">{{ row.active ? t('common.deactivate') : t('common.reactivate') }}</el-button>
            </template>
          </el-table-column>
        </el-table>
      </div>
      <div class="pager">
        <el-pagination v-model:current-page="page" v-model:page-size="pageSize" :total="total" :page-sizes="[20, 50, 100]"
          :layout="ui.isPhone ? 'total, prev, pager, next' : 'total, sizes, prev, pager, next, jumper'" :pager-count="ui.isPhone ? 5 : 7" @current-change="load" @size-change="search" />
      </div>
    </section>

    <el-dialog v-model="dialog.open" :title="dialog.editing ? t('products.edit') : t('products.add')" :width="ui.isPhone ? '94%' : '560px'" append-to-body data-test="product-dialog">
      <el-form label-position="top" @submit.prevent="save">
        <div class="grid-2" style="gap:0 14px">
          <el-form-item :label="t('products.code')" required :error="fieldErr('code')"><el-input v-model="dialog.form.code" maxlength="40" data-test="product-code" /></el-form-item>
          <el-form-item :label="t('products.name')" required :error="fieldErr('name')"><el-input v-model="dialog.form.name" maxlength="100" data-test="product-name" /></el-form-item>
          <el-form-item :label="t('products.category')" :error="fieldErr('category')">
            <el-select v-model="dialog.form.category" filterable allow-create default-first-option clearable style="width:100%" data-test="product-category">
              <el-option v-for="c in categories" :key="c" :label="c" :value="c" />
            </el-select>
          </el-form-item>
          <el-form-item :label="t('products.unit')" :error="fieldErr('unit')"><el-input v-model="dialog.form.unit" maxlength="20" :placeholder="t('products.unitHint')" data-test="product-unit" /></el-form-item>
          <el-form-item :label="t('products.price')" required :error="fieldErr('price_fen')">
            <el-input v-model="dialog.form.price" inputmode="decimal" placeholder="0.00" data-test="product-price"><template #prefix>¥</template></el-input>
          </el-form-item>
          <el-form-item :label="t('common.status')"><el-switch v-model="dialog.form.active" :active-text="t('common.active')" :inactive-text="t('common.inactive')" /></el-form-item>
        </div>
        <el-form-item :label="t('products.flags')">
          <el-checkbox v-model="dialog.form.min_spend">{{ t('products.minSpend') }}</el-checkbox>
          <el-checkbox v-model="dialog.form.discountable">{{ t('products.discountable') }}</el-checkbox>
          <el-checkbox v-model="dialog.form.commissionable">{{ t('products.commissionable') }}</el-checkbox>
          <el-checkbox v-model="dialog.form.storable">{{ t('products.storable') }}</el-checkbox>
        </el-form-item>
        <el-alert v-if="dialog.error && !['code','name','category','unit','price_fen'].includes(dialog.field)" :title="dialog.error" type="error" :closable="false" show-icon data-test="dialog-error" />
      </el-form>
      <template #footer>
        <el-button @click="dialog.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="dialog.saving" data-test="product-save" @click="save">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
