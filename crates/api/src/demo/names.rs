//! Names, places and phrases the demo data is made of: Chinese company
//! names with valid unified social credit codes, contacts, addresses, and the
//! comments staff write on applications and repayments. It only draws from
//! the generator; it touches no database.

use std::collections::HashSet;

use anyhow::anyhow;
use loanbook_domain::CreditCode;
use time::Date;

use super::rng::Rng;
use crate::dto::customers::CreateCustomerRequest;

/// The characters a credit code's subject identifier may use.
const CODE_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// City, its division code, and districts with theirs.
type City = (
    &'static str,
    &'static str,
    [(&'static str, &'static str); 3],
);

#[rustfmt::skip]
const CITIES: [City; 16] = [
    ("福州", "350100", [("鼓楼区", "350102"), ("台江区", "350103"), ("仓山区", "350104")]),
    ("厦门", "350200", [("思明区", "350203"), ("湖里区", "350206"), ("集美区", "350211")]),
    ("泉州", "350500", [("丰泽区", "350503"), ("鲤城区", "350502"), ("晋江市", "350582")]),
    ("上海", "310000", [("浦东新区", "310115"), ("徐汇区", "310104"), ("闵行区", "310112")]),
    ("北京", "110000", [("朝阳区", "110105"), ("海淀区", "110108"), ("丰台区", "110106")]),
    ("深圳", "440300", [("南山区", "440305"), ("福田区", "440304"), ("宝安区", "440306")]),
    ("广州", "440100", [("天河区", "440106"), ("越秀区", "440104"), ("番禺区", "440113")]),
    ("杭州", "330100", [("西湖区", "330106"), ("滨江区", "330108"), ("余杭区", "330110")]),
    ("宁波", "330200", [("鄞州区", "330212"), ("海曙区", "330203"), ("北仑区", "330206")]),
    ("苏州", "320500", [("姑苏区", "320508"), ("吴中区", "320506"), ("昆山市", "320583")]),
    ("南京", "320100", [("玄武区", "320102"), ("鼓楼区", "320106"), ("江宁区", "320115")]),
    ("成都", "510100", [("武侯区", "510107"), ("锦江区", "510104"), ("成华区", "510108")]),
    ("武汉", "420100", [("江汉区", "420103"), ("洪山区", "420111"), ("武昌区", "420106")]),
    ("青岛", "370200", [("市南区", "370202"), ("崂山区", "370212"), ("黄岛区", "370211")]),
    ("长沙", "430100", [("岳麓区", "430104"), ("天心区", "430103"), ("雨花区", "430111")]),
    ("东莞", "441900", [("南城街道", "441900"), ("长安镇", "441900"), ("虎门镇", "441900")]),
];

/// Trade names with their pinyin, for e-mail domains.
#[rustfmt::skip]
const BRANDS: [(&str, &str); 32] = [
    ("华创", "huachuang"), ("鑫源", "xinyuan"), ("恒泰", "hengtai"), ("瑞丰", "ruifeng"),
    ("宏达", "hongda"), ("永盛", "yongsheng"), ("金诚", "jincheng"), ("海纳", "haina"),
    ("博远", "boyuan"), ("立信", "lixin"), ("嘉禾", "jiahe"), ("天成", "tiancheng"),
    ("润泽", "runze"), ("东升", "dongsheng"), ("德隆", "delong"), ("中联", "zhonglian"),
    ("汇通", "huitong"), ("新锐", "xinrui"), ("万邦", "wanbang"), ("盛世", "shengshi"),
    ("锦程", "jincheng"), ("远航", "yuanhang"), ("同舟", "tongzhou"), ("正信", "zhengxin"),
    ("佳美", "jiamei"), ("和顺", "heshun"), ("明辉", "minghui"), ("志远", "zhiyuan"),
    ("国泰", "guotai"), ("福瑞", "furui"), ("闽江", "minjiang"), ("星河", "xinghe"),
];

/// Lines of business with an English word for e-mail domains.
#[rustfmt::skip]
const INDUSTRIES: [(&str, &str); 20] = [
    ("贸易", "trading"), ("电子科技", "tech"), ("机械制造", "machinery"), ("食品", "food"),
    ("建材", "materials"), ("物流", "logistics"), ("纺织", "textile"), ("服装", "apparel"),
    ("医疗器械", "medical"), ("软件", "soft"), ("包装材料", "packaging"), ("化工", "chem"),
    ("农业科技", "agri"), ("家具", "furniture"), ("汽车配件", "autoparts"),
    ("环保科技", "eco"), ("新能源", "energy"), ("餐饮管理", "catering"),
    ("印刷", "printing"), ("五金制品", "hardware"),
];

/// Legal forms, the plain limited company most often.
#[rustfmt::skip]
const SUFFIXES: [&str; 6] = [
    "有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司",
];

#[rustfmt::skip]
const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "唐",
];

#[rustfmt::skip]
const GIVEN_NAMES: [&str; 30] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "晓东", "建华", "海燕", "志强", "雪梅",
    "国庆", "文博", "子涵",
];

#[rustfmt::skip]
const ROADS: [&str; 15] = [
    "人民路", "中山路", "解放路", "建设路", "长江路", "科技路", "工业大道", "滨江大道",
    "新华路", "和平路", "创业路", "学府路", "金融街", "湖滨路", "东风路",
];

#[rustfmt::skip]
const MOBILE_PREFIXES: [&str; 16] = [
    "138", "139", "136", "135", "137", "150", "151", "158",
    "159", "186", "188", "189", "133", "153", "177", "180",
];

const MAILBOXES: [&str; 5] = ["finance", "caiwu", "contact", "info", "admin"];

const BANKS: [&str; 6] = ["ICBC", "CCB", "BOC", "ABC", "CMB", "CIB"];

/// Contract rates in percent, all under the legal cap of the last years.
#[rustfmt::skip]
pub(super) const RATES: [&str; 15] = [
    "3.45", "3.85", "4.35", "4.75", "4.90", "5.22", "5.50", "6.00",
    "6.50", "7.20", "8.00", "8.50", "9.00", "10.00", "11.50",
];

/// What the money is for, as the applicant writes it.
#[rustfmt::skip]
pub(super) const PURPOSES: [&str; 10] = [
    "采购原材料", "补充流动资金", "购置生产设备", "支付货款", "厂房装修",
    "扩大经营规模", "支付员工工资", "季节性备货", "偿还到期应付款", "研发投入",
];

/// Where the repayments will come from.
#[rustfmt::skip]
pub(super) const SOURCES: [&str; 6] = [
    "销售回款", "经营收入", "应收账款回收", "主营业务收入", "项目结算款",
    "政府补贴及经营收入",
];

/// Why a reviewer sends an application back for information.
#[rustfmt::skip]
pub(super) const RETURN_REASONS: [&str; 4] = [
    "请补充近三个月的银行流水", "请补充最新一期财务报表",
    "请补充营业执照副本", "请说明借款用途的具体安排",
];

/// Why a reviewer rejects an application.
#[rustfmt::skip]
pub(super) const REJECT_REASONS: [&str; 4] = [
    "资产负债率过高，还款能力不足", "经营年限不足",
    "外部征信存在不良记录", "借款用途不明确",
];

/// What an approver writes.
#[rustfmt::skip]
pub(super) const APPROVE_COMMENTS: [&str; 4] = [
    "经营稳定，同意", "财务状况良好，同意放款", "还款来源可靠，同意", "同意，按审批金额放款",
];

/// Why the applicant withdraws.
#[rustfmt::skip]
pub(super) const WITHDRAW_REASONS: [&str; 3] =
    ["客户资金需求已解决", "客户暂缓借款计划", "客户改为银行贷款"];

/// Why an approved application is cancelled before disbursement.
pub(super) const CANCEL_REASONS: [&str; 2] = ["客户取消借款", "放款前客户资金已到位，取消"];

/// Why the cashier reverses a repayment.
#[rustfmt::skip]
pub(super) const REVERSAL_REASONS: [&str; 3] =
    ["银行退票", "重复入账，冲正", "付款人账户错误，退回"];

/// How repayments are paid, each as likely as its weight.
pub(super) const PAYMENT_METHODS: [(&str, u64); 3] =
    [("bank_transfer", 90), ("cheque", 6), ("cash", 4)];

/// A new customer whose name is not in `taken` yet.
pub(super) fn customer(
    rng: &mut Rng,
    taken: &mut HashSet<String>,
) -> anyhow::Result<CreateCustomerRequest> {
    let (city, city_code, districts) = rng.pick(&CITIES);
    let (district, district_code) = rng.pick(&districts);
    let (brand, pinyin, industry, slug) = company(rng, city, taken);
    let division = if rng.chance(30) {
        city_code
    } else {
        district_code
    };
    let contact = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN_NAMES));
    Ok(CreateCustomerRequest {
        name: format!("{city}{brand}{industry}{}", rng.pick(&SUFFIXES)),
        credit_code: credit_code(rng, division)?,
        contact_name: contact,
        phone: phone(rng),
        email: format!("{}@{pinyin}-{slug}.example.com", rng.pick(&MAILBOXES)),
        address: address(rng, city, district),
        credit_limit: format!("{}.00", rng.range(3, 30) * 100_000),
        account_manager_id: None,
        external_id: rng
            .chance(40)
            .then(|| format!("ERP-C{:06}", rng.below(1_000_000))),
    })
}

/// Brand and industry, unique within the city.
fn company(
    rng: &mut Rng,
    city: &str,
    taken: &mut HashSet<String>,
) -> (&'static str, &'static str, &'static str, &'static str) {
    let mut draw = || {
        let (brand, pinyin) = rng.pick(&BRANDS);
        let (industry, slug) = rng.pick(&INDUSTRIES);
        (brand, pinyin, industry, slug)
    };
    let mut choice = draw();
    for _ in 0..50 {
        if taken.insert(format!("{city}{}{}", choice.0, choice.2)) {
            break;
        }
        choice = draw();
    }
    choice
}

/// A valid code: "91" (an enterprise registered by the market
/// regulator), the division, nine identifier characters, the check.
pub(super) fn credit_code(rng: &mut Rng, division: &str) -> anyhow::Result<String> {
    let body: String = (0..9)
        .map(|_| char::from(CODE_CHARS[rng.index(CODE_CHARS.len())]))
        .collect();
    let code = CreditCode::with_check_character(&format!("91{division}{body}"))
        .map_err(|e| anyhow!("cannot mint a credit code: {e}"))?;
    Ok(code.as_str().to_owned())
}

fn phone(rng: &mut Rng) -> String {
    format!(
        "{}{:08}",
        rng.pick(&MOBILE_PREFIXES),
        rng.below(100_000_000)
    )
}

fn address(rng: &mut Rng, city: &str, district: &str) -> String {
    let road = rng.pick(&ROADS);
    let number = rng.range(1, 999);
    let unit = match rng.below(3) {
        0 => String::new(),
        1 => format!("{}层", rng.range(2, 30)),
        _ => format!(
            "{}座{}室",
            rng.pick(&["A", "B", "C", "D"]),
            rng.range(101, 2808)
        ),
    };
    format!("{city}市{district}{road}{number}号{unit}")
}

/// A bank reference like `ICBC-20260115-4821`.
pub(super) fn bank_reference(rng: &mut Rng, date: Date) -> String {
    let day = crate::dto::format_date(date).replace('-', "");
    format!("{}-{day}-{:04}", rng.pick(&BANKS), rng.below(10_000))
}

/// Reviewers' opinions in credit assessments.
pub(super) const ASSESSMENT_OPINIONS: [&str; 4] = [
    "经营稳定，销售回款可覆盖还款",
    "负债率偏高，建议控制额度",
    "与我司合作多年，履约记录良好",
    "现金流季节性明显，关注回款节奏",
];

/// Where external credit checks come from.
pub(super) const CREDIT_CHECK_SOURCES: [&str; 3] =
    ["中国人民银行征信中心", "百行征信", "企业信用信息公示系统"];
