// pages/frontdesk/pricing.js: 价格方案: per room type, price plans from an effective day (slots by
// weekday and for holidays: price per hour, member price, minimum spend; billing unit and
// grace), packages (套餐, buy-outs, choice groups), holidays, and the authority matrix (role
// limits for gifts, discounts and refunds). A plan in force is never edited: a price change is
// a new plan from a day on (docs/pricing.md), so a past bill is never re-priced.
import { t, addMessages, roleName } from '../../i18n.js';
import * as api from '../../api.js';
import { can, ui } from '../../store.js';
import { fmtMoney, parseYuan, parsePercentBp, isDay, addDays } from '../../format.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'pp.title': ['价格方案', 'Price plans'],
  'pp.subtitle': ['房型的时段价格、套餐、节假日与权限额度；调价请新建从某日起生效的方案', 'Slot prices per room type, packages, holidays and role limits; a price change is a new plan from a day on'],
  'pp.tabPlans': ['时段价格', 'Slot prices'],
  'pp.tabPackages': ['套餐', 'Packages'],
  'pp.tabHolidays': ['节假日', 'Holidays'],
  'pp.tabLimits': ['权限额度', 'Role limits'],
  'pp.roomType': ['房型', 'Room type'],
  'pp.newPlan': ['新建价格方案', 'New price plan'],
  'pp.editPlan': ['编辑价格方案', 'Edit price plan'],
  'pp.noPlans': ['该房型还没有价格方案，开房后无法计算房费', 'This room type has no price plan yet: its stays cannot be priced'],
  'pp.noTypes': ['请先在“包厢与房型”中新增房型', 'Add a room type under Rooms & room types first'],
  'pp.inForce': ['生效中', 'In force'],
  'pp.future': ['待生效', 'Upcoming'],
  'pp.past': ['已被取代', 'Superseded'],
  'pp.from': ['{d} 起生效', 'From {d}'],
  'pp.unitGrace': ['计费单位 {u} 分钟 · 免费时长 {g} 分钟', 'Billed in units of {u} min · {g} min grace'],
  'pp.name': ['方案名称', 'Plan name'],
  'pp.effective': ['生效营业日', 'Effective from (business day)'],
  'pp.unit': ['计费单位（分钟）', 'Billing unit (minutes)'],
  'pp.grace': ['免费时长（分钟）', 'Grace (minutes)'],
  'pp.slots': ['时段', 'Slots'],
  'pp.slot': ['时段名称', 'Slot'],
  'pp.days': ['适用星期', 'Days'],
  'pp.holiday': ['节假日', 'Holidays'],
  'pp.start': ['开始', 'Start'],
  'pp.end': ['结束', 'End'],
  'pp.hour': ['每小时（元）', 'Per hour (yuan)'],
  'pp.member': ['会员价（元）', 'Member (yuan)'],
  'pp.minSpend': ['最低消费（元）', 'Min. spend (yuan)'],
  'pp.addSlot': ['添加时段', 'Add a slot'],
  'pp.slotHint': ['时段不跨午夜：18:00-24:00 与 00:00-06:00 分开写；午夜后的时段属于前一营业日。', 'A slot never crosses midnight: write 18:00-24:00 and 00:00-06:00; a slot after midnight belongs to the business day before.'],
  'pp.copyHint': ['已按当前方案预填，改价后保存为新方案', 'Filled in from the current plan: change the prices and save as a new plan'],
  'pp.badMoney': ['第 {n} 个时段：金额应为元，最多两位小数', 'Slot {n}: amounts in yuan with at most two decimals'],
  'pp.badClock': ['第 {n} 个时段：时间应为 HH:MM', 'Slot {n}: times are HH:MM'],
  'pp.deleteConfirm': ['删除尚未生效的方案“{name}”？', 'Delete the upcoming plan "{name}"?'],
  'pp.deleted': ['已删除', 'Deleted'],
  'pp.allDays': ['每天', 'Every day'],
  'pp.delete': ['删除', 'Delete'],

  'pk.new': ['新建套餐', 'New package'],
  'pk.edit': ['编辑套餐', 'Edit package'],
  'pk.name': ['套餐名称', 'Package name'],
  'pk.price': ['套餐价（元）', 'Price (yuan)'],
  'pk.roomType': ['适用房型', 'Room type'],
  'pk.anyType': ['全部房型', 'Any room type'],
  'pk.minutes': ['包含时长（分钟）', 'Included minutes'],
  'pk.buyout': ['买断（包场至某时）', 'Buy-out (the room until a time)'],
  'pk.until': ['买断至', 'Until'],
  'pk.window': ['可开时段', 'May open between'],
  'pk.dates': ['销售日期', 'On sale'],
  'pk.items': ['套餐内容', 'Items'],
  'pk.product': ['商品', 'Product'],
  'pk.qty': ['数量', 'Qty'],
  'pk.group': ['可选组（同组任选其一）', 'Choice group (one of the group)'],
  'pk.addItem': ['添加商品', 'Add an item'],
  'pk.terms': ['条款', 'Terms'],
  'pk.noTerms': ['未设置条款', 'No terms'],
  'pk.summary.min': ['{n} 分钟', '{n} min'],
  'pk.summary.buyout': ['买断至 {t}', 'Buy-out until {t}'],
  'pk.badPrice': ['套餐价应为元，最多两位小数', 'A price in yuan with at most two decimals'],
  'pk.active': ['在售', 'On sale'],

  'hd.day': ['日期', 'Day'],
  'hd.name': ['节日名称', 'Holiday'],
  'hd.add': ['添加节假日', 'Add a holiday'],
  'hd.none': ['暂无节假日：节假日按“节假日”时段计价', 'No holidays: a listed holiday is priced with the holiday slots'],
  'hd.deleteConfirm': ['删除节假日 {day}？', 'Delete the holiday {day}?'],
  'hd.badDay': ['请选择日期', 'Choose a day'],

  'rl.role': ['角色', 'Role'],
  'rl.gift': ['单笔赠送额度（元）', 'Gifts per bill (yuan)'],
  'rl.discountPct': ['折扣上限（%）', 'Discount up to (%)'],
  'rl.discountFen': ['减免上限（元）', 'Amount off up to (yuan)'],
  'rl.refund': ['作废/退款审批额度（元）', 'Voids/refunds approved up to (yuan)'],
  'rl.note': ['超出额度时，需由额度足够的人当场输入用户名和密码审批。', 'Beyond a limit, someone whose limit covers it approves with their username and password.'],
  'rl.bad': ['{role}：金额应为元、百分比 0-100，最多两位小数', '{role}: yuan amounts and a 0-100 percentage, at most two decimals'],
});

const API_DAYS = [1, 2, 3, 4, 5, 6, 0]; // Monday first, as a venue reads a week; the API's 0 is Sunday
const dayLabel = (d) => t('weekday.' + (d === 0 ? 7 : d));
const yuanText = (fen) => (fen ? fmtMoney(fen).replace(/,/g, '') : '');

export default {
  name: 'PricingPage',
  setup() {
    const tab = ref('plans');
    const types = ref([]);
    const typeId = ref(null);
    const plans = ref([]);
    const today = ref('');
    const packages = ref([]);
    const holidays = ref([]);
    const limits = ref([]);
    const products = ref([]);
    const loading = ref(false);
    const writable = computed(() => can('rooms', true));
    const limitsWritable = computed(() => can('settings', true));

    async function loadTypes() {
      types.value = (await api.get('/room-types')).items.filter((x) => x.active);
      if (!typeId.value && types.value.length) typeId.value = types.value[0].id;
    }
    async function loadPlans() {
      if (!typeId.value) return;
      loading.value = true;
      try {
        const r = await api.get('/price-plans', { room_type_id: typeId.value });
        plans.value = r.items.slice().sort((a, b) => (a.effective_from < b.effective_from ? 1 : -1));
        today.value = r.today;
      } finally {
        loading.value = false;
      }
    }
    async function loadPackages() {
      packages.value = (await api.get('/packages')).items;
    }
    async function loadHolidays() {
      holidays.value = (await api.get('/holidays')).items;
    }
    async function loadLimits() {
      limits.value = (await api.get('/role-limits')).items.map((r) => ({ ...r, gift: yuanText(r.gift_limit_fen), pct: r.discount_limit_bp ? String(r.discount_limit_bp / 100) : '', fixed: yuanText(r.discount_limit_fen), refund: yuanText(r.refund_limit_fen) }));
    }
    async function loadProducts() {
      if (products.value.length) return;
      try {
        products.value = (await api.get('/products', { active: 1, page_size: 1000 }, { quiet: true })).items;
      } catch {
        products.value = [];
      }
    }
    onMounted(async () => {
      await loadTypes();
      loadPlans();
      loadPackages();
      loadHolidays();
      loadLimits();
    });

    // The plan in force is the latest that started on or before today.
    const inForceId = computed(() => {
      const p = plans.value.find((x) => x.effective_from <= today.value);
      return p ? p.id : null;
    });
    function planState(p) {
      if (p.id === inForceId.value) return 'inForce';
      return p.effective_from > today.value ? 'future' : 'past';
    }
    const daysText = (s) => (s.days.length === 7 ? t('pp.allDays') : API_DAYS.filter((d) => s.days.includes(d)).map(dayLabel).join(' '));

    // ---- plan dialog ----
    const planDlg = reactive({ open: false, editing: null, saving: false, error: '', copied: false, form: {} });
    function slotForm(s) {
      return s ? { name: s.name, days: s.holiday && s.days.length === 0 ? [] : [...s.days], holiday: s.holiday, start: s.start, end: s.end, hour: yuanText(s.hour_fen), member: yuanText(s.member_hour_fen), min: yuanText(s.min_spend_fen) }
        : { name: '', days: [0, 1, 2, 3, 4, 5, 6], holiday: false, start: '12:00', end: '18:00', hour: '', member: '', min: '' };
    }
    function openPlan(p) {
      const base = p || plans.value.find((x) => x.id === inForceId.value) || null;
      Object.assign(planDlg, {
        open: true, editing: p || null, error: '', copied: !p && !!base,
        form: {
          // A new price starts tomorrow by default: today's open stays keep today's prices.
          name: p ? p.name : '', effective_from: p ? p.effective_from : (plans.value.length ? addDays(today.value, 1) : today.value),
          unit_min: base ? base.unit_min : 15, grace_min: base ? base.grace_min : 10,
          slots: base ? base.slots.map(slotForm) : [slotForm(null)],
        },
      });
    }
    function planBody() {
      const f = planDlg.form;
      const slots = f.slots.map((s, i) => {
        const hour = parseYuan(s.hour), member = s.member.trim() ? parseYuan(s.member) : 0, min = s.min.trim() ? parseYuan(s.min) : 0;
        if (hour === null || member === null || min === null) throw new Error(t('pp.badMoney', { n: i + 1 }));
        if (!/^\d{2}:\d{2}$/.test(s.start) || !/^\d{2}:\d{2}$/.test(s.end)) throw new Error(t('pp.badClock', { n: i + 1 }));
        const o = { name: s.name.trim(), start: s.start, end: s.end, hour_fen: hour, holiday: !!s.holiday, days: [...s.days].sort() };
        if (member) o.member_hour_fen = member;
        if (min) o.min_spend_fen = min;
        return o;
      });
      const body = { effective_from: f.effective_from, unit_min: f.unit_min, grace_min: f.grace_min, slots };
      if (f.name.trim()) body.name = f.name.trim();
      return body;
    }
    async function savePlan() {
      planDlg.error = '';
      let body;
      try {
        body = planBody();
      } catch (e) {
        planDlg.error = e.message;
        return;
      }
      planDlg.saving = true;
      try {
        if (planDlg.editing) await api.put('/price-plans/' + planDlg.editing.id, body, { quiet: true });
        else await api.post('/price-plans', { ...body, room_type_id: typeId.value }, { quiet: true });
        ElementPlus.ElMessage.success(planDlg.editing ? t('common.saved') : t('common.created'));
        planDlg.open = false;
        loadPlans();
      } catch (e) {
        planDlg.error = e.message;
      } finally {
        planDlg.saving = false;
      }
    }
    async function deletePlan(p) {
      try {
        await ElementPlus.ElMessageBox.confirm(t('pp.deleteConfirm', { name: p.name }), t('common.confirmTitle'), { type: 'warning', confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') });
      } catch {
        return;
      }
      await api.request('DELETE', '/price-plans/' + p.id);
      ElementPlus.ElMessage.success(t('pp.deleted'));
      loadPlans();
    }

    // ---- package dialog ----
    const pkgDlg = reactive({ open: false, editing: null, saving: false, error: '', form: {} });
    async function openPackage(p) {
      await loadProducts();
      const tm = (p && p.terms) || {};
      Object.assign(pkgDlg, {
        open: true, editing: p || null, error: '',
        form: {
          name: p ? p.name : '', price: p ? yuanText(p.price_fen) : '', active: p ? p.active : true,
          room_type_id: tm.room_type_id || null, buyout: !!tm.buyout, minutes: tm.included_minutes || 180, until: tm.buyout_until || '06:00',
          days: tm.days ? [...tm.days] : [0, 1, 2, 3, 4, 5, 6], start: tm.start || '00:00', end: tm.end === '24:00' || !tm.end ? '24:00' : tm.end,
          from: tm.effective_from && tm.effective_from !== '2000-01-01' ? tm.effective_from : '', to: tm.effective_to && tm.effective_to !== '9999-12-31' ? tm.effective_to : '',
          items: p ? p.items.map((x) => ({ product_id: x.product_id, qty: x.qty, choice_group: x.choice_group })) : [],
        },
      });
    }
    async function savePackage() {
      pkgDlg.error = '';
      const f = pkgDlg.form;
      const price = parseYuan(f.price);
      if (price === null) {
        pkgDlg.error = t('pk.badPrice');
        return;
      }
      const terms = { room_type_id: f.room_type_id || 0, buyout: f.buyout, days: [...f.days].sort(), start: f.start, end: f.end };
      if (f.buyout) terms.buyout_until = f.until;
      else terms.included_minutes = f.minutes;
      if (isDay(f.from)) terms.effective_from = f.from;
      if (isDay(f.to)) terms.effective_to = f.to;
      const body = { name: f.name.trim(), price_fen: price, active: f.active, terms, items: f.items.filter((x) => x.product_id).map((x) => ({ product_id: x.product_id, qty: x.qty, ...(x.choice_group && x.choice_group.trim() ? { choice_group: x.choice_group.trim() } : {}) })) };
      pkgDlg.saving = true;
      try {
        if (pkgDlg.editing) await api.put('/packages/' + pkgDlg.editing.id, body, { quiet: true });
        else await api.post('/packages', body, { quiet: true });
        ElementPlus.ElMessage.success(pkgDlg.editing ? t('common.saved') : t('common.created'));
        pkgDlg.open = false;
        loadPackages();
      } catch (e) {
        pkgDlg.error = e.message;
      } finally {
        pkgDlg.saving = false;
      }
    }
    const typeName = (id) => (types.value.find((x) => x.id === id) || {}).name || t('pk.anyType');
    function termsText(p) {
      if (!p.terms) return t('pk.noTerms');
      const tm = p.terms;
      return [tm.buyout ? t('pk.summary.buyout', { t: tm.buyout_until }) : t('pk.summary.min', { n: tm.included_minutes }), typeName(tm.room_type_id), `${tm.start}-${tm.end}`].join(' · ');
    }

    // ---- holidays ----
    const hd = reactive({ day: '', name: '', error: '' });
    async function addHoliday() {
      hd.error = '';
      if (!isDay(hd.day)) {
        hd.error = t('hd.badDay');
        return;
      }
      try {
        await api.put('/holidays/' + hd.day, { name: hd.name.trim() }, { quiet: true });
        ElementPlus.ElMessage.success(t('common.saved'));
        hd.day = '';
        hd.name = '';
        loadHolidays();
      } catch (e) {
        hd.error = e.message;
      }
    }
    async function deleteHoliday(h) {
      try {
        await ElementPlus.ElMessageBox.confirm(t('hd.deleteConfirm', { day: h.day }), t('common.confirmTitle'), { type: 'warning', confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') });
      } catch {
        return;
      }
      await api.request('DELETE', '/holidays/' + h.day);
      loadHolidays();
    }

    // ---- role limits ----
    async function saveLimit(r) {
      const gift = r.gift.trim() ? parseYuan(r.gift) : 0, pct = r.pct.trim() ? parsePercentBp(r.pct) : 0;
      const fixed = r.fixed.trim() ? parseYuan(r.fixed) : 0, refund = r.refund.trim() ? parseYuan(r.refund) : 0;
      if ([gift, pct, fixed, refund].includes(null)) {
        ElementPlus.ElMessage.error(t('rl.bad', { role: roleName(r.role, r.role_name) }));
        return;
      }
      await api.put('/role-limits/' + r.role, { gift_limit_fen: gift, discount_limit_bp: pct, discount_limit_fen: fixed, refund_limit_fen: refund });
      ElementPlus.ElMessage.success(t('common.saved'));
      loadLimits();
    }

    return {
      t, ui, tab, types, typeId, plans, today, packages, holidays, limits, products, loading, writable, limitsWritable,
      loadPlans, planState, daysText, planDlg, openPlan, savePlan, deletePlan, slotForm, API_DAYS, dayLabel, fmtMoney,
      pkgDlg, openPackage, savePackage, termsText, typeName, hd, addHoliday, deleteHoliday, saveLimit, roleName,
    };
  },
  template: `
  <div class="page" data-test="page-pricing">
    <PageHeader :title="t('pp.title')" :subtitle="t('pp.subtitle')">
      <el-button v-if="writable && tab === 'plans' && typeId" type="primary" data-test="plan-add" @click="openPlan(null)"><el-icon><IconPlus /></el-icon>{{ t('pp.newPlan') }}</el-button>
      <el-button v-if="writable && tab === 'packages'" type="primary" data-test="package-add" @click="openPackage(null)"><el-icon><IconPlus /></el-icon>{{ t('pk.new') }}</el-button>
    </PageHeader>
    <section class="panel">
      <el-tabs v-model="tab">
        <el-tab-pane :label="t('pp.tabPlans')" name="plans">
          <EmptyHint v-if="!types.length" :text="t('pp.noTypes')" />
          <template v-else>
            <div class="filter-bar" style="margin-bottom:14px">
              <el-radio-group v-model="typeId" @change="loadPlans" data-test="plan-types">
                <el-radio-button v-for="x in types" :key="x.id" :value="x.id" :label="x.id">{{ x.name }}</el-radio-button>
              </el-radio-group>
            </div>
            <div v-loading="loading">
              <el-alert v-if="!plans.length && !loading" :title="t('pp.noPlans')" type="warning" :closable="false" show-icon />
              <div v-for="p in plans" :key="p.id" class="plan-card" :class="{ 'in-force': planState(p) === 'inForce', future: planState(p) === 'future', past: planState(p) === 'past' }" :data-test="'plan-' + p.id">
                <div class="plan-head">
                  <div class="plan-name">{{ p.name }}
                    <el-tag size="small" :type="planState(p) === 'inForce' ? 'success' : planState(p) === 'future' ? 'primary' : 'info'" effect="light">{{ t('pp.' + planState(p)) }}</el-tag>
                    <span class="panel-note">{{ t('pp.from', { d: p.effective_from }) }} · {{ t('pp.unitGrace', { u: p.unit_min, g: p.grace_min }) }}</span>
                  </div>
                  <div v-if="writable && p.editable">
                    <el-button link type="primary" @click="openPlan(p)">{{ t('common.edit') }}</el-button>
                    <el-button link type="danger" @click="deletePlan(p)">{{ t('pp.delete') }}</el-button>
                  </div>
                </div>
                <div class="table-wrap">
                  <el-table :data="p.slots" size="small">
                    <el-table-column :label="t('pp.slot')" prop="name" min-width="90"><template #default="{ row }"><b>{{ row.name }}</b></template></el-table-column>
                    <el-table-column :label="t('pp.days')" min-width="170"><template #default="{ row }"><el-tag v-if="row.holiday" size="small" type="danger" effect="plain">{{ t('pp.holiday') }}</el-tag> {{ row.days.length ? daysText(row) : '' }}</template></el-table-column>
                    <el-table-column :label="t('pp.start') + ' – ' + t('pp.end')" min-width="110"><template #default="{ row }"><span class="num">{{ row.start }} – {{ row.end }}</span></template></el-table-column>
                    <el-table-column :label="t('pp.hour')" align="right" min-width="100"><template #default="{ row }"><b class="num">{{ fmtMoney(row.hour_fen) }}</b></template></el-table-column>
                    <el-table-column :label="t('pp.member')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ row.member_hour_fen ? fmtMoney(row.member_hour_fen) : '—' }}</span></template></el-table-column>
                    <el-table-column :label="t('pp.minSpend')" align="right" min-width="110"><template #default="{ row }"><span class="num">{{ row.min_spend_fen ? fmtMoney(row.min_spend_fen) : '—' }}</span></template></el-table-column>
                  </el-table>
                </div>
              </div>
            </div>
          </template>
        </el-tab-pane>

        <el-tab-pane :label="t('pp.tabPackages')" name="packages">
          <div class="table-wrap">
            <el-table :data="packages" :empty-text="t('common.noData')" data-test="packages-table">
              <el-table-column :label="t('pk.name')" prop="name" min-width="140"><template #default="{ row }"><b>{{ row.name }}</b></template></el-table-column>
              <el-table-column :label="t('pk.price')" align="right" min-width="100"><template #default="{ row }"><span class="num">{{ fmtMoney(row.price_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('pk.terms')" min-width="220"><template #default="{ row }">{{ termsText(row) }}</template></el-table-column>
              <el-table-column :label="t('pk.items')" min-width="220" class-name="wrap"><template #default="{ row }"><span v-for="(it, i) in row.items" :key="i" class="tag-soft">{{ it.product }} × {{ it.qty }}<span v-if="it.choice_group" class="muted"> ({{ it.choice_group }})</span></span></template></el-table-column>
              <el-table-column :label="t('common.status')" min-width="80"><template #default="{ row }"><el-tag size="small" :type="row.active ? 'success' : 'info'">{{ row.active ? t('pk.active') : t('common.inactive') }}</el-tag></template></el-table-column>
              <el-table-column v-if="writable" :label="t('common.actions')" min-width="80"><template #default="{ row }"><el-button link type="primary" @click="openPackage(row)">{{ t('common.edit') }}</el-button></template></el-table-column>
            </el-table>
          </div>
        </el-tab-pane>

        <el-tab-pane :label="t('pp.tabHolidays')" name="holidays">
          <div class="filter-bar" v-if="writable" style="margin-bottom:12px">
            <el-date-picker v-model="hd.day" type="date" value-format="YYYY-MM-DD" :placeholder="t('hd.day')" style="width:160px" />
            <el-input v-model="hd.name" maxlength="20" :placeholder="t('hd.name')" />
            <el-button type="primary" @click="addHoliday"><el-icon><IconPlus /></el-icon>{{ t('hd.add') }}</el-button>
            <span v-if="hd.error" class="money-neg">{{ hd.error }}</span>
          </div>
          <el-table :data="holidays" :empty-text="t('hd.none')" size="small" style="max-width:560px">
            <el-table-column :label="t('hd.day')" prop="day" min-width="120" />
            <el-table-column :label="t('hd.name')" prop="name" min-width="160" />
            <el-table-column v-if="writable" width="90"><template #default="{ row }"><el-button link type="danger" @click="deleteHoliday(row)"><el-icon><IconDelete /></el-icon></el-button></template></el-table-column>
          </el-table>
        </el-tab-pane>

        <el-tab-pane :label="t('pp.tabLimits')" name="limits">
          <p class="panel-note" style="margin-top:0">{{ t('rl.note') }}</p>
          <div class="table-wrap">
            <el-table :data="limits" size="small" data-test="limits-table">
              <el-table-column :label="t('rl.role')" min-width="100"><template #default="{ row }"><b>{{ roleName(row.role, row.role_name) }}</b></template></el-table-column>
              <el-table-column :label="t('rl.gift')" min-width="140"><template #default="{ row }"><el-input v-if="limitsWritable" v-model="row.gift" size="small" /><span v-else class="num">{{ fmtMoney(row.gift_limit_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('rl.discountPct')" min-width="120"><template #default="{ row }"><el-input v-if="limitsWritable" v-model="row.pct" size="small" /><span v-else class="num">{{ row.discount_limit_bp / 100 }}%</span></template></el-table-column>
              <el-table-column :label="t('rl.discountFen')" min-width="140"><template #default="{ row }"><el-input v-if="limitsWritable" v-model="row.fixed" size="small" /><span v-else class="num">{{ fmtMoney(row.discount_limit_fen) }}</span></template></el-table-column>
              <el-table-column :label="t('rl.refund')" min-width="160"><template #default="{ row }"><el-input v-if="limitsWritable" v-model="row.refund" size="small" /><span v-else class="num">{{ fmtMoney(row.refund_limit_fen) }}</span></template></el-table-column>
              <el-table-column v-if="limitsWritable" width="80"><template #default="{ row }"><el-button link type="primary" @click="saveLimit(row)">{{ t('common.save') }}</el-button></template></el-table-column>
            </el-table>
          </div>
        </el-tab-pane>
      </el-tabs>
    </section>

    <el-dialog v-model="planDlg.open" :title="planDlg.editing ? t('pp.editPlan') : t('pp.newPlan')" :width="ui.isPhone ? '100%' : '1100px'" :fullscreen="ui.isPhone" append-to-body data-test="plan-dialog" top="4vh">
      <el-alert v-if="planDlg.copied" :title="t('pp.copyHint')" type="info" :closable="false" show-icon style="margin-bottom:12px" />
      <el-form label-position="top" @submit.prevent>
        <div class="grid-3" style="gap:0 14px;grid-template-columns:2fr 1fr 1fr 1fr">
          <el-form-item :label="t('pp.name')"><el-input v-model="planDlg.form.name" maxlength="50" data-test="plan-name" /></el-form-item>
          <el-form-item :label="t('pp.effective')" required><el-date-picker v-model="planDlg.form.effective_from" type="date" value-format="YYYY-MM-DD" :clearable="false" style="width:100%" data-test="plan-from" /></el-form-item>
          <el-form-item :label="t('pp.unit')"><el-input-number v-model="planDlg.form.unit_min" :min="1" :max="240" style="width:100%" /></el-form-item>
          <el-form-item :label="t('pp.grace')"><el-input-number v-model="planDlg.form.grace_min" :min="0" :max="120" style="width:100%" /></el-form-item>
        </div>
        <div class="section-title">{{ t('pp.slots') }}</div>
        <p class="panel-note" style="margin-top:-4px">{{ t('pp.slotHint') }}</p>
        <div class="table-wrap">
          <el-table :data="planDlg.form.slots" size="small" class="slot-table" data-test="slot-table">
            <el-table-column :label="t('pp.slot')" min-width="90"><template #default="{ row }"><el-input v-model="row.name" maxlength="20" size="small" /></template></el-table-column>
            <el-table-column :label="t('pp.days')" min-width="350"><template #default="{ row }">
              <el-checkbox-group v-model="row.days" size="small" class="days-pick"><el-checkbox-button v-for="d in API_DAYS" :key="d" :value="d" :label="d">{{ dayLabel(d) }}</el-checkbox-button></el-checkbox-group></template></el-table-column>
            <el-table-column :label="t('pp.holiday')" width="70" align="center"><template #default="{ row }"><el-checkbox v-model="row.holiday" /></template></el-table-column>
            <el-table-column :label="t('pp.start')" width="82"><template #default="{ row }"><el-input v-model="row.start" size="small" maxlength="5" /></template></el-table-column>
            <el-table-column :label="t('pp.end')" width="82"><template #default="{ row }"><el-input v-model="row.end" size="small" maxlength="5" /></template></el-table-column>
            <el-table-column :label="t('pp.hour')" min-width="96"><template #default="{ row }"><el-input v-model="row.hour" size="small" inputmode="decimal" /></template></el-table-column>
            <el-table-column :label="t('pp.member')" min-width="96"><template #default="{ row }"><el-input v-model="row.member" size="small" inputmode="decimal" /></template></el-table-column>
            <el-table-column :label="t('pp.minSpend')" min-width="96"><template #default="{ row }"><el-input v-model="row.min" size="small" inputmode="decimal" /></template></el-table-column>
            <el-table-column width="44"><template #default="{ $index }"><el-button link type="danger" @click="planDlg.form.slots.splice($index, 1)"><el-icon><IconDelete /></el-icon></el-button></template></el-table-column>
          </el-table>
        </div>
        <el-button style="margin-top:8px" @click="planDlg.form.slots.push(slotForm(null))"><el-icon><IconPlus /></el-icon>{{ t('pp.addSlot') }}</el-button>
        <el-alert v-if="planDlg.error" :title="planDlg.error" type="error" :closable="false" show-icon style="margin-top:12px" data-test="plan-error" />
      </el-form>
      <template #footer>
        <el-button @click="planDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="planDlg.saving" data-test="plan-save" @click="savePlan">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="pkgDlg.open" :title="pkgDlg.editing ? t('pk.edit') : t('pk.new')" :width="ui.isPhone ? '100%' : '760px'" :fullscreen="ui.isPhone" append-to-body data-test="package-dialog" top="4vh">
      <el-form label-position="top" @submit.prevent>
        <div class="grid-3" style="gap:0 14px">
          <el-form-item :label="t('pk.name')" required><el-input v-model="pkgDlg.form.name" maxlength="100" /></el-form-item>
          <el-form-item :label="t('pk.price')" required><el-input v-model="pkgDlg.form.price" inputmode="decimal"><template #prefix>¥</template></el-input></el-form-item>
          <el-form-item :label="t('pk.roomType')">
            <el-select v-model="pkgDlg.form.room_type_id" clearable :placeholder="t('pk.anyType')" style="width:100%"><el-option v-for="x in types" :key="x.id" :label="x.name" :value="x.id" /></el-select>
          </el-form-item>
          <el-form-item :label="t('pk.buyout')"><el-switch v-model="pkgDlg.form.buyout" /></el-form-item>
          <el-form-item v-if="!pkgDlg.form.buyout" :label="t('pk.minutes')"><el-input-number v-model="pkgDlg.form.minutes" :min="1" :max="2880" :step="30" style="width:100%" /></el-form-item>
          <el-form-item v-else :label="t('pk.until')"><el-input v-model="pkgDlg.form.until" maxlength="5" /></el-form-item>
          <el-form-item :label="t('pk.active')"><el-switch v-model="pkgDlg.form.active" /></el-form-item>
          <el-form-item :label="t('pk.window')"><div style="display:flex;gap:6px;align-items:center"><el-input v-model="pkgDlg.form.start" maxlength="5" /> – <el-input v-model="pkgDlg.form.end" maxlength="5" /></div></el-form-item>
          <el-form-item :label="t('pk.dates')" class="span-2"><div style="display:flex;gap:6px;align-items:center">
            <el-date-picker v-model="pkgDlg.form.from" type="date" value-format="YYYY-MM-DD" style="width:100%" /> – <el-date-picker v-model="pkgDlg.form.to" type="date" value-format="YYYY-MM-DD" style="width:100%" /></div></el-form-item>
        </div>
        <el-form-item :label="t('pp.days')">
          <el-checkbox-group v-model="pkgDlg.form.days" size="small"><el-checkbox-button v-for="d in API_DAYS" :key="d" :value="d" :label="d">{{ dayLabel(d) }}</el-checkbox-button></el-checkbox-group>
        </el-form-item>
        <div class="section-title">{{ t('pk.items') }}</div>
        <div class="cart-row" v-for="(it, i) in pkgDlg.form.items" :key="i">
          <el-select v-model="it.product_id" filterable style="flex:2" :placeholder="t('pk.product')"><el-option v-for="p in products" :key="p.id" :label="p.name + ' · ' + fmtMoney(p.price_fen)" :value="p.id" /></el-select>
          <el-input-number v-model="it.qty" :min="1" :max="999" size="small" />
          <el-input v-model="it.choice_group" maxlength="20" :placeholder="t('pk.group')" style="flex:1" />
          <el-button link type="danger" @click="pkgDlg.form.items.splice(i, 1)"><el-icon><IconDelete /></el-icon></el-button>
        </div>
        <el-button size="small" @click="pkgDlg.form.items.push({ product_id: null, qty: 1, choice_group: '' })"><el-icon><IconPlus /></el-icon>{{ t('pk.addItem') }}</el-button>
        <el-alert v-if="pkgDlg.error" :title="pkgDlg.error" type="error" :closable="false" show-icon style="margin-top:12px" />
      </el-form>
      <template #footer>
        <el-button @click="pkgDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="pkgDlg.saving" @click="savePackage">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
