// pages/master/rooms.js: rooms (包厢) and room types (房型): list, search, add, edit, deactivate.
import { t, addMessages } from '../../i18n.js';
import * as api from '../../api.js';
import { can, ui } from '../../store.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'rooms.title': ['包厢与房型', 'Rooms & room types'],
  'rooms.subtitle': ['门店的包厢，以及房型（容纳人数、排序）', 'The venue\'s rooms, and their types (capacity, order)'],
  'rooms.tabRooms': ['包厢', 'Rooms'],
  'rooms.tabTypes': ['房型', 'Room types'],
  'rooms.roomNo': ['房号', 'Room no.'],
  'rooms.name': ['名称', 'Name'],
  'rooms.type': ['房型', 'Room type'],
  'rooms.addRoom': ['新增包厢', 'Add room'],
  'rooms.editRoom': ['编辑包厢', 'Edit room'],
  'rooms.addType': ['新增房型', 'Add room type'],
  'rooms.editType': ['编辑房型', 'Edit room type'],
  'rooms.typeName': ['房型名称', 'Type name'],
  'rooms.capacity': ['容纳人数', 'Capacity'],
  'rooms.sortOrder': ['排序', 'Order'],
  'rooms.roomCount': ['包厢数', 'Rooms'],
  'rooms.search': ['房号或名称', 'Room no. or name'],
  'rooms.needType': ['请先新增房型', 'Add a room type first'],
  'rooms.chooseType': ['选择房型', 'Choose a room type'],
  'rooms.deactivateConfirm': ['停用包厢 {name}？停用后不再出现在开台列表，历史账单不受影响。', 'Deactivate room {name}? It leaves the front desk; past bills stay as they are.'],
  'rooms.persons': ['{n} 人', '{n} guests'],
  'rooms.import': ['导入包厢 CSV', 'Import rooms (CSV)'],
  'rooms.importColumns': ['列：房号 room_no、名称 name、房型 room_type，可选 启用 active；房号相同则更新，房型不存在时按名称新建。', 'Columns: room_no, name, room_type, optional active; a known room number is updated, unknown room types are created by name.'],
});

export default {
  name: 'RoomsPage',
  setup() {
    const tab = ref('rooms');
    const rooms = ref([]);
    const types = ref([]);
    const loading = ref(false);
    const filter = reactive({ q: '', active: 'all' });
    const writable = computed(() => can('rooms', true));
    const roomDialog = reactive({ open: false, editing: null, saving: false, error: '', field: '', form: {} });
    const typeDialog = reactive({ open: false, editing: null, saving: false, error: '', field: '', form: {} });
    const importOpen = ref(false);

    async function loadTypes() {
      const r = await api.get('/room-types');
      types.value = r.items;
    }
    async function loadRooms() {
      const r = await api.get('/rooms', { q: filter.q, active: filter.active === 'all' ? '' : filter.active });
      rooms.value = r.items;
    }
    async function load() {
      loading.value = true;
      try {
        await Promise.all([loadTypes(), loadRooms()]);
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    function openRoom(r) {
      if (!types.value.length) {
        ElementPlus.ElMessage.warning(t('rooms.needType'));
        tab.value = 'types';
        return;
      }
      const firstActive = types.value.find((x) => x.active) || types.value[0];
      Object.assign(roomDialog, {
        open: true, editing: r || null, error: '', field: '',
        form: r ? { room_no: r.room_no, name: r.name, room_type_id: r.room_type_id, active: r.active } : { room_no: '', name: '', room_type_id: firstActive.id, active: true },
      });
    }
    async function saveRoom() {
      roomDialog.saving = true;
      roomDialog.error = '';
      roomDialog.field = '';
      try {
        if (roomDialog.editing) await api.put('/rooms/' + roomDialog.editing.id, roomDialog.form, { quiet: true });
        else await api.post('/rooms', roomDialog.form, { quiet: true });
        ElementPlus.ElMessage.success(roomDialog.editing ? t('common.saved') : t('common.created'));
        roomDialog.open = false;
        load();
      } catch (e) {
        roomDialog.error = e.message;
        roomDialog.field = e.field || '';
      } finally {
        roomDialog.saving = false;
      }
    }
    async function toggleRoom(r) {
      if (r.active) {
        try {
          await ElementPlus.ElMessageBox.confirm(t('rooms.deactivateConfirm', { name: r.room_no }), t('common.confirmTitle'), { type: 'warning', confirmButtonText: t('common.deactivate'), cancelButtonText: t('common.cancel') });
        } catch {
          return;
        }
      }
      await api.put('/rooms/' + r.id, { active: !r.active });
      ElementPlus.ElMessage.success(t('common.saved'));
      load();
    }

    function openType(x) {
      Object.assign(typeDialog, {
        open: true, editing: x || null, error: '', field: '',
        form: x ? { name: x.name, capacity: x.capacity, sort_order: x.sort_order, active: x.active } : { name: '', capacity: 6, sort_order: (types.value.length + 1) * 10, active: true },
      });
    }
    async function saveType() {
      typeDialog.saving = true;
      typeDialog.error = '';
      typeDialog.field = '';
      try {
        if (typeDialog.editing) await api.put('/room-types/' + typeDialog.editing.id, typeDialog.form, { quiet: true });
        else await api.post('/room-types', typeDialog.form, { quiet: true });
        ElementPlus.ElMessage.success(typeDialog.editing ? t('common.saved') : t('common.created'));
        typeDialog.open = false;
        load();
      } catch (e) {
        typeDialog.error = e.message;
        typeDialog.field = e.field || '';
      } finally {
        typeDialog.saving = false;
      }
    }
    async function toggleType(x) {
      await api.put('/room-types/' + x.id, { active: !x.active });
      ElementPlus.ElMessage.success(t('common.saved'));
      load();
    }

    return { t, ui, importOpen, load, tab, rooms, types, loading, filter, writable, loadRooms, roomDialog, typeDialog, openRoom, saveRoom, toggleRoom, openType, saveType, toggleType };
  },
  template: `
  <div class="page" data-test="page-rooms">
    <PageHeader :title="t('rooms.title')" :subtitle="t('rooms.subtitle')">
      <template v-if="writable">
        <el-button data-test="room-import" @click="importOpen = true"><el-icon><IconUpload /></el-icon>{{ t('rooms.import') }}</el-button>
        <el-button v-if="tab === 'rooms'" type="primary" data-test="room-add" @click="openRoom()"><el-icon><IconPlus /></el-icon>{{ t('rooms.addRoom') }}</el-button>
        <el-button v-else type="primary" data-test="type-add" @click="openType()"><el-icon><IconPlus /></el-icon>{{ t('rooms.addType') }}</el-button>
      </template>
    </PageHeader>
    <CsvImportDialog v-model="importOpen" endpoint="/import/rooms" :title="t('rooms.import')" :columns="t('rooms.importColumns')" @done="load" />
    <section class="panel">
      <el-tabs v-model="tab">
        <el-tab-pane :label="t('rooms.tabRooms') + ' (' + rooms.length + ')'" name="rooms">
          <div class="filter-bar" style="margin-bottom:12px">
            <el-input v-model="filter.q" clearable :placeholder="t('rooms.search')" @keyup.enter="loadRooms" @clear="loadRooms" data-test="room-search">
              <template #prefix><el-icon><IconSearch /></el-icon></template>
            </el-input>
            <el-select v-model="filter.active" @change="loadRooms" style="width:130px">
              <el-option :label="t('common.anyStatus')" value="all" /><el-option :label="t('common.active')" value="1" /><el-option :label="t('common.inactive')" value="0" />
            </el-select>
            <el-button type="primary" plain @click="loadRooms">{{ t('common.search') }}</el-button>
          </div>
          <div class="table-wrap">
            <el-table :data="rooms" v-loading="loading" :empty-text="t('common.noData')" data-test="rooms-table">
              <el-table-column :label="t('rooms.roomNo')" prop="room_no" min-width="90"><template #default="{ row }"><b>{{ row.room_no }}</b></template></el-table-column>
              <el-table-column :label="t('rooms.name')" prop="name" min-width="120" />
              <el-table-column :label="t('rooms.type')" prop="room_type" min-width="110" />
              <el-table-column :label="t('common.status')" min-width="90">
                <template #default="{ row }"><el-tag :type="row.active ? 'success' : 'info'" effect="light">{{ row.active ? t('common.active') : t('common.inactive') }}</el-tag></template>
              </el-table-column>
              <el-table-column v-if="writable" :label="t('common.actions')" min-width="150" fixed="right">
                <template #default="{ row }">
                  <el-button link type="primary" :data-test="'room-edit-' + row.room_no" @click="openRoom(row)">{{ t('common.edit') }}</el-button>
                  <el-button link :type="row.active ? 'danger' : 'success'" @click="toggleRoom(row)">{{ row.active ? t('common.deactivate') : t('common.reactivate') }}</el-button>
                </template>
              </el-table-column>
            </el-table>
          </div>
        </el-tab-pane>
        <el-tab-pane :label="t('rooms.tabTypes') + ' (' + types.length + ')'" name="types">
          <div class="table-wrap">
            <el-table :data="types" v-loading="loading" :empty-text="t('common.noData')" data-test="types-table">
              <el-table-column :label="t('rooms.typeName')" prop="name" min-width="120"><template #default="{ row }"><b>{{ row.name }}</b></template></el-table-column>
              <el-table-column :label="t('rooms.capacity')" min-width="100" align="right"><template #default="{ row }">{{ row.capacity ? t('rooms.persons', { n: row.capacity }) : '—' }}</template></el-table-column>
              <el-table-column :label="t('rooms.roomCount')" prop="room_count" min-width="90" align="right" />
              <el-table-column :label="t('rooms.sortOrder')" prop="sort_order" min-width="80" align="right" />
              <el-table-column :label="t('common.status')" min-width="90">
                <template #default="{ row }"><el-tag :type="row.active ? 'success' : 'info'" effect="light">{{ row.active ? t('common.active') : t('common.inactive') }}</el-tag></template>
              </el-table-column>
              <el-table-column v-if="writable" :label="t('common.actions')" min-width="150" fixed="right">
                <template #default="{ row }">
                  <el-button link type="primary" :data-test="'type-edit-' + row.name" @click="openType(row)">{{ t('common.edit') }}</el-button>
                  <el-button link :type="row.active ? 'danger' : 'success'" @click="toggleType(row)">{{ row.active ? t('common.deactivate') : t('common.reactivate') }}</el-button>
                </template>
              </el-table-column>
            </el-table>
          </div>
        </el-tab-pane>
      </el-tabs>
    </section>

    <el-dialog v-model="roomDialog.open" :title="roomDialog.editing ? t('rooms.editRoom') : t('rooms.addRoom')" :width="ui.isPhone ? '94%' : '440px'" append-to-body data-test="room-dialog">
      <el-form label-position="top" @submit.prevent="saveRoom">
        <el-form-item :label="t('rooms.roomNo')" required :error="roomDialog.field === 'room_no' ? roomDialog.error : ''"><el-input v-model="roomDialog.form.room_no" maxlength="20" data-test="room-no" /></el-form-item>
        <el-form-item :label="t('rooms.name')"><el-input v-model="roomDialog.form.name" maxlength="50" data-test="room-name" /></el-form-item>
        <el-form-item :label="t('rooms.type')" required>
          <el-select v-model="roomDialog.form.room_type_id" :placeholder="t('rooms.chooseType')" style="width:100%" data-test="room-type">
            <el-option v-for="x in types" :key="x.id" :label="x.name + (x.active ? '' : ' · ' + t('common.inactive'))" :value="x.id" />
          </el-select>
        </el-form-item>
        <el-form-item :label="t('common.status')"><el-switch v-model="roomDialog.form.active" :active-text="t('common.active')" :inactive-text="t('common.inactive')" /></el-form-item>
        <el-alert v-if="roomDialog.error && roomDialog.field !== 'room_no'" :title="roomDialog.error" type="error" :closable="false" show-icon data-test="dialog-error" />
      </el-form>
      <template #footer>
        <el-button @click="roomDialog.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="roomDialog.saving" data-test="room-save" @click="saveRoom">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="typeDialog.open" :title="typeDialog.editing ? t('rooms.editType') : t('rooms.addType')" :width="ui.isPhone ? '94%' : '420px'" append-to-body data-test="type-dialog">
      <el-form label-position="top" @submit.prevent="saveType">
        <el-form-item :label="t('rooms.typeName')" required :error="typeDialog.field === 'name' ? typeDialog.error : ''"><el-input v-model="typeDialog.form.name" maxlength="50" data-test="type-name" /></el-form-item>
        <div class="grid-2" style="gap:12px">
          <el-form-item :label="t('rooms.capacity')"><el-input-number v-model="typeDialog.form.capacity" :min="0" :max="500" style="width:100%" data-test="type-capacity" /></el-form-item>
          <el-form-item :label="t('rooms.sortOrder')"><el-input-number v-model="typeDialog.form.sort_order" :min="-10000" :max="10000" style="width:100%" /></el-form-item>
        </div>
        <el-form-item :label="t('common.status')"><el-switch v-model="typeDialog.form.active" :active-text="t('common.active')" :inactive-text="t('common.inactive')" /></el-form-item>
        <el-alert v-if="typeDialog.error && typeDialog.field !== 'name'" :title="typeDialog.error" type="error" :closable="false" show-icon data-test="dialog-error" />
      </el-form>
      <template #footer>
        <el-button @click="typeDialog.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="typeDialog.saving" data-test="type-save" @click="saveType">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
