//! Messages for people that exist in Chinese and English, in one catalogue.
//! Each has `{}` placeholders filled in order by [`Message::fill`]; a test
//! checks that both languages have the same placeholders. (Diagnostics'
//! messages are Chinese in both languages and do not live here.)

use crate::lang::{self, Lang};

pub struct Message {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Message {
    /// The text in the chosen language, `{}` replaced by `args` in order.
    pub fn fill(&self, args: &[&dyn std::fmt::Display]) -> String {
        self.fill_in(lang::current(), args)
    }

    pub fn fill_in(&self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
        let mut pieces = lang.pick(self.zh, self.en).split("{}");
        let mut out = pieces.next().unwrap_or_default().to_string();
        for (piece, arg) in pieces.zip(
            args.iter()
                .map(|a| a.to_string())
                .chain(std::iter::repeat(String::new())),
        ) {
            out.push_str(&arg);
            out.push_str(piece);
        }
        out
    }

    /// The text without placeholders.
    pub fn text(&self) -> &'static str {
        lang::current().pick(self.zh, self.en)
    }
}

macro_rules! messages {
    ($($name:ident: $zh:literal, $en:literal;)*) => {
        $(pub static $name: Message = Message { zh: $zh, en: $en };)*
        /// Every message, for the test.
        pub static ALL: &[(&str, &Message)] = &[$((stringify!($name), &$name)),*];
    };
}

messages! {
    UNKNOWN_RULE: "未知规则「{}」；`xxgk rules` 列出全部规则 (unknown rule)",
        "unknown rule `{}`; `xxgk rules` lists them";
    DEFAULT_SEVERITY: "默认级别：{}", "Default severity: {}";
    FIXABLE: "可自动修复", "fixable";
    FIXABLE_NOTE: "（可自动修复）", " (fixable)";
    CONFIG_EXISTS: "{}：文件已存在；请直接编辑，或加 --force 覆盖 (already exists)",
        "{}: already exists; edit it, or pass --force to overwrite it";
    CANNOT_WRITE: "{}：无法写入 (cannot write)：{}", "{}: cannot write: {}";
    WROTE: "xxgk：已写入 {}", "xxgk: wrote {}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        assert!(!ALL.is_empty());
        for (name, m) in ALL {
            assert!(!m.zh.is_ascii(), "{name}: the Chinese text is not Chinese");
            assert!(!m.en.is_empty(), "{name}: no English text");
            assert_eq!(
                m.zh.matches("{}").count(),
                m.en.matches("{}").count(),
                "{name}: the placeholders differ"
            );
        }
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        let m = CANNOT_WRITE.fill_in(Lang::Zh, &[&"a.toml", &"磁盘已满"]);
        assert_eq!(m, "a.toml：无法写入 (cannot write)：磁盘已满");
        let m = CANNOT_WRITE.fill_in(Lang::En, &[&"a.toml", &"disk full"]);
        assert_eq!(m, "a.toml: cannot write: disk full");
    }
}
