// pages/auth/login.js: sign-in. The server's message (Chinese by default) is shown as it comes.
import { t, addMessages, lang, setLang } from '../../i18n.js';
import * as api from '../../api.js';
import { setSession } from '../../store.js';
import { route, go } from '../../router.js';

const { reactive, ref } = Vue;

addMessages({
  'login.title': ['登录后台', 'Sign in'],
  'login.welcome': ['欢迎回来，请使用您的账号登录', 'Welcome back. Sign in with your account.'],
  'login.username': ['用户名', 'Username'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.needBoth': ['请输入用户名和密码', 'Enter your username and password'],
  'login.expired': ['登录已过期，请重新登录', 'Your session has expired; please sign in again'],
  'login.hero': ['KTV 门店后台', 'The back office of your KTV'],
  'login.heroText': ['账单、营业日报、销售分析，按营业日精确到分。', 'Bills, daily takings and sales analysis, by business day, exact to the fen.'],
  'login.f1': ['营业日报：按支付方式、房型、收银员汇总', 'Daily takings by payment method, room type and cashier'],
  'login.f2': ['销售分析：时段、星期、商品与套餐', 'Sales by hour, weekday, goods and packages'],
  'login.f3': ['账单导入：逐行校验，错误可下载', 'Bill import, checked row by row, rejects downloadable'],
  'login.foot': ['角色权限 · 审计日志 · 数据导出 Excel', 'Role permissions · audit trail · Excel export'],
});

export default {
  name: 'LoginPage',
  setup() {
    const form = reactive({ username: '', password: '' });
    const error = ref('');
    const busy = ref(false);
    async function submit() {
      error.value = '';
      if (!form.username || !form.password) {
        error.value = t('login.needBoth');
        return;
      }
      busy.value = true;
      try {
        const me = await api.post('/auth/login', { username: form.username, password: form.password }, { quiet: true, noAuthRedirect: true });
        api.setCsrf(me.csrf_token);
        setSession(me);
        const next = route.query.next;
        go(next && next.startsWith('/') && !next.startsWith('/login') ? next : '/home');
      } catch (e) {
        error.value = e.message;
      } finally {
        busy.value = false;
      }
    }
    return { form, error, busy, submit, t, lang, setLang };
  },
  template: `
    <div class="login-page">
      <section class="login-hero">
        <div class="hero-inner">
          <div class="hero-logo"><el-icon><IconMic /></el-icon></div>
          <h2>{{ t('login.hero') }}</h2>
          <p>{{ t('login.heroText') }}</p>
          <ul>
            <li><el-icon><IconDataAnalysis /></el-icon>{{ t('login.f1') }}</li>
            <li><el-icon><IconTrendCharts /></el-icon>{{ t('login.f2') }}</li>
            <li><el-icon><IconUpload /></el-icon>{{ t('login.f3') }}</li>
          </ul>
          <div class="hero-foot">{{ t('login.foot') }}</div>
        </div>
      </section>
      <section class="login-panel">
        <div class="login-lang">
          <button type="button" :class="{ on: lang !== 'en' }" data-test="lang-zh" @click="setLang('zh-CN')">中文</button>
          <button type="button" :class="{ on: lang === 'en' }" data-test="lang-en" @click="setLang('en')">EN</button>
        </div>
        <form class="login-card" data-test="login-form" @submit.prevent="submit" novalidate>
          <div class="login-brand"><span class="brand-logo"><el-icon><IconMic /></el-icon></span>{{ t('app.title') }}</div>
          <h1>{{ t('login.title') }}</h1>
          <p class="login-sub">{{ t('login.welcome') }}</p>
          <label class="field-label" for="login-username">{{ t('login.username') }}</label>
          <el-input id="login-username" v-model="form.username" size="large" autocomplete="username" name="username" data-test="login-username">
            <template #prefix><el-icon><IconUser /></el-icon></template>
          </el-input>
          <label class="field-label" for="login-password">{{ t('login.password') }}</label>
          <el-input id="login-password" v-model="form.password" size="large" type="password" show-password autocomplete="current-password" name="password" data-test="login-password" @keyup.enter="submit">
            <template #prefix><el-icon><IconLock /></el-icon></template>
          </el-input>
          <div class="login-error" role="alert" data-test="login-error" v-if="error"><el-icon><IconWarningFilled /></el-icon>{{ error }}</div>
          <el-button type="primary" size="large" native-type="submit" class="login-submit" :loading="busy" data-test="login-submit">{{ t('login.submit') }}</el-button>
        </form>
      </section>
    </div>`,
};
