// nav.js: the side navigation and the page table. Every area of the business (domain.md) has
// an entry; an area not built yet opens a page that says what is coming (soon: its key).
// module names the permission the menu entry needs to be shown (read), as in /auth/me.
import { addMessages } from './i18n.js';

export const NAV = [
  { key: 'home', icon: 'Odometer', label: 'nav.home', path: '/home', page: 'home/dashboard' },
  {
    key: 'frontdesk', icon: 'Monitor', label: 'nav.frontdesk', children: [
      { path: '/frontdesk/board', label: 'nav.board', module: 'bills', page: 'frontdesk/board' },
      { path: '/frontdesk/pricing', label: 'nav.pricing', module: 'rooms', page: 'frontdesk/pricing' },
    ],
  },
  {
    key: 'finance', icon: 'Wallet', label: 'nav.finance', children: [
      { path: '/finance/bills', label: 'nav.bills', module: 'bills', page: 'finance/bills' },
      { path: '/reports/takings', label: 'nav.takings', module: 'reports', page: 'reports/takings' },
      { path: '/finance/import', label: 'nav.import', module: 'import', page: 'finance/import' },
      { path: '/finance/shifts', label: 'nav.shifts', module: 'shifts', page: 'shifts/shift' },
      { path: '/finance/review', label: 'nav.review', module: 'finance', page: 'shifts/review' },
      { path: '/finance/records', label: 'nav.records', module: 'finance', page: 'finance/records' },
      { path: '/finance/transfers', label: 'nav.transfers', module: 'finance', page: 'finance/transfers' },
      { path: '/finance/petty-cash', label: 'nav.pettyCash', module: 'finance', page: 'finance/petty' },
      { path: '/finance/stored-value', label: 'nav.storedValue', module: 'finance', page: 'finance/stored-value' },
      { path: '/finance/groupbuy', label: 'nav.groupbuy', module: 'finance', page: 'finance/groupbuy' },
      { path: '/finance/ledger', label: 'nav.ledger', module: 'finance', page: 'finance/ledger' },
      { path: '/finance/reports', label: 'nav.financeReports', module: 'finance', page: 'finance/reports' },
    ],
  },
  {
    key: 'reports', icon: 'DataAnalysis', label: 'nav.reports', children: [
      { path: '/reports/sales', label: 'nav.sales', module: 'reports', page: 'reports/sales' },
      { path: '/reports/venue', label: 'nav.venueReport', module: 'reports', soon: 'venueReport' },
      { path: '/reports/performance', label: 'nav.performance', module: 'reports', soon: 'performance' },
      { path: '/reports/churn', label: 'nav.churn', module: 'reports', soon: 'churn' },
    ],
  },
  {
    key: 'master', icon: 'Grid', label: 'nav.master', children: [
      { path: '/master/rooms', label: 'nav.rooms', module: 'rooms', page: 'master/rooms' },
      { path: '/master/products', label: 'nav.products', module: 'products', page: 'master/products' },
    ],
  },
  { key: 'people', icon: 'User', label: 'nav.people', path: '/people', module: 'people', soon: 'people' },
  { key: 'stock', icon: 'Box', label: 'nav.stock', path: '/stock', module: ['inventory', 'purchasing'], soon: 'stock' },
  { key: 'upkeep', icon: 'Tools', label: 'nav.upkeep', path: '/upkeep', module: 'venue', soon: 'upkeep' },
  { key: 'incidents', icon: 'Warning', label: 'nav.incidents', path: '/incidents', module: 'venue', soon: 'incidents' },
  { key: 'crm', icon: 'Present', label: 'nav.crm', path: '/crm', module: ['crm', 'marketing'], soon: 'crm' },
  { key: 'plans', icon: 'Calendar', label: 'nav.plans', path: '/plans', module: 'plans', soon: 'plans' },
  {
    key: 'system', icon: 'Setting', label: 'nav.system', children: [
      { path: '/settings/venue', label: 'nav.venue', module: 'settings', page: 'settings/venue' },
      { path: '/settings/users', label: 'nav.users', module: 'users', page: 'settings/users' },
      { path: '/settings/audit', label: 'nav.audit', module: 'audit', page: 'settings/audit' },
    ],
  },
];

/** Every page entry (leaves of NAV), with the key of its group. */
export function pages() {
  const out = [];
  for (const e of NAV) {
    if (e.children) for (const c of e.children) out.push({ ...c, group: e.key, groupLabel: e.label });
    else out.push({ ...e, group: e.key });
  }
  return out;
}

/** The page entry of a path, or undefined. */
export function pageOf(path) {
  return pages().find((p) => p.path === path);
}

addMessages({
  'nav.home': ['经营概览', 'Overview'],
  'nav.finance': ['财务管理', 'Finance'],
  'nav.bills': ['账单管理', 'Bills'],
  'nav.takings': ['营业日报', 'Daily takings'],
  'nav.import': ['账单导入', 'Bill import'],
  'nav.shifts': ['收银交班', 'Cashier shifts'],
  'nav.review': ['营业日核对', 'Daily review'],
  'nav.frontdesk': ['前台', 'Front desk'],
  'nav.board': ['房态', 'Room board'],
  'nav.pricing': ['价格方案', 'Price plans'],
  'nav.records': ['财务收支', 'Income & expense'],
  'nav.transfers': ['资金划转', 'Transfers'],
  'nav.ledger': ['总账与科目', 'Ledger'],
  'nav.storedValue': ['会员储值', 'Stored value'],
  'nav.groupbuy': ['团购对账', 'Group-buy'],
  'nav.financeReports': ['财务管理表', 'Finance reports'],
  'nav.pettyCash': ['备用金', 'Petty cash'],
  'nav.reports': ['决策报表', 'Decision reports'],
  'nav.sales': ['销售分析', 'Sales analysis'],
  'nav.venueReport': ['场地维护报表', 'Venue upkeep report'],
  'nav.performance': ['员工绩效对比', 'Staff performance'],
  'nav.churn': ['客户流失分析', 'Customer churn'],
  'nav.master': ['基础资料', 'Master data'],
  'nav.rooms': ['包厢与房型', 'Rooms & room types'],
  'nav.products': ['商品', 'Products'],
  'nav.people': ['人事管理', 'People'],
  'nav.stock': ['采购与库存', 'Purchasing & stock'],
  'nav.upkeep': ['场地维护与消防', 'Venue & fire safety'],
  'nav.incidents': ['突发事件', 'Emergencies'],
  'nav.crm': ['客户与营销', 'CRM & marketing'],
  'nav.plans': ['工作计划', 'Work plans'],
  'nav.system': ['系统设置', 'System'],
  'nav.venue': ['门店设置', 'Venue settings'],
  'nav.users': ['用户与权限', 'Users & permissions'],
  'nav.audit': ['审计日志', 'Audit trail'],
  'nav.soon': ['尚未开放', 'Not built yet'],
});
