/* demo/generator.c: the demo venue's catalogue and business, generated (see generator.h).
 *
 * The shape of a day, from what KTV operators report: about 88 stays on an ordinary Sunday,
 * fewer early in the week, most on Friday and Saturday nights; a quarter in the afternoon
 * (白天档, short stays, packages bought as group-buy vouchers), the rest from 19:00 to about
 * 03:00, many settled after midnight. Rooms are scheduled so that no room holds two stays at
 * once (10 minutes to clean between stays); a guest who finds no free room of the wanted size
 * goes away, which caps busy nights at what 32 rooms can hold. All weights are integers
 * (per mille or relative) so that the output is the same on every machine. */
#include "demo/generator.h"

#include "core/bizday.h"
#include "core/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- random numbers */

uint64_t demo_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = demo_splitmix64(&st);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

int64_t demo_rng_between(struct demo_rng *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1;
    if (span == 0) return lo + (int64_t)demo_rng_next(r); /* the whole 64-bit range */
    /* Rejection sampling: drop draws from the incomplete last block of span values. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % span, x;
    do
        x = demo_rng_next(r);
    while (x >= limit);
    return lo + (int64_t)(x % span);
}

bool demo_rng_chance(struct demo_rng *r, int per_mille)
{
    return demo_rng_between(r, 0, 999) < per_mille;
}

int demo_rng_pick(struct demo_rng *r, const int *weights, int n)
{
    int64_t sum = 0;
    for (int i = 0; i < n; i++)
        sum += weights[i];
    int64_t x = demo_rng_between(r, 0, sum - 1);
    for (int i = 0; i < n; i++) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return n - 1;
}

/* ---------------------------------------------------------------- the catalogue */

const char *const demo_slot_names[DEMO_SLOTS] = {"白天档", "黄金档", "午夜档"};

/* Slot bounds in local minutes after midnight; the venue is closed 06:00-12:00. */
static const int slot_from[DEMO_SLOTS] = {12 * 60, 18 * 60, 0};
static const int slot_to[DEMO_SLOTS] = {18 * 60, 24 * 60, 6 * 60};

enum { TYPE_SMALL, TYPE_MEDIUM, TYPE_LARGE, TYPE_LUXURY };

/* Prices of a mid-size city's 量贩式 KTV (2024): per hour, weekend nights dearer. The big
 * rooms carry a minimum spend in 黄金档; the luxury rooms a 10 % service charge. */
const struct demo_room_type demo_room_types[] = {
    {"小包", 6, {3900, 8800, 6800}, {4900, 10800, 7800}, 0, 0},
    {"中包", 10, {5900, 12800, 9800}, {6900, 14800, 11800}, 0, 0},
    {"大包", 18, {7900, 16800, 12800}, {9900, 19800, 14800}, 50000, 0},
    {"豪华包", 30, {12800, 26800, 19800}, {15800, 32800, 23800}, 120000, 1000},
};
const int demo_room_type_count = sizeof demo_room_types / sizeof demo_room_types[0];

const struct demo_room demo_rooms[] = {
    {"101", "", TYPE_SMALL},        {"102", "", TYPE_SMALL},        {"103", "", TYPE_SMALL},
    {"104", "", TYPE_SMALL},        {"105", "", TYPE_SMALL},        {"106", "", TYPE_SMALL},
    {"107", "", TYPE_SMALL},        {"108", "", TYPE_SMALL},        {"109", "", TYPE_SMALL},
    {"110", "", TYPE_SMALL},        {"111", "", TYPE_SMALL},        {"112", "", TYPE_SMALL},
    {"201", "", TYPE_MEDIUM},       {"202", "", TYPE_MEDIUM},       {"203", "", TYPE_MEDIUM},
    {"204", "", TYPE_MEDIUM},       {"205", "", TYPE_MEDIUM},       {"206", "", TYPE_MEDIUM},
    {"207", "", TYPE_MEDIUM},       {"208", "", TYPE_MEDIUM},       {"209", "", TYPE_MEDIUM},
    {"210", "", TYPE_MEDIUM},       {"301", "", TYPE_LARGE},        {"302", "", TYPE_LARGE},
    {"303", "", TYPE_LARGE},        {"305", "", TYPE_LARGE},        {"306", "", TYPE_LARGE},
    {"308", "", TYPE_LARGE},        {"V01", "帝王厅", TYPE_LUXURY}, {"V02", "皇后厅", TYPE_LUXURY},
    {"V03", "钻石厅", TYPE_LUXURY}, {"V05", "星光厅", TYPE_LUXURY},
};
const int demo_room_count = sizeof demo_rooms / sizeof demo_rooms[0];
/* demo_generate_day keeps per-room arrays of this size on the stack. */
#define MAX_ROOMS 64
_Static_assert(sizeof demo_rooms / sizeof demo_rooms[0] <= MAX_ROOMS,
               "room arrays hold every room");

const char *const demo_category_names[CAT__MAX] = {"啤酒", "洋酒", "红酒", "饮料",
                                                   "小吃", "果盘", "香烟", "主食"};

/* Products by catalogue index; the packages below name some of them. Within a category the
 * first products sell best (the generator weights them so). */
/* One category a line reads better than one product a line. */
/* clang-format off */
enum {
    P_SNOW, P_TSINGTAO, P_BUD, P_HEINEKEN, P_CORONA, P_1664, P_TSINGTAO_DOZEN, P_BUD_DOZEN,
    P_CHIVAS, P_JW_BLACK, P_BALLANTINES, P_JACK, P_ABSOLUT, P_HENNESSY, P_MARTELL, P_REMY,
    P_GREATWALL, P_CHANGYU, P_PENFOLDS, P_LAFITE,
    P_GREENTEA, P_COKE, P_SPRITE, P_WANGLAOJI, P_WATER, P_REDBULL, P_ICETEA, P_SODA, P_WATERMELON,
    P_POPCORN, P_SEEDS, P_PEANUTS, P_FRIES, P_CHICKEN, P_PISTACHIO, P_DUCK_NECK, P_JERKY, P_WINGS,
    P_SNACK_PLATTER,
    P_FRUIT_S, P_FRUIT_M, P_FRUIT_L, P_FRUIT_XL,
    P_YUXI, P_HUANGHELOU, P_ZHONGHUA,
    P_INSTANT_NOODLES, P_FRIED_RICE, P_BEEF_NOODLES,
    P__COUNT
};
/* clang-format on */

const struct demo_product demo_products[] = {
    [P_SNOW] = {"B001", "雪花勇闯天涯", CAT_BEER, "瓶", 1500, false, true, true},
    [P_TSINGTAO] = {"B002", "青岛纯生", CAT_BEER, "瓶", 1800, false, true, true},
    [P_BUD] = {"B003", "百威", CAT_BEER, "瓶", 2000, false, true, true},
    [P_HEINEKEN] = {"B004", "喜力", CAT_BEER, "瓶", 2200, false, true, true},
    [P_CORONA] = {"B005", "科罗娜", CAT_BEER, "瓶", 2500, false, true, true},
    [P_1664] = {"B006", "1664白啤", CAT_BEER, "瓶", 2800, false, true, true},
    [P_TSINGTAO_DOZEN] = {"B007", "青岛纯生(一打12瓶)", CAT_BEER, "打", 19800, false, true, true},
    [P_BUD_DOZEN] = {"B008", "百威(一打12瓶)", CAT_BEER, "打", 22800, false, true, true},
    [P_CHIVAS] = {"L001", "芝华士12年", CAT_SPIRITS, "瓶", 88000, true, true, true},
    [P_JW_BLACK] = {"L002", "尊尼获加黑牌", CAT_SPIRITS, "瓶", 98000, true, true, true},
    [P_BALLANTINES] = {"L003", "百龄坛特醇", CAT_SPIRITS, "瓶", 48000, true, true, true},
    [P_JACK] = {"L004", "杰克丹尼", CAT_SPIRITS, "瓶", 68000, true, true, true},
    [P_ABSOLUT] = {"L005", "绝对伏特加", CAT_SPIRITS, "瓶", 42000, true, true, true},
    [P_HENNESSY] = {"L006", "轩尼诗VSOP", CAT_SPIRITS, "瓶", 138000, true, true, true},
    [P_MARTELL] = {"L007", "马爹利名士", CAT_SPIRITS, "瓶", 128000, true, true, true},
    [P_REMY] = {"L008", "人头马VSOP", CAT_SPIRITS, "瓶", 148000, true, true, true},
    [P_GREATWALL] = {"W001", "长城干红", CAT_WINE, "瓶", 19800, true, true, true},
    [P_CHANGYU] = {"W002", "张裕解百纳", CAT_WINE, "瓶", 26800, true, true, true},
    [P_PENFOLDS] = {"W003", "奔富洛神山庄", CAT_WINE, "瓶", 38800, true, true, true},
    [P_LAFITE] = {"W004", "拉菲传奇波尔多", CAT_WINE, "瓶", 48800, true, true, true},
    [P_GREENTEA] = {"D001", "康师傅绿茶", CAT_DRINKS, "瓶", 1000, false, true, true},
    [P_COKE] = {"D002", "可口可乐", CAT_DRINKS, "罐", 1200, false, true, true},
    [P_SPRITE] = {"D003", "雪碧", CAT_DRINKS, "罐", 1200, false, true, true},
    [P_WANGLAOJI] = {"D004", "王老吉", CAT_DRINKS, "罐", 1200, false, true, true},
    [P_WATER] = {"D005", "农夫山泉", CAT_DRINKS, "瓶", 800, false, true, true},
    [P_REDBULL] = {"D006", "红牛", CAT_DRINKS, "罐", 2000, false, true, true},
    [P_ICETEA] = {"D007", "冰红茶", CAT_DRINKS, "瓶", 1000, false, true, true},
    [P_SODA] = {"D008", "苏打水", CAT_DRINKS, "瓶", 1500, false, true, true},
    [P_WATERMELON] = {"D009", "鲜榨西瓜汁", CAT_DRINKS, "扎", 6800, false, true, true},
    [P_POPCORN] = {"S001", "爆米花", CAT_SNACKS, "份", 2800, false, true, true},
    [P_SEEDS] = {"S002", "瓜子", CAT_SNACKS, "份", 1800, false, true, true},
    [P_PEANUTS] = {"S003", "花生米", CAT_SNACKS, "份", 1800, false, true, true},
    [P_FRIES] = {"S004", "薯条", CAT_SNACKS, "份", 3200, false, true, true},
    [P_CHICKEN] = {"S005", "鸡米花", CAT_SNACKS, "份", 3800, false, true, true},
    [P_PISTACHIO] = {"S006", "开心果", CAT_SNACKS, "份", 3800, false, true, true},
    [P_DUCK_NECK] = {"S007", "卤鸭脖", CAT_SNACKS, "份", 4200, false, true, true},
    [P_JERKY] = {"S008", "牛肉干", CAT_SNACKS, "份", 4800, false, true, true},
    [P_WINGS] = {"S009", "炸鸡翅", CAT_SNACKS, "份", 4800, false, true, true},
    [P_SNACK_PLATTER] = {"S010", "小吃拼盘", CAT_SNACKS, "份", 8800, false, true, true},
    [P_FRUIT_S] = {"F001", "小果盘", CAT_FRUIT, "份", 5800, false, true, true},
    [P_FRUIT_M] = {"F002", "中果盘", CAT_FRUIT, "份", 8800, false, true, true},
    [P_FRUIT_L] = {"F003", "大果盘", CAT_FRUIT, "份", 12800, false, true, true},
    [P_FRUIT_XL] = {"F004", "豪华果盘", CAT_FRUIT, "份", 18800, false, true, true},
    /* Tobacco is sold at a fixed price: no member price, and it does not count toward the
     * minimum spend (a common house rule). */
    [P_YUXI] = {"C001", "玉溪(软)", CAT_TOBACCO, "包", 3500, false, false, false},
    [P_HUANGHELOU] = {"C002", "黄鹤楼(硬)", CAT_TOBACCO, "包", 4500, false, false, false},
    [P_ZHONGHUA] = {"C003", "中华(软)", CAT_TOBACCO, "包", 9000, false, false, false},
    [P_INSTANT_NOODLES] = {"M001", "泡面", CAT_FOOD, "份", 1800, false, true, true},
    [P_FRIED_RICE] = {"M002", "扬州炒饭", CAT_FOOD, "份", 3800, false, true, true},
    [P_BEEF_NOODLES] = {"M003", "红烧牛肉面", CAT_FOOD, "份", 4200, false, true, true},
};
const int demo_product_count = sizeof demo_products / sizeof demo_products[0];
_Static_assert(sizeof demo_products / sizeof demo_products[0] == P__COUNT,
               "every product index has a product");

/* Packages are cheaper than their parts (that is why guests buy them, mostly as 美团/抖音
 * vouchers): 小包黄金档 3 h would be 264.00 of room fee and 296.00 of goods. */
/* A package a line, as a price list. */
/* clang-format off */
const struct demo_package demo_packages[] = {
    {"小包白天欢唱套餐(3小时)", DEMO_SLOT_DAY, TYPE_SMALL, 3, 9800,
     {{P_WATER, 4}, {P_POPCORN, 1}}, 2, false},
    {"中包白天欢唱套餐(3小时)", DEMO_SLOT_DAY, TYPE_MEDIUM, 3, 16800,
     {{P_SNOW, 6}, {P_FRUIT_S, 1}}, 2, false},
    {"大包白天欢唱套餐(3小时)", DEMO_SLOT_DAY, TYPE_LARGE, 3, 26800,
     {{P_SNOW, 12}, {P_FRUIT_M, 1}}, 2, false},
    {"小包黄金档啤酒套餐(3小时)", DEMO_SLOT_PRIME, TYPE_SMALL, 3, 38800,
     {{P_SNOW, 12}, {P_FRUIT_M, 1}, {P_POPCORN, 1}}, 3, false},
    {"中包黄金档啤酒套餐(3小时)", DEMO_SLOT_PRIME, TYPE_MEDIUM, 3, 58800,
     {{P_TSINGTAO, 12}, {P_FRUIT_M, 1}, {P_SNACK_PLATTER, 1}}, 3, false},
    {"大包黄金档畅饮套餐(4小时)", DEMO_SLOT_PRIME, TYPE_LARGE, 4, 98800,
     {{P_TSINGTAO, 24}, {P_FRUIT_L, 1}, {P_SNACK_PLATTER, 1}}, 3, false},
    {"豪华包洋酒套餐(4小时)", DEMO_SLOT_PRIME, TYPE_LUXURY, 4, 188800,
     {{P_CHIVAS, 1}, {P_GREENTEA, 6}, {P_FRUIT_XL, 1}, {P_SNACK_PLATTER, 1}}, 4, false},
    {"小包午夜场套餐(3小时)", DEMO_SLOT_MIDNIGHT, TYPE_SMALL, 3, 19800,
     {{P_SNOW, 12}, {P_FRUIT_S, 1}}, 2, false},
    {"中包午夜场套餐(3小时)", DEMO_SLOT_MIDNIGHT, TYPE_MEDIUM, 3, 26800,
     {{P_SNOW, 12}, {P_FRUIT_M, 1}}, 2, false},
    /* Last in the list so that the catalogue numbers of the others never move. */
    {"大包通宵买断(至06:00)", DEMO_SLOT_PRIME, TYPE_LARGE, 0, 168800,
     {{P_TSINGTAO_DOZEN, 2}, {P_FRUIT_L, 1}, {P_SNACK_PLATTER, 1}}, 3, true},
};
/* clang-format on */
const int demo_package_count = sizeof demo_packages / sizeof demo_packages[0];

const struct demo_user demo_users[] = {
    {"manager", "王建国", "manager"},
    {"finance", "刘敏", "finance"},
    {"cashier1", "李娜", "cashier"},
    {"cashier2", "王芳", "cashier"},
    {"cashier3", "陈静", "cashier"},
    {"warehouse", "赵强", "warehouse"},
    {"hr", "孙丽", "hr"},
    {"technician", "周杰", "technician"},
    {"marketing", "吴磊", "marketing"},
    {"staff", "郑爽", "staff"},
};
const int demo_user_count = sizeof demo_users / sizeof demo_users[0];

/* The marketing user first: he books the most rooms. */
const char *const demo_bookers[] = {"吴磊", "张伟", "刘洋", "赵敏", "林涛", "何静", "马骏"};
const int demo_booker_count = sizeof demo_bookers / sizeof demo_bookers[0];
static const int booker_weights[] = {24, 18, 16, 14, 12, 9, 7};

const char *const demo_cashiers[3] = {"李娜", "王芳", "陈静"};
const char *const demo_approver = "王建国";

/* Companies that sign for their bills (挂账) and the reasons a bill is voided. */
static const char *const credit_clients[] = {"华兴贸易", "新城地产", "博远科技", "恒通物流"};
static const char *const void_reasons[] = {"客人取消消费", "重复开单", "录入错误", "客诉免单"};

void demo_slot_window(enum demo_slot slot, int *from_min, int *to_min)
{
    *from_min = slot_from[slot];
    *to_min = slot_to[slot];
}

void demo_price_slots(int room_type, struct price_slot slots[DEMO_PLAN_SLOTS])
{
    const struct demo_room_type *t = &demo_room_types[room_type];
    for (int half = 0; half < 2; half++)
        for (int s = 0; s < DEMO_SLOTS; s++) {
            struct price_slot *x = &slots[half * DEMO_SLOTS + s];
            memset(x, 0, sizeof *x);
            x->days = half ? DEMO_WEEKEND : DEMO_WEEKDAYS;
            x->start_min = slot_from[s];
            x->end_min = slot_to[s];
            x->hour_fen = half ? t->weekend_fen[s] : t->weekday_fen[s];
            /* The demo's member discount is on goods (9折), not on the room: no member price. */
            x->min_spend_fen = s == DEMO_SLOT_PRIME ? t->prime_min_spend_fen : 0;
        }
}

struct price_plan demo_price_plan(const struct price_slot slots[DEMO_PLAN_SLOTS])
{
    return (struct price_plan){.slots = slots,
                               .nslots = DEMO_PLAN_SLOTS,
                               .unit_min = DEMO_UNIT_MIN,
                               .grace_min = DEMO_GRACE_MIN,
                               .cutoff_min = 360 /* the demo venue's 06:00 */};
}

/* ---------------------------------------------------------------- the shape of a day */

/* Minutes after local midnight of the business day: stays open from 12:00 to 03:30 and are
 * settled by 05:59 at the latest (the cut-off is 06:00), so every bill of the day is settled
 * inside its business day. */
#define OPEN_FIRST (12 * 60)
#define OPEN_LAST (27 * 60 + 30)
#define CLOSE_LAST (29 * 60 + 50)
/* Minutes a room needs after a stay before the next guests (cleaning). */
#define CLEANING_MINUTES 10

/* Relative weights by weekday (0 = Sunday), month and holiday, in per mille. */
static const int weekday_pm[7] = {900, 780, 780, 820, 900, 1250, 1350};
static const int month_pm[12] = {1080, 1150, 920, 950, 1020, 940, 1060, 1080, 950, 1100, 930, 1050};
#define HOLIDAY_PM 1250
/* Guests who ask for a room on an ordinary Sunday of January 2024 (before the weights); some
 * find none free on busy nights. */
#define BASE_ARRIVALS 100

/* Public holidays on fixed dates (the lunar ones move, and the demo does without them). */
static bool is_holiday(int month, int day)
{
    return (month == 1 && day == 1) || (month == 5 && day <= 3) || (month == 10 && day <= 7) ||
           (month == 12 && (day == 24 || day == 31));
}

/* Growth of the business: +6 % a year from 2024, held between 70 % and 130 %. */
static int64_t growth_pm(int64_t day)
{
    int64_t g = 1000 + (day - days_from_civil(2024, 1, 1)) * 60 / 365;
    return g < 700 ? 700 : g > 1300 ? 1300 : g;
}

/* Weight of each opening hour from 12:00 (index 0) to 03:00 (index 15). */
static const int open_hour_weights[16] = {3, 5, 7, 6, 4, 4, 6, 12, 18, 20, 15, 9, 6, 3, 1, 1};

/* Length of a stay: 60 to 300 minutes in quarter hours (index i is 60 + 15 i). */
static const int day_length_weights[17] = {6, 1, 4, 1, 8, 1, 3, 1, 6, 0, 1, 0, 2, 0, 0, 0, 1};
static const int night_length_weights[17] = {2, 0, 3, 1, 8, 1, 5, 1, 10, 1, 4, 1, 5, 0, 1, 0, 2};

/* Room types wanted in the afternoon and at night. */
static const int day_type_weights[4] = {45, 35, 15, 5};
static const int night_type_weights[4] = {30, 35, 22, 13};

/* Categories of the goods ordered, by the slot the stay opened in. */
static const int category_weights[DEMO_SLOTS][CAT__MAX] = {
    /* beer spirits wine drinks snacks fruit tobacco food */
    {20, 1, 1, 30, 25, 15, 3, 5},
    {35, 4, 4, 15, 18, 14, 6, 2},
    {35, 3, 2, 15, 15, 8, 6, 14},
};

struct stay {
    int seq;     /* arrival order, for a stable sort */
    int type;    /* the room type wanted */
    int start;   /* minute after local midnight of the business day */
    int second;  /* second of the opening minute */
    int minutes; /* length of the stay */
    int package; /* index into demo_packages, -1 for none */
    int room;    /* the room given, -1 when none was free */
};

static int slot_of_minute(int minute)
{
    minute %= 1440;
    if (minute >= slot_from[DEMO_SLOT_DAY] && minute < slot_to[DEMO_SLOT_DAY]) return DEMO_SLOT_DAY;
    if (minute >= slot_from[DEMO_SLOT_PRIME]) return DEMO_SLOT_PRIME;
    return DEMO_SLOT_MIDNIGHT;
}

static int find_package(int type, int slot)
{
    for (int i = 0; i < demo_package_count; i++)
        if (!demo_packages[i].buyout && demo_packages[i].room_type == type &&
            (int)demo_packages[i].slot == slot)
            return i;
    return -1;
}

/* The package share of stays, by slot, in per mille (vouchers sell best in the afternoon). */
static const int package_pm[DEMO_SLOTS] = {450, 280, 350};

static void plan_stay(struct demo_rng *r, int seq, struct stay *s)
{
    memset(s, 0, sizeof *s);
    s->seq = seq;
    int h = demo_rng_pick(r, open_hour_weights, 16);
    s->start = OPEN_FIRST + h * 60 + (int)demo_rng_between(r, 0, 59);
    if (s->start > OPEN_LAST) s->start = OPEN_LAST - (int)demo_rng_between(r, 0, 29);
    s->second = (int)demo_rng_between(r, 0, 59);
    int slot = slot_of_minute(s->start);
    bool day = slot == DEMO_SLOT_DAY;
    s->type = demo_rng_pick(r, day ? day_type_weights : night_type_weights, 4);
    s->minutes = 60 + 15 * demo_rng_pick(r, day ? day_length_weights : night_length_weights, 17);
    s->package = -1;
    int p = find_package(s->type, slot);
    if (p >= 0 && demo_rng_chance(r, package_pm[slot])) {
        int minutes = demo_packages[p].hours * 60;
        /* One package stay in five sings on (加钟), charged by the slot prices. */
        if (demo_rng_chance(r, 200)) minutes += 30 * (int)demo_rng_between(r, 1, 2);
        if (s->start + minutes <= CLOSE_LAST) {
            s->package = p;
            s->minutes = minutes;
        }
    }
    if (s->start + s->minutes > CLOSE_LAST) s->minutes = CLOSE_LAST - s->start;
}

static int cmp_stay(const void *a, const void *b)
{
    const struct stay *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->seq - y->seq;
}

/* ---------------------------------------------------------------- building one bill */

static void append_note(struct bill *b, const char *text)
{
    size_t n = strlen(b->note);
    snprintf(b->note + n, sizeof b->note - n, "%s%s", n ? "；" : "", text);
}

static struct bill_line *add_line(struct demo_bill *d, const char *kind, const char *item,
                                  int product, int package, int64_t qty, int64_t unit_fen,
                                  int64_t amount_fen)
{
    struct bill *b = &d->bill;
    if (b->nlines >= DEMO_MAX_LINES) return NULL;
    struct bill_line *l = &d->lines[b->nlines++];
    memset(l, 0, sizeof *l);
    l->line_no = b->nlines;
    snprintf(l->kind, sizeof l->kind, "%s", kind);
    snprintf(l->item, sizeof l->item, "%s", item);
    l->product_id = product >= 0 ? product + 1 : 0;
    l->package_id = package >= 0 ? package + 1 : 0;
    l->qty = qty;
    l->has_unit_price = l->has_amount = true;
    l->unit_price_fen = unit_fen;
    l->amount_fen = amount_fen;
    return l;
}

static void add_payment(struct demo_bill *d, const char *method, int64_t amount)
{
    struct bill *b = &d->bill;
    if (amount <= 0 || b->npayments >= DEMO_MAX_PAYMENTS) return;
    struct bill_payment *p = &d->payments[b->npayments++];
    memset(p, 0, sizeof *p);
    snprintf(p->method, sizeof p->method, "%s", method);
    p->amount_fen = amount;
}

/* Picks a product of a category, the first ones more often (weights n, n-1, ..., 1). */
static int pick_product(struct demo_rng *r, enum demo_category cat)
{
    int idx[16], weights[16], n = 0;
    for (int i = 0; i < demo_product_count && n < 16; i++)
        if (demo_products[i].category == cat) idx[n++] = i;
    for (int i = 0; i < n; i++)
        weights[i] = n - i;
    return idx[demo_rng_pick(r, weights, n)];
}

/* How many of a product a table orders. */
static int64_t pick_qty(struct demo_rng *r, int product, int slot)
{
    const struct demo_product *p = &demo_products[product];
    switch (p->category) {
    case CAT_BEER:
        if (strcmp(p->unit, "打") == 0) return demo_rng_between(r, 1, 2);
        /* Afternoons drink a few bottles; nights order by the half-dozen. */
        return slot == DEMO_SLOT_DAY ? demo_rng_between(r, 2, 6) : 6 * demo_rng_between(r, 1, 4);
    case CAT_SPIRITS:
        return demo_rng_chance(r, 100) ? 2 : 1;
    case CAT_WINE:
        return demo_rng_between(r, 1, 2);
    case CAT_DRINKS:
        return strcmp(p->unit, "扎") == 0 ? demo_rng_between(r, 1, 2) : demo_rng_between(r, 2, 6);
    case CAT_SNACKS:
        return demo_rng_between(r, 1, 2);
    case CAT_FRUIT:
        return 1;
    case CAT_TOBACCO:
        return demo_rng_between(r, 1, 2);
    case CAT_FOOD:
        return demo_rng_between(r, 1, 3);
    default:
        return 1;
    }
}

/* The goods a table orders: distinct products, quantities merged. */
static void add_goods(struct demo_rng *r, struct demo_bill *d, const struct stay *s, int slot)
{
    int n;
    if (s->package >= 0)
        n = (int)demo_rng_between(r, 0, 2);
    else if (slot == DEMO_SLOT_DAY)
        n = (int)demo_rng_between(r, 0, 3);
    else if (slot == DEMO_SLOT_PRIME)
        n = (int)demo_rng_between(r, 2, 6);
    else
        n = (int)demo_rng_between(r, 1, 5);
    if (s->type >= TYPE_LARGE) n++;
    int weights[CAT__MAX];
    memcpy(weights, category_weights[slot], sizeof weights);
    /* Big rooms are where the spirits are sold. */
    if (s->type >= TYPE_LARGE) weights[CAT_SPIRITS] += slot == DEMO_SLOT_DAY ? 2 : 10;
    int64_t qty[P__COUNT] = {0};
    int order[P__COUNT], norder = 0;
    for (int i = 0; i < n; i++) {
        int p = pick_product(r, (enum demo_category)demo_rng_pick(r, weights, CAT__MAX));
        if (qty[p] == 0) order[norder++] = p;
        qty[p] += pick_qty(r, p, slot);
    }
    for (int i = 0; i < norder; i++) {
        const struct demo_product *p = &demo_products[order[i]];
        add_line(d, "goods", p->name, order[i], -1, qty[order[i]], p->price_fen,
                 p->price_fen * qty[order[i]]);
    }
}

/* The room fee as one line, priced by the front desk's own rule (frontdesk/pricing.h) over the
 * room type's plan; its item names the minutes in each slot ("包厢费 黄金档75分钟 午夜档45分钟"),
 * its amount is rounded once for the whole stay. start_local is the stay's opening (local
 * seconds), minutes its length; package the index of its package or -1 (the room fee is then
 * the package's overrun, priced from where the package's time ends). Returns the minimum spend
 * the stay owes (that of the slot it opened in; 0 for a package). */
static int64_t add_room_fee(struct demo_bill *d, int type, int package, int64_t start_local,
                            int minutes)
{
    struct price_slot slots[DEMO_PLAN_SLOTS];
    demo_price_slots(type, slots);
    struct price_plan plan = demo_price_plan(slots);
    int64_t end_local = start_local + (int64_t)minutes * 60;
    struct room_fee fee;
    enum pricing_status st;
    if (package >= 0) {
        const struct demo_package *p = &demo_packages[package];
        struct package_terms terms = {p->price_fen, p->hours * 60, p->buyout, 360};
        struct package_fee pf;
        st = pricing_package_fee(&plan, &terms, start_local, end_local, false, &pf);
        fee = pf.overrun;
    } else {
        st = pricing_room_fee(&plan, start_local, end_local, false, &fee);
    }
    /* Stays open from 12:00 and end by 05:50, inside the plan: anything else is our bug. */
    if (st != PRICING_OK) abort();
    if (fee.fee_fen == 0 && fee.nparts == 0) return 0;
    int by_slot[DEMO_SLOTS] = {0};
    for (int i = 0; i < fee.nparts; i++)
        by_slot[fee.parts[i].slot % DEMO_SLOTS] += fee.parts[i].minutes;
    char item[160] = "包厢费";
    size_t n = strlen(item);
    /* In the order the stay meets the slots: day, prime, midnight. */
    for (int i = 0; i < DEMO_SLOTS; i++)
        if (by_slot[i] > 0 && n < sizeof item)
            n += (size_t)snprintf(item + n, sizeof item - n, " %s%d分钟", demo_slot_names[i],
                                  by_slot[i]);
    add_line(d, "room", item, -1, -1, 1, fee.fee_fen, fee.fee_fen);
    return package >= 0 ? 0 : fee.min_spend_fen;
}

/* The cashier on duty when the bill was settled: an afternoon shift to 19:00, an evening shift
 * to 01:00, a night shift to closing; the three cashiers rotate shifts every week. */
const int demo_shift_ends[DEMO_SHIFTS - 1] = {19 * 60, 25 * 60};

int demo_shift_cashier(int64_t day, int shift)
{
    int64_t week = (day + 3) / 7; /* weeks from Monday (day 0 was a Thursday) */
    return (int)((shift + week) % 3);
}

static int shift_at(int close_minute)
{
    return close_minute < demo_shift_ends[0]   ? DEMO_SHIFT_AFTERNOON
           : close_minute < demo_shift_ends[1] ? DEMO_SHIFT_EVENING
                                               : DEMO_SHIFT_NIGHT;
}

void demo_member_phone(uint64_t seed, int member, char out[44])
{
    uint64_t st = seed ^ 0x6d656d626572ULL ^ (uint64_t)member * 0x100000001b3ULL;
    snprintf(out, 44, "1700%07llu", (unsigned long long)(demo_splitmix64(&st) % 10000000ULL));
}

static void build_bill(struct demo_rng *r, uint64_t seed, int64_t day, const struct stay *s,
                       int number, struct demo_bill *d)
{
    /* Only the header is cleared: lines and payments are written whole as they are added (a
     * bill struct is about 6 KB and a million of them are generated for the benchmarks). */
    memset(&d->bill, 0, sizeof d->bill);
    demo_bill_fix_pointers(d);
    struct bill *b = &d->bill;
    const struct demo_room *room = &demo_rooms[s->room];
    const struct demo_room_type *type = &demo_room_types[room->type];
    int y, m, dd;
    civil_from_days(day, &y, &m, &dd);
    snprintf(b->bill_no, sizeof b->bill_no, "%04d%02d%02d%04d", y, m, dd, number);
    d->room = s->room;
    snprintf(b->room_no, sizeof b->room_no, "%s", room->room_no);
    snprintf(b->room_type, sizeof b->room_type, "%s", type->name);
    date_format(day, b->business_day);
    snprintf(b->status, sizeof b->status, "settled");
    snprintf(b->source, sizeof b->source, "demo");
    int slot = slot_of_minute(s->start);
    b->open_hour = (s->start / 60) % 24;

    d->opened_local = day * 86400 + (int64_t)s->start * 60 + s->second;
    /* Paying at the front desk takes one to eight minutes after the stay. */
    d->closed_local = d->opened_local + (int64_t)s->minutes * 60 + demo_rng_between(r, 60, 480);
    int close_minute = (int)((d->closed_local - day * 86400) / 60);

    /* Booked rooms are credited to a booker; walk-ins (散客) to nobody. */
    if (demo_rng_chance(r, slot == DEMO_SLOT_DAY ? 250 : 650))
        snprintf(b->booker, sizeof b->booker, "%s",
                 demo_bookers[demo_rng_pick(r, booker_weights, demo_booker_count)]);
    d->shift = shift_at(close_minute);
    snprintf(b->cashier, sizeof b->cashier, "%s", demo_cashiers[demo_shift_cashier(day, d->shift)]);

    /* Lines: package or room fee, goods, gift, minimum-spend top-up. */
    int64_t room_fee = 0, min_spend = 0;
    if (s->package >= 0) {
        const struct demo_package *p = &demo_packages[s->package];
        add_line(d, "package", p->name, -1, s->package, 1, p->price_fen, p->price_fen);
    }
    min_spend = add_room_fee(d, room->type, s->package, d->opened_local, s->minutes);
    for (int i = 0; i < b->nlines; i++)
        if (strcmp(d->lines[i].kind, "room") == 0) room_fee += d->lines[i].amount_fen;
    add_goods(r, d, s, slot);
    if (slot != DEMO_SLOT_DAY && b->booker[0] && demo_rng_chance(r, 40)) {
        /* A gift (赠送): goods at zero price, approved by the manager. */
        add_line(d, "goods", demo_products[P_FRUIT_S].name, P_FRUIT_S, -1, 1, 0, 0);
        char note[128];
        snprintf(note, sizeof note, "赠送%s(%s批准)", demo_products[P_FRUIT_S].name, demo_approver);
        append_note(b, note);
    }
    if (min_spend > 0) {
        int64_t goods = 0;
        for (int i = 0; i < b->nlines; i++)
            if (d->lines[i].product_id && demo_products[d->lines[i].product_id - 1].min_spend)
                goods += d->lines[i].amount_fen;
        int64_t top = pricing_min_spend_topup(min_spend, room_fee, goods);
        if (top > 0) add_line(d, "min_spend", "低消补足", -1, -1, 1, top, top);
    }
    for (int i = 0; i < b->nlines; i++)
        b->gross_fen += d->lines[i].amount_fen;

    /* Discounts: member price on discountable goods (per line, half-up), a manager's discount
     * on some bills, then rounding down to the yuan (抹零), each recorded in the note. */
    char text[128], money[32];
    if (demo_rng_chance(r, slot == DEMO_SLOT_DAY ? 120 : 200)) {
        demo_member_phone(seed, (int)demo_rng_between(r, 0, DEMO_MEMBER_POOL - 1), b->member_phone);
        int64_t member = 0;
        for (int i = 0; i < b->nlines; i++) {
            const struct bill_line *l = &d->lines[i];
            if (strcmp(l->kind, "goods") == 0 && l->product_id &&
                demo_products[l->product_id - 1].discountable)
                member += money_apply_rate(l->amount_fen, 1000); /* 会员价 9折 */
        }
        if (member > 0) {
            b->discount_fen += member;
            snprintf(text, sizeof text, "会员价9折 -%s", money_format(member, money));
            append_note(b, text);
        }
    }
    if (s->package < 0 && demo_rng_chance(r, 60)) {
        int64_t manager;
        if (b->gross_fen >= 100000)
            manager = 10000;
        else if (b->gross_fen >= 50000)
            manager = 5000;
        else {
            manager = 0; /* 8.8折 on the room fee, line by line */
            for (int i = 0; i < b->nlines; i++)
                if (strcmp(d->lines[i].kind, "room") == 0)
                    manager += money_apply_rate(d->lines[i].amount_fen, 1200);
        }
        if (manager > 0) {
            b->discount_fen += manager;
            snprintf(text, sizeof text, "经理折扣 -%s(%s批准)", money_format(manager, money),
                     demo_approver);
            append_note(b, text);
        }
    }
    /* Service charge on the amount after discounts (as the front desk's rule charges it), as
     * its own line of kind service: the gross stays the sum of the other lines. */
    if (type->service_bp > 0) {
        b->service_fen = money_apply_rate(b->gross_fen - b->discount_fen, type->service_bp);
        char item[32];
        snprintf(item, sizeof item, "服务费 %lld%%", (long long)(type->service_bp / 100));
        add_line(d, "service", item, -1, -1, 1, b->service_fen, b->service_fen);
    }
    int64_t payable = b->gross_fen + b->service_fen - b->discount_fen;
    if (payable % 100 != 0) {
        int64_t rounding = payable % 100;
        b->discount_fen += rounding;
        payable -= rounding;
        snprintf(text, sizeof text, "抹零 -%s", money_format(rounding, money));
        append_note(b, text);
    }
    b->total_fen = payable;

    /* Tenders. Vouchers (团购券) pay for most packages; members pay from their balance. */
    static const int rest_weights[4] = {55, 25, 15, 5};
    static const char *const rest_methods[4] = {"wechat", "alipay", "cash", "card"};
    const char *rest = rest_methods[demo_rng_pick(r, rest_weights, 4)];
    if (s->package >= 0 && demo_rng_chance(r, 650)) {
        int64_t voucher = demo_packages[s->package].price_fen;
        if (voucher > payable) voucher = payable;
        add_payment(d, "voucher", voucher);
        add_payment(d, rest, payable - voucher);
        append_note(b, demo_rng_chance(r, 550) ? "团购券: 美团" : "团购券: 抖音");
    } else if (b->member_phone[0] && demo_rng_chance(r, 700)) {
        /* One member in seven runs short and pays the rest by WeChat. */
        int64_t part = payable / 2 / 10000 * 10000;
        if (part > 0 && demo_rng_chance(r, 150)) {
            add_payment(d, "member", part);
            add_payment(d, "wechat", payable - part);
        } else {
            add_payment(d, "member", payable);
        }
    } else {
        static const int weights[7] = {420, 220, 130, 90, 50, 30, 60};
        int k = demo_rng_pick(r, weights, 7);
        if (k == 5 && (payable < 50000 || !b->booker[0])) k = 0; /* credit: firms, big bills */
        switch (k) {
        case 0:
            add_payment(d, "wechat", payable);
            break;
        case 1:
            add_payment(d, "alipay", payable);
            break;
        case 2:
            add_payment(d, "cash", payable);
            break;
        case 3:
            add_payment(d, "card", payable);
            break;
        case 4: { /* a cash voucher (代金券) of 100 or 200 yuan, the rest by phone */
            int64_t voucher = demo_rng_chance(r, 500) ? 10000 : 20000;
            if (voucher > payable) voucher = payable;
            add_payment(d, "voucher", voucher);
            add_payment(d, rest, payable - voucher);
            break;
        }
        case 5:
            add_payment(d, "credit", payable);
            snprintf(text, sizeof text, "挂账: %s", credit_clients[demo_rng_between(r, 0, 3)]);
            append_note(b, text);
            break;
        default: { /* split: cash in hundreds, the rest by phone */
            int64_t cash = payable / 2 / 10000 * 10000;
            if (cash == 0) cash = payable / 2 / 1000 * 1000;
            add_payment(d, "cash", cash);
            add_payment(d, demo_rng_chance(r, 600) ? "wechat" : "alipay", payable - cash);
            break;
        }
        }
    }
    /* A bill settled at 0.00 (everything gifted or discounted) has no tender at all. */

    /* One bill in fifty is voided afterwards (作废), with reason and approver. It keeps its
     * lines and tenders: the void is the record, the money went back. */
    if (demo_rng_chance(r, 20)) {
        snprintf(b->status, sizeof b->status, "voided");
        snprintf(text, sizeof text, "作废: %s(%s批准)", void_reasons[demo_rng_between(r, 0, 3)],
                 demo_approver);
        append_note(b, text);
    }
}

void demo_bill_fix_pointers(struct demo_bill *b)
{
    b->bill.lines = b->lines;
    b->bill.payments = b->payments;
}

/* Fills d->settled with the bill indices by settling time, then bill number. An insertion
 * sort: a day holds a hundred-odd bills that come nearly in order, and qsort could only see
 * the bills through a global (qsort_r is not C17). */
static void order_by_settling(struct demo_day *d)
{
    for (int i = 0; i < d->nbills; i++) {
        int x = i, j = i;
        const struct demo_bill *bx = &d->bills[x];
        while (j > 0) {
            const struct demo_bill *by = &d->bills[d->settled[j - 1]];
            if (by->closed_local < bx->closed_local ||
                (by->closed_local == bx->closed_local &&
                 strcmp(by->bill.bill_no, bx->bill.bill_no) < 0))
                break;
            d->settled[j] = d->settled[j - 1];
            j--;
        }
        d->settled[j] = x;
    }
}

/* The random stream of one business day: a function of the seed and the day only. */
static void seed_day(struct demo_rng *r, uint64_t seed, int64_t day)
{
    uint64_t st = seed ^ ((uint64_t)day * 0xd1342543de82ef95ULL);
    demo_rng_seed(r, demo_splitmix64(&st));
}

void demo_generate_day(uint64_t seed, int64_t day, struct demo_day *out)
{
    out->day = day;
    out->nbills = 0;
    struct demo_rng r;
    seed_day(&r, seed, day);

    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    int64_t weight = (int64_t)BASE_ARRIVALS * weekday_pm[weekday_from_days(day)] * month_pm[m - 1] *
                     (is_holiday(m, d) ? HOLIDAY_PM : 1000) * growth_pm(day) *
                     demo_rng_between(&r, 920, 1080);
    int arrivals = (int)(weight / 1000000000000000LL);
    if (arrivals > DEMO_MAX_BILLS) arrivals = DEMO_MAX_BILLS;

    struct stay stays[DEMO_MAX_BILLS];
    for (int i = 0; i < arrivals; i++)
        plan_stay(&r, i, &stays[i]);
    qsort(stays, (size_t)arrivals, sizeof stays[0], cmp_stay);

    /* Give each guest a free room of the wanted type, at random among the free ones. */
    int free_at[MAX_ROOMS] = {0};
    for (int i = 0; i < arrivals; i++) {
        int candidates[MAX_ROOMS], n = 0;
        for (int k = 0; k < demo_room_count; k++)
            if (demo_rooms[k].type == stays[i].type && free_at[k] <= stays[i].start)
                candidates[n++] = k;
        stays[i].room = n ? candidates[demo_rng_between(&r, 0, n - 1)] : -1;
        if (stays[i].room >= 0)
            free_at[stays[i].room] = stays[i].start + stays[i].minutes + CLEANING_MINUTES;
    }

    int number = 0;
    for (int i = 0; i < arrivals; i++) {
        if (stays[i].room < 0) continue;
        build_bill(&r, seed, day, &stays[i], ++number, &out->bills[out->nbills++]);
    }
    /* Bills are written in the order they were settled (ids follow the till). */
    order_by_settling(out);
}

/* ---------------------------------------------------------------- fingerprint */

static uint64_t fnv_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) {
        h ^= c[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv_bytes(h, s, strlen(s) + 1); /* the NUL separates fields */
}

static uint64_t fnv_int(uint64_t h, int64_t v)
{
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)((uint64_t)v >> (8 * i));
    return fnv_bytes(h, le, 8);
}

uint64_t demo_day_fingerprint(const struct demo_day *d, uint64_t h)
{
    h = fnv_int(h, d->day);
    for (int i = 0; i < d->nbills; i++) {
        const struct demo_bill *x = &d->bills[d->settled[i]];
        const struct bill *b = &x->bill;
        h = fnv_str(h, b->bill_no);
        h = fnv_int(h, x->room);
        h = fnv_int(h, x->opened_local);
        h = fnv_int(h, x->closed_local);
        h = fnv_str(h, b->business_day);
        h = fnv_str(h, b->status);
        h = fnv_str(h, b->cashier);
        h = fnv_str(h, b->member_phone);
        h = fnv_str(h, b->booker);
        h = fnv_int(h, b->gross_fen);
        h = fnv_int(h, b->discount_fen);
        h = fnv_int(h, b->service_fen);
        h = fnv_int(h, b->total_fen);
        h = fnv_str(h, b->note);
        for (int k = 0; k < b->nlines; k++) {
            const struct bill_line *l = &b->lines[k];
            h = fnv_int(h, l->line_no);
            h = fnv_str(h, l->kind);
            h = fnv_str(h, l->item);
            h = fnv_int(h, l->product_id);
            h = fnv_int(h, l->package_id);
            h = fnv_int(h, l->qty);
            h = fnv_int(h, l->has_unit_price ? l->unit_price_fen : -1);
            h = fnv_int(h, l->has_amount ? l->amount_fen : -1);
        }
        for (int k = 0; k < b->npayments; k++) {
            h = fnv_str(h, b->payments[k].method);
            h = fnv_int(h, b->payments[k].amount_fen);
        }
    }
    return h;
}
