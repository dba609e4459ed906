//! The national report template (国办公开办函〔2021〕30号) written once, as data:
//! section headings, table row and column labels, and the variants real
//! reports use for them. The parser matches against this; rules point at drift
//! from it; nothing else in the crate spells a label.

/// One of the six sections.
#[derive(Debug)]
pub struct SectionSpec {
    /// 1..=6
    pub index: u8,
    /// The numeral the template puts before the heading.
    pub numeral: &'static str,
    pub title: &'static str,
    /// Other headings seen in real reports (older templates, longer forms).
    pub variants: &'static [&'static str],
}

pub const SECTIONS: [SectionSpec; 6] = [
    SectionSpec {
        index: 1,
        numeral: "一",
        title: "总体情况",
        variants: &["概述", "基本情况", "总体概况"],
    },
    SectionSpec {
        index: 2,
        numeral: "二",
        title: "主动公开政府信息情况",
        variants: &["主动公开政府信息情况统计表", "行政机关主动公开政府信息情况"],
    },
    SectionSpec {
        index: 3,
        numeral: "三",
        title: "收到和处理政府信息公开申请情况",
        variants: &[
            "行政机关收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请情况统计表",
        ],
    },
    SectionSpec {
        index: 4,
        numeral: "四",
        title: "政府信息公开行政复议、行政诉讼情况",
        variants: &[
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表",
            "政府信息公开行政复议、行政诉讼情况统计表",
            "政府信息公开行政复议和行政诉讼情况",
        ],
    },
    SectionSpec {
        index: 5,
        numeral: "五",
        title: "存在的主要问题及改进情况",
        variants: &[
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
        ],
    },
    SectionSpec {
        index: 6,
        numeral: "六",
        title: "其他需要报告的事项",
        variants: &["其他需要报告的事项说明"],
    },
];

pub const CHINESE_NUMERALS: [&str; 10] =
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A row of a table, as the template writes it.
#[derive(Debug)]
pub struct RowSpec {
    /// Stable key used in JSON and by rules.
    pub key: &'static str,
    /// The numbering the template writes before the text (`一、`, `（一）`, `1.`).
    pub number: &'static str,
    pub text: &'static str,
    /// Other spellings seen in real reports (without numbering).
    pub aliases: &'static [&'static str],
    /// The group header this row sits under, if any (an index into `TABLE3_GROUPS`).
    pub group: Option<usize>,
}

impl RowSpec {
    pub fn label(&self) -> String {
        format!("{}{}", self.number, self.text)
    }
}

/// Header rows of table 三 that carry no numbers of their own.
pub const TABLE3_GROUPS: [&str; 5] = [
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
];

pub const TABLE3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];
pub const TABLE3_TOTAL_COLUMN: usize = 6;

macro_rules! row {
    ($key:literal, $num:literal, $text:literal, [$($alias:literal),*], $group:expr) => {
        RowSpec { key: $key, number: $num, text: $text, aliases: &[$($alias),*], group: $group }
    };
}

/// Table 三 in template order (25 rows).
pub const TABLE3_ROWS: [RowSpec; 25] = [
    row!(
        "new",
        "一、",
        "本年新收政府信息公开申请数量",
        ["本年新收政府信息公开申请", "本年新收申请数量"],
        None
    ),
    row!(
        "carried_over",
        "二、",
        "上年结转政府信息公开申请数量",
        ["上年结转政府信息公开申请", "上年结转申请数量"],
        None
    ),
    row!("disclosed", "（一）", "予以公开", [], Some(0)),
    row!(
        "partly_disclosed",
        "（二）",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        ["部分公开"],
        Some(0)
    ),
    row!(
        "withheld_state_secret",
        "1.",
        "属于国家秘密",
        ["国家秘密"],
        Some(1)
    ),
    row!(
        "withheld_other_law",
        "2.",
        "其他法律行政法规禁止公开",
        ["其他法律行政止公开", "其他法律法规禁止公开"],
        Some(1)
    ),
    row!(
        "withheld_three_safety",
        "3.",
        "危及“三安全一稳定”",
        ["危及三安全一稳定"],
        Some(1)
    ),
    row!(
        "withheld_third_party",
        "4.",
        "保护第三方合法权益",
        [],
        Some(1)
    ),
    row!(
        "withheld_internal",
        "5.",
        "属于三类内部事务信息",
        [
            "三类内部事务信息",
            "属于三类内容事务信息",
            "三类内容事务信息"
        ],
        Some(1)
    ),
    row!(
        "withheld_process",
        "6.",
        "属于四类过程性信息",
        ["四类过程性信息", "属于四类过程性性信息", "过程性性信息"],
        Some(1)
    ),
    row!(
        "withheld_enforcement",
        "7.",
        "属于行政执法案卷",
        ["行政执法案卷"],
        Some(1)
    ),
    row!(
        "withheld_query",
        "8.",
        "属于行政查询事项",
        ["行政查询事项"],
        Some(1)
    ),
    row!(
        "unavailable_not_held",
        "1.",
        "本机关不掌握相关政府信息",
        [],
        Some(2)
    ),
    row!(
        "unavailable_needs_creation",
        "2.",
        "没有现成信息需要另行制作",
        [],
        Some(2)
    ),
    row!(
        "unavailable_unclear",
        "3.",
        "补正后申请内容仍不明确",
        [],
        Some(2)
    ),
    row!("rejected_petition", "1.", "信访举报投诉类申请", [], Some(3)),
    row!("rejected_repeat", "2.", "重复申请", [], Some(3)),
    row!(
        "rejected_publication",
        "3.",
        "要求提供公开出版物",
        [],
        Some(3)
    ),
    row!("rejected_mass", "4.", "无正当理由大量反复申请", [], Some(3)),
    row!(
        "rejected_confirm",
        "5.",
        "要求行政机关确认或重新出具已获取信息",
        [],
        Some(3)
    ),
    row!(
        "other_no_correction",
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["申请人无正当理由逾期不补正"],
        Some(4)
    ),
    row!(
        "other_fee_unpaid",
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["申请人逾期未按收费通知要求缴纳费用"],
        Some(4)
    ),
    row!("other_other", "3.", "其他", [], Some(4)),
    row!("outcome_total", "（七）", "总计", [], Some(0)),
    row!(
        "carried_forward",
        "四、",
        "结转下年度继续办理",
        ["结转下年度继续办理申请数量"],
        None
    ),
];

/// Indices into `TABLE3_ROWS` of the rows that `（七）总计` sums.
pub const TABLE3_OUTCOME_ROWS: std::ops::Range<usize> = 2..23;
pub const TABLE3_OUTCOME_TOTAL: usize = 23;
pub const TABLE3_NEW: usize = 0;
pub const TABLE3_CARRIED_OVER: usize = 1;
pub const TABLE3_CARRIED_FORWARD: usize = 24;
/// The three sub-rows of （六）其他处理 that the 2019 trial template had as one row.
pub const TABLE3_OTHER_SUBROWS: std::ops::Range<usize> = 20..23;
pub const TABLE3_FEE_UNPAID: usize = 21;
/// The 2019 trial template's single row for what is now group （六）: its numbering value and text.
pub const TABLE3_LEGACY_OTHER: (u32, &str) = (6, "其他处理");

/// A row of table 二 and the columns it has.
#[derive(Debug)]
pub struct ActiveRowSpec {
    pub key: &'static str,
    pub text: &'static str,
    pub aliases: &'static [&'static str],
    /// Column names, one per value.
    pub columns: &'static [&'static str],
    /// The block (第二十条第（X）项) it belongs to.
    pub block: &'static str,
}

pub const TABLE2_ROWS: [ActiveRowSpec; 6] = [
    ActiveRowSpec {
        key: "rules",
        text: "规章",
        aliases: &[],
        columns: &["本年制发件数", "本年废止件数", "现行有效件数"],
        block: "第二十条第（一）项",
    },
    ActiveRowSpec {
        key: "normative_documents",
        text: "行政规范性文件",
        aliases: &["规范性文件"],
        columns: &["本年制发件数", "本年废止件数", "现行有效件数"],
        block: "第二十条第（一）项",
    },
    ActiveRowSpec {
        key: "licensing",
        text: "行政许可",
        aliases: &[],
        columns: &["本年处理决定数量"],
        block: "第二十条第（五）项",
    },
    ActiveRowSpec {
        key: "penalty",
        text: "行政处罚",
        aliases: &[],
        columns: &["本年处理决定数量"],
        block: "第二十条第（六）项",
    },
    ActiveRowSpec {
        key: "enforcement",
        text: "行政强制",
        aliases: &[],
        columns: &["本年处理决定数量"],
        block: "第二十条第（六）项",
    },
    ActiveRowSpec {
        key: "admin_fees",
        text: "行政事业性收费",
        aliases: &[],
        columns: &["本年收费金额（单位：万元）"],
        block: "第二十条第（八）项",
    },
];

/// Position in table 二's 10 values of the first value of each row.
pub const TABLE2_OFFSETS: [usize; 6] = [0, 3, 6, 7, 8, 9];
pub const TABLE2_LEN: usize = 10;
pub const TABLE2_ADMIN_FEES: usize = 9;
/// Row index of 行政规范性文件 (its label is the one real reports shorten).
pub const TABLE2_NORMATIVE_ROW: usize = 1;

/// Column headers of the superseded 2019 trial table 二.
pub const TABLE2_LEGACY_MARKERS: [&str; 4] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "第（九）项",
];

/// Table 四: three groups of five.
pub const TABLE4_GROUPS: [&str; 3] = [
    "行政复议",
    "行政诉讼（未经复议直接起诉）",
    "行政诉讼（复议后起诉）",
];
pub const TABLE4_RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
pub const TABLE4_LEN: usize = 15;

/// What every report's title ends with (`…2024年政府信息公开工作年度报告`);
/// shortened titles drop 工作 but keep this.
pub const REPORT_TITLE_WORD: &str = "年度报告";
