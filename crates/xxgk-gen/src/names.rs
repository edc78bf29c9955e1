//! Place and body names for generated corpora: a province › city › district ›
//! body hierarchy with realistic, varied names.

use super::rng::Rng;

pub const PROVINCES: &[(&str, &[&str])] = &[
    (
        "吉林省",
        &[
            "长春市",
            "吉林市",
            "四平市",
            "通化市",
            "白山市",
            "延边朝鲜族自治州",
        ],
    ),
    (
        "浙江省",
        &["杭州市", "宁波市", "温州市", "绍兴市", "湖州市", "金华市"],
    ),
    (
        "四川省",
        &["成都市", "绵阳市", "德阳市", "宜宾市", "南充市", "乐山市"],
    ),
    (
        "广东省",
        &["广州市", "深圳市", "佛山市", "东莞市", "珠海市", "惠州市"],
    ),
    (
        "江苏省",
        &["南京市", "苏州市", "无锡市", "常州市", "南通市", "扬州市"],
    ),
    (
        "河南省",
        &["郑州市", "洛阳市", "开封市", "新乡市", "安阳市", "南阳市"],
    ),
    (
        "湖北省",
        &["武汉市", "宜昌市", "襄阳市", "荆州市", "黄石市", "十堰市"],
    ),
    (
        "山东省",
        &["济南市", "青岛市", "烟台市", "潍坊市", "临沂市", "淄博市"],
    ),
    (
        "陕西省",
        &["西安市", "宝鸡市", "咸阳市", "渭南市", "汉中市", "延安市"],
    ),
    (
        "云南省",
        &[
            "昆明市",
            "曲靖市",
            "玉溪市",
            "大理白族自治州",
            "红河哈尼族彝族自治州",
        ],
    ),
];

const SYLLABLES: &[&str] = &[
    "东", "西", "南", "北", "中", "新", "安", "宁", "平", "和", "兴", "华", "阳", "山", "河", "清",
    "泉", "水", "城", "丰", "宝", "德", "福", "长", "永", "吉", "昌", "明", "文", "武", "光", "龙",
    "凤", "金", "石", "林", "青", "江", "湖", "海", "源", "桥", "口", "岭", "川", "庆", "盛", "泰",
    "康", "乐", "鼓", "楼", "朝", "宽", "绿", "园", "道", "关", "岗", "溪", "塘",
];

pub const DEPARTMENTS: &[&str] = &[
    "财政局",
    "教育局",
    "公安分局",
    "民政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境分局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "水利局",
    "商务局",
    "文化旅游局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
    "司法局",
    "发展和改革局",
    "科学技术局",
    "体育局",
];

fn two(rng: &mut Rng) -> String {
    let a = rng.pick(SYLLABLES);
    let mut b = rng.pick(SYLLABLES);
    while b == a {
        b = rng.pick(SYLLABLES);
    }
    format!("{a}{b}")
}

pub fn district(rng: &mut Rng) -> String {
    let suffix = *rng.pick(&["区", "区", "区", "县", "县", "市"]);
    format!("{}{suffix}", two(rng))
}

pub fn street(rng: &mut Rng) -> String {
    let suffix = *rng.pick(&["街道", "街道", "镇", "乡"]);
    format!("{}{suffix}", two(rng))
}

/// (province, city, district) for a new district.
pub fn place(rng: &mut Rng) -> (&'static str, &'static str, String) {
    let (province, cities) = rng.pick(PROVINCES);
    let city = rng.pick(cities);
    (province, city, district(rng))
}
