// i18n.js: the two languages of the UI. Chinese (zh-CN) is the default; English is a switch
// remembered in localStorage. Every string is one entry holding both languages side by side,
// so a string cannot exist in one language only. Pages add their own entries with addMessages.
const { ref } = Vue;

const STORAGE_KEY = 'ktvoffice.lang';

/** The current language: 'zh-CN' or 'en' (reactive: templates that call t() re-render). */
export const lang = ref(localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN');

const messages = Object.create(null);

/** Adds entries { key: ['中文', 'English'] }. A key defined twice is a programming error. */
export function addMessages(entries) {
  for (const [key, pair] of Object.entries(entries)) {
    if (key in messages) console.warn('i18n: duplicate key', key);
    if (!Array.isArray(pair) || pair.length !== 2) console.warn('i18n: bad entry', key);
    messages[key] = pair;
  }
}

/** True when English is chosen. */
export function isEn() {
  return lang.value === 'en';
}

/** Chooses the language and remembers it. */
export function setLang(value) {
  lang.value = value === 'en' ? 'en' : 'zh-CN';
  localStorage.setItem(STORAGE_KEY, lang.value);
  document.documentElement.lang = lang.value;
  document.title = t('app.title');
}

/** The text of key in the current language, with {name} placeholders filled from params. */
export function t(key, params) {
  const pair = messages[key];
  let s = pair ? pair[lang.value === 'en' ? 1 : 0] : key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

/** True if key has an entry (for optional labels such as a payment method code). */
export function has(key) {
  return key in messages;
}

// Strings shared by the shell and by several pages.
addMessages({
  'app.title': ['KTV 后台管理', 'KTV Back Office'],
  'app.name': ['KTV 后台', 'KTV Office'],
  'app.tagline': ['门店经营 · 财务 · 报表', 'Venue operations · finance · reports'],

  'common.search': ['查询', 'Search'],
  'common.reset': ['重置', 'Reset'],
  'common.add': ['新增', 'Add'],
  'common.edit': ['编辑', 'Edit'],
  'common.save': ['保存', 'Save'],
  'common.cancel': ['取消', 'Cancel'],
  'common.confirm': ['确定', 'OK'],
  'common.close': ['关闭', 'Close'],
  'common.actions': ['操作', 'Actions'],
  'common.status': ['状态', 'Status'],
  'common.active': ['启用', 'Active'],
  'common.inactive': ['停用', 'Inactive'],
  'common.all': ['全部', 'All'],
  'common.anyStatus': ['全部状态', 'Any status'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.deactivate': ['停用', 'Deactivate'],
  'common.reactivate': ['重新启用', 'Reactivate'],
  'common.saved': ['已保存', 'Saved'],
  'common.created': ['已创建', 'Created'],
  'common.loading': ['加载中…', 'Loading…'],
  'common.noData': ['暂无数据', 'No data'],
  'common.total': ['合计', 'Total'],
  'common.totalCount': ['共 {n} 条', '{n} in all'],
  'common.exportXlsx': ['导出 Excel', 'Export Excel'],
  'common.exportCsv': ['导出 CSV', 'Export CSV'],
  'common.print': ['打印', 'Print'],
  'common.refresh': ['刷新', 'Refresh'],
  'common.from': ['开始日期', 'From'],
  'common.to': ['结束日期', 'To'],
  'common.to.sep': ['至', 'to'],
  'common.dateRange': ['营业日', 'Business days'],
  'common.keyword': ['关键字', 'Keyword'],
  'common.required': ['必填', 'Required'],
  'common.bills': ['单数', 'Bills'],
  'common.net': ['实收', 'Net'],
  'common.amount': ['金额', 'Amount'],
  'common.share': ['占比', 'Share'],
  'common.yuan': ['元', 'CNY'],
  'common.unknown': ['（未填写）', '(blank)'],
  'common.exporting': ['正在导出…', 'Exporting…'],
  'common.exported': ['已导出 {name}', 'Exported {name}'],
  'common.networkError': ['无法连接服务器，请检查网络后重试', 'Cannot reach the server; check the network and retry'],
  'common.serverError': ['服务器返回了错误（{status}）', 'The server answered with an error ({status})'],
  'common.notAvailable': ['该功能的接口尚未就绪', 'This feature\'s API is not available yet'],
  'common.confirmTitle': ['请确认', 'Please confirm'],

  'range.yesterday': ['昨天', 'Yesterday'],
  'range.today': ['今天', 'Today'],
  'range.last7': ['近 7 天', 'Last 7 days'],
  'range.last30': ['近 30 天', 'Last 30 days'],
  'range.thisMonth': ['本月', 'This month'],
  'range.lastMonth': ['上月', 'Last month'],
  'range.thisYear': ['今年', 'This year'],

  'method.cash': ['现金', 'Cash'],
  'method.wechat': ['微信支付', 'WeChat Pay'],
  'method.alipay': ['支付宝', 'Alipay'],
  'method.card': ['银行卡', 'Bank card'],
  'method.member': ['会员储值', 'Member balance'],
  'method.voucher': ['团购券', 'Group-buy voucher'],
  'method.credit': ['挂账', 'Signed credit'],
  'method.mixed': ['混合支付', 'Mixed'],
  'method.other': ['其他', 'Other'],

  'status.settled': ['已结账', 'Settled'],
  'status.voided': ['已作废', 'Voided'],

  'weekday.1': ['周一', 'Mon'],
  'weekday.2': ['周二', 'Tue'],
  'weekday.3': ['周三', 'Wed'],
  'weekday.4': ['周四', 'Thu'],
  'weekday.5': ['周五', 'Fri'],
  'weekday.6': ['周六', 'Sat'],
  'weekday.7': ['周日', 'Sun'],

  'role.admin': ['管理员', 'Administrator'],
  'role.manager': ['经理', 'Manager'],
  'role.finance': ['财务', 'Finance'],
  'role.cashier': ['收银员', 'Cashier'],
  'role.warehouse': ['库管', 'Warehouse keeper'],
  'role.hr': ['人事', 'HR'],
  'role.technician': ['工程维修', 'Technician'],
  'role.marketing': ['营销', 'Marketing'],
  'role.staff': ['员工', 'Staff'],
});

/** Label of a payment method code (falls back to the server's name, then the code). */
export function methodName(code, serverName) {
  return has('method.' + code) ? t('method.' + code) : serverName || code;
}

/** Label of a role id. */
export function roleName(id, serverName) {
  return has('role.' + id) ? t('role.' + id) : serverName || id;
}
