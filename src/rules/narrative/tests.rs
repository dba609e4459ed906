//! The matcher against the oracle: the regular expressions the N rules used
//! until issue 15, kept here and nowhere else. Every pattern must give the
//! same matches (spans) and the same count (the span of the old capture
//! group) on every sentence of every fixture, on every string of
//! tests/prose_phrasings.rs, and on generated sentences. There is no
//! deliberate difference: a failure here is a bug of the matcher or of a
//! rule's spec.

use super::matcher::{find_iter, Hit, Pattern, Piece};
use crate::rules::n001_applications_received::RECEIVED;
use crate::rules::n002_carried_over::OVER;
use crate::rules::n003_concluded::DONE;
use crate::rules::n004_carried_forward::FORWARD;
use crate::rules::n005_review_count::REVIEWS;
use crate::rules::n006_litigation_count::LAWSUITS;
use crate::rules::n007_normative_documents::{ISSUED, STILL_IN_FORCE};
use crate::rules::n008_all_concluded_vs_carried_forward::{ALL_DONE, PENDING};
use crate::rules::n009_active_disclosure_counts::{
    decision_count, no_decision, KINDS, RULES_IN_FORCE, RULES_ISSUED,
};
use crate::rules::util::CharSet;
use crate::rules::vocabulary;
use crate::template::TABLE2_ROWS;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// One pattern and the regex it replaces.
struct Case {
    name: String,
    pattern: Pattern<'static>,
    oracle: Regex,
}

/// An old pattern, `{N}` standing for the count as it did (`util::NUM`).
fn old(p: &str) -> Regex {
    Regex::new(&p.replace("{N}", crate::rules::util::NUM)).expect("oracle regex")
}

fn case(name: &str, pattern: Pattern<'static>, oracle: &str) -> Case {
    Case {
        name: name.to_string(),
        pattern,
        oracle: old(oracle),
    }
}

/// N009's patterns are built per kind; the test keeps them for its whole run.
fn leak<T>(x: T) -> &'static T {
    Box::leak(Box::new(x))
}

static CASES: LazyLock<Vec<Case>> = LazyLock::new(|| {
    let mut cases = vec![
        case(
            "N001 received",
            RECEIVED.claim,
            r"(?:收到|受理|接收|接到|新收)[^。；，、]{0,16}?申请[^。；，]{0,8}?{N}(?:件|个|条|份|宗|次)",
        ),
        case(
            "N001 none",
            RECEIVED.zero,
            r"(?:未|没有)(?:收到|受理|接到)[^。；，]{0,16}?申请",
        ),
        case(
            "N002 carried over",
            OVER.claim,
            r"上(?:一)?年(?:度)?结转[^。；，]{0,10}?{N}件",
        ),
        case(
            "N003 concluded",
            DONE.claim,
            r"(?:办结|答复|办理完毕|处理完毕)[^。；，]{0,8}?{N}件",
        ),
        case(
            "N004 carried forward",
            FORWARD.claim,
            r"结转(?:至|到)?下(?:一)?年(?:度)?[^。；，]{0,8}?{N}件",
        ),
        case(
            "N005 reviews",
            REVIEWS.claim,
            r"行政复议[^。；，、]{0,4}?{N}(?:件|起|宗|次)",
        ),
        case(
            "N005 none",
            REVIEWS.zero,
            r"(?:(?:未|没有)(?:发生|引发|出现|产生|收到|被申请)[^。；，]{0,16}?行政复议)|(?:无[^。；，一]{0,12}?行政复议)",
        ),
        case(
            "N006 lawsuits",
            LAWSUITS.claim,
            r"行政诉讼[^。；，、]{0,4}?{N}(?:件|起|宗|次)",
        ),
        case(
            "N006 none",
            LAWSUITS.zero,
            r"(?:(?:未|没有)(?:发生|引发|出现|产生|被提起|收到)[^。；，]{0,20}?行政诉讼)|(?:无[^。；，一]{0,12}?行政诉讼)",
        ),
        case(
            "N007 in force",
            STILL_IN_FORCE.claim,
            r"(?:现行有效|尚余有效|仍然有效|继续有效)(?:的)?(?:行政)?规范性文件[^。；，]{0,4}?{N}件",
        ),
        case(
            "N007 issued",
            ISSUED.claim,
            r"(?:制发|印发|出台|制定)(?:了)?(?:行政)?规范性文件[^。；，]{0,4}?{N}件",
        ),
        case(
            "N007 none issued",
            ISSUED.zero,
            r"(?:未|没有)[^。；，]{0,4}?(?:制作|制发|印发|出台|制定|发布)[^。；，]{0,6}?规范性文件",
        ),
        case(
            "N008 all concluded",
            ALL_DONE,
            concat!(
                r"(?:全部|均已|均|已全部|全数|悉数|全都)(?:按时|按期|依法|及时|予以)?(?:办结|办理完毕|办理完成|处理完毕|答复办结)",
                r"|办结率(?:达到?|为)?100[%％]",
                r"|(?:无|没有|不存在|未有)(?:需要?)?结转(?:至|到)?下(?:一)?年",
            ),
        ),
        case(
            "N008 pending",
            PENDING,
            r"(?:尚未办结|尚在办理|正在办理|仍在办理|尚未答复完毕)",
        ),
        case(
            "N009 rules in force",
            RULES_IN_FORCE.claim,
            r"(?:现行有效|尚余有效|仍然有效|继续有效)(?:的)?(?:政府)?规章(?:共|为|有)?{N}件",
        ),
        case(
            "N009 rules issued",
            RULES_ISSUED.claim,
            r"(?:制定|制发|出台|印发)(?:了)?(?:政府)?规章(?:共|为)?{N}件",
        ),
        case(
            "N009 no rules issued",
            RULES_ISSUED.zero,
            r"(?:未|没有)(?:制定|制发|出台|印发|发布)(?:新的)?(?:政府)?规章(?:[。；，、]|$)",
        ),
    ];
    for row in KINDS {
        let word = TABLE2_ROWS[row].text;
        let kind: &'static [&'static str] = leak([word]);
        let count: &'static [Piece<'static>] = leak(decision_count(kind));
        let (verb, plain) = no_decision(kind);
        let (verb, plain): (&'static [Piece], &'static [Piece]) = (leak(verb), leak(plain));
        cases.push(case(
            &format!("N009 {word}"),
            Pattern::new(leak([count])),
            &format!(
                r"{word}(?:处理)?(?:决定书?|案件|事项|措施|执行)?(?:办理|办结|作出|实施)?(?:数量|件数|总数)?(?:共计|共|合计|总计|累计)?(?:为|达到|达|有)?\s*{{N}}(?:件|宗|起|个)"
            ),
        ));
        cases.push(case(
            &format!("N009 no {word}"),
            Pattern::new(leak([verb, plain])),
            &format!(
                r"(?:(?:未|没有)(?:作出|实施|发生|办理|采取)[^。；，]{{0,4}}?|无(?:任何)?){word}"
            ),
        ));
    }
    cases
});

fn oracle_hits(re: &Regex, s: &str) -> Vec<Hit> {
    re.captures_iter(s)
        .map(|c| Hit {
            range: c.get(0).expect("match").range(),
            count: c.get(1).map(|m| m.range()),
        })
        .collect()
}

/// Compare every pattern on `s`; the number of matches, or the first
/// difference. The gate `may_match` must not rule out a sentence the regex
/// matches in.
fn differ(s: &str) -> Result<usize, String> {
    let mut n = 0;
    let chars = CharSet::of(s);
    for c in CASES.iter() {
        let want = oracle_hits(&c.oracle, s);
        let got: Vec<Hit> = find_iter(c.pattern, s).collect();
        if got != want {
            return Err(format!(
                "{}: on {s:?}\n  regex:   {want:?}\n  matcher: {got:?}",
                c.name
            ));
        }
        if !want.is_empty() && !c.pattern.may_match(&chars) {
            return Err(format!("{}: may_match rules out {s:?}", c.name));
        }
        n += want.len();
    }
    Ok(n)
}

/// Every file under `dir`, recursively, in a stable order.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn same_matches_on_every_fixture_sentence() {
    let mut paths = Vec::new();
    files(Path::new("fixtures"), &mut paths);
    let (mut sentences, mut matches, mut failures) = (0, 0, Vec::new());
    for p in &paths {
        let Ok(file) = crate::input::load(p) else {
            continue;
        };
        let report = crate::parse::parse(&file.text);
        let texts = crate::rules::util::sentences(&file.text, &report);
        // The compact sentences the rules read, and the raw text as a whole
        // (line breaks, spaces between digits, sentences run together).
        let raw = std::iter::once(file.text.as_str());
        for s in texts.iter().map(|t| t.str()).chain(raw) {
            sentences += 1;
            match differ(s) {
                Ok(n) => matches += n,
                Err(e) => failures.push(format!("{}: {e}", p.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "{} files, {sentences} texts, {matches} matches",
        paths.len()
    );
    // Not vacuous: the fixtures hold hundreds of counts of these kinds.
    assert!(
        sentences > 1000 && matches > 200,
        "{sentences} sentences, {matches} matches"
    );
}

/// The string literals of a Rust source (escapes resolved; a stray quote in
/// a comment only shifts which text is taken, every piece is still input).
fn string_literals(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = src.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('\n') => {
                        // A line continuation: the next line's indent is dropped.
                        let rest: String = chars.clone().collect();
                        let skip = rest.len() - rest.trim_start().len();
                        for _ in 0..rest[..skip].chars().count() {
                            chars.next();
                        }
                    }
                    Some(other) => s.push(other),
                    None => break,
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

#[test]
fn same_matches_on_the_prose_phrasings() {
    let src = include_str!("../../../tests/prose_phrasings.rs");
    let literals = string_literals(src);
    let mut matches = 0;
    for s in &literals {
        // As written, and compacted as a PDF's spaced text is (`3 件` → `3件`).
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        for s in [s.as_str(), compact.as_str()] {
            matches += differ(s).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    eprintln!("{} literals, {matches} matches", literals.len());
    assert!(
        literals.len() > 300 && matches > 150,
        "{} literals, {matches} matches",
        literals.len()
    );
}

/// The words of every pattern and of the shared vocabulary, numerals in
/// the three forms, marks, and filler: the material of generated sentences.
static TOKENS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    for c in CASES.iter() {
        for seq in c.pattern.seqs {
            for piece in *seq {
                if let Piece::Word(ws) | Piece::Opt(ws) = piece {
                    words.extend(ws.iter().map(|w| w.to_string()));
                }
            }
        }
    }
    let lists = [
        vocabulary::OTHER_MATTERS,
        vocabulary::DISCLOSURE,
        vocabulary::NOT_THE_COUNT,
        vocabulary::PART_OF,
        vocabulary::APPROXIMATE_AFTER,
        vocabulary::APPROXIMATE_AFTER_UNIT,
        vocabulary::OUTCOMES,
        vocabulary::AIMS,
    ];
    words.extend(lists.iter().flat_map(|l| l.iter().map(|w| w.to_string())));
    let more = [
        "0",
        "3",
        "12",
        "2024",
        "100",
        "３",
        "３５",
        "０",
        "一",
        "二十",
        "两",
        "〇",
        "十二",
        "百",
        "千",
        "年",
        "月",
        "日",
        "年度",
        "的",
        "了",
        "共",
        "为",
        "有",
        "任何",
        "一例",
        "新的",
        "本机关",
        "政府信息公开",
        "依申请公开",
        "申请人",
        "案件",
        "决定",
        "件数",
        " ",
        "\u{3000}",
        "\n",
        "\t",
        "。",
        "；",
        "，",
        "、",
        "：",
        ":",
        "（",
        "）",
        "%",
        "％",
        "约",
        "余",
        "至",
        "~",
        "-",
        "—",
        "被",
        "均",
        "全部",
        "结转",
        "下",
        "上",
        "申请",
        "规章",
        "规范性文件",
        "行政复议",
        "行政诉讼",
        "行政许可",
        "行政处罚",
        "行政强制",
        "x",
        "a1",
    ];
    words.extend(more.iter().map(|w| w.to_string()));
    words.sort();
    words.dedup();
    words
});

/// Every character of the tokens: generated text that cuts words apart.
static ALPHABET: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut cs: Vec<char> = TOKENS.iter().flat_map(|t| t.chars()).collect();
    cs.sort();
    cs.dedup();
    cs
});

/// A sentence near a pattern: the pattern walked with random choices (a
/// word of each list, an optional word or none, a gap of random characters
/// up to two longer than allowed, a numeral in one of three forms, now and
/// then a stray token in place of a word), between random tokens.
fn near(
    case: usize,
    rnd: &[prop::sample::Index],
    before: &[prop::sample::Index],
    after: &[prop::sample::Index],
) -> String {
    let mut r = rnd.iter().cycle().map(|i| i.index(1 << 16));
    let mut next = move |n: usize| r.next().expect("cycle") % n.max(1);
    let token = |i: &prop::sample::Index| TOKENS[i.index(TOKENS.len())].as_str();
    let c = &CASES[case];
    let seq = c.pattern.seqs[next(c.pattern.seqs.len())];
    let mut s: String = before.iter().map(token).collect();
    for piece in seq {
        match *piece {
            _ if next(12) == 0 => s.push_str(&TOKENS[next(TOKENS.len())]),
            Piece::Word(ws) => s.push_str(ws[next(ws.len())]),
            Piece::Opt(ws) => s.push_str(ws.get(next(ws.len() + 1)).unwrap_or(&"")),
            Piece::Gap(max, _) => {
                for _ in 0..next(max + 3) {
                    s.push(ALPHABET[next(ALPHABET.len())]);
                }
            }
            Piece::Count => {
                let digits: [&[char]; 3] = [
                    &['0', '1', '2', '3', '5', '9'],
                    &['０', '１', '３', '５'],
                    &['零', '〇', '一', '二', '两', '三', '十', '百', '千'],
                ];
                let form = digits[next(3)];
                for _ in 0..next(5) {
                    s.push(form[next(form.len())]);
                }
            }
            Piece::Space => s.push_str([" ", "", "\u{3000}", "  "][next(4)]),
            Piece::MarkOrEnd(marks) => {
                let marks: Vec<char> = marks.chars().collect();
                if next(3) > 0 {
                    s.push(marks[next(marks.len())]);
                }
            }
        }
    }
    s.extend(after.iter().map(token));
    s
}

fn indices(n: usize) -> impl Strategy<Value = Vec<prop::sample::Index>> {
    prop::collection::vec(any::<prop::sample::Index>(), 0..n)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn same_matches_near_every_pattern(
        case in any::<prop::sample::Index>(),
        rnd in prop::collection::vec(any::<prop::sample::Index>(), 1..64),
        before in indices(6),
        after in indices(6),
    ) {
        let s = near(case.index(CASES.len()), &rnd, &before, &after);
        if let Err(e) = differ(&s) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn same_matches_on_generated_sentences(picks in indices(40)) {
        let s: String = picks.iter().map(|i| TOKENS[i.index(TOKENS.len())].as_str()).collect();
        if let Err(e) = differ(&s) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn same_matches_on_generated_characters(picks in indices(80)) {
        let s: String = picks.iter().map(|i| ALPHABET[i.index(ALPHABET.len())]).collect();
        if let Err(e) = differ(&s) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// The sentences near a pattern do reach matches of every pattern (and
/// sentences that just miss), so that the property compares something for
/// each of them.
#[test]
fn generated_sentences_reach_every_pattern() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (
        prop::collection::vec(any::<prop::sample::Index>(), 1..64),
        indices(6),
        indices(6),
    );
    let (mut hit, mut missed) = (vec![0usize; CASES.len()], vec![0usize; CASES.len()]);
    for round in 0..3000 {
        let (rnd, before, after) = strategy.new_tree(&mut runner).expect("a value").current();
        let k = round % CASES.len();
        let s = near(k, &rnd, &before, &after);
        if find_iter(CASES[k].pattern, &s).next().is_some() {
            hit[k] += 1;
        } else {
            missed[k] += 1;
        }
    }
    let thin: Vec<String> = CASES
        .iter()
        .enumerate()
        .filter(|&(k, _)| hit[k] < 10 || missed[k] < 10)
        .map(|(k, c)| format!("{}: {} matched, {} missed", c.name, hit[k], missed[k]))
        .collect();
    assert!(thin.is_empty(), "{thin:?}");
}

/// The matcher's other ways of finding where a match may start, which no
/// rule's pattern takes today: a sequence that starts with an optional word
/// (every place is tried) and first words ending in more bytes than one
/// search takes.
#[test]
fn every_way_of_finding_starts() {
    use Piece::*;
    const OPTIONAL_FIRST: Pattern = Pattern::new(&[&[
        Opt(&["的"]),
        Word(&["申请"]),
        Gap(2, "，"),
        Count,
        Word(&["件"]),
    ]]);
    const MANY_FIRSTS: Pattern = Pattern::new(&[&[
        Word(&[
            "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑", "a",
        ]),
        Count,
        Word(&["件"]),
    ]]);
    let pairs = [
        (OPTIONAL_FIRST, old(r"(?:的)?申请[^，]{0,2}?{N}件")),
        (
            MANY_FIRSTS,
            old(r"(?:甲|乙|丙|丁|戊|己|庚|辛|壬|癸|子|丑|a){N}件"),
        ),
    ];
    let texts = [
        "的申请3件，申请，4件申请x5件",
        "收到的的申请三十件",
        "甲3件乙4件，丑十件a7件b8件癸",
        "子子3件丙丙",
    ];
    let mut matches = 0;
    for (pattern, oracle) in &pairs {
        for s in texts
            .iter()
            .copied()
            .chain(TOKENS.iter().map(String::as_str))
        {
            let want = oracle_hits(oracle, s);
            let got: Vec<Hit> = find_iter(*pattern, s).collect();
            assert_eq!(got, want, "on {s:?}");
            matches += want.len();
        }
    }
    assert!(matches >= 8, "{matches} matches");
}

/// Hand-picked cases of the semantics the matcher must share with the regex.
#[test]
fn leftmost_first_and_lazy_gap() {
    // The lazy gap skips 2024年 (年 is not a unit) and the count is 35.
    let hits: Vec<Hit> = find_iter(RECEIVED.claim, "收到申请2024年35件").collect();
    assert_eq!(hits.len(), 1);
    let s = "收到申请2024年35件";
    assert_eq!(&s[hits[0].count.clone().expect("count")], "35");
    // Two counts in one sentence do not overlap; the second is found after the first.
    let s = "收到申请3件，受理申请4件";
    let counts: Vec<&str> = find_iter(RECEIVED.claim, s)
        .map(|h| &s[h.count.expect("count")])
        .collect();
    assert_eq!(counts, ["3", "4"]);
    // 均已 is tried before 均; 已全部 after them.
    let s = "申请均已按时办结";
    let hit = find_iter(ALL_DONE, s).next().expect("a match");
    assert_eq!(&s[hit.range], "均已按时办结");
    for s in [
        "收到申请2024年35件",
        "行政复议 3 件",
        "行政许可决定书共计 ３５ 件",
        "无行政处罚",
        "未制定规章",
        "未制定规章。",
        "未制定规章制度",
    ] {
        differ(s).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The gate rules out the sentences that lack a word's characters (and only
/// those: `differ` holds it against the regexes on every sentence above).
#[test]
fn may_match_rules_out_a_missing_word() {
    let no_unit = CharSet::of("本年度收到政府信息公开申请，均已答复");
    assert!(!RECEIVED.claim.may_match(&no_unit));
    let stated = CharSet::of("本年度收到政府信息公开申请35件");
    assert!(RECEIVED.claim.may_match(&stated));
    assert!(!Pattern::new(&[]).may_match(&stated));
}
