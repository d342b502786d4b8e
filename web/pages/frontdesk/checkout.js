// pages/frontdesk/checkout.js: 结账, the checkout of a stay: the quote (room fee per slot with its
// minutes and rate, goods, minimum-spend top-up, discounts, service, 抹零), discounts typed in
// yuan and parsed exactly (format.js), tenders split across cash (with change), WeChat,
// Alipay, card, member balance, group-buy voucher (platform + code) and credit (account), the
// amount still due updated live, and the submit with one idempotency key per dialog (a retry
// of the same payment reuses it, so the server never takes it twice). A discount above the
// cashier's limit asks a manager's approval in the same request.
import { t, addMessages, methodName } from '../../i18n.js';
import * as api from '../../api.js';
import { ui } from '../../store.js';
import { fmtMoney, parseYuan, parsePercentBp, fmtMinutes } from '../../format.js';
import { useApproval, METHOD_COLORS } from '../../components.js';
import { isEn } from '../../i18n.js';

const { ref, reactive, computed, watch } = Vue;

addMessages({
  'co.title': ['结账 · {room}', 'Checkout · {room}'],
  'co.bill': ['账单明细', 'Bill'],
  'co.item': ['项目', 'Item'],
  'co.qty': ['数量', 'Qty'],
  'co.price': ['单价', 'Price'],
  'co.amount': ['金额', 'Amount'],
  'co.gift': ['赠', 'Gift'],
  'co.kind.room': ['房费', 'Room'],
  'co.kind.package': ['套餐', 'Package'],
  'co.kind.goods': ['商品', 'Goods'],
  'co.kind.min_spend': ['低消补足', 'Min. spend top-up'],
  'co.stayed': ['在房 {m}（计费 {b}）', 'Stayed {m} (billed {b})'],
  'co.pricedAt': ['计价时间 {t}', 'Priced at {t}'],
  'co.discounts': ['优惠与服务费', 'Discounts and service'],
  'co.percent': ['整单折扣（%）', 'Whole-bill discount (%)'],
  'co.percentPh': ['如 10 表示九折', '10 means 10 % off'],
  'co.fixed': ['减免（元）', 'Amount off (yuan)'],
  'co.coupon': ['优惠券号', 'Coupon code'],
  'co.couponValue': ['券面额（元）', 'Coupon value (yuan)'],
  'co.reason': ['优惠原因', 'Reason'],
  'co.reasonPh': ['手工折扣或减免须写明原因', 'A manual discount needs a reason'],
  'co.service': ['服务费（%）', 'Service charge (%)'],
  'co.round': ['抹零（舍去角分，记为优惠）', 'Round down to the yuan (recorded as a discount)'],
  'co.badMoney': ['金额应为元，最多两位小数（如 12.50）', 'An amount in yuan with at most two decimals (e.g. 12.50)'],
  'co.badPercent': ['百分比应为 0 到 100，最多两位小数', 'A percentage 0 to 100 with at most two decimals'],
  'co.needsApproval': ['该折扣超出您的权限，结账时需经理审批', 'This discount is beyond your limit: a manager approves it at checkout'],
  'co.room': ['房费', 'Room fee'],
  'co.goods': ['商品', 'Goods'],
  'co.topup': ['低消补足（最低消费 {n}）', 'Min. spend top-up (minimum {n})'],
  'co.gross': ['应收小计', 'Gross'],
  'co.serviceFee': ['服务费', 'Service charge'],
  'co.total': ['应收', 'To pay'],
  'co.giftsValue': ['赠送价值 {n}（不计入应收）', 'Gifts worth {n} (not charged)'],
  'co.disc.member': ['会员折扣', 'Member discount'],
  'co.disc.percent': ['整单折扣', 'Whole-bill discount'],
  'co.disc.coupon': ['优惠券', 'Coupon'],
  'co.disc.fixed': ['减免', 'Amount off'],
  'co.disc.rounding': ['抹零', 'Rounding'],
  'co.member': ['会员 {name} · {level} · 余额 ¥{bal}', 'Member {name} · {level} · balance ¥{bal}'],
  'co.tenders': ['收款', 'Payment'],
  'co.addTender': ['添加付款方式', 'Add a tender'],
  'co.fill': ['填入剩余', 'Fill the rest'],
  'co.tendered': ['实收现金（元）', 'Cash handed over'],
  'co.change': ['找零', 'Change'],
  'co.given': ['实收', 'Given'],
  'co.tenderedPh': ['客人给的现金', 'Cash the guest hands over'],
  'co.platform': ['团购平台', 'Platform'],
  'co.voucherCode': ['券码', 'Voucher code'],
  'co.voucherPaid': ['用户实付（选填）', 'Guest paid (optional)'],
  'co.voucherPaidBad': ['第 {n} 笔：用户实付须是不超过券面值（付款金额）的金额', 'Tender {n}: the price the guest paid is an amount no larger than the voucher\'s face value'],
  'co.account': ['挂账单位/个人', 'Account signed to'],
  'co.memberPhone': ['会员手机号（默认开房会员）', 'Member phone (default: the stay\'s member)'],
  'co.remaining': ['还需收款', 'Still due'],
  'co.over': ['多收', 'Over by'],
  'co.paidUp': ['已收齐', 'Fully paid'],
  'co.submit': ['确认收款 ¥{n}', 'Take ¥{n}'],
  'co.notBalanced': ['付款合计须等于应收金额', 'The tenders must add up to the amount to pay'],
  'co.badTender': ['第 {n} 笔付款金额不对', 'Tender {n} has a wrong amount'],
  'co.shortCash': ['实收现金少于该笔金额', 'Less cash handed over than the tender'],
  'co.done': ['结账完成', 'Checked out'],
  'co.billNo': ['账单号 {no}', 'Bill {no}'],
  'co.changeDue': ['找零 ¥{n}', 'Change due ¥{n}'],
  'co.receipt': ['打印小票', 'Print receipt'],
  'co.close': ['完成', 'Done'],
  'co.requote': ['账单金额已变化，已重新报价', 'The amount changed; the bill was quoted again'],
  'co.quoting': ['正在计算…', 'Pricing…'],
  'platform.meituan': ['美团', 'Meituan'],
  'platform.douyin': ['抖音', 'Douyin'],
  'platform.dianping': ['大众点评', 'Dianping'],
  'platform.venue': ['店内代金券', 'Venue voucher'],
});

const METHODS = ['cash', 'wechat', 'alipay', 'card', 'member', 'voucher', 'credit'];
// 'venue': the venue's own voucher (店内代金券), booked as a discount: no platform owes it.
const PLATFORMS = ['meituan', 'douyin', 'dianping', 'venue'];

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return 'co-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
}

export const CheckoutDialog = {
  name: 'CheckoutDialog',
  props: { modelValue: Boolean, stay: Object },
  emits: ['update:modelValue', 'done'],
  setup(props, { emit }) {
    const quote = ref(null);
    const quoting = ref(false);
    const quoteError = ref('');
    const d = reactive({ percent: '', fixed: '', couponCode: '', coupon: '', reason: '', service: '', round: false });
    const tenders = ref([]);
    const submitting = ref(false);
    const error = ref('');
    const result = ref(null);
    const approval = useApproval();
    let key = '';
    let lastBody = '';
    let timer = null;

    const parsed = computed(() => {
      const e = {};
      const percent = d.percent.trim() ? parsePercentBp(d.percent) : 0;
      if (percent === null) e.percent = t('co.badPercent');
      const fixed = d.fixed.trim() ? parseYuan(d.fixed) : 0;
      if (fixed === null) e.fixed = t('co.badMoney');
      const coupon = d.coupon.trim() ? parseYuan(d.coupon) : 0;
      if (coupon === null) e.coupon = t('co.badMoney');
      const service = d.service.trim() ? parsePercentBp(d.service) : 0;
      if (service === null || service > 3000) e.service = t('co.badPercent');
      return { e, percent, fixed, coupon, service };
    });
    function discountBody() {
      const p = parsed.value;
      const body = {};
      const ds = {};
      if (p.percent) ds.bill_percent_bp = p.percent;
      if (p.fixed) ds.fixed_fen = p.fixed;
      if (p.coupon || d.couponCode.trim()) {
        ds.coupon_fen = p.coupon || 0;
        ds.coupon_code = d.couponCode.trim();
      }
      if (d.reason.trim()) ds.reason = d.reason.trim();
      if (Object.keys(ds).length) body.discounts = ds;
      if (d.round) body.round_to_yuan = true;
      if (p.service) body.service_bp = p.service;
      return body;
    }

    async function requote() {
      if (!props.stay || Object.keys(parsed.value.e).length) return;
      quoting.value = true;
      try {
        quote.value = await api.post(`/stays/${props.stay.id}/quote`, discountBody(), { quiet: true });
        quoteError.value = '';
      } catch (e) {
        quoteError.value = e.message;
      } finally {
        quoting.value = false;
      }
    }
    function scheduleQuote() {
      clearTimeout(timer);
      timer = setTimeout(requote, 350);
    }
    watch(() => ({ ...d }), scheduleQuote, { deep: true });

    watch(() => props.modelValue, (open) => {
      if (!open) return;
      Object.assign(d, { percent: '', fixed: '', couponCode: '', coupon: '', reason: '', service: '', round: false });
      tenders.value = [{ method: 'cash', amount: '', tendered: '', platform: 'meituan', reference: '', paid: '', member_phone: '' }];
      error.value = '';
      result.value = null;
      quote.value = null;
      key = newKey();
      lastBody = '';
      requote().then(() => {
        if (quote.value) tenders.value[0].amount = fmtMoney(quote.value.total_fen).replace(/,/g, '');
      });
    }, { immediate: true });

    const total = computed(() => (quote.value ? quote.value.total_fen : 0));
    const paid = computed(() => {
      let s = 0n;
      for (const x of tenders.value) {
        const f = parseYuan(x.amount);
        if (f !== null) s += BigInt(f);
      }
      return Number(s);
    });
    const remaining = computed(() => Number(BigInt(total.value) - BigInt(paid.value)));
    function changeOf(x) {
      const a = parseYuan(x.amount), g = parseYuan(x.tendered);
      if (a === null || g === null || !x.tendered.trim()) return null;
      return Number(BigInt(g) - BigInt(a));
    }
    function addTender() {
      const used = new Set(tenders.value.map((x) => x.method));
      const next = METHODS.find((m) => !used.has(m)) || 'wechat';
      tenders.value.push({ method: next, amount: remaining.value > 0 ? fmtMoney(remaining.value).replace(/,/g, '') : '', tendered: '', platform: 'meituan', reference: '', paid: '', member_phone: '' });
    }
    function fill(i) {
      const x = tenders.value[i];
      const own = parseYuan(x.amount) || 0;
      const v = remaining.value + own;
      x.amount = v > 0 ? fmtMoney(v).replace(/,/g, '') : '';
    }
    function removeTender(i) {
      tenders.value.splice(i, 1);
    }

    function paymentsBody() {
      const out = [];
      for (let i = 0; i < tenders.value.length; i++) {
        const x = tenders.value[i];
        const amount = parseYuan(x.amount);
        if (amount === null || amount <= 0) throw new Error(t('co.badTender', { n: i + 1 }));
        const p = { method: x.method, amount_fen: amount };
        if (x.method === 'cash' && x.tendered.trim()) {
          const g = parseYuan(x.tendered);
          if (g === null) throw new Error(t('co.badMoney'));
          if (g < amount) throw new Error(t('co.shortCash'));
          p.tendered_fen = g;
        }
        if (x.method === 'voucher') {
          p.platform = x.platform;
          p.reference = x.reference.trim();
          // What the guest paid the platform (用户实付): the platform owes that, not the face.
          if (x.platform !== 'venue' && x.paid && x.paid.trim()) {
            const v = parseYuan(x.paid);
            if (v === null || v > amount) throw new Error(t('co.voucherPaidBad', { n: i + 1 }));
            p.paid_fen = v;
          }
        }
        if (x.method === 'credit') p.reference = x.reference.trim();
        if (x.method === 'member' && x.member_phone.trim()) p.member_phone = x.member_phone.trim();
        out.push(p);
      }
      return out;
    }

    async function submit(creds) {
      error.value = '';
      if (!quote.value) return;
      let body;
      try {
        body = { ...discountBody(), payments: paymentsBody(), at: quote.value.at };
      } catch (e) {
        error.value = e.message;
        return;
      }
      if (remaining.value !== 0) {
        error.value = t('co.notBalanced');
        return;
      }
      if (creds) body.discounts = { ...(body.discounts || {}), ...creds };
      // One key per payment asked for: a retry of the very same request (a lost answer) reuses it.
      const text = JSON.stringify({ ...body, discounts: body.discounts ? { ...body.discounts, approver_password: undefined } : undefined });
      if (text !== lastBody) {
        if (lastBody) key = newKey();
        lastBody = text;
      }
      body.idempotency_key = key;
      submitting.value = true;
      try {
        result.value = await api.post(`/stays/${props.stay.id}/checkout`, body, { quiet: true });
        ElementPlus.ElMessage.success(t('co.done'));
        emit('done', result.value);
      } catch (e) {
        if (e.code === 'approval_required') {
          submitting.value = false;
          const c = await approval.ask(e.message);
          if (c) return submit(c);
          return;
        }
        if (e.code === 'amount_mismatch') {
          await requote();
          ElementPlus.ElMessage.warning(t('co.requote'));
        }
        error.value = e.message;
      } finally {
        submitting.value = false;
      }
    }
    function openReceipt() {
      if (result.value) window.open(result.value.receipt_url, '_blank', 'noopener,width=420,height=720');
    }
    function close() {
      emit('update:modelValue', false);
    }
    const kindLabel = (k) => t('co.kind.' + k) === 'co.kind.' + k ? k : t('co.kind.' + k);
    const discLabel = (x) => (t('co.disc.' + x.kind) === 'co.disc.' + x.kind ? x.label : t('co.disc.' + x.kind)) + (x.rate_bp ? ` ${(x.rate_bp / 100).toFixed(2).replace(/\.?0+$/, '')}%` : '');

    return {
      t, ui, isEn, quote, quoting, quoteError, d, parsed, tenders, submitting, error, result, approval, total, paid, remaining,
      changeOf, addTender, fill, removeTender, submit, openReceipt, close, kindLabel, discLabel, fmtMoney, fmtMinutes, methodName,
      METHODS, PLATFORMS, METHOD_COLORS,
    };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="(v) => !v && close()" :title="t('co.title', { room: stay ? stay.room_no + ' ' + stay.room_type : '' })"
      :width="ui.isPhone ? '100%' : '1040px'" :fullscreen="ui.isPhone" append-to-body class="checkout-dialog" data-test="checkout-dialog" top="4vh">
      <div v-if="result" class="co-done" data-test="checkout-done">
        <el-result icon="success" :title="t('co.done')" :sub-title="t('co.billNo', { no: result.bill_no })">
          <template #extra>
            <div class="co-done-total num">¥{{ fmtMoney(result.total_fen) }}</div>
            <div class="co-done-pays">
              <span v-for="p in result.payments" :key="p.seq" class="tag-soft"><span class="method-dot" :style="{ background: METHOD_COLORS[p.method] }"></span>{{ methodName(p.method) }} ¥{{ fmtMoney(p.amount_fen) }}</span>
            </div>
            <div v-if="result.change_fen" class="co-change-big" data-test="change-due">{{ t('co.changeDue', { n: fmtMoney(result.change_fen) }) }}</div>
            <div style="margin-top:16px">
              <el-button type="primary" data-test="receipt-link" @click="openReceipt"><el-icon><IconPrinter /></el-icon>{{ t('co.receipt') }}</el-button>
              <el-button @click="close" data-test="checkout-finish">{{ t('co.close') }}</el-button>
            </div>
          </template>
        </el-result>
      </div>
      <div v-else class="co-grid" v-loading="!quote && quoting">
        <div class="co-left">
          <div class="co-section-head">
            <span class="section-title" style="margin:0">{{ t('co.bill') }}</span>
            <span class="panel-note" v-if="quote">{{ t('co.stayed', { m: fmtMinutes(quote.minutes, isEn()), b: fmtMinutes(quote.billed_minutes, isEn()) }) }} · {{ t('co.pricedAt', { t: quote.at.slice(11, 16) }) }}</span>
          </div>
          <el-alert v-if="quoteError" :title="quoteError" type="error" :closable="false" show-icon style="margin-bottom:10px" />
          <el-table v-if="quote" :data="quote.lines" size="small" class="co-lines" data-test="quote-lines" max-height="300">
            <el-table-column :label="t('co.item')" min-width="220" class-name="wrap">
              <template #default="{ row }"><span class="line-kind" :class="'k-' + row.kind">{{ kindLabel(row.kind) }}</span>{{ row.item }} <el-tag v-if="row.gift" size="small" type="success">{{ t('co.gift') }}</el-tag></template>
            </el-table-column>
            <el-table-column :label="t('co.qty')" prop="qty" align="right" width="56" />
            <el-table-column :label="t('co.price')" align="right" min-width="80"><template #default="{ row }"><span class="num">{{ fmtMoney(row.unit_price_fen) }}</span></template></el-table-column>
            <el-table-column :label="t('co.amount')" align="right" min-width="90"><template #default="{ row }"><span class="num">{{ fmtMoney(row.amount_fen) }}</span></template></el-table-column>
          </el-table>
          <div v-if="quote && quote.member" class="co-member"><el-icon><IconAvatar /></el-icon>{{ t('co.member', { name: quote.member.name || quote.member.phone, level: quote.member.level, bal: fmtMoney(quote.member.balance_fen) }) }}</div>

          <div class="section-title">{{ t('co.discounts') }}</div>
          <el-form label-position="top" class="co-disc" @submit.prevent>
            <div class="co-disc-grid">
              <el-form-item :label="t('co.percent')" :error="parsed.e.percent"><el-input v-model="d.percent" inputmode="decimal" :placeholder="t('co.percentPh')" data-test="disc-percent"><template #suffix>%</template></el-input></el-form-item>
              <el-form-item :label="t('co.fixed')" :error="parsed.e.fixed"><el-input v-model="d.fixed" inputmode="decimal" data-test="disc-fixed"><template #prefix>¥</template></el-input></el-form-item>
              <el-form-item :label="t('co.coupon')"><el-input v-model="d.couponCode" maxlength="40" data-test="disc-coupon-code" /></el-form-item>
              <el-form-item :label="t('co.couponValue')" :error="parsed.e.coupon"><el-input v-model="d.coupon" inputmode="decimal" data-test="disc-coupon"><template #prefix>¥</template></el-input></el-form-item>
              <el-form-item :label="t('co.service')" :error="parsed.e.service"><el-input v-model="d.service" inputmode="decimal" data-test="disc-service"><template #suffix>%</template></el-input></el-form-item>
              <el-form-item :label="t('co.reason')"><el-input v-model="d.reason" maxlength="200" :placeholder="t('co.reasonPh')" data-test="disc-reason" /></el-form-item>
            </div>
            <el-checkbox v-model="d.round" data-test="disc-round">{{ t('co.round') }}</el-checkbox>
          </el-form>
          <el-alert v-if="quote && quote.needs_approval" :title="t('co.needsApproval')" type="warning" :closable="false" show-icon style="margin-top:8px" />
        </div>

        <div class="co-right">
          <div class="co-sum" v-if="quote" data-test="quote-totals">
            <div class="row"><span>{{ t('co.room') }}</span><span class="num">{{ fmtMoney(quote.room_fen) }}</span></div>
            <div class="row"><span>{{ t('co.goods') }}</span><span class="num">{{ fmtMoney(quote.goods_fen) }}</span></div>
            <div class="row" v-if="quote.topup_fen"><span>{{ t('co.topup', { n: fmtMoney(quote.min_spend_fen) }) }}</span><span class="num">{{ fmtMoney(quote.topup_fen) }}</span></div>
            <div class="row sub"><span>{{ t('co.gross') }}</span><span class="num">{{ fmtMoney(quote.gross_fen) }}</span></div>
            <div class="row disc" v-for="x in quote.discounts" :key="x.kind"><span>{{ discLabel(x) }}</span><span class="num">-{{ fmtMoney(x.amount_fen) }}</span></div>
            <div class="row" v-if="quote.service_fen"><span>{{ t('co.serviceFee') }}</span><span class="num">+{{ fmtMoney(quote.service_fen) }}</span></div>
            <div class="row grand"><span>{{ t('co.total') }}</span><span class="num" data-test="quote-total">¥{{ fmtMoney(quote.total_fen) }}</span></div>
            <div class="panel-note" v-if="quote.gifts_value_fen">{{ t('co.giftsValue', { n: fmtMoney(quote.gifts_value_fen) }) }}</div>
          </div>

          <div class="co-section-head" style="margin-top:14px">
            <span class="section-title" style="margin:0">{{ t('co.tenders') }}</span>
            <el-button size="small" @click="addTender" data-test="tender-add"><el-icon><IconPlus /></el-icon>{{ t('co.addTender') }}</el-button>
          </div>
          <div class="tender" v-for="(x, i) in tenders" :key="i" :data-test="'tender-' + i">
            <div class="tender-row">
              <el-select v-model="x.method" class="tender-method" :data-test="'tender-method-' + i">
                <el-option v-for="m in METHODS" :key="m" :label="methodName(m)" :value="m"><span class="method-dot" :style="{ background: METHOD_COLORS[m] }"></span>{{ methodName(m) }}</el-option>
              </el-select>
              <el-input v-model="x.amount" inputmode="decimal" class="tender-amount" :data-test="'tender-amount-' + i"><template #prefix>¥</template></el-input>
              <el-button link type="primary" @click="fill(i)">{{ t('co.fill') }}</el-button>
              <el-button v-if="tenders.length > 1" link type="danger" @click="removeTender(i)"><el-icon><IconDelete /></el-icon></el-button>
            </div>
            <div class="tender-extra" v-if="x.method === 'cash'">
              <el-input v-model="x.tendered" inputmode="decimal" :placeholder="t('co.tenderedPh')" class="tender-amount" :data-test="'tender-given-' + i"><template #prefix>{{ t('co.given') }} ¥</template></el-input>
              <span v-if="changeOf(x) !== null" class="tender-change" :class="{ bad: changeOf(x) < 0 }" :data-test="'tender-change-' + i">{{ t('co.change') }} ¥{{ fmtMoney(changeOf(x)) }}</span>
            </div>
            <div class="tender-extra" v-else-if="x.method === 'voucher'">
              <el-select v-model="x.platform" style="width:120px"><el-option v-for="p in PLATFORMS" :key="p" :label="t('platform.' + p)" :value="p" /></el-select>
              <el-input v-model="x.reference" maxlength="20" :placeholder="t('co.voucherCode')" :data-test="'tender-voucher-code-' + i" />
              <el-input v-if="x.platform !== 'venue'" v-model="x.paid" inputmode="decimal" :placeholder="t('co.voucherPaid')" class="tender-amount" :data-test="'tender-voucher-paid-' + i"><template #prefix>¥</template></el-input>
            </div>
            <div class="tender-extra" v-else-if="x.method === 'credit'">
              <el-input v-model="x.reference" maxlength="20" :placeholder="t('co.account')" />
            </div>
            <div class="tender-extra" v-else-if="x.method === 'member'">
              <el-input v-model="x.member_phone" maxlength="20" :placeholder="t('co.memberPhone')" />
            </div>
          </div>
          <div class="co-remaining" :class="{ ok: remaining === 0, over: remaining < 0 }" data-test="remaining">
            <span>{{ remaining === 0 ? t('co.paidUp') : remaining > 0 ? t('co.remaining') : t('co.over') }}</span>
            <b class="num">¥{{ fmtMoney(remaining < 0 ? -remaining : remaining) }}</b>
          </div>
          <el-alert v-if="error" :title="error" type="error" :closable="false" show-icon style="margin-top:10px" data-test="checkout-error" />
          <el-button type="primary" size="large" class="co-submit" :disabled="!quote || remaining !== 0" :loading="submitting" data-test="checkout-submit" @click="submit()">
            <el-icon><IconWallet /></el-icon>{{ t('co.submit', { n: fmtMoney(total) }) }}
          </el-button>
        </div>
      </div>
      <ApprovalDialog :state="approval" />
    </el-dialog>`,
};
