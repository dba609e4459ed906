//! A generator of realistic synthetic reports, shared by `examples/gen-corpus.rs`,
//! the benches and `tests/corpus.rs` (included with `#[path]`). Depends on std
//! only; deterministic for a seed.
//!
//! Each report is built as blocks (title, headings, paragraphs, the three
//! tables), with figures that satisfy every relation of the spec, then
//! rendered in one of the four text layouts the parser reads: Word text (like
//! `fixtures/seeds/`), Markdown, PDF-extracted text and web-page text (the
//! same shapes as `fixtures/layouts/generate.py` produces). About a fifth of
//! the reports get one injected defect, named in the file name.

#![allow(dead_code)]
use xxgk::template::{TABLE3_COLUMNS, TABLE3_GROUPS, TABLE3_ROWS, TABLE4_RESULTS};

/// SplitMix64: small, fast, good enough for test data, and stable forever.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Word,
    Markdown,
    Pdf,
    WebPipes,
    WebBlank,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Word => "word",
            Layout::Markdown => "markdown",
            Layout::Pdf => "pdf",
            Layout::WebPipes => "web-pipes",
            Layout::WebBlank => "web-blank",
        }
    }
    pub fn ext(self) -> &'static str {
        match self {
            Layout::Markdown => "md",
            _ => "txt",
        }
    }
}

/// How often reports carry defects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// About a fifth of the reports, one defect each (the default corpus).
    Sparse,
    /// Findings-heavy, as real reports are (issue 15: 86 % of 10,000 real
    /// reports had findings, about 3 each): 86 % of the reports get one to six
    /// distinct defects, most often two to four.
    Heavy,
}

/// The defects that can be injected, with the rule that must report each.
pub const DEFECTS: &[&str] = &[
    "T001", "T002", "T003", "T004", "T005", "Y001", "Y002", "Y004", "S001", "S003", "N001", "N005",
    "H001", "H002", "H003", "F002",
];

/// One generated report.
#[derive(Debug, Clone)]
pub struct Generated {
    /// `00042-word-2024` or `00043-pdf-2023-T002` (the defect's rule code last).
    pub stem: String,
    pub ext: &'static str,
    pub layout: Layout,
    /// The first injected defect (the only one in a sparse corpus).
    pub defect: Option<&'static str>,
    /// Every injected defect (a findings-heavy corpus has several).
    pub defects: Vec<&'static str>,
    pub text: String,
}

impl Generated {
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.stem, self.ext)
    }
}

// ------------------------------------------------------------------ figures

const T3_CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
// Labels come from the library's template: the generator writes what the parser reads.
const T3_COMPANIES: &[&str] = TABLE3_COLUMNS.split_at(1).1.split_at(5).0;
const T4_RESULTS: [&str; 5] = TABLE4_RESULTS;

#[derive(Debug, Clone)]
struct Figures {
    /// 规章, 行政规范性文件: 本年制发, 本年废止, 现行有效.
    docs: [[u64; 3]; 2],
    licence: u64,
    penalty: u64,
    coercion: u64,
    /// 万元, as written (may be a decimal).
    fee: String,
    /// 25 rows × 7 columns, template order.
    t3: [[u64; 7]; 25],
    t4: [u64; 15],
}

fn figures(rng: &mut Rng, busy: bool) -> Figures {
    let scale = if busy { 5 } else { 1 };
    let rules_in_force = rng.range(0, 12);
    let norm_in_force = rng.range(0, 40 * scale);
    let norm_new = rng.range(0, norm_in_force.min(9));
    let docs = [
        [0, 0, rules_in_force],
        [norm_new, rng.range(0, 3), norm_in_force],
    ];
    let fee = match rng.below(4) {
        0 => "0".to_string(),
        1 => format!("{}", rng.range(1, 3000)),
        _ => format!("{}.{:02}", rng.range(0, 900), rng.range(1, 99)),
    };

    let mut t3 = [[0u64; 7]; 25];
    #[allow(clippy::needless_range_loop)] // columns across the rows of t3
    // Which applicant columns see applications: mostly natural persons.
    for col in 0..6 {
        let active = col == 0 || rng.chance(if col == 1 { 45 } else { 12 });
        if !active {
            continue;
        }
        let new = if col == 0 {
            rng.range(0, 60 * scale)
        } else {
            rng.range(0, 8 * scale)
        };
        let carried_over = if rng.chance(30) { rng.range(0, 5) } else { 0 };
        let carried_forward = if rng.chance(30) {
            rng.range(0, (new + carried_over).min(5))
        } else {
            0
        };
        t3[0][col] = new;
        t3[1][col] = carried_over;
        t3[24][col] = carried_forward;
        // Distribute the concluded ones over the outcome rows (2..23), most to
        // 予以公开, some to 部分公开 and 无法提供, a few elsewhere; row 21
        // (fee notice unpaid) stays 0 so the fee statements stay consistent.
        let mut left = new + carried_over - carried_forward;
        while left > 0 {
            let r = match rng.below(10) {
                0..=4 => 2,
                5 => 3,
                6 => 12,
                7 => *rng.pick(&[4, 5, 6, 7, 8, 9, 10, 11]),
                8 => *rng.pick(&[13, 14, 15, 16, 17, 18, 19]),
                _ => *rng.pick(&[20, 22]),
            };
            let n = rng.range(1, left.min(1 + left / 2));
            t3[r][col] += n;
            left -= n;
        }
        t3[23][col] = (2..23).map(|r| t3[r][col]).sum();
    }
    for row in t3.iter_mut() {
        row[6] = row[..6].iter().sum();
    }

    let mut t4 = [0u64; 15];
    for g in 0..3 {
        if rng.chance(if g == 0 { 40 } else { 20 }) {
            for i in 0..4 {
                t4[g * 5 + i] = if rng.chance(50) { rng.range(0, 4) } else { 0 };
            }
        }
        t4[g * 5 + 4] = t4[g * 5..g * 5 + 4].iter().sum();
    }
    Figures {
        docs,
        licence: rng.range(0, 20_000 * scale),
        penalty: rng.range(0, 3000 * scale),
        coercion: rng.range(0, 200 * scale),
        fee,
        t3,
        t4,
    }
}

// ------------------------------------------------------------------ bodies

const PLACES: &[(&str, &str)] = &[
    ("东营市", "东营区"),
    ("枣庄市", "山亭区"),
    ("济南市", "历下区"),
    ("青岛市", "黄岛区"),
    ("烟台市", "芝罘区"),
    ("潍坊市", "奎文区"),
    ("临沂市", "兰山区"),
    ("杭州市", "西湖区"),
    ("宁波市", "鄞州区"),
    ("温州市", "鹿城区"),
    ("成都市", "武侯区"),
    ("绵阳市", "涪城区"),
    ("武汉市", "江岸区"),
    ("宜昌市", "夷陵区"),
    ("长沙市", "岳麓区"),
    ("南昌市", "青山湖区"),
    ("合肥市", "蜀山区"),
    ("福州市", "鼓楼区"),
    ("泉州市", "丰泽区"),
    ("郑州市", "金水区"),
    ("洛阳市", "洛龙区"),
    ("石家庄市", "长安区"),
    ("太原市", "小店区"),
    ("西安市", "雁塔区"),
    ("兰州市", "城关区"),
    ("昆明市", "五华区"),
    ("贵阳市", "云岩区"),
    ("南宁市", "青秀区"),
    ("沈阳市", "和平区"),
    ("长春市", "朝阳区"),
];
const DEPARTMENTS: &[&str] = &[
    "商务局",
    "教育局",
    "财政局",
    "民政局",
    "司法局",
    "人力资源和社会保障局",
    "自然资源局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "农业农村局",
    "文化和旅游局",
    "卫生健康局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
    "行政审批服务局",
    "人民政府办公室",
    "发展和改革局",
];
const STREETS: &[&str] = &[
    "府前路",
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "文化路",
    "和平路",
    "长江路",
    "黄河路",
    "新华路",
];

struct Body {
    issuer: String,
    short: String,
    district: String,
    site: String,
    address: String,
    phone: String,
}

/// Characters for district names: with the index of the report they make
/// every body of a corpus distinct, so that no two reports are taken for the
/// same body's consecutive years (which would pair them for the X rules).
const NAME_CHARS: &str = "安平东西南北华阳新兴和顺宁康泰丰昌盛明清文武长乐永福德仁义春秋江河湖山川林峰石泉源溪云龙凤鹤桂兰梅竹松柏金银玉宝通达广远嘉瑞祥吉庆怀高城乡岭湾港桥田园青红白黄";

fn district_name(unique: u64) -> String {
    let cs: Vec<char> = NAME_CHARS.chars().collect();
    let n = cs.len() as u64;
    let mut name = String::new();
    let mut k = unique;
    loop {
        name.push(cs[(k % n) as usize]);
        k /= n;
        if k == 0 {
            break;
        }
    }
    if name.chars().count() == 1 {
        name.push('城');
    }
    name
}

fn body(rng: &mut Rng, unique: Option<u64>) -> Body {
    let (city, district) = *rng.pick(PLACES);
    let owned;
    let district = match unique {
        Some(u) => {
            owned = format!("{}区", district_name(u));
            owned.as_str()
        }
        None => district,
    };
    let dept = *rng.pick(DEPARTMENTS);
    let (issuer, short) = if rng.chance(15) {
        (
            format!("{city}{district}人民政府"),
            format!("{district}政府"),
        )
    } else {
        (
            format!("{city}{district}{dept}"),
            format!("{district}{dept}"),
        )
    };
    let site = format!("www.{}.gov.cn", pinyin_stub(rng));
    let address = format!(
        "{city}{district}{}{}号",
        rng.pick(STREETS),
        rng.range(1, 999)
    );
    let phone = format!(
        "0{}-{}",
        rng.range(531, 999),
        rng.range(2_000_000, 8_999_999)
    );
    Body {
        issuer,
        short,
        district: district.to_string(),
        site,
        address,
        phone,
    }
}

fn pinyin_stub(rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "dong", "ying", "shan", "ting", "li", "xia", "huang", "dao", "zhi", "fu", "kui", "wen",
        "lan", "xi", "hu", "yin", "zhou", "lu", "cheng", "wu", "hou", "jiang", "an", "yue",
    ];
    let n = rng.range(2, 3);
    (0..n).map(|_| *rng.pick(SYL)).collect()
}

// ------------------------------------------------------------------ text

const PUBLIC_WORK: &[&str] = &[
    "围绕中心工作，及时公开机关职能、机构设置、政策文件、计划总结等信息",
    "聚焦重点领域，持续做好财政预决算、行政执法、公共服务等信息公开",
    "坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开",
    "紧扣群众关切，加大惠民利企政策的公开和解读力度",
];
const MANAGEMENT: &[&str] = &[
    "严格落实信息发布审核制度，信息发布前经科室初审、分管领导审核，确保信息准确、权威、合法",
    "定期对已公开的政府信息进行梳理清查，对需要更新或废止的信息及时处理，保障信息的时效性",
    "建立健全政府信息公开属性认定机制，做到公开前审查、公开后跟踪",
];
const PLATFORM: &[&str] = &[
    "充分发挥政府网站第一平台作用，安排专人维护栏目，确保内容及时更新",
    "用好政务新媒体，及时转发重要政策信息，扩大政务信息传播面",
    "优化政府信息公开专栏，完善政策文件库，方便群众查询获取",
];
const OVERSIGHT: &[&str] = &[
    "成立以主要负责同志为组长的政务公开工作领导小组，定期研究部署重点任务",
    "将政务公开工作纳入年度考核，层层压实责任",
    "积极参加上级组织的业务培训，提升工作人员业务能力",
];
const PROBLEMS: &[&str] = &[
    "政务公开渠道相对单一，信息的知晓率有待提高",
    "政策解读形式不够丰富，解读的针对性和实效性有待增强",
    "部分信息公开不够及时，时效性有待提升",
    "工作人员业务水平参差不齐，培训力度仍需加大",
];
const MEASURES: &[&str] = &[
    "拓宽公开渠道，创新公开形式，多渠道发布政府信息",
    "丰富解读形式，综合运用图解、视频等方式开展政策解读",
    "完善信息发布流程，压实各科室责任，确保信息及时公开",
    "加强业务培训，提升工作人员政务公开能力和水平",
];
const FILLER: &[&str] = &[
    "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实上级关于政务公开工作的部署要求",
    "持续推进基层政务公开标准化规范化建设，不断提升政务公开工作质效",
    "围绕群众关注的热点难点问题，加大重点领域信息公开力度，积极回应社会关切",
    "严格执行政府信息公开保密审查制度，坚持先审查、后公开，一事一审、全面审查",
    "进一步畅通依申请公开渠道，规范受理、登记、办理、答复等各环节工作",
    "结合工作实际，梳理完善政府信息公开目录，推动公开内容标准化",
];

#[derive(Debug, Clone)]
enum Block {
    Title(Vec<String>),
    Heading(String),
    Para(String),
    Table2(Vec<Vec<String>>),
    Table3(Vec<Vec<String>>),
    Table4(Vec<String>),
    Blank,
}

fn s(x: impl ToString) -> String {
    x.to_string()
}

fn table2_rows(f: &Figures) -> Vec<Vec<String>> {
    let head = |n: &str| vec![format!("第二十条 第（{n}）项")];
    vec![
        head("一"),
        vec![
            s("信息内容"),
            s("本年制发件数"),
            s("本年废止件数"),
            s("现行有效件数"),
        ],
        std::iter::once(s("规章"))
            .chain(f.docs[0].iter().map(s))
            .collect(),
        std::iter::once(s("行政规范性文件"))
            .chain(f.docs[1].iter().map(s))
            .collect(),
        head("五"),
        vec![s("信息内容"), s("本年处理决定数量")],
        vec![s("行政许可"), s(f.licence)],
        head("六"),
        vec![s("信息内容"), s("本年处理决定数量")],
        vec![s("行政处罚"), s(f.penalty)],
        vec![s("行政强制"), s(f.coercion)],
        head("八"),
        vec![s("信息内容"), s("本年收费金额（单位：万元）")],
        vec![s("行政事业性收费"), f.fee.clone()],
    ]
}

/// Table 三 as the Word table has it: three header rows, then per row its
/// label cells (group, sub-group, item; empty where merged) and seven values.
fn table3_rows(f: &Figures) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec![s(T3_CORNER), s("申请人情况")],
        vec![s(""), s("自然人"), s("法人或其他组织"), s("总计")],
        std::iter::once(s(""))
            .chain(std::iter::once(s("")))
            .chain(T3_COMPANIES.iter().map(s))
            .chain(std::iter::once(s("")))
            .collect(),
    ];
    for (r, vals) in f.t3.iter().enumerate() {
        let label = &TABLE3_ROWS[r].label();
        let labels: Vec<String> = match r {
            0 | 1 | 24 => vec![s(label)],
            2 => vec![s(TABLE3_GROUPS[0]), s(label)],
            3 | 23 => vec![s(""), s(label)],
            4 => vec![s(""), s(TABLE3_GROUPS[1]), s(label)],
            12 => vec![s(""), s(TABLE3_GROUPS[2]), s(label)],
            15 => vec![s(""), s(TABLE3_GROUPS[3]), s(label)],
            20 => vec![s(""), s(TABLE3_GROUPS[4]), s(label)],
            _ => vec![s(""), s(""), s(label)],
        };
        rows.push(labels.into_iter().chain(vals.iter().map(s)).collect());
    }
    rows
}

struct Doc {
    blocks: Vec<Block>,
}

struct Spec {
    year: i32,
    body: Body,
    f: Figures,
    /// Extra narrative paragraphs (to reach a target size).
    extra: usize,
}

fn cn_count(n: u64) -> String {
    n.to_string()
}

fn build(spec: &Spec, rng: &mut Rng) -> Doc {
    let y = spec.year;
    let b = &spec.body;
    let f = &spec.f;
    let mut blocks = Vec::new();
    if rng.chance(50) {
        blocks.push(Block::Title(vec![
            b.issuer.clone(),
            format!("{y}年政府信息公开工作年度报告"),
        ]));
    } else {
        blocks.push(Block::Title(vec![format!(
            "{}{y}年政府信息公开工作年度报告",
            b.issuer
        )]));
    }
    let period = if rng.chance(50) {
        format!("本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
    } else {
        format!("本报告所列数据的统计时限自{y}年1月1日至{y}年12月31日。")
    };
    blocks.push(Block::Para(format!(
        "本报告按照《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。{period}本报告电子版可在{}门户网站（网址：{}）查阅或下载。如对本报告有疑问，请与{}联系（地址：{}；联系电话：{}）。",
        b.district, b.site, b.issuer, b.address, b.phone
    )));

    blocks.push(Block::Heading(s("一、总体情况")));
    let published = rng.range(20, 3000);
    blocks.push(Block::Para(format!(
        "（一）主动公开。{}，{y}年共主动公开政府信息{published}条，其中政策解读{}篇。",
        rng.pick(PUBLIC_WORK),
        rng.range(1, 60)
    )));
    let new_total = f.t3[0][6];
    let over_total = f.t3[1][6];
    let apply = if new_total == 0 {
        s("（二）依申请公开。本年度未收到政府信息公开申请，")
    } else {
        format!(
            "（二）依申请公开。本年度共收到政府信息公开申请{}件，",
            cn_count(new_total)
        )
    };
    let over = if over_total > 0 {
        format!("上年结转{over_total}件，")
    } else {
        s("")
    };
    blocks.push(Block::Para(format!(
        "{apply}{over}均在法定期限内予以答复，未收取任何费用。"
    )));
    let norm = f.docs[1];
    blocks.push(Block::Para(format!(
        "（三）政府信息管理。{}。现行有效规范性文件{}件。",
        rng.pick(MANAGEMENT),
        norm[2]
    )));
    blocks.push(Block::Para(format!(
        "（四）政府信息公开平台建设。{}。",
        rng.pick(PLATFORM)
    )));
    let review = f.t4[4];
    let review_text = if review == 0 {
        s("本年度未发生因政府信息公开引起的行政复议")
    } else {
        format!("本年度因政府信息公开被申请行政复议{review}件")
    };
    blocks.push(Block::Para(format!(
        "（五）监督保障。{}。{review_text}。",
        rng.pick(OVERSIGHT)
    )));
    for k in 0..spec.extra {
        let a = FILLER[(k + rng.below(FILLER.len() as u64) as usize) % FILLER.len()];
        blocks.push(Block::Para(format!(
            "{a}，累计开展专项工作{}项，发布工作动态{}条。",
            rng.range(1, 30),
            rng.range(1, 500)
        )));
    }

    blocks.push(Block::Heading(s("二、主动公开政府信息情况")));
    blocks.push(Block::Table2(table2_rows(f)));
    blocks.push(Block::Heading(s("三、收到和处理政府信息公开申请情况")));
    blocks.push(Block::Table3(table3_rows(f)));
    blocks.push(Block::Heading(s("四、政府信息公开行政复议、行政诉讼情况")));
    blocks.push(Block::Table4(f.t4.iter().map(s).collect()));

    blocks.push(Block::Heading(s("五、存在的主要问题及改进情况")));
    let p = rng.below(PROBLEMS.len() as u64) as usize;
    blocks.push(Block::Para(format!(
        "（一）{}年度存在问题改进情况。针对上年度存在的问题，{}。",
        y - 1,
        MEASURES[p]
    )));
    blocks.push(Block::Para(format!(
        "（二）存在的主要问题。{}。",
        PROBLEMS[(p + 1) % PROBLEMS.len()]
    )));
    blocks.push(Block::Para(format!(
        "（三）下一步改进措施。展望{}年，一是{}；二是{}。",
        y + 1,
        MEASURES[(p + 1) % MEASURES.len()],
        MEASURES[(p + 2) % MEASURES.len()]
    )));

    blocks.push(Block::Heading(s("六、其他需要报告的事项")));
    blocks.push(Block::Para(s(
        "（一）收取信息处理费情况。本单位未向申请人收取信息处理费。",
    )));
    blocks.push(Block::Para(format!(
        "（二）落实上级年度政务公开工作要点情况。严格落实{y}年政务公开工作要点，各项任务均已完成。"
    )));
    blocks.push(Block::Para(s("（三）其他需要报告的事项。无。")));
    blocks.push(Block::Blank);
    blocks.push(Block::Para(format!("{}年1月{}日", y + 1, rng.range(5, 28))));
    Doc { blocks }
}

// ------------------------------------------------------------------ defects

fn inject(doc: &mut Doc, f: &Figures, defect: &str, year: i32) {
    let paras = |doc: &mut Doc| -> Vec<usize> {
        doc.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, Block::Para(_)))
            .map(|(i, _)| i)
            .collect()
    };
    match defect {
        "T001" => {
            // 四、结转下年度 one more in every column: the balance breaks.
            edit_t3(doc, 3 + 24, bump_first_and_total)
        }
        "T002" => edit_t3(doc, 3 + 3, |row| {
            let n = row.len();
            row[n - 1] = (row[n - 1].parse::<u64>().unwrap() + 1).to_string();
        }),
        "T003" => {
            // 予以公开 one more in every column and the total: （七）总计 no longer sums.
            edit_t3(doc, 3 + 2, bump_first_and_total)
        }
        "T004" => {
            for b in &mut doc.blocks {
                if let Block::Table4(v) = b {
                    v[0] = (v[0].parse::<u64>().unwrap() + 1).to_string();
                }
            }
        }
        "T005" => edit_t3(doc, 3 + 1, |row| {
            let n = row.len();
            row[n - 4] = "/".into();
        }),
        "Y001" => replace_in_paras(doc, "12月31日", "6月30日"),
        "Y002" => {
            if let Some(Block::Title(lines)) = doc.blocks.first_mut() {
                let last = lines.last_mut().unwrap();
                *last = last.replacen(&format!("{year}年"), &format!("{}年", year - 1), 1);
            }
        }
        "Y004" => replace_in_paras(
            doc,
            &format!("展望{}年", year + 1),
            &format!("展望{year}年"),
        ),
        "S001" => {
            let i = doc
                .blocks
                .iter()
                .position(|b| matches!(b, Block::Heading(h) if h.starts_with("五、")))
                .unwrap();
            doc.blocks.remove(i);
        }
        "S003" => {
            for b in &mut doc.blocks {
                if let Block::Heading(h) = b {
                    if h.starts_with("三、") {
                        *h = h.replacen("三、", "3、", 1);
                    }
                }
            }
        }
        "N001" => {
            let n = f.t3[0][6];
            if n == 0 {
                replace_in_paras(
                    doc,
                    "本年度未收到政府信息公开申请，",
                    "本年度共收到政府信息公开申请3件，",
                );
            } else {
                // Neither 一 nor 一 + 二 (the text may count either).
                replace_in_paras(
                    doc,
                    &format!("收到政府信息公开申请{n}件"),
                    &format!("收到政府信息公开申请{}件", n + f.t3[1][6] + 1),
                );
            }
        }
        "N005" => {
            let n = f.t4[4];
            if n == 0 {
                replace_in_paras(
                    doc,
                    "本年度未发生因政府信息公开引起的行政复议",
                    "本年度因政府信息公开被申请行政复议2件",
                );
            } else {
                replace_in_paras(
                    doc,
                    &format!("被申请行政复议{n}件"),
                    &format!("被申请行政复议{}件", n + 1),
                );
            }
        }
        "H001" => {
            let i = paras(doc)[1];
            if let Block::Para(p) = &mut doc.blocks[i] {
                p.insert_str(0, "[bookmark: _GoBack]");
            }
        }
        "H002" => replace_in_paras(doc, "均在法定期限内", "均在法定期限法定期限内"),
        "H003" => replace_in_paras(doc, "请与", "请与XX局"),
        "F002" => replace_in_paras(
            doc,
            "未收取任何费用。",
            "未收取任何费用，收取信息处理费300元。",
        ),
        other => panic!("unknown defect {other}"),
    }
}

/// One more in the first applicant column and in the total column.
fn bump_first_and_total(row: &mut [String]) {
    let n = row.len();
    for k in [n - 7, n - 1] {
        row[k] = (row[k].parse::<u64>().unwrap() + 1).to_string();
    }
}

fn replace_in_paras(doc: &mut Doc, old: &str, new: &str) {
    for b in &mut doc.blocks {
        if let Block::Para(p) = b {
            if p.contains(old) {
                *p = p.replacen(old, new, 1);
                return;
            }
        }
    }
    panic!("defect anchor {old:?} not found");
}

fn edit_t3(doc: &mut Doc, row: usize, f: impl FnOnce(&mut [String])) {
    for b in &mut doc.blocks {
        if let Block::Table3(rows) = b {
            f(&mut rows[row]);
            return;
        }
    }
}

// ------------------------------------------------------------------ layouts

fn word(doc: &Doc) -> String {
    let mut out: Vec<String> = Vec::new();
    let table = |out: &mut Vec<String>, rows: &[Vec<String>]| {
        out.push(String::new());
        for r in rows {
            for c in r {
                out.push(format!("\t{c}"));
            }
            out.push(String::new());
        }
        out.push(String::new());
    };
    for b in &doc.blocks {
        match b {
            Block::Title(lines) => out.extend(lines.iter().cloned()),
            Block::Heading(h) => out.push(h.clone()),
            Block::Para(p) => out.push(p.clone()),
            Block::Blank => out.push(String::new()),
            Block::Table2(rows) => table(&mut out, rows),
            Block::Table3(rows) => {
                // The corner cell wraps onto an untabbed line, as Word saves it.
                let mut rows = rows.clone();
                rows[0][0] =
                    "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）".into();
                table(&mut out, &rows)
            }
            Block::Table4(vals) => {
                let rows = t4_word_rows(vals);
                table(&mut out, &rows)
            }
        }
    }
    out.join("\n") + "\n"
}

fn t4_word_rows(vals: &[String]) -> Vec<Vec<String>> {
    let mut h2: Vec<String> = T4_RESULTS.iter().map(s).collect();
    h2.push(s("未经复议直接起诉"));
    h2.push(s("复议后起诉"));
    vec![
        vec![s("行政复议"), s("行政诉讼")],
        h2,
        T4_RESULTS.iter().chain(T4_RESULTS.iter()).map(s).collect(),
        vals.to_vec(),
    ]
}

fn md_row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn md_sep(n: usize) -> String {
    format!("|{}", "---|".repeat(n))
}

fn markdown(doc: &Doc, repeat: bool, count_col: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Title(lines) => {
                out.push(format!("# {}", lines.concat()));
                out.push(String::new());
            }
            Block::Heading(h) => {
                out.push(format!("## {h}"));
                out.push(String::new());
            }
            Block::Para(p) => {
                out.push(p.clone());
                out.push(String::new());
            }
            Block::Blank => {}
            Block::Table2(rows) => {
                let padded: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        let mut r = r.clone();
                        r.resize(4, String::new());
                        r
                    })
                    .collect();
                out.push(md_row(&padded[0]));
                out.push(md_sep(4));
                out.extend(padded[1..].iter().map(|r| md_row(r)));
                out.push(String::new());
            }
            Block::Table3(rows) => {
                let corner = rows[0][0].clone();
                let mut h1 = vec![corner.clone(), s(""), s(""), s("申请人情况")];
                h1.resize(10, String::new());
                let mut h2 = vec![s(""), s(""), s(""), s("自然人"), s("法人或其他组织")];
                h2.resize(9, String::new());
                h2.push(s("总计"));
                let mut h3 = vec![s(""); 4];
                h3.extend(T3_COMPANIES.iter().map(s));
                h3.push(s(""));
                if repeat {
                    h2[0] = corner.clone();
                    h3[0] = corner.clone();
                    h3[3] = s("自然人");
                    h3[9] = s("总计");
                }
                out.push(md_row(&h1));
                out.push(md_sep(10));
                out.push(md_row(&h2));
                out.push(md_row(&h3));
                let (mut group, mut sub) = (String::new(), String::new());
                for r in &rows[3..] {
                    let n = r.len();
                    let labels = &r[..n - 7];
                    let vals = &r[n - 7..];
                    let (g, sb, it) = match labels.len() {
                        1 => {
                            group.clear();
                            sub.clear();
                            (labels[0].clone(), s(""), s(""))
                        }
                        2 => {
                            if !labels[0].is_empty() {
                                group = labels[0].clone();
                            }
                            sub.clear();
                            let g = if labels[0].is_empty() && repeat {
                                group.clone()
                            } else {
                                labels[0].clone()
                            };
                            (g, labels[1].clone(), s(""))
                        }
                        _ => {
                            if !labels[0].is_empty() {
                                group = labels[0].clone();
                            }
                            if !labels[1].is_empty() {
                                sub = labels[1].clone();
                            }
                            let g = if labels[0].is_empty() && repeat {
                                group.clone()
                            } else {
                                labels[0].clone()
                            };
                            let sb = if labels[1].is_empty() && repeat {
                                sub.clone()
                            } else {
                                labels[1].clone()
                            };
                            (g, sb, labels[2].clone())
                        }
                    };
                    let mut cells = vec![g, sb, it];
                    cells.extend(vals.iter().cloned());
                    out.push(md_row(&cells));
                }
                out.push(String::new());
            }
            Block::Table4(vals) => {
                let mut head: Vec<Vec<String>> = vec![
                    {
                        let mut v = vec![s("行政复议"), s(""), s(""), s(""), s(""), s("行政诉讼")];
                        v.resize(15, String::new());
                        v
                    },
                    {
                        let mut v: Vec<String> = T4_RESULTS.iter().map(s).collect();
                        v.push(s("未经复议直接起诉"));
                        v.extend(std::iter::repeat_n(String::new(), 4));
                        v.push(s("复议后起诉"));
                        v.extend(std::iter::repeat_n(String::new(), 4));
                        v
                    },
                    {
                        let mut v = vec![String::new(); 5];
                        v.extend(T4_RESULTS.iter().chain(T4_RESULTS.iter()).map(s));
                        v
                    },
                ];
                if repeat {
                    let first: Vec<String> = head[1][0..5].to_vec();
                    head[2][0..5].clone_from_slice(&first);
                }
                let mut vals = vals.clone();
                if count_col {
                    for h in &mut head {
                        h.insert(0, String::new());
                    }
                    vals.insert(0, s("数量"));
                }
                out.push(md_row(&head[0]));
                out.push(md_sep(head[0].len()));
                out.push(md_row(&head[1]));
                out.push(md_row(&head[2]));
                out.push(md_row(&vals));
                out.push(String::new());
            }
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n") + "\n"
}

fn cwidth(c: char) -> f32 {
    if (c as u32) < 0x2E80 {
        0.5
    } else {
        1.0
    }
}

const CLOSING: &str = "，。、；：？！）》」』”’%％〉";
const OPENING: &str = "（《「『“‘〈";

/// Wrap running text as a PDF extractor prints it: `width` full-width
/// characters a line, ASCII runs kept whole, no line starting with closing
/// punctuation or ending with opening punctuation.
fn wrap(text: &str, width: f32) -> Vec<String> {
    let mut toks: Vec<String> = Vec::new();
    let mut glue = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut t = c.to_string();
        if c.is_ascii_graphic() {
            while let Some(&n) = chars.peek() {
                if n.is_ascii_graphic() {
                    t.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
        }
        let is_closing = t.chars().count() == 1 && CLOSING.contains(c);
        if !toks.is_empty() && (glue || is_closing) {
            toks.last_mut().unwrap().push_str(&t);
        } else {
            toks.push(t.clone());
        }
        glue = t.chars().count() == 1 && OPENING.contains(c);
    }
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut w = 0.0;
    for t in toks {
        let tw: f32 = t.chars().map(cwidth).sum();
        if !cur.is_empty() && w + tw > width && t != " " {
            lines.push(cur.trim_end_matches(' ').to_string());
            cur.clear();
            w = 0.0;
        }
        if cur.is_empty() && t == " " {
            continue;
        }
        cur.push_str(&t);
        w += tw;
    }
    if !cur.trim().is_empty() {
        lines.push(cur.trim_end_matches(' ').to_string());
    }
    lines
}

/// Space out figures next to CJK the way PDF extraction does (`受理申请 34 件`).
fn space_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let cs: Vec<char> = text.chars().collect();
    for (i, &c) in cs.iter().enumerate() {
        let prev = if i > 0 { Some(cs[i - 1]) } else { None };
        if c.is_ascii_digit() && prev.is_some_and(|p| !p.is_ascii() && p != '（' && p != '：') {
            out.push(' ');
        }
        out.push(c);
        let next = cs.get(i + 1);
        if c.is_ascii_digit()
            && next.is_some_and(|n| !n.is_ascii() && matches!(n, '件' | '条' | '年' | '篇'))
        {
            out.push(' ');
        }
    }
    out
}

fn pdf(doc: &Doc, rng: &mut Rng) -> String {
    let width = rng.range(34, 40) as f32;
    let spaced = rng.chance(50);
    let split_headers = rng.chance(50);
    let mut out: Vec<String> = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Title(lines) => {
                out.push(lines.concat());
                out.push(String::new());
            }
            Block::Heading(h) => out.push(h.clone()),
            Block::Blank => {}
            Block::Para(p) => {
                let text = if spaced && !p.contains("统计") {
                    space_digits(p)
                } else {
                    p.clone()
                };
                out.extend(wrap(&text, width));
            }
            Block::Table2(rows) => {
                for r in rows {
                    if r[0] == "信息内容" && split_headers {
                        out.extend(r.iter().cloned());
                    } else {
                        out.push(r.join(" "));
                    }
                }
            }
            Block::Table3(rows) => {
                out.push(s("（本列数据的勾稽关系为：第一项加第二项之和，"));
                out.push(s("等于第三项加第四项之和）"));
                for h in [
                    "申请人情况",
                    "自然人",
                    "法人或其他组织",
                    "总计",
                    "商 业 企",
                    "业",
                    "科 研 机",
                    "构",
                    "社 会 公",
                    "益 组 织",
                    "法 律 服",
                    "务 机 构",
                    "其他",
                ] {
                    out.push(s(h));
                }
                for r in &rows[3..] {
                    let n = r.len();
                    let labels: Vec<&String> =
                        r[..n - 7].iter().filter(|c| !c.is_empty()).collect();
                    let vals = r[n - 7..].join(" ");
                    for lab in &labels[..labels.len() - 1] {
                        if lab.as_str() == "三、本年度办理结果" {
                            out.extend(lab.chars().map(|c| c.to_string()));
                        } else if lab.as_str() == "（四）无法提供" {
                            out.push(s("（四）无"));
                            out.push(s("法提供"));
                        } else {
                            out.push(lab.to_string());
                        }
                    }
                    let last = labels[labels.len() - 1];
                    let last = match last.as_bytes().first() {
                        Some(b'1'..=b'8') if last[1..].starts_with('.') => {
                            format!("{}、{}", &last[..1], &last[2..])
                        }
                        _ => last.to_string(),
                    };
                    if last == "5、要求行政机关确认或重新出具已获取信息" {
                        out.push(s("5、要求行政机关确认或重新"));
                        out.push(format!("出具已获取信息 {vals}"));
                    } else {
                        out.push(format!("{last} {vals}"));
                    }
                }
            }
            Block::Table4(vals) => {
                let words: &[&str] = if split_headers {
                    &[
                        "行政复议",
                        "行政诉讼",
                        "结果",
                        "维持",
                        "结果纠正",
                        "其他结果",
                        "尚未",
                        "审结",
                        "总",
                        "计",
                        "未经复议直接起诉",
                        "复议后起诉",
                        "结果维持",
                        "结果纠正",
                        "其他",
                        "结果",
                        "尚未",
                        "审结",
                        "总计",
                        "结果维持",
                        "结果",
                        "纠正",
                        "其他",
                        "结果",
                        "尚未审结",
                        "总计",
                    ]
                } else {
                    &[
                        "行政复议",
                        "行政诉讼",
                        "结果维持",
                        "结果纠正",
                        "其他结果",
                        "尚未审结",
                        "总计",
                        "未经复议直接起诉",
                        "复议后起诉",
                        "结果维持",
                        "结果纠正",
                        "其他结果",
                        "尚未审结",
                        "总计",
                        "结果维持",
                        "结果纠正",
                        "其他结果",
                        "尚未审结",
                        "总计",
                    ]
                };
                out.extend(words.iter().map(|w| w.to_string()));
                out.push(vals.join(" "));
            }
        }
    }
    // Page markers after every ~45 lines, but never inside a table row's label.
    let mut with_markers = Vec::with_capacity(out.len() + 8);
    let mut page = 1;
    for (k, l) in out.into_iter().enumerate() {
        let ends_prose = l.ends_with('。') || l.ends_with('，');
        with_markers.push(l);
        if k > 0 && k % 45 == 0 && ends_prose {
            with_markers.push(format!("- {page} -"));
            page += 1;
        }
    }
    with_markers.join("\n") + "\n"
}

fn web(doc: &Doc, pipes: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    for b in &doc.blocks {
        let rows: Vec<Vec<String>> = match b {
            Block::Title(lines) => {
                out.push(lines.concat());
                out.push(String::new());
                continue;
            }
            Block::Heading(t) | Block::Para(t) => {
                out.push(t.clone());
                out.push(String::new());
                continue;
            }
            Block::Blank => continue,
            Block::Table2(rows) | Block::Table3(rows) => rows.clone(),
            Block::Table4(vals) => {
                let mut rows = t4_word_rows(vals);
                rows[2] = std::iter::repeat_n(String::new(), 5)
                    .chain(T4_RESULTS.iter().chain(T4_RESULTS.iter()).map(s))
                    .collect();
                rows
            }
        };
        if pipes {
            for r in &rows {
                for c in r {
                    out.push(if c.is_empty() {
                        s("|")
                    } else {
                        format!("{c} |")
                    });
                }
                out.push(String::new());
            }
        } else {
            for c in rows.iter().flatten() {
                if c.is_empty() {
                    out.push(String::new());
                } else {
                    out.push(c.clone());
                    out.push(String::new());
                }
            }
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n") + "\n"
}

// ------------------------------------------------------------------ API

/// Options for one report.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub layout: Layout,
    pub year: i32,
    pub defect: Option<&'static str>,
    /// Extra narrative paragraphs in section 一 (each about 150 bytes).
    pub extra_paragraphs: usize,
    /// A number that makes the issuing body's name unique within a corpus.
    pub unique: Option<u64>,
}

/// One report with the given options (deterministic for `seed`).
pub fn report(seed: u64, opts: Options) -> String {
    report_with(seed, opts, &[])
}

/// [`report`] with further defects injected after `opts.defect`.
pub fn report_with(seed: u64, opts: Options, more: &[&'static str]) -> String {
    let mut rng = Rng::new(seed);
    let busy = rng.chance(20);
    let spec = Spec {
        year: opts.year,
        body: body(&mut rng, opts.unique),
        f: figures(&mut rng, busy),
        extra: opts.extra_paragraphs,
    };
    let mut doc = build(&spec, &mut rng);
    if let Some(d) = opts.defect {
        inject(&mut doc, &spec.f, d, opts.year);
    }
    for d in more {
        inject(&mut doc, &spec.f, d, opts.year);
    }
    match opts.layout {
        Layout::Word => word(&doc),
        Layout::Markdown => markdown(&doc, rng.chance(50), rng.chance(50)),
        Layout::Pdf => pdf(&doc, &mut rng),
        Layout::WebPipes => web(&doc, true),
        Layout::WebBlank => web(&doc, false),
    }
}

/// A report of about `bytes` bytes (Word layout, clean), for benchmarks.
pub fn report_of_size(seed: u64, layout: Layout, bytes: usize) -> String {
    let base = report(
        seed,
        Options {
            layout,
            year: 2024,
            defect: None,
            extra_paragraphs: 0,
            unique: None,
        },
    );
    let per = 160;
    let extra = bytes.saturating_sub(base.len()) / per;
    report(
        seed,
        Options {
            layout,
            year: 2024,
            defect: None,
            extra_paragraphs: extra,
            unique: None,
        },
    )
}

/// The `i`th report of a corpus generated with `seed`.
pub fn nth(seed: u64, i: usize) -> Generated {
    nth_mix(seed, i, Mix::Sparse)
}

/// Defects for one report of a findings-heavy corpus: none for 14 %, else
/// one to six distinct ones (weights 1:3:3:2:1:1 — most reports two to four).
fn heavy_defects(rng: &mut Rng) -> Vec<&'static str> {
    if !rng.chance(86) {
        return Vec::new();
    }
    let n = match rng.below(11) {
        0 => 1,
        1..=3 => 2,
        4..=6 => 3,
        7..=8 => 4,
        9 => 5,
        _ => 6,
    };
    let mut pool: Vec<&'static str> = DEFECTS.to_vec();
    (0..n)
        .map(|_| pool.swap_remove(rng.below(pool.len() as u64) as usize))
        .collect()
}

/// The `i`th report of a corpus generated with `seed` and defect mix `mix`
/// (for [`Mix::Sparse`], the same reports as [`nth`] has always written).
pub fn nth_mix(seed: u64, i: usize, mix: Mix) -> Generated {
    let mut rng = Rng::new(seed.wrapping_mul(0x1000_0000_01b3).wrapping_add(i as u64));
    let layout = match rng.below(10) {
        0..=3 => Layout::Word,
        4..=5 => Layout::Markdown,
        6..=7 => Layout::Pdf,
        8 => Layout::WebPipes,
        _ => Layout::WebBlank,
    };
    let year = rng.range(2021, 2025) as i32;
    let defects = match mix {
        Mix::Sparse if rng.chance(20) => vec![*rng.pick(DEFECTS)],
        Mix::Sparse => Vec::new(),
        Mix::Heavy => heavy_defects(&mut rng),
    };
    let defect = defects.first().copied();
    let extra = if rng.chance(30) {
        rng.range(1, 20) as usize
    } else {
        0
    };
    let text = report_with(
        rng.next_u64(),
        Options {
            layout,
            year,
            defect,
            extra_paragraphs: extra,
            unique: Some(i as u64),
        },
        defects.get(1..).unwrap_or_default(),
    );
    let stem = match defect {
        Some(_) => format!("{i:05}-{}-{year}-{}", layout.name(), defects.join("+")),
        None => format!("{i:05}-{}-{year}", layout.name()),
    };
    Generated {
        stem,
        ext: layout.ext(),
        layout,
        defect,
        defects,
        text,
    }
}

/// Write `count` reports into `dir` (created if needed). Returns the bytes written.
pub fn write_corpus(
    dir: &std::path::Path,
    count: usize,
    seed: u64,
    mix: Mix,
) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut total = 0;
    for i in 0..count {
        let g = nth_mix(seed, i, mix);
        total += g.text.len() as u64;
        std::fs::write(dir.join(g.file_name()), g.text)?;
    }
    Ok(total)
}
