// pages/frontdesk/board.js: 房态, the room board: every room's live state as a card (free,
// reserved with its hold, in use with elapsed time and running total, to be cleaned, out of
// service), refreshed every few seconds while the page is shown. A room opens a stay (guests,
// booker, member, hourly or package), shows a stay (items, order with a product picker, return,
// gift with approval, change room, extend, cancel, checkout), or is set cleaned / out of
// service; reservations are made with a hold time, arrive (becoming a stay) or are cancelled.
import { t, addMessages, isEn } from '../../i18n.js';
import * as api from '../../api.js';
import { can, ui } from '../../store.js';
import { fmtMoney, fmtMinutes, businessToday } from '../../format.js';
import { session } from '../../store.js';
import { useApproval } from '../../components.js';
import { go } from '../../router.js';
import { CheckoutDialog } from './checkout.js';

const { ref, reactive, computed, onMounted, onBeforeUnmount } = Vue;

const REFRESH_MS = 5000;

addMessages({
  'board.title': ['房态', 'Room board'],
  'board.subtitle': ['全部包厢的实时状态；点击包厢开房、点单、结账', 'Every room live; tap a room to open it, order or check out'],
  'board.all': ['全部', 'All'],
  'board.state.free': ['空闲', 'Free'],
  'board.state.reserved': ['预订', 'Reserved'],
  'board.state.in_use': ['在用', 'In use'],
  'board.state.cleaning': ['待清洁', 'To clean'],
  'board.state.out_of_service': ['维修停用', 'Out of service'],
  'board.updated': ['{t} 更新 · 每 5 秒自动刷新', 'Updated {t} · refreshes every 5 s'],
  'board.anyType': ['全部房型', 'All room types'],
  'board.noShift': ['您还没有开班：可以开房、点单，但结账收款前须先开班。', 'No open shift: you may open rooms and order, but open a shift before taking payment.'],
  'board.goShift': ['去开班', 'Open a shift'],
  'board.guests': ['{n} 人', '{n} guests'],
  'board.hold': ['保留至 {t}', 'Held until {t}'],
  'board.due': ['{t} 到店', 'Due {t}'],
  'board.since': ['自 {t}', 'Since {t}'],
  'board.overdue': ['超时', 'Overtime'],
  'board.left': ['剩 {m}', '{m} left'],
  'board.noPlan': ['无价格方案', 'No price plan'],
  'board.uncovered': ['不在计价时段', 'Outside priced hours'],
  'board.empty': ['还没有包厢：请先在“包厢与房型”中新增', 'No rooms yet: add them under Rooms & room types'],
  'board.newReservation': ['新建预订', 'New reservation'],
  'board.reservations': ['今日预订', 'Today\'s reservations'],
  'board.noReservations': ['今日暂无预订', 'No reservations today'],

  'open.title': ['开房 · {room}', 'Open room · {room}'],
  'open.guests': ['人数', 'Guests'],
  'open.booker': ['订房人（营销）', 'Booker'],
  'open.member': ['会员手机号', 'Member phone'],
  'open.lookup': ['查询', 'Look up'],
  'open.memberFound': ['{name} · {level} · 折扣 {d} · 余额 ¥{bal}', '{name} · {level} · {d} · balance ¥{bal}'],
  'open.billing': ['计费方式', 'Billing'],
  'open.hourly': ['按小时计费', 'By the hour'],
  'open.package': ['套餐', 'Package'],
  'open.choosePackage': ['选择套餐', 'Choose a package'],
  'open.noPackage': ['该房型暂无可用套餐', 'No package for this room type'],
  'open.planned': ['预订时长', 'Planned time'],
  'open.unlimited': ['不限', 'Open-ended'],
  'open.hours': ['{n} 小时', '{n} h'],
  'open.note': ['备注', 'Note'],
  'open.submit': ['开房', 'Open room'],
  'open.done': ['已开房 {room}', 'Room {room} opened'],
  'open.setOut': ['设为维修停用', 'Take out of service'],
  'open.reserve': ['预订此房', 'Reserve this room'],
  'open.choices': ['可选：{g}', 'Choice: {g}'],
  'open.min': ['{n} 分钟', '{n} min'],
  'open.buyout': ['买断至 {t}', 'Buy-out until {t}'],

  'room.cleanTitle': ['{room} · 待清洁', '{room} · to be cleaned'],
  'room.outTitle': ['{room} · 维修停用', '{room} · out of service'],
  'room.cleaned': ['已清洁，设为空闲', 'Cleaned: set free'],
  'room.backInService': ['恢复可用', 'Back in service'],
  'room.outReason': ['停用原因', 'Why is it out of service?'],
  'room.outReasonPh': ['如：点歌机故障', 'e.g. the song box is broken'],
  'room.setOut': ['维修停用', 'Out of service'],
  'room.saved': ['房态已更新', 'Room state updated'],

  'stay.title': ['{room} · 在用', '{room} · in use'],
  'stay.opened': ['开房时间', 'Opened'],
  'stay.elapsed': ['已用时', 'Elapsed'],
  'stay.guests': ['人数', 'Guests'],
  'stay.booker': ['订房人', 'Booker'],
  'stay.member': ['会员', 'Member'],
  'stay.package': ['套餐', 'Package'],
  'stay.planned': ['预订时长', 'Planned'],
  'stay.openedBy': ['开房人', 'Opened by'],
  'stay.running': ['当前应收', 'Running total'],
  'stay.items': ['点单记录', 'Orders'],
  'stay.noItems': ['尚未点单', 'Nothing ordered yet'],
  'stay.item': ['商品', 'Item'],
  'stay.qty': ['数量', 'Qty'],
  'stay.price': ['单价', 'Price'],
  'stay.by': ['经办', 'By'],
  'stay.at': ['时间', 'Time'],
  'stay.gift': ['赠送', 'Gift'],
  'stay.giftBy': ['赠送 · 审批 {who}', 'Gift · approved by {who}'],
  'stay.returned': ['已退 {n}', '{n} returned'],
  'stay.returnRow': ['退回', 'Return'],
  'stay.pkgItem': ['套餐内', 'In package'],
  'stay.order': ['点单', 'Order'],
  'stay.giveGift': ['赠送', 'Gift'],
  'stay.changeRoom': ['换房', 'Change room'],
  'stay.extend': ['续时', 'Extend'],
  'stay.cancel': ['取消开房', 'Cancel stay'],
  'stay.checkout': ['结账', 'Check out'],
  'stay.returnPrompt': ['退回数量（最多 {n}）', 'How many back (at most {n})'],
  'stay.returnReason': ['退回原因（未开封）', 'Reason (unopened)'],
  'stay.returned.ok': ['已退回', 'Returned'],
  'stay.cancelPrompt': ['取消原因（仅限开错房、未产生消费）', 'Reason (a room opened by mistake, nothing consumed)'],
  'stay.cancelled': ['已取消开房', 'Stay cancelled'],
  'stay.changeTo': ['换到', 'Move to'],
  'stay.changeReason': ['换房原因', 'Reason'],
  'stay.changed': ['已换房', 'Room changed'],
  'stay.noFree': ['暂无空闲包厢', 'No free room'],
  'stay.extendMinutes': ['延长预订时长（分钟）', 'Add planned minutes'],
  'stay.extendPackage': ['或加购续钟套餐', 'Or buy a package to extend'],
  'stay.extended': ['已续时', 'Extended'],
  'stay.lines': ['当前账单（按现在计价）', 'The bill as of now'],

  'pick.orderTitle': ['点单 · {room}', 'Order · {room}'],
  'pick.giftTitle': ['赠送 · {room}', 'Gift · {room}'],
  'pick.search': ['搜索商品名称或编码', 'Search by name or code'],
  'pick.allCats': ['全部', 'All'],
  'pick.cart': ['已选', 'Chosen'],
  'pick.emptyCart': ['点击商品加入', 'Tap products to add them'],
  'pick.submitOrder': ['下单 {n} 件 · ¥{sum}', 'Order {n} · ¥{sum}'],
  'pick.submitGift': ['赠送 {n} 件（价值 ¥{sum}）', 'Give {n} (worth ¥{sum})'],
  'pick.giftReason': ['赠送原因', 'Reason for the gift'],
  'pick.ordered': ['已下单', 'Ordered'],
  'pick.gifted': ['已赠送', 'Gift recorded'],
  'pick.none': ['没有符合条件的在售商品', 'No product on sale matches'],

  'res.title': ['新建预订', 'New reservation'],
  'res.room': ['包厢', 'Room'],
  'res.guest': ['客人姓名', 'Guest name'],
  'res.phone': ['客人电话', 'Guest phone'],
  'res.guests': ['人数', 'Guests'],
  'res.booker': ['订房人', 'Booker'],
  'res.arrive': ['到店时间', 'Arrival'],
  'res.hold': ['保留时长（分钟）', 'Hold (minutes)'],
  'res.note': ['备注', 'Note'],
  'res.created': ['预订已创建', 'Reservation created'],
  'res.arrive.btn': ['到店开房', 'Arrived: open room'],
  'res.cancel.btn': ['取消预订', 'Cancel'],
  'res.cancelConfirm': ['取消 {name} 的预订？', 'Cancel {name}\'s reservation?'],
  'res.cancelled': ['预订已取消', 'Reservation cancelled'],
  'res.arrived': ['客人已到店，已开房', 'Guests arrived; room opened'],
  'res.status.held': ['保留中', 'Held'],
  'res.status.expired': ['已过保留时间', 'Hold expired'],
  'res.status.arrived': ['已到店', 'Arrived'],
  'res.status.cancelled': ['已取消', 'Cancelled'],
  'res.dialogTitle': ['{room} · 预订', '{room} · reservation'],
});

const STATES = ['free', 'reserved', 'in_use', 'cleaning', 'out_of_service'];

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return 'k-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
}

export default {
  name: 'BoardPage',
  components: { CheckoutDialog },
  setup() {
    const board = ref(null);
    const loading = ref(false);
    const filter = ref('');
    const typeFilter = ref('');
    const shiftOpen = ref(true);
    const packages = ref([]);
    const products = ref([]);
    const reservations = ref([]);
    const writable = computed(() => can('bills', true));
    const approval = useApproval();
    let timer = null;

    async function load(quiet) {
      if (!quiet) loading.value = true;
      try {
        board.value = await api.get('/frontdesk/board', undefined, { quiet: !!quiet });
      } catch {
        /* the next tick tries again */
      } finally {
        loading.value = false;
      }
    }
    async function loadReservations() {
      try {
        reservations.value = (await api.get('/frontdesk/reservations', undefined, { quiet: true })).items;
      } catch {
        reservations.value = [];
      }
    }
    async function loadShift() {
      if (!can('shifts')) return;
      try {
        shiftOpen.value = !!(await api.get('/shifts/current', undefined, { quiet: true })).shift;
      } catch {
        /* not shown */
      }
    }
    async function loadPackages() {
      try {
        packages.value = (await api.get('/packages', undefined, { quiet: true })).items;
      } catch {
        packages.value = [];
      }
    }
    async function loadProducts() {
      if (products.value.length) return;
      try {
        products.value = (await api.get('/products', { active: 1, page_size: 1000 }, { quiet: true })).items;
      } catch {
        products.value = [];
      }
    }
    function refresh() {
      load(true);
      loadReservations();
      pollStay();
    }
    onMounted(() => {
      load();
      loadReservations();
      loadShift();
      loadPackages();
      timer = setInterval(() => {
        if (!document.hidden) refresh();
      }, REFRESH_MS);
    });
    onBeforeUnmount(() => clearInterval(timer));

    const types = computed(() => {
      const m = new Map();
      for (const r of (board.value && board.value.rooms) || []) m.set(r.room_type_id, r.room_type);
      return [...m].map(([id, name]) => ({ id, name }));
    });
    const rooms = computed(() => ((board.value && board.value.rooms) || []).filter((r) =>
      (!filter.value || r.state === filter.value) && (!typeFilter.value || r.room_type_id === typeFilter.value)));
    const freeRooms = computed(() => ((board.value && board.value.rooms) || []).filter((r) => r.state === 'free'));
    const updated = computed(() => (board.value ? board.value.now.slice(11, 19) : ''));
    const hhmm = (s) => (s ? s.slice(11, 16) : '');
    const mins = (m) => fmtMinutes(m, isEn());

    // ---- opening a stay ----
    const openDlg = reactive({ open: false, room: null, saving: false, error: '', key: '', member: null, memberError: '',
      form: { guests: 4, booker: '', member_phone: '', mode: 'hourly', package_id: null, planned: 0, note: '', choices: {} } });
    const roomPackages = computed(() => packages.value.filter((p) => p.active && p.terms &&
      (!p.terms.room_type_id || (openDlg.room && p.terms.room_type_id === openDlg.room.room_type_id))));
    const chosenPackage = computed(() => packages.value.find((p) => p.id === openDlg.form.package_id) || null);
    const choiceGroups = computed(() => {
      const g = {};
      for (const it of (chosenPackage.value && chosenPackage.value.items) || []) if (it.choice_group) (g[it.choice_group] ||= []).push(it);
      return g;
    });
    function startOpen(room) {
      Object.assign(openDlg, { open: true, room, error: '', key: newKey(), member: null, memberError: '',
        form: { guests: 4, booker: '', member_phone: '', mode: 'hourly', package_id: null, planned: 0, note: '', choices: {} } });
    }
    async function lookupMember() {
      openDlg.member = null;
      openDlg.memberError = '';
      const phone = openDlg.form.member_phone.trim();
      if (!phone) return;
      try {
        openDlg.member = await api.get('/frontdesk/members', { phone }, { quiet: true });
      } catch (e) {
        openDlg.memberError = e.message;
      }
    }
    async function submitOpen() {
      openDlg.error = '';
      const f = openDlg.form;
      const body = { room_id: openDlg.room.room_id, guests: f.guests || 0, idempotency_key: openDlg.key };
      if (f.booker.trim()) body.booker = f.booker.trim();
      if (f.member_phone.trim()) body.member_phone = f.member_phone.trim();
      if (f.note.trim()) body.note = f.note.trim();
      if (f.mode === 'package') {
        if (!f.package_id) {
          openDlg.error = t('open.choosePackage');
          return;
        }
        body.package_id = f.package_id;
        const ch = Object.fromEntries(Object.entries(f.choices).filter(([, v]) => v));
        if (Object.keys(ch).length) body.choices = ch;
      } else if (f.planned) body.planned_minutes = f.planned;
      openDlg.saving = true;
      try {
        const stay = await api.post('/stays', body, { quiet: true });
        ElementPlus.ElMessage.success(t('open.done', { room: stay.room_no }));
        openDlg.open = false;
        await load(true);
        showStay(stay.id);
      } catch (e) {
        openDlg.error = e.message;
      } finally {
        openDlg.saving = false;
      }
    }

    // ---- room state ----
    const stateDlg = reactive({ open: false, room: null, note: '', saving: false, error: '' });
    async function setState(room, state, note) {
      stateDlg.error = '';
      stateDlg.saving = true;
      try {
        await api.put(`/frontdesk/rooms/${room.room_id}/state`, { state, note: note || '' }, { quiet: true });
        ElementPlus.ElMessage.success(t('room.saved'));
        stateDlg.open = false;
        openDlg.open = false;
        load(true);
      } catch (e) {
        stateDlg.error = e.message;
        if (openDlg.open) openDlg.error = e.message;
      } finally {
        stateDlg.saving = false;
      }
    }
    function startOut(room) {
      openDlg.open = false;
      Object.assign(stateDlg, { open: true, room: { ...room, state: 'free' }, note: '', error: '' });
    }

    // ---- reservations ----
    const resDlg = reactive({ open: false, saving: false, error: '', form: {} });
    function pad(n) {
      return String(n).padStart(2, '0');
    }
    function nowLocal(plusMin) {
      // The board's "now" is the venue's local clock; the arrival is typed in it too.
      const base = board.value ? board.value.now : '';
      if (!base) return '';
      const d = new Date(base.replace(' ', 'T') + 'Z');
      d.setUTCMinutes(d.getUTCMinutes() + plusMin);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(Math.floor(d.getUTCMinutes() / 5) * 5)}`;
    }
    function startReservation(room) {
      openDlg.open = false;
      Object.assign(resDlg, { open: true, error: '', form: { room_id: room ? room.room_id : (freeRooms.value[0] || {}).room_id, guest_name: '', guest_phone: '', guests: 4, booker: '', arrive_at: nowLocal(60), hold_minutes: 30, note: '' } });
    }
    async function saveReservation() {
      resDlg.error = '';
      resDlg.saving = true;
      const f = resDlg.form;
      const body = { room_id: f.room_id, guest_name: f.guest_name.trim(), guests: f.guests || 0, arrive_at: f.arrive_at, hold_minutes: f.hold_minutes };
      if (f.guest_phone.trim()) body.guest_phone = f.guest_phone.trim();
      if (f.booker.trim()) body.booker = f.booker.trim();
      if (f.note.trim()) body.note = f.note.trim();
      try {
        await api.post('/frontdesk/reservations', body, { quiet: true });
        ElementPlus.ElMessage.success(t('res.created'));
        resDlg.open = false;
        refresh();
      } catch (e) {
        resDlg.error = e.message;
      } finally {
        resDlg.saving = false;
      }
    }
    const resView = reactive({ open: false, res: null, room: null });
    function showReservation(res, room) {
      Object.assign(resView, { open: true, res, room });
    }
    async function arrive(res) {
      try {
        const stay = await api.post(`/frontdesk/reservations/${res.id}/arrive`, { idempotency_key: newKey() });
        ElementPlus.ElMessage.success(t('res.arrived'));
        resView.open = false;
        await load(true);
        loadReservations();
        showStay(stay.id);
      } catch {
        /* shown */
      }
    }
    async function cancelReservation(res) {
      try {
        await ElementPlus.ElMessageBox.confirm(t('res.cancelConfirm', { name: res.guest_name }), t('common.confirmTitle'), { type: 'warning', confirmButtonText: t('res.cancel.btn'), cancelButtonText: t('common.close') });
      } catch {
        return;
      }
      await api.post(`/frontdesk/reservations/${res.id}/cancel`, {});
      ElementPlus.ElMessage.success(t('res.cancelled'));
      resView.open = false;
      refresh();
    }

    // ---- a stay ----
    const stayDrawer = reactive({ open: false, loading: false, stay: null });
    async function showStay(id) {
      stayDrawer.open = true;
      stayDrawer.loading = true;
      try {
        stayDrawer.stay = await api.get('/stays/' + id);
      } finally {
        stayDrawer.loading = false;
      }
    }
    /* The open drawer's running total follows the clock like the board; a reply that a write
       overtook while it was on its way is dropped. */
    async function pollStay() {
      const s = stayDrawer.open && stayDrawer.stay;
      if (!s || s.status !== 'open') return;
      const before = stayDrawer.stay;
      try {
        const fresh = await api.get('/stays/' + s.id, undefined, { quiet: true });
        if (stayDrawer.stay === before && stayDrawer.open) stayDrawer.stay = fresh;
      } catch {
        /* the next poll tries again */
      }
    }
    async function reloadStay() {
      if (stayDrawer.stay) stayDrawer.stay = await api.get('/stays/' + stayDrawer.stay.id);
      load(true);
    }
    function clickRoom(r) {
      if (r.state === 'in_use' && r.stay) showStay(r.stay.id);
      else if (r.state === 'free') {
        if (writable.value) startOpen(r);
      } else if (r.state === 'reserved' && r.reservation) showReservation(r.reservation, r);
      else Object.assign(stateDlg, { open: true, room: r, note: r.note || '', error: '' });
    }
    function returnable(it) {
      return !it.return_of && !it.gift && !it.package_id && it.qty - (it.returned || 0) > 0;
    }
    async function returnItem(it) {
      const left = it.qty - (it.returned || 0);
      let qty;
      try {
        const r = await ElementPlus.ElMessageBox.prompt(t('stay.returnPrompt', { n: left }), t('stay.returnRow') + ' · ' + it.item, {
          inputValue: String(left), inputPattern: /^[1-9]\d*$/, confirmButtonText: t('stay.returnRow'), cancelButtonText: t('common.cancel'),
        });
        qty = Number(r.value);
      } catch {
        return;
      }
      try {
        stayDrawer.stay = await api.post(`/stays/${stayDrawer.stay.id}/returns`, { item_id: it.id, qty, reason: t('stay.returnReason'), idempotency_key: newKey() });
        ElementPlus.ElMessage.success(t('stay.returned.ok'));
        load(true);
      } catch {
        /* shown */
      }
    }
    async function cancelStay() {
      let reason;
      try {
        reason = (await ElementPlus.ElMessageBox.prompt(t('stay.cancelPrompt'), t('stay.cancel'), { confirmButtonText: t('stay.cancel'), cancelButtonText: t('common.close'), inputPattern: /\S/ })).value;
      } catch {
        return;
      }
      try {
        await api.post(`/stays/${stayDrawer.stay.id}/cancel`, { reason, idempotency_key: newKey() });
        ElementPlus.ElMessage.success(t('stay.cancelled'));
        stayDrawer.open = false;
        load(true);
      } catch {
        /* shown */
      }
    }

    const changeDlg = reactive({ open: false, room_id: null, reason: '', saving: false, error: '' });
    function startChange() {
      Object.assign(changeDlg, { open: true, room_id: (freeRooms.value[0] || {}).room_id || null, reason: '', error: '' });
    }
    async function saveChange() {
      changeDlg.saving = true;
      changeDlg.error = '';
      try {
        stayDrawer.stay = await api.post(`/stays/${stayDrawer.stay.id}/change-room`, { room_id: changeDlg.room_id, reason: changeDlg.reason, idempotency_key: newKey() }, { quiet: true });
        ElementPlus.ElMessage.success(t('stay.changed'));
        changeDlg.open = false;
        load(true);
      } catch (e) {
        changeDlg.error = e.message;
      } finally {
        changeDlg.saving = false;
      }
    }
    const extendDlg = reactive({ open: false, minutes: 60, package_id: null, saving: false, error: '' });
    function startExtend() {
      Object.assign(extendDlg, { open: true, minutes: 60, package_id: null, error: '' });
    }
    async function saveExtend() {
      extendDlg.saving = true;
      extendDlg.error = '';
      const body = extendDlg.package_id ? { package_id: extendDlg.package_id } : { minutes: extendDlg.minutes };
      body.idempotency_key = newKey();
      try {
        stayDrawer.stay = await api.post(`/stays/${stayDrawer.stay.id}/extend`, body, { quiet: true });
        ElementPlus.ElMessage.success(t('stay.extended'));
        extendDlg.open = false;
        load(true);
      } catch (e) {
        extendDlg.error = e.message;
      } finally {
        extendDlg.saving = false;
      }
    }

    // ---- product picker (order / gift) ----
    const pick = reactive({ open: false, gift: false, q: '', cat: '', cart: [], reason: '', saving: false, error: '' });
    const categories = computed(() => [...new Set(products.value.map((p) => p.category).filter(Boolean))]);
    const shownProducts = computed(() => {
      const q = pick.q.trim().toLowerCase();
      return products.value.filter((p) => (!pick.cat || p.category === pick.cat) && (!q || p.name.toLowerCase().includes(q) || p.code.toLowerCase().includes(q)));
    });
    const cartCount = computed(() => pick.cart.reduce((s, c) => s + c.qty, 0));
    const cartSum = computed(() => {
      let s = 0n;
      for (const c of pick.cart) s += BigInt(c.product.price_fen) * BigInt(c.qty);
      return Number(s);
    });
    async function startPick(gift) {
      await loadProducts();
      Object.assign(pick, { open: true, gift, q: '', cat: '', cart: [], reason: '', error: '' });
    }
    function addToCart(p) {
      const c = pick.cart.find((x) => x.product.id === p.id);
      if (c) c.qty++;
      else pick.cart.push({ product: p, qty: 1, key: newKey() });
    }
    function cartQty(p) {
      const c = pick.cart.find((x) => x.product.id === p.id);
      return c ? c.qty : 0;
    }
    async function submitPick(creds) {
      pick.error = '';
      pick.saving = true;
      const path = `/stays/${stayDrawer.stay.id}/${pick.gift ? 'gifts' : 'items'}`;
      try {
        // One request per product, each with its own key: a repeated click never orders twice.
        while (pick.cart.length) {
          const c = pick.cart[0];
          const body = { product_id: c.product.id, qty: c.qty, idempotency_key: c.key };
          if (pick.gift) {
            if (pick.reason.trim()) body.reason = pick.reason.trim();
            if (creds) Object.assign(body, creds);
          }
          stayDrawer.stay = await api.post(path, body, { quiet: true });
          pick.cart.shift();
        }
        ElementPlus.ElMessage.success(pick.gift ? t('pick.gifted') : t('pick.ordered'));
        pick.open = false;
        load(true);
      } catch (e) {
        if (e.code === 'approval_required' && pick.gift) {
          pick.saving = false;
          for (const c of pick.cart) c.key = newKey();
          const c2 = await approval.ask(e.message);
          if (c2) return submitPick(c2);
          return;
        }
        pick.error = e.message;
      } finally {
        pick.saving = false;
      }
    }

    // ---- checkout ----
    const checkoutOpen = ref(false);
    function startCheckout() {
      checkoutOpen.value = true;
    }
    function checkedOut() {
      stayDrawer.open = false;
      load(true);
      loadShift();
    }

    const stayBill = computed(() => (stayDrawer.stay && stayDrawer.stay.bill) || null);
    const elapsedOf = (s) => (s && s.opened_at_epoch && board.value ? Math.max(0, Math.floor((board.value.now_epoch - s.opened_at_epoch) / 60)) : 0);

    return {
      t, ui, isEn, board, loading, filter, typeFilter, types, rooms, freeRooms, updated, STATES, shiftOpen, writable, hhmm, mins, fmtMoney,
      openDlg, roomPackages, chosenPackage, choiceGroups, startOpen, lookupMember, submitOpen,
      stateDlg, setState, startOut, resDlg, startReservation, saveReservation, resView, arrive, cancelReservation, reservations,
      stayDrawer, showStay, reloadStay, clickRoom, returnable, returnItem, cancelStay, changeDlg, startChange, saveChange,
      extendDlg, startExtend, saveExtend, pick, categories, shownProducts, cartCount, cartSum, startPick, addToCart, cartQty, submitPick,
      checkoutOpen, startCheckout, checkedOut, stayBill, elapsedOf, approval, packages, go, refresh,
    };
  },
  template: `
  <div class="page board-page" data-test="page-board">
    <PageHeader :title="t('board.title')" :subtitle="t('board.subtitle')">
      <el-button v-if="writable" @click="startReservation(null)" data-test="reservation-add"><el-icon><IconCalendar /></el-icon>{{ t('board.newReservation') }}</el-button>
      <el-button @click="refresh"><el-icon><IconRefresh /></el-icon>{{ t('common.refresh') }}</el-button>
    </PageHeader>

    <el-alert v-if="!shiftOpen" type="warning" :closable="false" show-icon class="board-alert" data-test="no-shift">
      <template #title>{{ t('board.noShift') }} <el-button link type="primary" @click="go('/finance/shifts')">{{ t('board.goShift') }} →</el-button></template>
    </el-alert>

    <div class="board-bar">
      <div class="state-chips" data-test="state-chips">
        <button type="button" class="state-chip" :class="{ on: !filter }" @click="filter = ''">{{ t('board.all') }} <b>{{ board ? board.rooms.length : 0 }}</b></button>
        <button v-for="s in STATES" :key="s" type="button" class="state-chip" :class="['st-' + s, { on: filter === s }]" :data-test="'chip-' + s" @click="filter = filter === s ? '' : s">
          <span class="dot"></span>{{ t('board.state.' + s) }} <b>{{ board ? board.counts[s] : 0 }}</b>
        </button>
      </div>
      <div class="board-bar-right">
        <el-select v-model="typeFilter" clearable :placeholder="t('board.anyType')" style="width:140px" size="default">
          <el-option v-for="x in types" :key="x.id" :label="x.name" :value="x.id" />
        </el-select>
        <span class="panel-note" v-if="board">{{ t('board.updated', { t: updated }) }}</span>
      </div>
    </div>

    <div v-loading="loading && !board" class="room-grid" data-test="room-grid">
      <div v-for="r in rooms" :key="r.room_id" class="room-card" :class="'st-' + r.state" :data-test="'room-' + r.room_no" :data-state="r.state" @click="clickRoom(r)">
        <div class="rc-top">
          <span class="rc-no">{{ r.room_no }}</span>
          <span class="rc-state">{{ t('board.state.' + r.state) }}</span>
        </div>
        <div class="rc-type">{{ r.room_type }}<span v-if="r.name && r.name !== r.room_no"> · {{ r.name }}</span></div>
        <div class="rc-body">
          <template v-if="r.state === 'in_use' && r.stay">
            <div class="rc-big num" :data-test="'room-total-' + r.room_no">
              <template v-if="r.stay.total_fen !== undefined">¥{{ fmtMoney(r.stay.total_fen) }}</template>
              <span v-else class="rc-warn">{{ r.stay.pricing_error === 'no_price_plan' ? t('board.noPlan') : t('board.uncovered') }}</span>
            </div>
            <div class="rc-line"><el-icon><IconTimer /></el-icon>{{ mins(r.stay.elapsed_minutes) }}<span v-if="r.stay.planned_minutes" class="rc-left" :class="{ over: r.stay.overdue }">{{ r.stay.overdue ? t('board.overdue') : t('board.left', { m: mins(r.stay.remaining_minutes) }) }}</span></div>
            <div class="rc-line muted"><el-icon><IconUser /></el-icon>{{ t('board.guests', { n: r.stay.guests }) }}<span v-if="r.stay.package"> · {{ r.stay.package }}</span></div>
          </template>
          <template v-else-if="r.state === 'reserved' && r.reservation">
            <div class="rc-line strong">{{ r.reservation.guest_name }} · {{ t('board.guests', { n: r.reservation.guests }) }}</div>
            <div class="rc-line"><el-icon><IconClock /></el-icon>{{ t('board.due', { t: hhmm(r.reservation.arrive_at) }) }}</div>
            <div class="rc-line muted">{{ t('board.hold', { t: hhmm(r.reservation.hold_until) }) }}</div>
          </template>
          <template v-else-if="r.state === 'cleaning' || r.state === 'out_of_service'">
            <div class="rc-line"><el-icon><IconClock /></el-icon>{{ t('board.since', { t: hhmm(r.since) }) }}</div>
            <div class="rc-line muted" v-if="r.note">{{ r.note }}</div>
          </template>
          <template v-else>
            <div class="rc-line muted" v-if="r.reservation && r.reservation.status === 'held'"><el-icon><IconCalendar /></el-icon>{{ t('board.due', { t: hhmm(r.reservation.arrive_at) }) }} · {{ r.reservation.guest_name }}</div>
            <div class="rc-free-hint" v-else><el-icon><IconPlus /></el-icon></div>
          </template>
        </div>
      </div>
      <EmptyHint v-if="board && !board.rooms.length" :text="t('board.empty')" />
    </div>

    <section class="panel" style="margin-top:16px" v-if="reservations.length">
      <div class="panel-head"><h2 class="panel-title"><el-icon><IconCalendar /></el-icon>{{ t('board.reservations') }}</h2></div>
      <div class="table-wrap">
        <el-table :data="reservations" size="small" data-test="reservations">
          <el-table-column :label="t('res.room')" prop="room_no" min-width="70" />
          <el-table-column :label="t('res.guest')" prop="guest_name" min-width="90" />
          <el-table-column :label="t('res.guests')" prop="guests" min-width="56" align="right" />
          <el-table-column :label="t('res.arrive')" min-width="70"><template #default="{ row }">{{ hhmm(row.arrive_at) }}</template></el-table-column>
          <el-table-column :label="t('board.hold', { t: '' })" min-width="70"><template #default="{ row }">{{ hhmm(row.hold_until) }}</template></el-table-column>
          <el-table-column :label="t('res.booker')" prop="booker" min-width="80" />
          <el-table-column :label="t('common.status')" min-width="90"><template #default="{ row }"><el-tag size="small" :type="row.status === 'held' ? 'primary' : row.status === 'arrived' ? 'success' : 'info'">{{ t('res.status.' + row.status) }}</el-tag></template></el-table-column>
          <el-table-column v-if="writable" :label="t('common.actions')" min-width="170">
            <template #default="{ row }">
              <template v-if="row.status === 'held' || row.status === 'expired'">
                <el-button link type="primary" @click="arrive(row)">{{ t('res.arrive.btn') }}</el-button>
                <el-button link type="danger" @click="cancelReservation(row)">{{ t('res.cancel.btn') }}</el-button>
              </template>
            </template>
          </el-table-column>
        </el-table>
      </div>
    </section>

    <!-- Open a stay -->
    <el-dialog v-model="openDlg.open" :title="openDlg.room ? t('open.title', { room: openDlg.room.room_no + ' ' + openDlg.room.room_type }) : ''" :width="ui.isPhone ? '96%' : '520px'" append-to-body data-test="open-dialog">
      <el-form label-position="top" @submit.prevent="submitOpen">
        <div class="grid-2" style="gap:0 14px">
          <el-form-item :label="t('open.guests')"><el-input-number v-model="openDlg.form.guests" :min="0" :max="500" style="width:100%" data-test="open-guests" /></el-form-item>
          <el-form-item :label="t('open.booker')"><el-input v-model="openDlg.form.booker" maxlength="25" data-test="open-booker" /></el-form-item>
        </div>
        <el-form-item :label="t('open.member')" :error="openDlg.memberError">
          <el-input v-model="openDlg.form.member_phone" maxlength="20" inputmode="tel" data-test="open-member" @change="lookupMember">
            <template #append><el-button @click="lookupMember">{{ t('open.lookup') }}</el-button></template>
          </el-input>
          <div v-if="openDlg.member" class="member-chip"><el-icon><IconAvatar /></el-icon>{{ t('open.memberFound', { name: openDlg.member.name || openDlg.member.phone, level: openDlg.member.level, d: (openDlg.member.discount_bp / 100) + '%', bal: fmtMoney(openDlg.member.balance_fen) }) }}</div>
        </el-form-item>
        <el-form-item :label="t('open.billing')">
          <el-radio-group v-model="openDlg.form.mode">
            <el-radio-button value="hourly" label="hourly">{{ t('open.hourly') }}</el-radio-button>
            <el-radio-button value="package" label="package" :disabled="!roomPackages.length">{{ t('open.package') }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="openDlg.form.mode === 'hourly'" :label="t('open.planned')">
          <el-select v-model="openDlg.form.planned" style="width:100%">
            <el-option :label="t('open.unlimited')" :value="0" />
            <el-option v-for="h in [1, 2, 3, 4, 5, 6]" :key="h" :label="t('open.hours', { n: h })" :value="h * 60" />
          </el-select>
        </el-form-item>
        <template v-else>
          <el-form-item :label="t('open.package')">
            <el-select v-model="openDlg.form.package_id" :placeholder="t('open.choosePackage')" style="width:100%">
              <el-option v-for="p in roomPackages" :key="p.id" :value="p.id" :label="p.name + ' · ¥' + fmtMoney(p.price_fen)">
                <span>{{ p.name }}</span><span class="muted" style="float:right">¥{{ fmtMoney(p.price_fen) }} · {{ p.terms.buyout ? t('open.buyout', { t: p.terms.buyout_until }) : t('open.min', { n: p.terms.included_minutes }) }}</span>
              </el-option>
            </el-select>
          </el-form-item>
          <el-form-item v-for="(items, g) in choiceGroups" :key="g" :label="t('open.choices', { g })">
            <el-radio-group v-model="openDlg.form.choices[g]">
              <el-radio v-for="it in items" :key="it.product_id" :value="it.product_id" :label="it.product_id">{{ it.product }} × {{ it.qty }}</el-radio>
            </el-radio-group>
          </el-form-item>
        </template>
        <el-form-item :label="t('open.note')"><el-input v-model="openDlg.form.note" maxlength="100" /></el-form-item>
        <el-alert v-if="openDlg.error" :title="openDlg.error" type="error" :closable="false" show-icon data-test="open-error" />
      </el-form>
      <template #footer>
        <div class="dlg-foot">
          <div class="dlg-foot-left">
            <el-button link @click="startOut(openDlg.room)"><el-icon><IconTools /></el-icon>{{ t('open.setOut') }}</el-button>
            <el-button link @click="startReservation(openDlg.room)"><el-icon><IconCalendar /></el-icon>{{ t('open.reserve') }}</el-button>
          </div>
          <div>
            <el-button @click="openDlg.open = false">{{ t('common.cancel') }}</el-button>
            <el-button type="primary" :loading="openDlg.saving" data-test="open-submit" @click="submitOpen"><el-icon><IconCheck /></el-icon>{{ t('open.submit') }}</el-button>
          </div>
        </div>
      </template>
    </el-dialog>

    <!-- Cleaning / out of service -->
    <el-dialog v-model="stateDlg.open" :title="stateDlg.room ? (stateDlg.room.state === 'cleaning' ? t('room.cleanTitle', { room: stateDlg.room.room_no }) : stateDlg.room.state === 'out_of_service' ? t('room.outTitle', { room: stateDlg.room.room_no }) : t('room.setOut') + ' · ' + stateDlg.room.room_no) : ''" :width="ui.isPhone ? '94%' : '420px'" append-to-body data-test="state-dialog">
      <template v-if="stateDlg.room">
        <el-button v-if="stateDlg.room.state !== 'free'" type="success" size="large" style="width:100%;margin-bottom:14px" :loading="stateDlg.saving" data-test="set-free" @click="setState(stateDlg.room, 'free')">
          <el-icon><IconBrush /></el-icon>{{ stateDlg.room.state === 'cleaning' ? t('room.cleaned') : t('room.backInService') }}
        </el-button>
        <el-form label-position="top" v-if="stateDlg.room.state !== 'out_of_service'" @submit.prevent>
          <el-form-item :label="t('room.outReason')"><el-input v-model="stateDlg.note" maxlength="100" :placeholder="t('room.outReasonPh')" data-test="out-note" /></el-form-item>
          <el-button type="danger" plain :loading="stateDlg.saving" data-test="set-out" @click="setState(stateDlg.room, 'out_of_service', stateDlg.note)"><el-icon><IconTools /></el-icon>{{ t('room.setOut') }}</el-button>
        </el-form>
        <el-alert v-if="stateDlg.error" :title="stateDlg.error" type="error" :closable="false" show-icon style="margin-top:10px" />
      </template>
    </el-dialog>

    <!-- A reservation on the board -->
    <el-dialog v-model="resView.open" :title="resView.room ? t('res.dialogTitle', { room: resView.room.room_no }) : ''" :width="ui.isPhone ? '94%' : '420px'" append-to-body>
      <div v-if="resView.res" class="detail-grid">
        <div><div class="k">{{ t('res.guest') }}</div><div class="v">{{ resView.res.guest_name }}</div></div>
        <div><div class="k">{{ t('res.phone') }}</div><div class="v">{{ resView.res.guest_phone || '—' }}</div></div>
        <div><div class="k">{{ t('res.guests') }}</div><div class="v">{{ resView.res.guests }}</div></div>
        <div><div class="k">{{ t('res.booker') }}</div><div class="v">{{ resView.res.booker || '—' }}</div></div>
        <div><div class="k">{{ t('res.arrive') }}</div><div class="v num">{{ resView.res.arrive_at.slice(0, 16) }}</div></div>
        <div><div class="k">{{ t('board.hold', { t: '' }) }}</div><div class="v num">{{ resView.res.hold_until.slice(0, 16) }}</div></div>
        <div v-if="resView.res.note" style="grid-column:1/-1"><div class="k">{{ t('res.note') }}</div><div class="v">{{ resView.res.note }}</div></div>
      </div>
      <template #footer v-if="writable && resView.res">
        <el-button type="danger" plain @click="cancelReservation(resView.res)">{{ t('res.cancel.btn') }}</el-button>
        <el-button type="primary" @click="arrive(resView.res)"><el-icon><IconCheck /></el-icon>{{ t('res.arrive.btn') }}</el-button>
      </template>
    </el-dialog>

    <!-- New reservation -->
    <el-dialog v-model="resDlg.open" :title="t('res.title')" :width="ui.isPhone ? '96%' : '520px'" append-to-body data-test="reservation-dialog">
      <el-form label-position="top" @submit.prevent="saveReservation">
        <div class="grid-2" style="gap:0 14px">
          <el-form-item :label="t('res.room')" required>
            <el-select v-model="resDlg.form.room_id" filterable style="width:100%">
              <el-option v-for="r in (board ? board.rooms : [])" :key="r.room_id" :label="r.room_no + ' · ' + r.room_type" :value="r.room_id" />
            </el-select>
          </el-form-item>
          <el-form-item :label="t('res.arrive')" required>
            <el-date-picker v-model="resDlg.form.arrive_at" type="datetime" value-format="YYYY-MM-DD HH:mm" format="MM-DD HH:mm" :clearable="false" style="width:100%" />
          </el-form-item>
          <el-form-item :label="t('res.guest')" required><el-input v-model="resDlg.form.guest_name" maxlength="50" data-test="res-guest" /></el-form-item>
          <el-form-item :label="t('res.phone')"><el-input v-model="resDlg.form.guest_phone" maxlength="20" inputmode="tel" /></el-form-item>
          <el-form-item :label="t('res.guests')"><el-input-number v-model="resDlg.form.guests" :min="0" :max="500" style="width:100%" /></el-form-item>
          <el-form-item :label="t('res.hold')"><el-input-number v-model="resDlg.form.hold_minutes" :min="0" :max="1440" :step="15" style="width:100%" /></el-form-item>
          <el-form-item :label="t('res.booker')"><el-input v-model="resDlg.form.booker" maxlength="25" /></el-form-item>
          <el-form-item :label="t('res.note')"><el-input v-model="resDlg.form.note" maxlength="100" /></el-form-item>
        </div>
        <el-alert v-if="resDlg.error" :title="resDlg.error" type="error" :closable="false" show-icon />
      </el-form>
      <template #footer>
        <el-button @click="resDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="resDlg.saving" data-test="res-save" @click="saveReservation">{{ t('common.save') }}</el-button>
      </template>
    </el-dialog>

    <!-- A stay -->
    <el-drawer v-model="stayDrawer.open" :title="stayDrawer.stay ? t('stay.title', { room: stayDrawer.stay.room_no + ' ' + stayDrawer.stay.room_type }) : ''" :size="ui.isPhone ? '100%' : '620px'" append-to-body data-test="stay-drawer">
      <div v-if="stayDrawer.stay" v-loading="stayDrawer.loading" class="stay-view">
        <div class="stay-running">
          <div>
            <div class="k">{{ t('stay.running') }}</div>
            <div class="stay-total num" data-test="stay-total">{{ stayBill ? '¥' + fmtMoney(stayBill.total_fen) : '—' }}</div>
          </div>
          <div class="stay-elapsed"><el-icon><IconTimer /></el-icon>{{ mins(elapsedOf(stayDrawer.stay)) }}</div>
        </div>
        <div class="stay-actions" v-if="writable && stayDrawer.stay.status === 'open'">
          <el-button type="primary" data-test="stay-order" @click="startPick(false)"><el-icon><IconShoppingCart /></el-icon>{{ t('stay.order') }}</el-button>
          <el-button data-test="stay-gift" @click="startPick(true)"><el-icon><IconPresent /></el-icon>{{ t('stay.giveGift') }}</el-button>
          <el-button @click="startChange"><el-icon><IconSwitch /></el-icon>{{ t('stay.changeRoom') }}</el-button>
          <el-button @click="startExtend"><el-icon><IconTimer /></el-icon>{{ t('stay.extend') }}</el-button>
          <el-button type="danger" plain @click="cancelStay"><el-icon><IconCircleClose /></el-icon>{{ t('stay.cancel') }}</el-button>
          <el-button type="success" class="stay-checkout" data-test="stay-checkout" @click="startCheckout"><el-icon><IconWallet /></el-icon>{{ t('stay.checkout') }}</el-button>
        </div>
        <div class="detail-grid">
          <div><div class="k">{{ t('stay.opened') }}</div><div class="v num">{{ stayDrawer.stay.opened_at.slice(0, 16) }}</div></div>
          <div><div class="k">{{ t('stay.guests') }}</div><div class="v">{{ stayDrawer.stay.guests }}</div></div>
          <div><div class="k">{{ t('stay.booker') }}</div><div class="v">{{ stayDrawer.stay.booker || '—' }}</div></div>
          <div><div class="k">{{ t('stay.member') }}</div><div class="v">{{ stayDrawer.stay.member_phone || '—' }}</div></div>
          <div v-if="stayDrawer.stay.packages.length"><div class="k">{{ t('stay.package') }}</div><div class="v">{{ stayDrawer.stay.packages.map((p) => p.name).join('、') }}</div></div>
          <div v-if="stayDrawer.stay.planned_minutes"><div class="k">{{ t('stay.planned') }}</div><div class="v">{{ mins(stayDrawer.stay.planned_minutes) }}</div></div>
          <div><div class="k">{{ t('stay.openedBy') }}</div><div class="v">{{ stayDrawer.stay.opened_by }}</div></div>
        </div>

        <div class="section-title">{{ t('stay.items') }}</div>
        <el-table :data="stayDrawer.stay.items" size="small" :empty-text="t('stay.noItems')" data-test="stay-items">
          <el-table-column :label="t('stay.item')" min-width="140" class-name="wrap">
            <template #default="{ row }">{{ row.item }}
              <el-tag v-if="row.gift" size="small" type="success" effect="plain">{{ t('stay.giftBy', { who: row.approved_by }) }}</el-tag>
              <el-tag v-if="row.package_id" size="small" effect="plain">{{ t('stay.pkgItem') }}</el-tag>
              <span v-if="row.returned" class="muted"> · {{ t('stay.returned', { n: row.returned }) }}</span>
            </template>
          </el-table-column>
          <el-table-column :label="t('stay.qty')" align="right" width="60"><template #default="{ row }"><span class="num" :class="{ 'money-neg': row.qty < 0 }">{{ row.qty }}</span></template></el-table-column>
          <el-table-column :label="t('stay.price')" align="right" min-width="76"><template #default="{ row }"><span class="num">{{ fmtMoney(row.unit_price_fen) }}</span></template></el-table-column>
          <el-table-column :label="t('stay.at')" min-width="60"><template #default="{ row }">{{ hhmm(row.at) }}</template></el-table-column>
          <el-table-column v-if="writable" width="64" align="right"><template #default="{ row }"><el-button v-if="returnable(row)" link type="danger" @click="returnItem(row)">{{ t('stay.returnRow') }}</el-button></template></el-table-column>
        </el-table>

        <template v-if="stayBill">
          <div class="section-title">{{ t('stay.lines') }}</div>
          <div class="bill-lines">
            <div class="row" v-for="(l, i) in stayBill.lines" :key="i"><span>{{ l.item }}<span v-if="l.kind === 'goods'" class="muted"> × {{ l.qty }}</span></span><span class="num">{{ fmtMoney(l.amount_fen) }}</span></div>
          </div>
          <div class="bill-totals">
            <div class="row" v-if="stayBill.topup_fen"><span>{{ t('co.topup', { n: fmtMoney(stayBill.min_spend_fen) }) }}</span><span class="num">{{ fmtMoney(stayBill.topup_fen) }}</span></div>
            <div class="row" v-for="x in stayBill.discounts" :key="x.kind"><span>{{ t('co.disc.' + x.kind) }}</span><span class="num">-{{ fmtMoney(x.amount_fen) }}</span></div>
            <div class="row grand"><span>{{ t('co.total') }}</span><span class="num">¥{{ fmtMoney(stayBill.total_fen) }}</span></div>
          </div>
        </template>
      </div>
    </el-drawer>

    <!-- Product picker -->
    <el-dialog v-model="pick.open" :title="stayDrawer.stay ? t(pick.gift ? 'pick.giftTitle' : 'pick.orderTitle', { room: stayDrawer.stay.room_no }) : ''" :width="ui.isPhone ? '100%' : '820px'" :fullscreen="ui.isPhone" append-to-body data-test="pick-dialog" top="5vh">
      <div class="pick-bar">
        <el-input v-model="pick.q" clearable :placeholder="t('pick.search')" data-test="pick-search"><template #prefix><el-icon><IconSearch /></el-icon></template></el-input>
      </div>
      <div class="pick-cats">
        <button type="button" class="state-chip" :class="{ on: !pick.cat }" @click="pick.cat = ''">{{ t('pick.allCats') }}</button>
        <button v-for="c in categories" :key="c" type="button" class="state-chip" :class="{ on: pick.cat === c }" @click="pick.cat = c">{{ c }}</button>
      </div>
      <div class="pick-grid">
        <button v-for="p in shownProducts" :key="p.id" type="button" class="pick-item" :class="{ chosen: cartQty(p) }" :data-test="'pick-' + p.code" @click="addToCart(p)">
          <span class="pick-name">{{ p.name }}</span>
          <span class="pick-price num">¥{{ fmtMoney(p.price_fen) }}<span class="muted" v-if="p.unit"> / {{ p.unit }}</span></span>
          <span class="pick-badge" v-if="cartQty(p)">{{ cartQty(p) }}</span>
        </button>
        <EmptyHint v-if="!shownProducts.length" :text="t('pick.none')" />
      </div>
      <div class="pick-cart">
        <div class="section-title" style="margin-top:0">{{ t('pick.cart') }}</div>
        <div v-if="!pick.cart.length" class="panel-note">{{ t('pick.emptyCart') }}</div>
        <div class="cart-row" v-for="(c, i) in pick.cart" :key="c.product.id">
          <span class="cart-name">{{ c.product.name }}</span>
          <el-input-number v-model="c.qty" :min="1" :max="999" size="small" />
          <span class="num cart-sum">{{ fmtMoney(c.product.price_fen * c.qty) }}</span>
          <el-button link type="danger" @click="pick.cart.splice(i, 1)"><el-icon><IconDelete /></el-icon></el-button>
        </div>
        <el-input v-if="pick.gift" v-model="pick.reason" maxlength="200" :placeholder="t('pick.giftReason')" style="margin-top:10px" />
        <el-alert v-if="pick.error" :title="pick.error" type="error" :closable="false" show-icon style="margin-top:10px" />
      </div>
      <template #footer>
        <el-button @click="pick.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :disabled="!pick.cart.length" :loading="pick.saving" data-test="pick-submit" @click="submitPick()">
          {{ pick.gift ? t('pick.submitGift', { n: cartCount, sum: fmtMoney(cartSum) }) : t('pick.submitOrder', { n: cartCount, sum: fmtMoney(cartSum) }) }}
        </el-button>
      </template>
    </el-dialog>

    <!-- Change room -->
    <el-dialog v-model="changeDlg.open" :title="t('stay.changeRoom')" :width="ui.isPhone ? '94%' : '420px'" append-to-body>
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('stay.changeTo')">
          <el-select v-model="changeDlg.room_id" :placeholder="t('stay.noFree')" style="width:100%">
            <el-option v-for="r in freeRooms" :key="r.room_id" :label="r.room_no + ' · ' + r.room_type" :value="r.room_id" />
          </el-select>
        </el-form-item>
        <el-form-item :label="t('stay.changeReason')"><el-input v-model="changeDlg.reason" maxlength="200" /></el-form-item>
        <el-alert v-if="changeDlg.error" :title="changeDlg.error" type="error" :closable="false" show-icon />
      </el-form>
      <template #footer>
        <el-button @click="changeDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :disabled="!changeDlg.room_id" :loading="changeDlg.saving" @click="saveChange">{{ t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <!-- Extend -->
    <el-dialog v-model="extendDlg.open" :title="t('stay.extend')" :width="ui.isPhone ? '94%' : '420px'" append-to-body>
      <el-form label-position="top" @submit.prevent>
        <el-form-item :label="t('stay.extendMinutes')"><el-input-number v-model="extendDlg.minutes" :min="1" :max="1440" :step="30" :disabled="!!extendDlg.package_id" style="width:100%" /></el-form-item>
        <el-form-item :label="t('stay.extendPackage')" v-if="stayDrawer.stay && stayDrawer.stay.packages.length">
          <el-select v-model="extendDlg.package_id" clearable style="width:100%">
            <el-option v-for="p in packages.filter((x) => x.active && x.terms && !x.terms.buyout)" :key="p.id" :label="p.name + ' · ¥' + fmtMoney(p.price_fen)" :value="p.id" />
          </el-select>
        </el-form-item>
        <el-alert v-if="extendDlg.error" :title="extendDlg.error" type="error" :closable="false" show-icon />
      </el-form>
      <template #footer>
        <el-button @click="extendDlg.open = false">{{ t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="extendDlg.saving" @click="saveExtend">{{ t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <CheckoutDialog v-model="checkoutOpen" :stay="stayDrawer.stay" @done="checkedOut" />
    <ApprovalDialog :state="approval" />
  </div>`,
};
