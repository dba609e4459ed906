//! The words the narrative rules (N001–N009) share: what a sentence is about,
//! what makes a number something other than the count, the units a count
//! takes, and the marks a gap between a verb and its number may not cross.
//! Words one rule alone reads stay in that rule's file.

/// Sentences about other matters than disclosure applications: 政务服务 and
/// 行政许可 applications, 信访, hotline requests, 人大/政协 proposals, cases.
pub const OTHER_MATTERS: &[&str] = &[
    "建议",
    "提案",
    "复议",
    "诉讼",
    "信访",
    "投诉",
    "举报",
    "许可",
    "审批",
    "政务服务",
    "办件",
    "热线",
    "12345",
    "留言",
    "咨询",
    "来信",
    "网民",
];

/// Words that name information disclosure: N005 and N006 count only the
/// review and litigation cases of sentences (and clauses) that name it.
pub const DISCLOSURE: &[&str] = &["信息公开", "依申请", "公开申请"];

/// Words between a verb and its number that make the number something else:
/// a change (`较上年增加5件`) or an outcome (`行政复议纠错0件`).
pub const NOT_THE_COUNT: &[&str] = &[
    "较",
    "比上",
    "同比",
    "环比",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "纠错",
    "纠正",
    "败诉",
    "撤销",
    "维持",
    "驳回",
    "终止",
    "确认违法",
];

/// Words of the clause before a count that make it part of the whole
/// (`其中通过网络收到申请20件`).
pub const PART_OF: &[&str] = &[
    "其中", "通过", "网上", "当面", "信函", "邮寄", "传真", "每月", "每周",
];

/// The character just before a number that makes it approximate or a bound
/// (`约30件`, `近30件`) or the second half of a range (`2至3件`, `2、3件`).
pub const APPROXIMATE_BEFORE: &str = "约近逾超至到~～-－—、";

/// Right after a number: an approximation (`30余件`, `30多件`, `30来件`).
pub const APPROXIMATE_AFTER: &[&str] = &["余", "多", "来"];

/// After a number and its unit: an approximation or a bound (`30件左右`).
pub const APPROXIMATE_AFTER_UNIT: &[&str] = &["左右", "以上", "以下", "上下"];

/// After a negation: an outcome, not the count (`未发生行政复议被纠错`).
pub const OUTCOMES: &[&str] = &["纠错", "纠正", "败诉", "撤销", "确认违法", "被改变"];

/// Before a negation: an aim, not a fact (`确保无…行政复议`).
pub const AIMS: &[&str] = &["确保", "力争", "避免", "防止", "杜绝"];

/// The negations that state a count of zero when a verb follows (`未收到`).
pub const NEGATION: &[&str] = &["未", "没有"];

/// Units of a count of applications.
pub const APPLICATION_UNITS: &[&str] = &["件", "个", "条", "份", "宗", "次"];

/// Units of a count of review or litigation cases.
pub const CASE_UNITS: &[&str] = &["件", "起", "宗", "次"];

/// Units of a count of decisions (行政许可, 行政处罚, 行政强制).
pub const DECISION_UNITS: &[&str] = &["件", "宗", "起", "个"];

/// The unit of a count of documents and of concluded applications.
pub const PIECE: &[&str] = &["件"];

/// Clause marks a gap between a verb and its number may not cross.
pub const CLAUSE: &str = "。；，";

/// [`CLAUSE`] and the enumeration comma: the gap stays within one item of a
/// list (`受理、办结申请`).
pub const CLAUSE_OR_ITEM: &str = "。；，、";

/// Phrases that say a document is in force (现行有效件数).
pub const IN_FORCE: &[&str] = &["现行有效", "尚余有效", "仍然有效", "继续有效"];
