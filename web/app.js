// app.js: the application shell: start-up (who is signed in), the layout with the side
// navigation, the top bar (language, user menu, password change) and the page outlet.
import { t, lang, setLang, roleName, addMessages } from './i18n.js';
import * as api from './api.js';
import { session, setSession, can, ui } from './store.js';
import { route, go } from './router.js';
import { NAV, pageOf } from './nav.js';
import { registerComponents } from './components.js';
import { fmtMoney, fmtYuan, fmtInt, fmtInstant, businessToday } from './format.js';
import LoginPage from './pages/auth/login.js';
import { NotBuilt, Forbidden, NotFound } from './pages/common/not-built.js';

const { createApp, ref, reactive, computed, watch, shallowRef, markRaw } = Vue;

addMessages({
  'shell.collapse': ['收起菜单', 'Collapse menu'],
  'shell.expand': ['展开菜单', 'Expand menu'],
  'shell.menu': ['菜单', 'Menu'],
  'shell.changePassword': ['修改密码', 'Change password'],
  'shell.logout': ['退出登录', 'Sign out'],
  'shell.loggedOut': ['已退出登录', 'Signed out'],
  'shell.businessDay': ['当前营业日', 'Business day'],
  'shell.language': ['语言', 'Language'],
  'shell.pageFailed': ['页面加载失败，请刷新重试', 'The page failed to load; please reload'],
  'pw.old': ['原密码', 'Current password'],
  'pw.new': ['新密码', 'New password'],
  'pw.repeat': ['再次输入新密码', 'Repeat new password'],
  'pw.mismatch': ['两次输入的新密码不一致', 'The two new passwords differ'],
  'pw.rule': ['8 到 72 个字符，不能全是数字', '8 to 72 characters, not all digits'],
  'pw.changed': ['密码已修改', 'Password changed'],
});

/** The side navigation: one entry per area; entries the role may not read are hidden. */
const SideMenu = {
  name: 'SideMenu',
  props: { collapsed: Boolean },
  emits: ['navigate'],
  setup(props, { emit }) {
    const visible = computed(() => {
      const out = [];
      for (const e of NAV) {
        if (e.children) {
          const kids = e.children.filter((c) => can(c.module));
          if (kids.length) out.push({ ...e, children: kids });
        } else if (can(e.module)) out.push(e);
      }
      return out;
    });
    const openGroups = computed(() => {
      const p = pageOf(route.path);
      return p && p.group ? [p.group] : [];
    });
    function select(path) {
      go(path);
      emit('navigate');
    }
    return { visible, route, t, select, openGroups, session };
  },
  template: `
    <div class="side-menu">
      <div class="brand" @click="select('/home')">
        <div class="brand-logo"><el-icon><IconMic /></el-icon></div>
        <div class="brand-text" v-show="!collapsed">
          <div class="brand-name">{{ t('app.name') }}</div>
          <div class="brand-venue">{{ session.venue && session.venue.name }}</div>
        </div>
      </div>
      <el-scrollbar class="menu-scroll">
        <el-menu :default-active="route.path" :default-openeds="openGroups" :collapse="collapsed"
          :collapse-transition="false" class="nav-menu" data-test="nav" @select="select">
          <template v-for="e in visible" :key="e.key">
            <el-sub-menu v-if="e.children" :index="e.key" :data-test="'nav-' + e.key">
              <template #title><el-icon><component :is="'Icon' + e.icon" /></el-icon><span>{{ t(e.label) }}</span></template>
              <el-menu-item v-for="c in e.children" :key="c.path" :index="c.path" :class="{ 'menu-soon': c.soon }" :data-test="'nav-item-' + c.path">
                <span class="menu-label">{{ t(c.label) }}</span>
                <span v-if="c.soon" class="soon-dot" :title="t('nav.soon')"></span>
              </el-menu-item>
            </el-sub-menu>
            <el-menu-item v-else :index="e.path" :class="{ 'menu-soon': e.soon }" :data-test="'nav-' + e.key">
              <el-icon><component :is="'Icon' + e.icon" /></el-icon>
              <template #title><span class="menu-label">{{ t(e.label) }}</span><span v-if="e.soon" class="soon-dot" :title="t('nav.soon')"></span></template>
            </el-menu-item>
          </template>
        </el-menu>
      </el-scrollbar>
    </div>`,
};

/** The language switch (中文 / EN). */
const LangSwitch = {
  name: 'LangSwitch',
  setup() {
    return { lang, setLang };
  },
  template: `
    <div class="lang-switch" data-test="lang-switch">
      <button type="button" :class="{ on: lang !== 'en' }" data-test="lang-zh" @click="setLang('zh-CN')">中文</button>
      <button type="button" :class="{ on: lang === 'en' }" data-test="lang-en" @click="setLang('en')">EN</button>
    </div>`,
};

/** Change-password dialog. */
const PasswordDialog = {
  name: 'PasswordDialog',
  props: { modelValue: Boolean },
  emits: ['update:modelValue'],
  setup(props, { emit }) {
    const form = reactive({ old_password: '', new_password: '', repeat: '' });
    const saving = ref(false);
    const error = ref('');
    async function submit() {
      error.value = '';
      if (form.new_password !== form.repeat) {
        error.value = t('pw.mismatch');
        return;
      }
      saving.value = true;
      try {
        await api.post('/auth/password', { old_password: form.old_password, new_password: form.new_password }, { quiet: true });
        ElementPlus.ElMessage.success(t('pw.changed'));
        emit('update:modelValue', false);
        form.old_password = form.new_password = form.repeat = '';
      } catch (e) {
        error.value = e.message;
      } finally {
        saving.value = false;
      }
    }
    return { form, saving, error, submit, t, ui };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)"
      :title="t('shell.changePassword')" :width="ui.isPhone ? '92%' : '420px'" append-to-body>
      <el-form label-position="top" @submit.prevent="submit">
        <el-form-item :label="t('pw.old')"><el-input v-model="form.old_password" type="password" show-password autocomplete="current-password" /></el-form-item>
        <el-form-item :label="t('pw.new')"><el-input v-model="form.new_password" type="password" show-password autocomplete="new-password" :placeholder="t('pw.rule')" /></el-form-item>
        <el-form-item :label="t('pw.repeat')"><el-input v-model="form.repeat" type="password" show-password autocomplete="new-password" /></el-form-item>
        <el-alert v-if="error" :title="error" type="error" :closable="false" show-icon />
      </el-form>
      <template #footer>
        <el-button @click="$emit('update:modelValue', false)">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="saving" @click="submit">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>`,
};

/** Loads the page module of a path (cached). */
const loaded = new Map();
async function loadPage(name) {
  if (!loaded.has(name)) loaded.set(name, import(`./pages/${name}.js`).then((m) => markRaw(m.default)));
  return loaded.get(name);
}

/** The signed-in layout: side navigation, top bar, and the current page. */
const Layout = {
  name: 'AppLayout',
  components: { SideMenu, LangSwitch, PasswordDialog },
  setup() {
    const collapsed = ref(localStorage.getItem('ktvoffice.menu') === 'collapsed');
    const drawer = ref(false);
    const pwOpen = ref(false);
    const page = shallowRef(null);
    const pageProps = ref({});
    // The outlet is keyed by the page actually shown, not by route.path: while the next page's
    // module loads, the old page must not be re-created under the new path.
    const pageKey = ref('');
    const entry = computed(() => pageOf(route.path));
    function show(comp, props, key) {
      page.value = comp;
      pageProps.value = props;
      pageKey.value = key;
    }

    async function resolve() {
      const e = entry.value;
      if (!e) {
        show(NotFound, {}, 'notfound:' + route.path);
      } else if (e.module && !can(e.module)) {
        show(Forbidden, {}, 'forbidden:' + e.path);
      } else if (e.soon) {
        show(NotBuilt, { soon: e.soon, label: e.label }, e.path);
      } else {
        try {
          const comp = await loadPage(e.page);
          if (entry.value && entry.value.path === e.path) show(comp, {}, e.path);
        } catch (err) {
          console.error(err);
          ElementPlus.ElMessage.error(t('shell.pageFailed'));
        }
      }
      document.title = (e ? t(e.label) + ' · ' : '') + t('app.title');
    }
    watch(() => route.path, resolve, { immediate: true });
    watch(lang, () => { document.title = (entry.value ? t(entry.value.label) + ' · ' : '') + t('app.title'); });

    function toggle() {
      if (ui.isPhone) drawer.value = !drawer.value;
      else {
        collapsed.value = !collapsed.value;
        localStorage.setItem('ktvoffice.menu', collapsed.value ? 'collapsed' : 'open');
      }
    }
    async function command(cmd) {
      if (cmd === 'password') pwOpen.value = true;
      if (cmd === 'logout') {
        try {
          await api.post('/auth/logout', {}, { quiet: true, noAuthRedirect: true });
        } catch {
          /* signed out either way */
        }
        setSession(null);
        api.setCsrf('');
        ElementPlus.ElMessage.success(t('shell.loggedOut'));
        go('/login');
      }
    }
    const crumbs = computed(() => {
      const e = entry.value;
      if (!e) return [];
      return e.groupLabel ? [t(e.groupLabel), t(e.label)] : [t(e.label)];
    });
    const today = computed(() => businessToday(session.venue));
    return { collapsed, drawer, pwOpen, page, pageProps, pageKey, toggle, command, crumbs, session, ui, t, roleName, route, today };
  },
  template: `
    <div class="layout" :class="{ 'is-collapsed': collapsed && !ui.isPhone, 'is-phone': ui.isPhone }">
      <aside v-if="!ui.isPhone" class="sidebar"><SideMenu :collapsed="collapsed" /></aside>
      <el-drawer v-else v-model="drawer" direction="ltr" size="272px" :with-header="false" class="nav-drawer" append-to-body>
        <div class="sidebar in-drawer"><SideMenu @navigate="drawer = false" /></div>
      </el-drawer>
      <div class="main-col">
        <header class="topbar">
          <button type="button" class="icon-btn" data-test="menu-toggle" :title="collapsed ? t('shell.expand') : t('shell.collapse')" @click="toggle">
            <el-icon :size="20"><IconExpand v-if="collapsed || ui.isPhone" /><IconFold v-else /></el-icon>
          </button>
          <nav class="crumbs" v-if="!ui.isPhone">
            <template v-for="(c, i) in crumbs" :key="i"><span v-if="i" class="crumb-sep">/</span><span :class="{ last: i === crumbs.length - 1 }">{{ c }}</span></template>
          </nav>
          <div class="topbar-title" v-else>{{ crumbs[crumbs.length - 1] }}</div>
          <div class="topbar-spacer"></div>
          <div class="bizday-chip" v-if="!ui.isPhone" :title="t('shell.businessDay')"><el-icon><IconCalendar /></el-icon>{{ t('shell.businessDay') }} {{ today }}</div>
          <LangSwitch />
          <el-dropdown trigger="click" @command="command">
            <button type="button" class="user-btn" data-test="user-menu">
              <span class="avatar">{{ (session.user.display_name || session.user.username).slice(0, 1) }}</span>
              <span class="user-text" v-if="!ui.isPhone">
                <span class="user-name">{{ session.user.display_name || session.user.username }}</span>
                <span class="user-role">{{ roleName(session.user.role, session.user.role_name) }}</span>
              </span>
              <el-icon><IconArrowDown /></el-icon>
            </button>
            <template #dropdown>
              <el-dropdown-menu>
                <el-dropdown-item command="password"><el-icon><IconKey /></el-icon>{{ t('shell.changePassword') }}</el-dropdown-item>
                <el-dropdown-item command="logout" divided data-test="logout"><el-icon><IconSwitchButton /></el-icon>{{ t('shell.logout') }}</el-dropdown-item>
              </el-dropdown-menu>
            </template>
          </el-dropdown>
        </header>
        <main class="content">
          <component v-if="page" :is="page" v-bind="pageProps" :key="pageKey" />
        </main>
      </div>
      <PasswordDialog v-model="pwOpen" />
    </div>`,
};

const App = {
  name: 'App',
  components: { Layout, LoginPage },
  setup() {
    const epLocale = computed(() => (lang.value === 'en' ? ElementPlusLocaleEn : ElementPlusLocaleZhCn));
    const showLogin = computed(() => !session.user || route.path === '/login');
    return { session, epLocale, showLogin, t };
  },
  template: `
    <el-config-provider :locale="epLocale">
      <div v-if="!session.ready" class="boot-splash"><div class="boot-logo">KTV</div><div class="boot-text">{{ t('common.loading') }}</div></div>
      <LoginPage v-else-if="showLogin" />
      <Layout v-else />
    </el-config-provider>`,
};

/** Where to come back to after signing in: the page (and its filters) that was asked for. */
function here() {
  return decodeURI(location.hash.replace(/^#/, '')) || '/home';
}

async function start() {
  api.onUnauthorized(() => {
    if (session.user) ElementPlus.ElMessage.warning(t('login.expired'));
    setSession(null);
    api.setCsrf('');
    if (route.path !== '/login') go('/login', { next: here() });
  });
  try {
    const me = await api.get('/auth/me', undefined, { quiet: true, noAuthRedirect: true });
    setSession(me);
    api.setCsrf(me.csrf_token);
  } catch {
    setSession(null);
  }
  if (session.user && route.path === '/login') go('/home');
  if (!session.user && route.path !== '/login') go('/login', { next: here() });
  session.ready = true;
}

setLang(lang.value);
const app = createApp(App);
app.use(ElementPlus);
registerComponents(app);
Object.assign(app.config.globalProperties, {
  t, money: fmtMoney, yuan: fmtYuan, int: fmtInt,
  instant: (s) => fmtInstant(s, session.venue && session.venue.timezone),
});
app.mount('#app');
start();
