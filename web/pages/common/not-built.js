// pages/common/not-built.js: the page of an area not built yet (naming what it will hold), and
// the "no permission" and "no such page" pages.
import { t, addMessages } from '../../i18n.js';
import { go } from '../../router.js';

addMessages({
  'soon.badge': ['尚未开放', 'Not built yet'],
  'soon.lead': ['该模块尚未开放，以下功能正在建设中：', 'This area is not built yet. What it will hold:'],
  'soon.back': ['返回经营概览', 'Back to the overview'],
  'soon.note': ['上线后，本模块的每一次修改都会记入审计日志，列表均可筛选、打印并导出 Excel。', 'When it opens, every change here is kept in the audit trail, and every list filters, prints and exports to Excel.'],

  'soon.shifts.desc': ['收银员开班、交班与对账：备用金清点、盲交、长短款处理（长缴短补，不得以长补短）。', 'Cashier shifts: opening float, blind close, over/short handled by the house rule (overs to income, shorts owed, never netted).'],
  'soon.shifts.items': ['开班备用金清点|交班点钞（按面额）与盲交|长款/短款记录、原因与经理审批|现金应有额：备用金 + 现金收入 − 退款 − 支出|各支付渠道汇总与对账单核对|团购券三方核对：平台核销、账单使用、到账', 'Opening float counted out of the safe|Closing count by denomination, blind close|Over/short with reason and manager approval|Expected cash: float + cash taken − refunds − paid out|Each payment channel summed against its statement|Group-buy vouchers matched three ways: platform, bill, bank'],
  'soon.ledger.desc': ['每一笔收入与支出，按类别、渠道、日期记账；收入、支出与现金流报表。', 'Every income and expense by category, channel and date; income, expense and cash-flow reports.'],
  'soon.ledger.items': ['收支记录：类别、支付渠道、日期、备注|复式记账，已过账分录只冲销不修改|财务管理表：收入、支出、现金流|储值：本金与赠送分开，负债报表|导出 Excel 与打印', 'Income and expense records: category, channel, date, note|Balanced postings, reversed never edited|Finance table: income, expense, cash flow|Stored value: principal and bonus kept apart, liability report|Excel export and printing'],
  'soon.pettyCash.desc': ['定额备用金的领用、归还与报销，时刻保持：库存现金 + 未归还 + 待补充 = 定额。', 'An imprest fund: issues, returns and receipts, always cash + outstanding + to replenish = imprest.'],
  'soon.pettyCash.items': ['门店定额备用金|按人、按用途领用|找零归还与报销凭证|补充申请与审批|每笔变动留痕', 'A fixed imprest per venue|Issued to a person for a purpose|Change returned, receipts reimbursed|Replenishment with approval|Every movement logged'],
  'soon.venueReport.desc': ['维修、清洁与消防的需求和费用，停用时长按分钟计。', 'Repairs, cleaning and fire safety: needs and costs, downtime in minutes.'],
  'soon.venueReport.items': ['维修次数与费用|平均修复时间（MTTR）与平均故障间隔（MTBF）|包厢停用小时数|清洁与消防检查完成率', 'Repairs and their cost|MTTR and MTBF|Room-hours lost|Cleaning and fire-check completion'],
  'soon.performance.desc': ['员工效率、服务质量与顾客满意度的对比。', 'Staff compared by efficiency, service quality and customer satisfaction.'],
  'soon.performance.items': ['订房人业绩与提成|服务评价得分|考核 KPI 对比|按月、按部门排行', 'Bookers\' credited revenue and commission|Service ratings|KPI scores side by side|Rankings by month and department'],
  'soon.churn.desc': ['多久未到店算流失（默认 60 天），按时期与客群统计流失人数与原因。', 'Customers not seen for N days (default 60): counts by period and segment, and their reasons.'],
  'soon.churn.items': ['流失人数与流失率|按会员等级、消费水平分群|流失原因与反馈|召回活动效果', 'Churned customers and rate|Segments by member level and spend|Reasons and feedback|Win-back campaign results'],
  'soon.people.desc': ['员工档案与整个人事周期：招聘、培训、考核、离职，以及排班与考勤。', 'Employee files and the whole cycle: recruitment, training, assessment, leaving, schedules and attendance.'],
  'soon.people.items': ['员工档案（身份证号脱敏显示）|招聘：岗位、候选人、面试阶段、录用|培训：课程、场次、出勤与成绩|考核：周期 KPI 与权重|离职：交接清单与结算|排班与考勤|订房提成规则（按月阶梯）', 'Employee files (ID numbers masked)|Recruitment: openings, candidates, stages, offers|Training: courses, sessions, attendance, scores|Assessment: periodic KPIs with weights|Leaving: handover checklist, final settlement|Shift schedules and attendance|Booking commission rules (monthly tiers)'],
  'soon.stock.desc': ['申购、订货、进货、库存、补货与退货；仓库与吧台的每一次库存变动都有记录。', 'Requisitions, orders, receipts, stock, replenishment and returns; every stock move recorded, warehouse and bar.'],
  'soon.stock.items': ['申购与审批、采购订单|进货（可部分到货、价格差异）|库存：仓库、吧台，移动加权平均成本|补货建议（再订货点与标准库存）|供应商退货|盘点：冻结快照、差异审批|吧台每班盘点|客人寄酒存酒与到期提醒', 'Requisitions with approval, purchase orders|Receipts (partial, price differences)|Stock in warehouse and bar, moving-average cost|Replenishment suggestions (reorder point, par level)|Returns to supplier|Stock-takes: frozen snapshot, approved variance|Bar count every shift|Guests\' stored bottles with expiry reminders'],
  'soon.upkeep.desc': ['设备台账、保养计划、维修工单、清洁检查与消防安全。', 'Equipment register, maintenance plans, work orders, cleaning and fire safety.'],
  'soon.upkeep.items': ['设备台账：屏幕、点歌机、音响、麦克风、功放、空调、灯光|预防性保养计划|维修工单：报修 → 派工 → 完工，配件与工时费用|清洁检查表（每场、每日、深度清洁）|营业期间每 2 小时防火巡查、闭店检查|每月消防检查与整改（责任人、期限）|每半年疏散演练', 'Equipment register: screens, song boxes, speakers, mics, amplifiers, air-con, lights|Preventive maintenance plans|Work orders: reported → assigned → done, parts and labour|Cleaning checklists (per stay, daily, deep clean)|Fire patrol every 2 hours while open, closing check|Monthly fire inspection and rectification (owner, deadline)|Evacuation drill every six months'],
  'soon.incidents.desc': ['设备故障、停电、火警、受伤、纠纷、盗窃：登记、处理、关闭。', 'Equipment failures, power cuts, fire alarms, injuries, disputes, theft: logged, handled, closed.'],
  'soon.incidents.items': ['登记时间、地点、级别|响应人与处理经过|关闭时间与费用|可开维修工单并停用包厢', 'Time, place and severity|Who responded and what was done|When it closed and what it cost|Can open a work order and take rooms out of service'],
  'soon.crm.desc': ['客户与会员、顾客评价、营销策略与市场调研。', 'Customers and members, feedback, marketing strategies and market research.'],
  'soon.crm.items': ['客户档案（手机号脱敏）|会员等级、储值与积分|顾客评价：服务、音响、卫生|营销策略表：目标、客群、渠道、预算、评估|市场调研：竞品价格与调查结论', 'Customers (phone masked)|Member levels, stored value and points|Feedback: service, sound, cleanliness|Marketing strategy table: goal, target, channels, budget, evaluation|Market research: competitor prices, survey findings'],
  'soon.plans.desc': ['周计划、月计划与任务进度，以及需要第二人确认的审批。', 'Weekly and monthly plans, task progress, and approvals that need a second person.'],
  'soon.plans.items': ['计划与任务：负责人、部门、截止日期、状态|逾期任务提醒|部门协调|审批：申购、作废、退款、超限折扣、盘点差异、请假', 'Plans and tasks: owner, department, due date, status|Late tasks flagged|Coordination across departments|Approvals: requisitions, voids, refunds, discounts over limit, stock-take variances, leave'],

  'forbidden.title': ['没有权限', 'No permission'],
  'forbidden.text': ['您的角色无权查看此页面，如需开通请联系管理员。', 'Your role may not see this page. Ask an administrator if you need it.'],
  'notfound.title': ['页面不存在', 'Page not found'],
  'notfound.text': ['您访问的页面不存在或已移动。', 'This page does not exist or has moved.'],
});

export const NotBuilt = {
  name: 'NotBuilt',
  props: { soon: String, label: String },
  setup(props) {
    const items = () => t('soon.' + props.soon + '.items').split('|');
    return { t, items, go };
  },
  template: `
    <div class="page not-built" data-test="not-built">
      <div class="soon-card">
        <div class="soon-head">
          <div class="soon-icon"><el-icon><IconClock /></el-icon></div>
          <div>
            <el-tag type="warning" effect="light" round>{{ t('soon.badge') }}</el-tag>
            <h1 class="page-title">{{ t(label) }}</h1>
            <p class="page-subtitle">{{ t('soon.' + soon + '.desc') }}</p>
          </div>
        </div>
        <p class="soon-lead">{{ t('soon.lead') }}</p>
        <ul class="soon-list">
          <li v-for="(it, i) in items()" :key="i"><el-icon><IconCircleCheck /></el-icon><span>{{ it }}</span></li>
        </ul>
        <p class="soon-note">{{ t('soon.note') }}</p>
        <el-button @click="go('/home')"><el-icon><IconBack /></el-icon>{{ t('soon.back') }}</el-button>
      </div>
    </div>`,
};

export const Forbidden = {
  name: 'Forbidden',
  setup() {
    return { t, go };
  },
  template: `<div class="page"><el-result icon="warning" :title="t('forbidden.title')" :sub-title="t('forbidden.text')"><template #extra><el-button type="primary" @click="go('/home')">{{ t('soon.back') }}</el-button></template></el-result></div>`,
};

export const NotFound = {
  name: 'NotFound',
  setup() {
    return { t, go };
  },
  template: `<div class="page"><el-result icon="info" :title="t('notfound.title')" :sub-title="t('notfound.text')"><template #extra><el-button type="primary" @click="go('/home')">{{ t('soon.back') }}</el-button></template></el-result></div>`,
};
