//! The national report template (国办公开办函〔2021〕30号) written once, as data:
//! section headings, table row and column labels, and the variants real
//! reports use for them. The parser matches against this; rules point at drift
//! from it; nothing else in the crate spells a label.
//!
//! Code names a row, column, group or table by a typed key and asks the
//! template for its words:
//!
//! ```
//! use xxgk::template::{t4_cell, T3Column, T3Row, T4Group, T4Result, Table, TABLE4_LEN};
//!
//! assert_eq!(T3Row::NewlyReceived.spec().label(), "一、本年新收政府信息公开申请数量");
//! assert_eq!(T3Row::NewlyReceived.spec().key, "new"); // as in xxgk.toml [aliases]
//! assert_eq!(T3Column::Total.label(), "总计");
//! assert_eq!(Table::Review.label(), "表四 行政复议、行政诉讼情况");
//! // Table 四 is fifteen values, three groups of five results.
//! assert_eq!(t4_cell(T4Group::LawsuitAfterReview, T4Result::Total), TABLE4_LEN - 1);
//! assert_eq!(T4Group::of_cell(7).map(T4Group::label), Some("行政诉讼（未经复议直接起诉）"));
//! ```

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

/// The header over table 三's columns 2–6 (商业企业 … 其他).
pub const TABLE3_LEGAL_PERSONS: &str = "法人或其他组织";

/// Header rows of table 三 that carry no numbers of their own (see [`T3Group`]).
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
pub const TABLE3_OUTCOME_ROWS: std::ops::Range<usize> =
    T3Row::Disclosed.index()..T3Row::OutcomeTotal.index();
pub const TABLE3_OUTCOME_TOTAL: usize = T3Row::OutcomeTotal.index();
pub const TABLE3_NEW: usize = T3Row::NewlyReceived.index();
pub const TABLE3_CARRIED_OVER: usize = T3Row::CarriedOver.index();
pub const TABLE3_CARRIED_FORWARD: usize = T3Row::CarriedForward.index();
/// The three sub-rows of （六）其他处理 that the 2019 trial template had as one row.
pub const TABLE3_OTHER_SUBROWS: std::ops::Range<usize> =
    T3Row::OtherNoCorrection.index()..T3Row::OutcomeTotal.index();
pub const TABLE3_FEE_UNPAID: usize = T3Row::OtherFeeUnpaid.index();
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
/// Row index of 规章.
pub const TABLE2_RULES_ROW: usize = 0;
/// Row index of 行政规范性文件 (its label is the one real reports shorten).
pub const TABLE2_NORMATIVE_ROW: usize = 1;
/// Row indices of 行政许可, 行政处罚 and 行政强制 (本年处理决定数量).
pub const TABLE2_DECISION_ROWS: [usize; 3] = [2, 3, 4];
/// Within the 规章 and 行政规范性文件 rows: 本年制发件数, 现行有效件数.
pub const TABLE2_ISSUED: usize = 0;
pub const TABLE2_IN_FORCE: usize = 2;

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

/// An enum of template keys in template order, with `ALL` listing its
/// variants in that order: the order is spelled once.
macro_rules! keys {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vm])* $v,)+
        }

        impl $name {
            /// Every key, in template order (`ALL[i] as usize == i`).
            pub const ALL: [$name; [$($name::$v),+].len()] = [$($name::$v),+];
        }
    };
}

keys! {
    /// The three tables of the template, by what they count.
    pub enum Table {
        /// 表二: what was published on the body's own initiative.
        Active,
        /// 表三: applications received and how they were handled.
        Applications,
        /// 表四: administrative review and litigation.
        Review,
    }
}

impl Table {
    /// The numeral in the table's name (`表二`) and in its section's heading.
    pub const fn numeral(self) -> &'static str {
        match self {
            Table::Active => "二",
            Table::Applications => "三",
            Table::Review => "四",
        }
    }

    /// The section (1-based, as [`SectionSpec::index`]) the table belongs to.
    pub const fn section(self) -> u8 {
        match self {
            Table::Active => 2,
            Table::Applications => 3,
            Table::Review => 4,
        }
    }

    pub const fn title(self) -> &'static str {
        match self {
            Table::Active => "主动公开政府信息情况",
            Table::Applications => "收到和处理政府信息公开申请情况",
            Table::Review => "行政复议、行政诉讼情况",
        }
    }

    /// `表三 收到和处理政府信息公开申请情况`: how hover and the outline name it.
    pub fn label(self) -> String {
        format!("表{} {}", self.numeral(), self.title())
    }
}

/// The section 五 (problems and improvements), where the coming year's plans are.
pub const SECTION_IMPROVEMENTS: u8 = 5;

keys! {
    /// Table 三's rows by meaning, in template order: `T3Row::NewlyReceived.index()`
    /// is the row's position in [`TABLE3_ROWS`].
    pub enum T3Row {
        NewlyReceived,
        CarriedOver,
        Disclosed,
        PartlyDisclosed,
        WithheldStateSecret,
        WithheldOtherLaw,
        WithheldThreeSafety,
        WithheldThirdParty,
        WithheldInternal,
        WithheldProcess,
        WithheldEnforcement,
        WithheldQuery,
        UnavailableNotHeld,
        UnavailableNeedsCreation,
        UnavailableUnclear,
        RejectedPetition,
        RejectedRepeat,
        RejectedPublication,
        RejectedMass,
        RejectedConfirm,
        OtherNoCorrection,
        OtherFeeUnpaid,
        OtherOther,
        OutcomeTotal,
        CarriedForward,
    }
}

impl T3Row {
    pub const fn index(self) -> usize {
        self as usize
    }

    pub fn spec(self) -> &'static RowSpec {
        &TABLE3_ROWS[self.index()]
    }

    /// One of the outcome rows that （七）总计 sums (（一） to （六）3.).
    pub fn is_outcome(self) -> bool {
        TABLE3_OUTCOME_ROWS.contains(&self.index())
    }
}

keys! {
    /// Table 三's columns: the six kinds of applicant, then 总计.
    pub enum T3Column {
        NaturalPerson,
        Business,
        Research,
        PublicInterest,
        LegalServices,
        OtherOrganisation,
        Total,
    }
}

impl T3Column {
    /// The six applicant columns 总计 sums.
    pub const APPLICANTS: [T3Column; 6] = {
        let [a, b, c, d, e, f, _] = T3Column::ALL;
        [a, b, c, d, e, f]
    };

    /// The column's position in a row of table 三 (as in [`TABLE3_COLUMNS`]).
    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn label(self) -> &'static str {
        TABLE3_COLUMNS[self as usize]
    }
}

/// Table 三's header rows (`三、本年度办理结果` and the groups under it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T3Group {
    Outcome,
    Withheld,
    Unavailable,
    Rejected,
    /// （六）其他处理 (one row of its own in the 2019 trial template).
    OtherHandling,
}

impl T3Group {
    pub const fn label(self) -> &'static str {
        TABLE3_GROUPS[self as usize]
    }
}

keys! {
    /// Table 四's three groups of five.
    pub enum T4Group {
        /// 行政复议.
        Review,
        /// 行政诉讼（未经复议直接起诉）.
        LawsuitDirect,
        /// 行政诉讼（复议后起诉）.
        LawsuitAfterReview,
    }
}

impl T4Group {
    pub const fn label(self) -> &'static str {
        TABLE4_GROUPS[self as usize]
    }

    /// The group a cell of table 四 (0..15) sits in.
    pub fn of_cell(i: usize) -> Option<T4Group> {
        T4Group::ALL.get(i / T4Result::ALL.len()).copied()
    }
}

keys! {
    /// The five results counted in each group of table 四.
    pub enum T4Result {
        Upheld,
        Corrected,
        Other,
        Pending,
        Total,
    }
}

impl T4Result {
    /// The four results the total sums.
    pub const PARTS: [T4Result; 4] = [
        T4Result::Upheld,
        T4Result::Corrected,
        T4Result::Other,
        T4Result::Pending,
    ];

    pub const fn label(self) -> &'static str {
        TABLE4_RESULTS[self as usize]
    }

    /// The result a cell of table 四 (0..15) counts.
    pub fn of_cell(i: usize) -> T4Result {
        T4Result::ALL[i % T4Result::ALL.len()]
    }
}

/// The position of a cell in table 四's fifteen values.
pub const fn t4_cell(group: T4Group, result: T4Result) -> usize {
    group as usize * TABLE4_RESULTS.len() + result as usize
}

/// The whole template as JSON (`xxgk template --format json`): what the VS Code
/// extension and the fixture generator take their words from, so that no label
/// is spelled a second time outside this file. Both read the committed copy,
/// `editors/vscode/src/template.generated.json`, which a test keeps equal to
/// this.
pub fn to_json() -> serde_json::Value {
    use serde_json::json;
    let sections: Vec<_> = SECTIONS
        .iter()
        .map(|s| json!({"index": s.index, "numeral": s.numeral, "title": s.title, "variants": s.variants}))
        .collect();
    let active: Vec<_> = TABLE2_ROWS
        .iter()
        .map(|r| json!({"key": r.key, "text": r.text, "aliases": r.aliases, "columns": r.columns, "block": r.block}))
        .collect();
    let applications: Vec<_> = TABLE3_ROWS
        .iter()
        .map(|r| {
            let group = r.group.map(|g| TABLE3_GROUPS[g]);
            json!({"key": r.key, "number": r.number, "text": r.text, "label": r.label(), "aliases": r.aliases, "group": group})
        })
        .collect();
    let tables: Vec<_> = Table::ALL
        .iter()
        .map(|t| json!({"numeral": t.numeral(), "section": t.section(), "title": t.title(), "label": t.label()}))
        .collect();
    json!({
        "sections": sections,
        "tables": tables,
        "active": {"rows": active, "legacy_markers": TABLE2_LEGACY_MARKERS},
        "applications": {
            "rows": applications,
            "groups": TABLE3_GROUPS,
            "columns": TABLE3_COLUMNS,
            "legal_persons": TABLE3_LEGAL_PERSONS,
        },
        "review": {"groups": TABLE4_GROUPS, "results": TABLE4_RESULTS},
        "report_title_word": REPORT_TITLE_WORD,
        // How a text is told to be a report (the folder walk; the editor's activation).
        "sniff": {"markers": crate::input::sniff::REPORT_MARKERS, "chars": crate::input::sniff::SNIFF_CHARS},
    })
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn keys_match_the_tables() {
        assert_eq!(T3Row::CarriedForward.index() + 1, TABLE3_ROWS.len());
        assert_eq!(T3Row::NewlyReceived.spec().key, "new");
        assert_eq!(T3Row::OtherFeeUnpaid.spec().key, "other_fee_unpaid");
        assert_eq!(T3Row::OutcomeTotal.spec().key, "outcome_total");
        assert_eq!(T3Group::OtherHandling.label(), "（六）其他处理");
        assert!(T3Row::ALL.iter().enumerate().all(|(i, r)| r.index() == i));
        assert!(T3Column::ALL
            .iter()
            .enumerate()
            .all(|(i, c)| c.index() == i));
        assert_eq!(T3Column::Total.index(), TABLE3_TOTAL_COLUMN);
        assert_eq!(T3Column::ALL.len(), TABLE3_COLUMNS.len());
        assert_eq!(
            t4_cell(T4Group::LawsuitAfterReview, T4Result::Total),
            TABLE4_LEN - 1
        );
        assert_eq!(T4Group::of_cell(7), Some(T4Group::LawsuitDirect));
        assert_eq!(T4Result::of_cell(7), T4Result::Other);
        assert_eq!(SECTIONS[SECTION_IMPROVEMENTS as usize - 1].numeral, "五");
        for t in Table::ALL {
            assert!(SECTIONS[t.section() as usize - 1].title.contains(t.title()));
            assert_eq!(SECTIONS[t.section() as usize - 1].numeral, t.numeral());
        }
    }
}
