//! The rule set. One file per rule; each file defines a `RULE` with its code,
//! name, default severity and a check function. Its summary and explanation,
//! in Chinese and English, are `explain/zh/CODE.md` and `explain/en/CODE.md`
//! (first line the summary, then the explanation), so that translators and
//! rule authors do not edit the same file.
//! `ALL` is the registry: the CLI's `rules`/`explain`, the README table and
//! the language server all read from it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{LintOptions, Previous};
use crate::lang::Lang;
use crate::model::Report;
use crate::span::Span;

pub mod util;

mod e001_unreadable_table;
mod e002_row_not_found;
mod e003_no_text_layer;
mod f001_fee_without_applications;
mod f002_fee_contradiction;
mod f003_unpaid_fee_vs_text;
mod f004_missing_fee_statement;
mod f005_admin_fee_mismatch;
mod fees;
mod h001_word_artefact;
mod h002_doubled_word;
mod h003_placeholder;
mod h900_unused_suppression;
mod n001_applications_received;
mod n002_carried_over;
mod n003_concluded;
mod n004_carried_forward;
mod n005_review_count;
mod n006_litigation_count;
mod n007_normative_documents;
mod n008_all_concluded_vs_carried_forward;
mod n009_active_disclosure_counts;
mod narrative;
mod s001_missing_section;
mod s002_section_order;
mod s003_heading_numbering;
mod s004_duplicate_section;
mod s005_missing_table;
mod s006_label_drift;
mod s007_superseded_active_table;
mod s008_superseded_applications_table;
mod s009_missing_period;
mod s010_missing_download;
mod s011_missing_contact;
mod s012_problems_without_substance;
mod t001_unbalanced_applications;
mod t002_row_total_mismatch;
mod t003_outcome_total_mismatch;
mod t004_review_total_mismatch;
mod t005_invalid_count;
mod vocabulary;
mod x001_carry_over_across_years;
mod x002_in_force_across_years;
mod x003_repeated_from_last_year;
mod x004_year_over_year_jump;
mod y001_wrong_period;
mod y002_year_mismatch;
mod y003_stale_year;
mod y004_outlook_year;
mod y005_review_year;
mod y006_signature_date;

pub struct Rule {
    /// Letter for the family and three digits. Never reused once released.
    pub code: &'static str,
    /// kebab-case.
    pub name: &'static str,
    pub severity: Severity,
    /// Whether some of its findings carry a fix (`xxgk rules` says 可自动修复).
    pub fixable: bool,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

impl Rule {
    /// A diagnostic of this rule (severity is set from configuration by the engine).
    pub fn diag(&'static self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.name, self.severity, span, message)
    }
}

/// Rules that run only when configured (`[rules] X004 = "warning"`, or a
/// selector naming them by code or name; a prefix such as `X` does not).
/// A list here rather than a field of `Rule`, so the other rules stay as they are.
pub const OPT_IN: &[&str] = &["X004"];

/// Rules whose findings about a sentence depend on nothing else of the
/// running text than that sentence and its `radius` neighbours on either side
/// (the tables, headings, year and the other parts of the report may count),
/// and lie within it. The language server relies on this after an edit of
/// running text: it re-runs these rules only on the sentences around the edit
/// and keeps their other findings (tests/lsp_incremental.rs compares with a
/// full lint over random edits). A rule that starts to look further (the first
/// such sentence of the report, a count over all of them) must leave this list.
pub const SENTENCE_LOCAL: &[(&str, usize)] = &[
    ("F001", 0),
    ("F003", 0),
    ("F005", 0),
    ("H002", 0),
    ("N001", 0),
    ("N002", 0),
    ("N003", 0),
    ("N004", 0),
    ("N005", 0),
    ("N006", 0),
    ("N007", 0),
    ("N008", 0),
    ("N009", 0),
    // Its year may be explained by the sentence before or after.
    ("Y003", 1),
    ("Y004", 0),
    ("Y005", 0),
];

/// A rule's numeric setting (`[rules.X003] threshold = 0.6`): its default and
/// the range accepted, with what it means for the error message.
pub struct Threshold {
    pub code: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub meaning: &'static str,
}

/// The rules that take a threshold.
pub const THRESHOLDS: &[Threshold] = &[
    Threshold {
        code: "X003",
        default: 0.5,
        min: 0.05,
        max: 1.0,
        meaning: "重复句子所占比例（0.05–1.0） / share of reused sentences",
    },
    Threshold {
        code: "X004",
        default: 10.0,
        min: 2.0,
        max: 1000.0,
        meaning: "变化倍数（2–1000） / factor of change",
    },
];

impl Rule {
    /// False for the rules of [`OPT_IN`].
    pub fn on_by_default(&self) -> bool {
        !OPT_IN.contains(&self.code)
    }

    /// The default level as `xxgk rules` and the docs show it: the severity,
    /// or `off (warning)` for an opt-in rule.
    pub fn default_level(&self) -> String {
        if self.on_by_default() {
            self.severity.to_string()
        } else {
            format!("off ({})", self.severity)
        }
    }

    /// Its threshold setting, if the rule takes one.
    pub fn threshold(&self) -> Option<&'static Threshold> {
        THRESHOLDS.iter().find(|t| t.code == self.code)
    }
}

impl Rule {
    /// One line for `xxgk rules`, in the chosen language.
    pub fn summary(&self) -> &'static str {
        self.summary_in(crate::lang::current())
    }

    /// Markdown: what it checks, why it matters, an example, how to fix.
    pub fn explanation(&self) -> &'static str {
        self.explanation_in(crate::lang::current())
    }

    pub fn summary_in(&self, lang: Lang) -> &'static str {
        self.text(lang)
            .split_once('\n')
            .map_or("", |(s, _)| s.trim())
    }

    pub fn explanation_in(&self, lang: Lang) -> &'static str {
        self.text(lang)
            .split_once('\n')
            .map_or("", |(_, e)| e.trim())
    }

    fn text(&self, lang: Lang) -> &'static str {
        TEXTS
            .iter()
            .find(|t| t.0 == self.code)
            .map_or("", |&(_, zh, en)| lang.pick(zh, en))
    }
}

/// `(code, Chinese text, English text)` for every rule, embedded at build time.
macro_rules! texts {
    ($($code:literal)*) => {
        static TEXTS: &[(&str, &str, &str)] = &[$((
            $code,
            include_str!(concat!("explain/zh/", $code, ".md")),
            include_str!(concat!("explain/en/", $code, ".md")),
        )),*];
    };
}

texts! {
    "E001" "E002" "E003" "F001" "F002" "F003" "F004" "F005" "H001" "H002" "H003" "H900"
    "N001" "N002" "N003" "N004" "N005" "N006" "N007" "N008" "N009"
    "S001" "S002" "S003" "S004" "S005" "S006" "S007" "S008" "S009" "S010" "S011" "S012"
    "T001" "T002" "T003" "T004" "T005" "X001" "X002" "X003" "X004"
    "Y001" "Y002" "Y003" "Y004" "Y005" "Y006"
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

pub struct Context<'a> {
    pub text: &'a str,
    pub report: &'a Report,
    pub options: &'a LintOptions,
    pub previous: Option<Previous<'a>>,
    texts: std::cell::OnceCell<Vec<util::Text<'a>>>,
    relations: std::cell::OnceCell<Vec<crate::relations::Relation<'a>>>,
    /// Which of `texts` are about disclosure applications (see [`Context::application_texts`]).
    applications: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Context<'a> {
    pub fn new(
        text: &'a str,
        report: &'a Report,
        options: &'a LintOptions,
        previous: Option<Previous<'a>>,
    ) -> Self {
        Context {
            text,
            report,
            options,
            previous,
            texts: std::cell::OnceCell::new(),
            relations: std::cell::OnceCell::new(),
            applications: std::cell::OnceCell::new(),
        }
    }

    /// The report's sentences in compact form, computed once for all narrative rules.
    pub fn texts(&self) -> &[util::Text<'a>] {
        self.texts
            .get_or_init(|| util::sentences(self.text, self.report))
    }

    /// Start with the compact sentences already made (the language server
    /// keeps them from the lint before an edit); one per sentence of the report.
    pub fn with_texts(self, texts: Vec<util::Text<'a>>) -> Self {
        debug_assert_eq!(texts.len(), self.report.sentences.len());
        let _ = self.texts.set(texts);
        self
    }

    /// The compact sentences, if a rule asked for them.
    pub fn take_texts(&mut self) -> Option<Vec<util::Text<'a>>> {
        self.texts.take()
    }

    /// The report's own sentences about disclosure applications
    /// ([`narrative::about_applications`]), tested once for N001, N003 and N008.
    pub fn application_texts<'s>(&'s self) -> impl Iterator<Item = &'s util::Text<'s>> {
        let texts = self.texts();
        let which = self.applications.get_or_init(|| {
            let about = |(_, t): &(usize, &util::Text)| narrative::about_applications(t);
            texts
                .iter()
                .enumerate()
                .filter(about)
                .map(|(i, _)| i)
                .collect()
        });
        which
            .iter()
            .map(move |&i| -> &'s util::Text<'s> { &texts[i] })
    }

    /// The table relations, computed once for all T rules.
    pub fn relations(&self) -> &[crate::relations::Relation<'a>] {
        self.relations
            .get_or_init(|| crate::relations::relations(self.report))
    }

    /// The configured threshold of `rule`, or its default.
    pub fn threshold(&self, rule: &Rule) -> f64 {
        let default = rule.threshold().map_or(0.0, |t| t.default);
        *self.options.thresholds.get(rule.code).unwrap_or(&default)
    }

    /// The report year, when known.
    pub fn year(&self) -> Option<i32> {
        self.report.year
    }
}

pub static ALL: &[&Rule] = &[
    &e001_unreadable_table::RULE,
    &e002_row_not_found::RULE,
    &e003_no_text_layer::RULE,
    &s001_missing_section::RULE,
    &s002_section_order::RULE,
    &s003_heading_numbering::RULE,
    &s004_duplicate_section::RULE,
    &s005_missing_table::RULE,
    &s006_label_drift::RULE,
    &s007_superseded_active_table::RULE,
    &s008_superseded_applications_table::RULE,
    &s009_missing_period::RULE,
    &s010_missing_download::RULE,
    &s011_missing_contact::RULE,
    &s012_problems_without_substance::RULE,
    &t001_unbalanced_applications::RULE,
    &t002_row_total_mismatch::RULE,
    &t003_outcome_total_mismatch::RULE,
    &t004_review_total_mismatch::RULE,
    &t005_invalid_count::RULE,
    &y001_wrong_period::RULE,
    &y002_year_mismatch::RULE,
    &y003_stale_year::RULE,
    &y004_outlook_year::RULE,
    &y005_review_year::RULE,
    &y006_signature_date::RULE,
    &f001_fee_without_applications::RULE,
    &f002_fee_contradiction::RULE,
    &f003_unpaid_fee_vs_text::RULE,
    &f004_missing_fee_statement::RULE,
    &f005_admin_fee_mismatch::RULE,
    &n001_applications_received::RULE,
    &n002_carried_over::RULE,
    &n003_concluded::RULE,
    &n004_carried_forward::RULE,
    &n005_review_count::RULE,
    &n006_litigation_count::RULE,
    &n007_normative_documents::RULE,
    &n008_all_concluded_vs_carried_forward::RULE,
    &n009_active_disclosure_counts::RULE,
    &x001_carry_over_across_years::RULE,
    &x002_in_force_across_years::RULE,
    &x003_repeated_from_last_year::RULE,
    &x004_year_over_year_jump::RULE,
    &h001_word_artefact::RULE,
    &h002_doubled_word::RULE,
    &h003_placeholder::RULE,
    &h900_unused_suppression::RULE,
];

/// Look a rule up by code (`t001`, `T001`) or name.
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// The documentation link a diagnostic carries (LSP `codeDescription`).
pub fn doc_url(rule: &Rule) -> String {
    format!(
        "https://github.com/xxgk-lint/xxgk/blob/main/docs/rules.md#{}",
        rule.code.to_ascii_lowercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule has both texts, each with a summary line and an explanation;
    /// the Chinese one has the four headings; no text belongs to no rule.
    #[test]
    fn every_rule_has_both_texts_and_no_text_is_orphaned() {
        for r in ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(
                    !r.summary_in(lang).is_empty(),
                    "{} {lang:?}: no summary",
                    r.code
                );
                assert!(
                    r.explanation_in(lang).len() > 40,
                    "{} {lang:?}: no explanation",
                    r.code
                );
            }
            let zh = r.explanation_in(Lang::Zh);
            for h in ["## 检查内容", "## 为什么重要", "## 示例", "## 如何修改"] {
                assert!(zh.contains(h), "{}: the Chinese text lacks {h}", r.code);
            }
            assert!(
                !r.summary_in(Lang::Zh).is_ascii(),
                "{}: the Chinese summary is not Chinese",
                r.code
            );
        }
        assert_eq!(TEXTS.len(), ALL.len(), "TEXTS lists a code that is no rule");
        for dir in ["zh", "en"] {
            let path = format!("{}/src/rules/explain/{dir}", env!("CARGO_MANIFEST_DIR"));
            for entry in std::fs::read_dir(&path).expect("explain dir") {
                let name = entry.unwrap().file_name().into_string().unwrap();
                let code = name.strip_suffix(".md").unwrap_or(&name);
                assert!(find(code).is_some(), "{path}/{name} belongs to no rule");
            }
        }
    }
}
