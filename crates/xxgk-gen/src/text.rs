//! Varied narrative: sentence templates with slots drawn from vocabulary pools,
//! so an index over a generated corpus sees a realistic spread of terms.

use std::sync::LazyLock;

use super::rng::Rng;

/// The long tail: nouns and verbs of jieba's dictionary (2–4 Chinese
/// characters), most frequent first, drawn with a Zipf-like (log-uniform rank)
/// law so the generated corpus has thousands of rare terms, not a few hundred.
static LONG_TAIL: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<(&str, usize)> = dictionary_entries()
        .filter(|(w, f, tag)| {
            *f >= 20
                && matches!(*tag, "n" | "vn" | "v" | "nz" | "an")
                && (2..=4).contains(&w.chars().count())
                && w.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .map(|(w, f, _)| (w, f))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words.into_iter().map(|(w, _)| w).collect()
});

/// jieba's dictionary as vendored for the index (`word freq tag` a line):
/// the generator draws its vocabulary from the words the index will see.
static DICT: &str = include_str!("../../../data/jieba_dict.txt");

fn dictionary_entries() -> impl Iterator<Item = (&'static str, usize, &'static str)> {
    DICT.lines().map(|line| {
        let mut it = line.split_ascii_whitespace();
        let word = it.next().unwrap_or("");
        let freq = it.next().and_then(|f| f.parse().ok()).unwrap_or(0);
        (word, freq, it.next().unwrap_or(""))
    })
}

fn rare_word(rng: &mut Rng) -> &'static str {
    let words = &*LONG_TAIL;
    let u = rng.below(1 << 30) as f64 / (1u64 << 30) as f64;
    let rank = ((words.len() as f64).powf(u) as usize).saturating_sub(1);
    words[rank.min(words.len() - 1)]
}

/// A clause naming a few long-tail matters, or nothing.
fn matters(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("，涉及{}、{}等事项", rare_word(rng), rare_word(rng)),
        1 => format!(
            "，重点关注{}、{}和{}",
            rare_word(rng),
            rare_word(rng),
            rare_word(rng)
        ),
        2 => format!(
            "，群众关心的{}{}问题得到及时回应",
            rare_word(rng),
            rare_word(rng)
        ),
        _ => String::new(),
    }
}

const TOPICS: &[&str] = &[
    "疫情防控",
    "复工复产",
    "乡村振兴",
    "营商环境",
    "公共资源配置",
    "重大建设项目",
    "食品药品安全",
    "生态环境保护",
    "安全生产",
    "义务教育招生",
    "医疗卫生",
    "社会救助",
    "就业创业",
    "养老服务",
    "城市更新",
    "老旧小区改造",
    "征地拆迁",
    "财政预决算",
    "政府采购",
    "行政执法",
    "规划管理",
    "住房保障",
    "交通出行",
    "防汛抗旱",
    "耕地保护",
    "水污染防治",
    "大气污染防治",
    "垃圾分类",
    "优化营商环境",
    "减税降费",
    "惠企政策",
    "稳岗就业",
    "市场监管",
    "价格监督",
    "特种设备",
    "文化旅游",
    "体育健身",
    "退役军人服务",
    "应急管理",
    "消防安全",
    "统计数据",
    "审计监督",
    "国有资产管理",
    "民生实事",
    "教育收费",
    "医保报销",
    "农村低保",
    "残疾人帮扶",
    "殡葬改革",
];

const MEASURES: &[&str] = &[
    "完善工作机制",
    "健全审核制度",
    "细化公开目录",
    "规范发布流程",
    "加强业务培训",
    "强化督促检查",
    "开展专项整治",
    "推进标准化规范化建设",
    "落实三级审核",
    "建立台账管理",
    "优化依申请公开办理流程",
    "加强政策解读",
    "及时回应社会关切",
    "丰富公开形式",
    "拓展公开渠道",
    "提升公开质量",
    "严格保密审查",
    "加强政务新媒体管理",
    "推进政务公开专区建设",
    "开展第三方评估",
    "完善考核评价",
    "规范信息处理费收取",
];

const PLATFORMS: &[&str] = &[
    "政府门户网站",
    "政务微信公众号",
    "政务微博",
    "政府公报",
    "政务公开专区",
    "新闻发布会",
    "公共查阅点",
    "便民服务中心",
    "政务服务大厅",
    "广播电视",
    "报刊",
    "村（社区）公开栏",
    "短视频平台",
    "在线访谈",
];

const ISSUES: &[&str] = &[
    "公开内容的及时性有待提高",
    "政策解读形式较为单一",
    "部分单位重视程度不够",
    "工作人员变动频繁",
    "基层政务公开标准化建设仍需深化",
    "依申请公开答复的规范性有待加强",
    "信息发布审核把关不够严格",
    "公众参与度不高",
    "网站栏目更新不及时",
    "重点领域信息公开不够全面",
    "业务培训覆盖面不足",
];

fn number(rng: &mut Rng) -> u64 {
    let choices = [rng.range(2, 30), rng.range(30, 300), rng.range(300, 9000)];
    *rng.pick(&choices)
}

pub fn sentence(rng: &mut Rng, body: &str, year: u32) -> String {
    let t = *rng.pick(TOPICS);
    let t2 = *rng.pick(TOPICS);
    let m = *rng.pick(MEASURES);
    let m2 = *rng.pick(MEASURES);
    let p = *rng.pick(PLATFORMS);
    let n = number(rng);
    let n2 = number(rng);
    match rng.below(16) {
        0 => format!(
            "{year}年，{body}围绕{t}、{t2}等重点领域，{m}，推动政府信息公开工作取得新进展。"
        ),
        1 => format!("全年通过{p}主动公开各类政府信息{n}条，其中{t}类信息{n2}条。"),
        2 => format!("坚持“以公开为常态、不公开为例外”，{m}，{m2}。"),
        3 => format!("围绕{t}，及时发布政策文件及解读材料{n}篇，回应群众关切{n2}次。"),
        4 => format!(
            "进一步规范依申请公开受理、登记、办理、答复等环节，{m}，全年依法答复申请{n2}件。"
        ),
        5 => format!(
            "组织开展政务公开业务培训{}次，培训人员{n}人次，{m}。",
            rng.range(1, 12)
        ),
        6 => format!(
            "加强{p}建设管理，对{t}相关栏目进行全面梳理，整改错链断链问题{}个。",
            rng.range(1, 40)
        ),
        7 => format!("在{t}领域，{m2}，主动公开项目审批、实施和结果信息{n}条。"),
        8 => format!(
            "通过{p}、{}等渠道，扩大{t}信息的覆盖面和影响力。",
            rng.pick(PLATFORMS)
        ),
        9 => format!("严格执行保密审查制度，对拟公开的{n}条信息逐条审核，未发生泄密事件。"),
        10 => format!(
            "{t}方面，召开新闻发布会{}场，开展在线访谈{}期。",
            rng.range(1, 20),
            rng.range(1, 12)
        ),
        11 => format!(
            "加强对政务新媒体的监管，全年巡查账号{}个，督促更新信息{n}条。",
            rng.range(2, 60)
        ),
        12 => format!("针对{t2}等社会关注事项，{m}，确保信息发布准确、及时、权威。"),
        13 => format!("全面梳理{t}领域基层政务公开标准目录，明确公开事项{n}项。"),
        14 => format!(
            "健全政府信息管理动态调整机制，清理规章、规范性文件{}件，公开现行有效文件目录。",
            rng.range(1, 80)
        ),
        _ => format!(
            "依托{p}，打造集信息查询、政策咨询、办事指引于一体的服务平台，累计服务群众{n}人次。"
        ),
    }
}

pub fn paragraph(rng: &mut Rng, body: &str, year: u32, sentences: u64) -> String {
    (0..sentences)
        .map(|_| {
            let s = sentence(rng, body, year);
            // The long-tail clause goes before the closing 。
            let head = s.strip_suffix('。').unwrap_or(&s);
            format!("{head}{}。", matters(rng))
        })
        .collect()
}

pub fn problems(rng: &mut Rng) -> String {
    let a = *rng.pick(ISSUES);
    let b = *rng.pick(ISSUES);
    let m = *rng.pick(MEASURES);
    let m2 = *rng.pick(MEASURES);
    format!(
        "存在的问题：一是{a}；二是{b}。改进措施：下一步将{m}，{m2}，不断提升政府信息公开工作水平。"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The narrative's vocabulary has a long tail: across 300 paragraphs most
    /// long-tail words occur once or twice, and there are thousands of them.
    #[test]
    fn narrative_vocabulary_has_a_long_tail() {
        let mut rng = Rng::new(3);
        let mut counts = std::collections::HashMap::new();
        for _ in 0..3000 {
            *counts.entry(rare_word(&mut rng)).or_insert(0usize) += 1;
        }
        assert!(counts.len() > 1000, "{} distinct", counts.len());
        let once = counts.values().filter(|&&c| c == 1).count();
        assert!(once * 2 > counts.len(), "{once} of {} once", counts.len());
        // …and a head: the most frequent word is drawn many times.
        assert!(counts.values().max().unwrap() > &20);
        let text = paragraph(&mut rng, "某区人民政府", 2023, 300);
        assert!(
            LONG_TAIL
                .iter()
                .take(2000)
                .filter(|w| text.contains(*w))
                .count()
                > 100
        );
    }
}
