// pages/settings/venue.js: the venue's name, address, phone, time zone and business-day
// cut-off. A changed cut-off applies to bills written from then on.
import { t, addMessages } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';

const { ref, reactive, onMounted, computed } = Vue;

addMessages({
  'venue.title': ['门店设置', 'Venue settings'],
  'venue.subtitle': ['门店资料与营业日规则', 'The venue\'s details and business-day rule'],
  'venue.basic': ['基本信息', 'Details'],
  'venue.rules': ['营业日规则', 'Business day'],
  'venue.name': ['门店名称', 'Venue name'],
  'venue.address': ['地址', 'Address'],
  'venue.phone': ['电话', 'Phone'],
  'venue.timezone': ['时区', 'Time zone'],
  'venue.cutoff': ['营业日切换时间', 'Business-day cut-off'],
  'venue.cutoffHelp': ['例如 06:00：凌晨 02:30 结账的账单计入前一营业日。', 'E.g. 06:00: a bill settled at 02:30 belongs to the previous business day.'],
  'venue.cutoffWarn': ['修改切换时间只影响之后写入的账单，已有账单的营业日不会改变。', 'A new cut-off applies to bills written from now on; existing bills keep their business day.'],
  'venue.tzHelp': ['所有报表按此时区的营业日统计。', 'Every report counts business days in this time zone.'],
  'venue.readonly': ['您只有查看权限', 'You may only view these settings'],
  'venue.example': ['示例：{at} 结账 → 营业日 {day}', 'Example: settled {at} → business day {day}'],
});

const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Tokyo', 'Asia/Seoul', 'Asia/Bangkok', 'Asia/Urumqi', 'Europe/London', 'America/Los_Angeles', 'America/New_York', 'Australia/Sydney', 'UTC'];

export default {
  name: 'VenuePage',
  setup() {
    const form = reactive({ name: '', address: '', phone: '', timezone: 'Asia/Shanghai', cutoff: '06:00' });
    const loading = ref(false);
    const saving = ref(false);
    const fieldError = reactive({});
    const writable = computed(() => can('settings', true));

    async function load() {
      loading.value = true;
      try {
        const v = await api.get('/venue');
        Object.assign(form, { name: v.name, address: v.address || '', phone: v.phone || '', timezone: v.timezone, cutoff: v.cutoff });
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    async function save() {
      for (const k of Object.keys(fieldError)) delete fieldError[k];
      saving.value = true;
      try {
        const v = await api.put('/venue', { ...form }, { quiet: true });
        session.venue = { ...session.venue, name: v.name, timezone: v.timezone, cutoff_minutes: v.cutoff_minutes, cutoff: v.cutoff };
        ElementPlus.ElMessage.success(t('common.saved'));
      } catch (e) {
        if (e.field) fieldError[e.field] = e.message;
        ElementPlus.ElMessage.error(e.message);
      } finally {
        saving.value = false;
      }
    }
    const example = computed(() => {
      const m = /^(\d{2}):(\d{2})$/.exec(form.cutoff || '');
      if (!m || form.cutoff === '00:00') return '';
      return t('venue.example', { at: '2019-02-06 02:30', day: form.cutoff > '02:30' ? '2019-02-05' : '2019-02-06' });
    });
    return { t, ui, form, loading, saving, save, fieldError, writable, zones: ZONES, example };
  },
  template: `
  <div class="page" data-test="page-venue">
    <PageHeader :title="t('venue.title')" :subtitle="t('venue.subtitle')">
      <el-button v-if="writable" type="primary" :loading="saving" data-test="venue-save" @click="save"><el-icon><IconCheck /></el-icon>{{ t('common.save') }}</el-button>
    </PageHeader>
    <el-alert v-if="!writable" :title="t('venue.readonly')" type="info" show-icon :closable="false" style="margin-bottom:16px" />
    <el-form label-position="top" :disabled="!writable" v-loading="loading" @submit.prevent="save">
      <div class="grid-2">
        <section class="panel">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconShop /></el-icon>{{ t('venue.basic') }}</h3></div>
          <el-form-item :label="t('venue.name')" :error="fieldError.name" required><el-input v-model="form.name" maxlength="100" data-test="venue-name" /></el-form-item>
          <el-form-item :label="t('venue.address')" :error="fieldError.address"><el-input v-model="form.address" maxlength="200" /></el-form-item>
          <el-form-item :label="t('venue.phone')" :error="fieldError.phone"><el-input v-model="form.phone" maxlength="40" /></el-form-item>
        </section>
        <section class="panel">
          <div class="panel-head"><h3 class="panel-title"><el-icon><IconClock /></el-icon>{{ t('venue.rules') }}</h3></div>
          <el-form-item :label="t('venue.timezone')" :error="fieldError.timezone">
            <el-select v-model="form.timezone" filterable allow-create default-first-option style="width:100%">
              <el-option v-for="z in zones" :key="z" :label="z" :value="z" />
            </el-select>
            <div class="panel-note">{{ t('venue.tzHelp') }}</div>
          </el-form-item>
          <el-form-item :label="t('venue.cutoff')" :error="fieldError.cutoff">
            <el-time-select v-model="form.cutoff" start="00:00" step="00:30" end="12:00" format="HH:mm" :clearable="false" style="width:160px" />
            <div class="panel-note" style="width:100%">{{ t('venue.cutoffHelp') }}</div>
            <div class="panel-note" style="width:100%" v-if="example">{{ example }}</div>
          </el-form-item>
          <el-alert :title="t('venue.cutoffWarn')" type="warning" :closable="false" show-icon />
        </section>
      </div>
    </el-form>
  </div>`,
};
