// pages/settings/users.js: users (add, edit, disable, reset password) and the role permission
// matrix (which role may read or change which module; only an admin may change it).
import { t, addMessages, roleName, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { session, can, ui } from '../../store.js';

const { ref, reactive, computed, onMounted } = Vue;

addMessages({
  'users.title': ['用户与权限', 'Users & permissions'],
  'users.subtitle': ['登录账号、角色，以及每个角色能查看和修改的模块', 'Accounts, roles, and what each role may read and change'],
  'users.tabUsers': ['用户', 'Users'],
  'users.tabPerms': ['角色权限', 'Role permissions'],
  'users.username': ['用户名', 'Username'],
  'users.displayName': ['姓名', 'Name'],
  'users.role': ['角色', 'Role'],
  'users.password': ['密码', 'Password'],
  'users.newPassword': ['重置密码', 'Reset password'],
  'users.newPasswordHelp': ['留空则不修改；8 到 72 个字符，不能全是数字', 'Leave blank to keep; 8 to 72 characters, not all digits'],
  'users.add': ['新增用户', 'Add user'],
  'users.edit': ['编辑用户', 'Edit user'],
  'users.you': ['（您）', '(you)'],
  'users.module': ['模块', 'Module'],
  'users.read': ['查看', 'Read'],
  'users.write': ['修改', 'Write'],
  'users.permHelp': ['勾选“修改”会同时开通“查看”；管理员始终拥有全部权限。修改即时生效。', 'Write implies read; the administrator always has every permission. Changes apply at once.'],
  'users.permSaved': ['{role}：{module} 权限已更新', '{role}: {module} updated'],
  'users.onlyAdmin': ['只有管理员可以修改权限', 'Only an administrator may change permissions'],
  'users.usernameHelp': ['字母、数字、点、下划线或短横线', 'Letters, digits, dot, underscore or dash'],
});

export default {
  name: 'UsersPage',
  setup() {
    const tab = ref('users');
    const users = ref([]);
    const roles = ref([]);
    const loading = ref(false);
    const dialog = reactive({ open: false, editing: null, saving: false, error: '', form: {} });
    const perms = ref(null);
    const permLoading = ref(false);
    const writable = computed(() => can('users', true));
    const isAdmin = computed(() => session.user && session.user.role === 'admin');

    async function load() {
      loading.value = true;
      try {
        const r = await api.get('/users');
        users.value = r.items;
        roles.value = r.roles || [];
      } finally {
        loading.value = false;
      }
    }
    async function loadPerms() {
      permLoading.value = true;
      try {
        perms.value = await api.get('/permissions');
      } finally {
        permLoading.value = false;
      }
    }
    onMounted(() => {
      load();
      loadPerms();
    });

    function openAdd() {
      Object.assign(dialog, { open: true, editing: null, error: '', form: { username: '', display_name: '', role: 'cashier', password: '', active: true } });
    }
    function openEdit(u) {
      Object.assign(dialog, { open: true, editing: u, error: '', form: { display_name: u.display_name, role: u.role, active: u.active, password: '' } });
    }
    async function save() {
      dialog.saving = true;
      dialog.error = '';
      try {
        if (dialog.editing) {
          const body = { display_name: dialog.form.display_name, role: dialog.form.role, active: dialog.form.active };
          if (dialog.form.password) body.password = dialog.form.password;
          if (dialog.editing.id === session.user.id) {
            delete body.role;
            delete body.active;
          }
          await api.put('/users/' + dialog.editing.id, body, { quiet: true });
          ElementPlus.ElMessage.success(t('common.saved'));
        } else {
          const { username, display_name, role, password } = dialog.form;
          await api.post('/users', { username, display_name, role, password }, { quiet: true });
          ElementPlus.ElMessage.success(t('common.created'));
        }
        dialog.open = false;
        load();
      } catch (e) {
        dialog.error = e.message;
      } finally {
        dialog.saving = false;
      }
    }
    async function toggleActive(u) {
      try {
        await api.put('/users/' + u.id, { active: !u.active });
        ElementPlus.ElMessage.success(t('common.saved'));
      } finally {
        load();
      }
    }

    const moduleRows = computed(() => (perms.value ? perms.value.modules : []));
    const roleCols = computed(() => (perms.value ? Object.keys(perms.value.roles) : []));
    function cell(role, module) {
      const r = perms.value && perms.value.roles[role];
      return (r && r[module]) || { read: false, write: false };
    }
    async function setPerm(role, module, which, value) {
      const cur = cell(role, module);
      let read = cur.read, write = cur.write;
      if (which === 'read') {
        read = value;
        if (!value) write = false;
      } else {
        write = value;
        if (value) read = true;
      }
      try {
        await api.put('/permissions', { role, module, read, write });
        perms.value.roles[role][module] = { read, write };
        const m = moduleRows.value.find((x) => x.id === module);
        ElementPlus.ElMessage.success(t('users.permSaved', { role: roleName(role), module: m ? (isEn() ? m.name_en : m.name) : module }));
      } catch {
        await loadPerms();
      }
    }
    function moduleName(m) {
      return isEn() ? m.name_en : m.name;
    }

    return {
      t, ui, session, tab, users, roles, loading, dialog, openAdd, openEdit, save, toggleActive, writable, isAdmin,
      perms, permLoading, moduleRows, roleCols, cell, setPerm, roleName, moduleName,
    };
  },
  template: `
  <div class="page" data-test="page-users">
    <PageHeader :title="t('users.title')" :subtitle="t('users.subtitle')">
      <el-button v-if="writable && tab === 'users'" type="primary" data-test="user-add" @click="openAdd"><el-icon><IconPlus /></el-icon>{{ t('users.add') }}</el-button>
    </PageHeader>
    <section class="panel">
      <el-tabs v-model="tab">
        <el-tab-pane :label="t('users.tabUsers')" name="users">
          <div class="table-wrap">
            <el-table :data="users" v-loading="loading" size="default" :empty-text="t('common.noData')">
              <el-table-column :label="t('users.username')" prop="username" min-width="130">
                <template #default="{ row }"><b>{{ row.username }}</b> <span class="muted" v-if="row.id === session.user.id">{{ t('users.you') }}</span></template>
              </el-table-column>
              <el-table-column :label="t('users.displayName')" prop="display_name" min-width="120" />
              <el-table-column :label="t('users.role')" min-width="120"><template #default="{ row }"><el-tag effect="plain" round>{{ roleName(row.role, row.role_name) }}</el-tag></template></el-table-column>
              <el-table-column :label="t('common.status')" min-width="90">
                <template #default="{ row }"><el-tag :type="row.active ? 'success' : 'info'" effect="light">{{ row.active ? t('common.active') : t('common.inactive') }}</el-tag></template>
              </el-table-column>
              <el-table-column v-if="writable" :label="t('common.actions')" min-width="160" fixed="right">
                <template #default="{ row }">
                  <el-button link type="primary" @click="openEdit(row)">{{ t('common.edit') }}</el-button>
                  <el-button v-if="row.id !== session.user.id" link :type="row.active ? 'danger' : 'success'" @click="toggleActive(row)">{{ row.active ? t('common.deactivate') : t('common.reactivate') }}</el-button>
                </template>
              </el-table-column>
            </el-table>
          </div>
        </el-tab-pane>
        <el-tab-pane :label="t('users.tabPerms')" name="perms">
          <el-alert :title="isAdmin ? t('users.permHelp') : t('users.onlyAdmin')" :type="isAdmin ? 'info' : 'warning'" :closable="false" show-icon style="margin-bottom:12px" />
          <div class="table-wrap">
            <el-table :data="moduleRows" v-loading="permLoading" size="small" border class="perm-matrix" data-test="perm-matrix">
              <el-table-column :label="t('users.module')" min-width="140" fixed><template #default="{ row }"><b>{{ moduleName(row) }}</b></template></el-table-column>
              <el-table-column v-for="r in roleCols" :key="r" :label="roleName(r)" min-width="118" align="center">
                <template #default="{ row }">
                  <div class="perm-cell">
                    <el-checkbox size="small" :model-value="cell(r, row.id).read" :disabled="!isAdmin || r === 'admin'" @change="(v) => setPerm(r, row.id, 'read', v)">{{ t('users.read') }}</el-checkbox>
                    <el-checkbox size="small" :model-value="cell(r, row.id).write" :disabled="!isAdmin || r === 'admin'" @change="(v) => setPerm(r, row.id, 'write', v)">{{ t('users.write') }}</el-checkbox>
                  </div>
                </template>
              </el-table-column>
            </el-table>
          </div>
        </el-tab-pane>
      </el-tabs>
    </section>

    <el-dialog v-model="dialog.open" :title="dialog.editing ? t('users.edit') : t('users.add')" :width="ui.isPhone ? '94%' : '460px'" append-to-body>
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item v-if="!dialog.editing" :label="t('users.username')" required>
          <el-input v-model="dialog.form.username" maxlength="32" :placeholder="t('users.usernameHelp')" data-test="user-username" />
        </el-form-item>
        <el-form-item :label="t('users.displayName')"><el-input v-model="dialog.form.display_name" maxlength="50" data-test="user-display" /></el-form-item>
        <el-form-item :label="t('users.role')" required>
          <el-select v-model="dialog.form.role" style="width:100%" :disabled="dialog.editing && dialog.editing.id === session.user.id">
            <el-option v-for="r in roles" :key="r.id" :label="roleName(r.id, r.name)" :value="r.id" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="dialog.editing && dialog.editing.id !== session.user.id" :label="t('common.status')">
          <el-switch v-model="dialog.form.active" :active-text="t('common.active')" :inactive-text="t('common.inactive')" />
        </el-form-item>
        <el-form-item :label="dialog.editing ? t('users.newPassword') : t('users.password')" :required="!dialog.editing">
          <el-input v-model="dialog.form.password" type="password" show-password autocomplete="new-password" :placeholder="t('users.newPasswordHelp')" data-test="user-password" />
        </el-form-item>
        <el-alert v-if="dialog.error" :title="dialog.error" type="error" :closable="false" show-icon />
      </el-form>
      <template #footer>
        <el-button @click="dialog.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="dialog.saving" data-test="user-save" @click="save">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>
  </div>`,
};
