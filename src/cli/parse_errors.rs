//! clap's command-line errors in Chinese. clap writes its own English; in
//! Chinese the same facts — what was wrong, the values that are possible,
//! clap's suggestion, the usage line — are written from its error's kind and
//! context, with the texts of the message catalogue. The exit status stays
//! clap's (2).

use crate::messages::{self as m, Message};
use clap::builder::styling::{AnsiColor, Style};
use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};
use std::fmt::Write as _;

/// clap's `ErrorFormatter` writing Chinese (`Error::apply::<Chinese>()`).
pub struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(e: &Error<Self>) -> StyledStr {
        let mut out = StyledStr::new();
        let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
        let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
        let body = body(e);
        let line = m::ERROR_LINE.fill(&[&body]);
        let lead = line.strip_suffix(body.as_str()).unwrap_or_default();
        let _ = write!(out, "{red}{lead}{red:#}{body}");
        let tips = tips(e);
        if !tips.is_empty() {
            out.push_str("\n");
        }
        for tip in tips {
            let _ = write!(out, "\n  {green}{tip}{green:#}");
        }
        if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
            let _ = write!(out, "\n\n{}", m::CLAP_USAGE.fill(&[&usage]));
        }
        let _ = write!(out, "\n\n{}\n", m::CLAP_TRY_HELP.fill(&[&"--help"]));
        out
    }
}

fn string(e: &Error<Chinese>, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &Error<Chinese>, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn number(e: &Error<Chinese>, kind: ContextKind) -> isize {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => *n,
        _ => 0,
    }
}

/// What was wrong, from the error's kind and context.
fn body(e: &Error<Chinese>) -> String {
    use ContextKind as K;
    let arg = string(e, K::InvalidArg).unwrap_or_default();
    let value = string(e, K::InvalidValue).unwrap_or_default();
    let list = |mut s: String, items: &[String]| {
        for i in items {
            s.push_str("\n  ");
            s.push_str(i);
        }
        s
    };
    let with_values = |s: String, which: &Message, kind| {
        let values = strings(e, kind);
        if values.is_empty() {
            s
        } else {
            format!("{s}\n  {}", which.fill(&[&values.join("、")]))
        }
    };
    match e.kind() {
        ErrorKind::UnknownArgument => m::CLAP_UNKNOWN_ARGUMENT.fill(&[&arg]),
        ErrorKind::InvalidSubcommand => {
            let sub = string(e, K::InvalidSubcommand).unwrap_or_default();
            m::CLAP_UNKNOWN_SUBCOMMAND.fill(&[&sub])
        }
        ErrorKind::InvalidValue if value.is_empty() => with_values(
            m::CLAP_VALUE_REQUIRED.fill(&[&arg]),
            &m::CLAP_POSSIBLE_VALUES,
            K::ValidValue,
        ),
        ErrorKind::InvalidValue => with_values(
            m::CLAP_INVALID_VALUE.fill(&[&value, &arg]),
            &m::CLAP_POSSIBLE_VALUES,
            K::ValidValue,
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| validation_reason(&s.to_string()))
                .unwrap_or_default();
            let s = m::CLAP_INVALID_VALUE.fill(&[&value, &arg]);
            if why.is_empty() {
                s
            } else {
                format!("{s}：{why}")
            }
        }
        ErrorKind::NoEquals => m::CLAP_NO_EQUALS.fill(&[&arg]),
        ErrorKind::MissingRequiredArgument => list(
            m::CLAP_MISSING_REQUIRED.text().into(),
            &strings(e, K::InvalidArg),
        ),
        ErrorKind::MissingSubcommand => {
            let sub = string(e, K::InvalidSubcommand).unwrap_or_default();
            with_values(
                m::CLAP_MISSING_SUBCOMMAND.fill(&[&sub]),
                &m::CLAP_SUBCOMMANDS,
                K::ValidSubcommand,
            )
        }
        ErrorKind::TooManyValues => m::CLAP_TOO_MANY_VALUES.fill(&[&arg, &value]),
        ErrorKind::TooFewValues => m::CLAP_TOO_FEW_VALUES.fill(&[
            &arg,
            &number(e, K::MinValues),
            &number(e, K::ActualNumValues),
        ]),
        ErrorKind::WrongNumberOfValues => m::CLAP_WRONG_NUMBER.fill(&[
            &arg,
            &number(e, K::ExpectedNumValues),
            &number(e, K::ActualNumValues),
        ]),
        ErrorKind::ArgumentConflict => {
            let prior = strings(e, K::PriorArg);
            if prior.iter().any(|p| p == arg) || prior.is_empty() {
                m::CLAP_REPEATED.fill(&[&arg])
            } else {
                list(m::CLAP_CONFLICT.fill(&[&arg]), &prior)
            }
        }
        ErrorKind::InvalidUtf8 => m::CLAP_INVALID_UTF8.text().to_string(),
        // Help, version and I/O errors carry their own text; nothing else is left.
        other => other.as_str().unwrap_or_default().to_string(),
    }
}

/// Why a value did not parse: the standard library's words for numbers in
/// Chinese, any other reason as it is.
fn validation_reason(why: &str) -> String {
    [&m::CLAP_NOT_A_NUMBER, &m::CLAP_NUMBER_TOO_LARGE]
        .iter()
        .find(|msg| msg.en == why)
        .map_or_else(|| why.to_string(), |msg| msg.text().to_string())
}

/// clap's suggestions: a similar subcommand, option or value, and its other tips.
fn tips(e: &Error<Chinese>) -> Vec<String> {
    use ContextKind as K;
    let quoted = |v: Vec<String>| {
        v.iter()
            .map(|s| format!("「{s}」"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let mut out = Vec::new();
    for (kind, msg) in [
        (K::SuggestedSubcommand, &m::CLAP_SIMILAR_SUBCOMMAND),
        (K::SuggestedArg, &m::CLAP_SIMILAR_ARGUMENT),
        (K::SuggestedValue, &m::CLAP_SIMILAR_VALUE),
    ] {
        let v = strings(e, kind);
        if !v.is_empty() {
            out.push(msg.fill(&[&quoted(v)]));
        }
    }
    if let Some(ContextValue::StyledStrs(more)) = e.get(K::Suggested) {
        out.extend(more.iter().map(|s| other_tip(&s.to_string())));
    }
    out
}

/// clap's other tips are English sentences with the names in single quotes;
/// the three it writes are recognised by their wording.
fn other_tip(tip: &str) -> String {
    let names: Vec<&str> = tip.split('\'').skip(1).step_by(2).collect();
    match names.as_slice() {
        [a, b] if tip.starts_with("to pass ") => m::CLAP_PASS_AS_VALUE.fill(&[a, b]),
        [a, _] if tip.starts_with("subcommand ") => m::CLAP_REMOVE_DASHES.fill(&[a]),
        [a] if tip.ends_with("' exists") => m::CLAP_EXISTS.fill(&[a]),
        _ => m::CLAP_TIP.fill(&[&tip]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn zh(args: &[&str]) -> String {
        let cmd = crate::cli::help::command(Lang::Zh);
        let e = cmd.try_get_matches_from(args).unwrap_err();
        e.apply::<Chinese>().render().to_string()
    }

    #[test]
    fn an_unknown_option_names_it_and_the_similar_one_in_chinese() {
        let s = zh(&["xxgk", "check", "--formt", "json", "r.txt"]);
        assert!(
            s.starts_with("xxgk: 错误：无法识别的参数「--formt」"),
            "{s}"
        );
        assert!(s.contains("提示：有相似的参数：「--format」"), "{s}");
        assert!(s.contains("用法：xxgk check"), "{s}");
        assert!(s.contains("更多信息请使用「--help」。"), "{s}");
        assert!(!s.contains("error:") && !s.contains("tip:"), "{s}");
    }

    #[test]
    fn an_invalid_value_lists_the_possible_ones() {
        let s = zh(&["xxgk", "check", "--format", "jsn", "r.txt"]);
        assert!(
            s.contains("「jsn」不是「--format <FORMAT>」的有效取值"),
            "{s}"
        );
        assert!(s.contains("[可选值：full、concise、json"), "{s}");
        assert!(s.contains("提示：有相似的取值：「json」"), "{s}");
        let s = zh(&["xxgk", "check", "--threads", "two", "r.txt"]);
        assert!(
            s.contains("「two」不是「--threads <N>」的有效取值：不是整数"),
            "{s}"
        );
    }

    #[test]
    fn missing_values_subcommands_and_positionals_are_chinese() {
        let s = zh(&["xxgk", "check", "r.txt", "--format"]);
        assert!(
            s.contains("「--format <FORMAT>」需要一个值，但没有给出"),
            "{s}"
        );
        let s = zh(&["xxgk", "chek"]);
        assert!(s.contains("无法识别的子命令「chek」"), "{s}");
        assert!(s.contains("提示：有相似的子命令：「check」"), "{s}");
        let s = zh(&["xxgk", "explain", "T001", "T002"]);
        assert!(s.contains("无法识别的参数「T002」"), "{s}");
        let s = zh(&["xxgk", "check"]);
        assert!(s.contains("缺少以下必需的参数：\n  <PATHS>..."), "{s}");
        let s = zh(&["xxgk", "check", "-x", "r.txt"]);
        assert!(
            s.contains("提示：要把「-x」作为值传入，请写「-- -x」"),
            "{s}"
        );
    }

    /// Every tip clap writes today is recognised (a new clap wording would
    /// show as 提示：followed by English, and fail here).
    #[test]
    fn clap_tips_are_recognised() {
        assert_eq!(
            other_tip("to pass '-x' as a value, use '-- -x'"),
            "提示：要把「-x」作为值传入，请写「-- -x」"
        );
        assert_eq!(
            other_tip("subcommand 'check' exists; to use it, remove the '--' before it"),
            "提示：存在子命令「check」；要使用它，请去掉它前面的「--」"
        );
        assert_eq!(
            other_tip("'xxgk check --fix' exists"),
            "提示：存在「xxgk check --fix」"
        );
        let s = zh(&["xxgk", "--fix"]);
        assert!(!s.contains("tip:") && !s.contains("exists"), "{s}");
    }
}
