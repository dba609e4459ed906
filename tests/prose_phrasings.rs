//! Issue 10: every rule that reads prose, on the ways real reports word the
//! sentence it reads. Each rule has a base report (a seed with the sentence
//! taken out or a place to put one) and at least 15 phrasings, at least half
//! of which must fire and half must not: negations, scope words, ranges,
//! Chinese and full-width numerals, PDF spacing, 约/余/多 approximations.
//! All failures of a rule are listed at once.

use xxgk::{lint, LintOptions};

fn seed(stem: &str) -> String {
    let dir = std::fs::read_dir("fixtures/seeds").unwrap();
    for e in dir {
        let p = e.unwrap().path();
        if p.file_name().unwrap().to_str().unwrap().starts_with(stem) {
            return std::fs::read_to_string(p).unwrap();
        }
    }
    panic!("no seed {stem}")
}

/// Replace `old` (which must occur exactly once) by `new`.
fn sub(text: &str, old: &str, new: &str) -> String {
    assert_eq!(text.matches(old).count(), 1, "{old:?} must occur once");
    text.replacen(old, new, 1)
}

/// Replace the seven Word-text cells after a row label (as fixtures/rules/make.py does).
fn table_row(text: &str, label: &str, values: [i64; 7]) -> String {
    let i = text.find(&format!("\t{label}\n")).expect("row label") + label.len() + 2;
    let mut lines: Vec<String> = text[i..].split('\n').map(str::to_string).collect();
    for (k, v) in values.iter().enumerate() {
        assert!(lines[k].starts_with('\t'), "{:?}", lines[k]);
        lines[k] = format!("\t{v}");
    }
    format!("{}{}", &text[..i], lines.join("\n"))
}

/// Spaces between every character, as PDF text extraction gives them.
fn spaced(s: &str) -> String {
    let chars: Vec<String> = s.chars().map(String::from).collect();
    chars.join(" ")
}

const SEC1_P: &str = "年内累计受理信息公开申请34件，按时答复率100%；";
const ROW2: &str = "二、上年结转政府信息公开申请数量";
const PERIOD: &str = "本报告所列数据的统计时限自2024年1月1日至2024年12月31日。";
const DOWNLOAD: &str = "报告电子版可从山亭区政府网站（http://\n\nwww.shanting.gov.cn/）下载。";
const FEE6: &str =
    "（一）本单位收取政府信息公开信息处理费情况。\n\n本单位未向申请人收取信息处理费。\n";
const UNPAID: &str = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
/// Table 四's first ten cells: 行政复议 (维持, 纠正, 其他, 未审结, 总计) and
/// 未经复议直接起诉 (the same five).
const T4: &str = "\t0\n\t0\n\t4\n\t0\n\t4\n\t0\n\t0\n\t0\n\t0\n\t0\n";

fn contact(s002: &str) -> String {
    let c = s002.find("如对本报告有疑问").unwrap();
    let end = c + s002[c..].find('。').unwrap() + '。'.len_utf8();
    s002[c..end].to_string()
}

fn codes(text: &str) -> Vec<&'static str> {
    lint(text, &LintOptions::default())
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

/// Run the phrasings of one rule: `make` builds the report around a phrasing.
fn run(code: &str, make: &dyn Fn(&str) -> String, cases: &[(&str, bool)]) {
    let fires = cases.iter().filter(|c| c.1).count();
    let silent = cases.len() - fires;
    assert!(cases.len() >= 15, "{code}: only {} phrasings", cases.len());
    assert!(
        fires >= 7 && silent >= 7 && fires.abs_diff(silent) <= 4,
        "{code}: {fires} fire, {silent} silent: about half each"
    );
    let mut wrong = Vec::new();
    for (phrase, want) in cases {
        let got = codes(&make(phrase)).contains(&code);
        if got != *want {
            let what = if *want { "does not fire" } else { "fires" };
            wrong.push(format!("  {what} on {phrase:?}"));
        }
    }
    assert!(wrong.is_empty(), "{code}:\n{}", wrong.join("\n"));
}

/// A sentence put into section 一 after the applications sentence.
fn in_section1(base: &str) -> impl Fn(&str) -> String + '_ {
    move |p| sub(base, SEC1_P, &format!("{SEC1_P}{p}"))
}

#[test]
fn s009_period_phrasings() {
    let s = seed("002");
    run(
        "S009",
        &|p| sub(&s, PERIOD, p),
        &[
            ("本报告所列数据的统计期限为2024年1月1日至12月31日。", false),
            (
                "本报告中所列数据统计期限自2024年1月1日起至12月31日止。",
                false,
            ),
            ("本报告所列数据统计时限：2024年1月1日—12月31日。", false),
            (
                "本报告所列数据的统计期限自２０２４年１月１日起至２０２４年１２月３１日止。",
                false,
            ),
            (
                &spaced("本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"),
                false,
            ),
            (
                "本报告所列数据的统计期限自2024年1月1日起至2024年\n12月31日止。",
                false,
            ),
            (
                "本报告中使用数据统计期限为2024年1月1日至2024年12月31日。",
                false,
            ),
            ("本报告统计时间为2024年1月1日到12月31日。", false),
            ("数据统计时限为2024年1月1日-2024年12月31日。", false),
            ("本报告所列数据的统计期限为2024年度。", false),
            ("本报告所列数据统计期限为2024年1月至12月。", false),
            (
                "本报告所列数据为2024年1月1日至2024年12月31日期间数据。",
                false,
            ),
            ("本报告统计期限：2024.1.1—2024.12.31。", false),
            (
                "本报告所列数据统计时间为2024年1月1日～2024年12月31日。",
                false,
            ),
            ("本报告于2025年1月20日经审定后发布。", true),
            ("", true),
            ("本报告所列数据由本机关办公室统计。", true),
            ("本报告所列数据为全年统计数据。", true),
            ("统计口径与上年保持一致。", true),
            ("本报告经本机关负责人审定后发布。", true),
            ("全区各部门统计数据已汇总报送。", true),
            ("本报告中的数据均经核实。", true),
            ("本报告所列数据截至年底。", true),
            ("本报告所列数据的统计期限按有关规定执行。", true),
        ],
    );
}

#[test]
fn s010_download_phrasings() {
    let s = seed("002");
    run(
        "S010",
        &|p| sub(&s, DOWNLOAD, p),
        &[
            (
                "本报告电子版可在山亭区人民政府网站（http://www.shanting.gov.cn）查阅或下载。",
                false,
            ),
            (
                "年度报告通过山亭区人民政府网站（http://www.shanting.gov.cn）公布。",
                false,
            ),
            (
                "本报告同时在山亭区人民政府门户网站政府信息公开专栏发布。",
                false,
            ),
            (
                "本年度报告可在“中国山亭”网站（www.shanting.gov.cn）下载。",
                false,
            ),
            ("报告全文登载于http://www.shanting.gov.cn/xxgk。", false),
            (
                "本报告电子版可通过山亭区人民政府网站政府信息公开专栏查阅。",
                false,
            ),
            (&spaced("本报告电子版可在山亭区人民政府网站查阅。"), false),
            ("本报告在山亭区人民政府网站公开。", false),
            (
                "本年报在区政府门户网站“政府信息公开”栏目公开发布，欢迎查阅。",
                false,
            ),
            (
                "本报告电子版登载于山亭区人民政府网站\n（http://www.shanting.gov.cn）。",
                false,
            ),
            (
                "在山亭区人民政府门户网站政府信息公开专栏公开本报告。",
                false,
            ),
            ("", true),
            ("本报告由山亭区人民政府办公室编制。", true),
            ("本报告所列数据由各部门报送。", true),
            ("报告期内，区政府网站共发布信息6600条。", true),
            ("报告期内，依托政府网站公开政策文件120件。", true),
            ("本报告经区政府常务会议审议通过。", true),
            ("本报告中的数据均经核实。", true),
            ("全区各部门通过政府网站发布信息6600条。", true),
            ("全年在政府网站公开年度报告5份。", true),
        ],
    );
}

#[test]
fn s011_contact_phrasings() {
    let s = seed("002");
    let c = contact(&s);
    run(
        "S011",
        &|p| sub(&s, &c, p),
        &[
            (
                "如对本报告有疑问，请与山亭区人民政府办公室联系（电话：0632-8808199）。",
                false,
            ),
            (
                "如对本报告有任何疑问，请联系山亭区政务公开办公室，联系电话：0632－8808199。",
                false,
            ),
            (
                "如对本报告有疑问，请与本机关办公室联系，地址：府前路13号，邮编：277200。",
                false,
            ),
            (
                "联系电话：0632-8808199，电子邮箱：stqzwgk@zz.shandong.cn。",
                false,
            ),
            (
                &spaced("如对本报告有疑问，请与山亭区人民政府办公室联系，电话：0632-8808199。"),
                false,
            ),
            (
                "如对本报告有疑问，请与区政府办公室联系，联系方式：0632-8808199。",
                false,
            ),
            ("如对本报告有疑问，请致电0632-8808199咨询。", false),
            ("咨询电话：0632-8808199。", false),
            (
                "如有疑问请与山亭区人民政府办公室联\n系（电话：0632-8808199）。",
                false,
            ),
            ("", true),
            ("本报告由山亭区人民政府办公室负责解释。", true),
            ("欢迎社会各界监督。", true),
            ("如对本报告有疑问，请在工作日与我们沟通。", true),
            ("公众可通过政府网站留言。", true),
            ("本报告所列数据由各部门报送。", true),
            ("本报告中的数据均经核实。", true),
            ("报告期内本机关未调整办公地点。", true),
        ],
    );
}

#[test]
fn y003_stale_year_phrasings() {
    let s = seed("002");
    // The opening sentence of section 一, replaced by the phrasing.
    let start = s.find("2024年，山亭区政府坚持").unwrap();
    let end = start + s[start..].find('。').unwrap() + '。'.len_utf8();
    let opening = s[start..end].to_string();
    run(
        "Y003",
        &|p| sub(&s, &opening, p),
        &[
            ("2023年，我局认真贯彻政府信息公开条例。", true),
            ("2022年，本机关扎实推进政务公开。", true),
            ("2023年度，我局主动公开信息120条。", true),
            ("（一）2023年，我局主动公开信息120条。", true),
            ("一、2023年，我局主动公开信息120条。", true),
            ("２０２３年，我局主动公开信息120条。", true),
            ("2023年,我局主动公开信息120条。", true),
            ("2021年，我局主动公开信息120条。", true),
            ("2024年，我局主动公开信息120条。", false),
            ("2024年度，本机关扎实推进政务公开。", false),
            (
                "对照《山亭区2023年度政务公开工作要点》，全面完成各项任务。",
                false,
            ),
            ("与2023年相比，申请量增长10%。", false),
            ("2023年12月，我局印发《政务公开工作方案》。", false),
            ("自2023年起，我局每年开展政府开放日活动。", false),
            ("2025年，我局将继续深化政务公开。", false),
            ("全年公开《2023年度财政决算》等信息12条。", false),
            ("2023年，我局收到申请20件；2024年，收到申请34件。", false),
            ("2023年，我局收到申请20件，较上年增长一倍。", false),
        ],
    );
}

#[test]
fn y004_outlook_year_phrasings() {
    let s = seed("002");
    let y4 = "（二）下步改进措施。";
    run(
        "Y004",
        &|p| sub(&s, y4, &format!("{y4}{p}")),
        &[
            ("展望2024年，我局将持续深化政务公开。", true),
            ("2024年，我局将进一步加强政策解读。", true),
            ("2024年，本机关计划开展政府开放月活动。", true),
            ("2024年度，我局拟完善公开目录。", true),
            ("展望2023年，我局将持续深化政务公开。", true),
            ("下一步，2024年，我局将继续加强培训。", true),
            ("展望２０２４年，我局将持续深化政务公开。", true),
            ("展望 2024 年，我局将持续深化政务公开。", true),
            ("展望2025年，我局将持续深化政务公开。", false),
            ("2025年，我局将进一步加强政策解读。", false),
            ("2025年度，本机关计划开展政府开放月活动。", false),
            ("对照2024年度政务公开工作要点，我局将查漏补缺。", false),
            ("我局将总结2024年经验，持续改进。", false),
            ("2026年，我局拟完善公开目录。", false),
            ("下一步，我局将持续深化政务公开。", false),
            ("针对2024年存在的问题，我局将认真整改。", false),
            (
                "2024年，我局将政务公开工作纳入绩效考核，但仍有差距。",
                false,
            ),
            ("2024年，我局将继续加强业务培训。", true),
        ],
    );
}

#[test]
fn y005_review_year_phrasings() {
    let s = seed("002");
    let y5 = "（一）存在主要问题。";
    run(
        "Y005",
        &|p| sub(&s, y5, p),
        &[
            ("（一）2024年度存在问题改进情况。", true),
            ("（一）2022年度存在的主要问题及整改情况。", true),
            ("（一）2024年存在的主要问题及改进情况。", true),
            (
                "（一）针对2024年工作中存在的不足，我局采取了以下措施。",
                true,
            ),
            ("（一）2024年度存在的问题和改进情况。", true),
            ("（一）2024年度存在问题整改落实情况。", true),
            ("（一）针对2022年发现的问题，我局开展了专项整改。", true),
            ("（一）2025年度存在问题改进情况。", true),
            ("（一）2023年度存在问题改进情况。", false),
            ("（一）2023年存在的主要问题及整改情况。", false),
            (
                "（一）针对2023年工作中存在的不足，我局采取了以下措施。",
                false,
            ),
            ("（一）存在主要问题。", false),
            ("（一）上年度存在问题改进情况。", false),
            ("（一）2024年，我局政务公开工作仍存在一些不足。", false),
            ("（一）对照2024年度政务公开工作要点，仍存在差距。", false),
            ("（一）2023年度存在的问题和改进情况。", false),
        ],
    );
}

#[test]
fn y006_signature_phrasings() {
    let s = seed("004")
        .replace("[bookmark: _GoBack]", "")
        .replace("\t规范性文件\n", "\t行政规范性文件\n");
    let sig = " 2025年1月17日";
    run(
        "Y006",
        &|p| sub(&s, sig, p),
        &[
            (" 2025年2月17日", true),
            (" 2024年1月17日", true),
            (" 2025年3月1日", true),
            ("二〇二五年二月十日", true),
            ("2026年1月10日", true),
            (" 2024年12月30日", true),
            ("2025 年 2 月 17 日", true),
            ("2025年12月31日", true),
            ("２０２５年２月１７日", true),
            (" 2025年1月17日", false),
            ("二〇二五年一月十七日", false),
            ("2025年1月31日", false),
            (" 2025年1月5日", false),
            ("2025 年 1 月 17 日", false),
            ("二○二五年一月二十日", false),
            ("2025年1月1日", false),
            ("2025年1月20日", false),
            ("２０２５年１月１７日", false),
        ],
    );
}

#[test]
fn f001_fee_without_applications_phrasings() {
    let s = sub(
        &seed("000"),
        "\n存在的主要问题及改进情况\n",
        "\n五、存在的主要问题及改进情况\n",
    );
    let s = sub(
        &s,
        "本年度依申请公开政府信息未收取任何费用，包括：检索费、复制费（含案卷材料复制费）、邮寄费。",
        "",
    );
    let fee = "收取信息处理费为0。";
    run(
        "F001",
        &|p| sub(&s, fee, p),
        &[
            ("收取信息处理费300元。", true),
            ("共收取信息处理费150.5元。", true),
            ("收取了信息处理费共计200元。", true),
            ("收取政府信息公开信息处理费0.03万元。", true),
            ("向申请人收取信息处理费合计80元。", true),
            ("收取信息处理费为120元。", true),
            ("本年度收取信息处理费计50元。", true),
            ("全年收取信息处理费300元，已全部上缴国库。", true),
            ("收取信息处理费为0。", false),
            ("未收取信息处理费。", false),
            ("没有收取任何费用。", false),
            ("全年行政事业性收费300元。", false),
            ("未收取信息处理费100元以上的申请。", false),
            ("收取信息处理费0元。", false),
            ("全市各部门共收取信息处理费300元。", false),
            ("不存在收取信息处理费的情况。", false),
        ],
    );
}

#[test]
fn f002_fee_contradiction_phrasings() {
    let s = seed("002");
    run(
        "F002",
        &in_section1(&s),
        &[
            ("收取信息处理费300元。", true),
            ("共收取信息处理费150.5元。", true),
            ("向申请人收取了信息处理费共计200元。", true),
            ("收取政府信息公开信息处理费0.03万元。", true),
            ("依法收取信息处理费合计80元。", true),
            ("收取信息处理费为120元。", true),
            ("本年度收取信息处理费计50元。", true),
            ("对1件申请收取信息处理费300元。", true),
            ("未收取信息处理费。", false),
            ("全年行政事业性收费1421万元。", false),
            ("收取信息处理费0元。", false),
            ("没有收取任何费用。", false),
            ("全市各部门共收取信息处理费300元。", false),
            ("未收取信息处理费100元以上的申请。", false),
            ("收取信息处理费的标准为每件100元。", false),
            ("收费标准按《政府信息公开信息处理费管理办法》执行。", false),
        ],
    );
}

#[test]
fn f003_unpaid_fee_phrasings() {
    let s = table_row(&seed("002"), "（一）予以公开", [29, 0, 0, 0, 0, 0, 29]);
    let s = table_row(&s, UNPAID, [1, 0, 0, 0, 0, 0, 1]);
    run(
        "F003",
        &|p| sub(&s, "本单位未向申请人收取信息处理费。", p),
        &[
            ("本年度申请未达到收费标准，故未收取信息处理费。", true),
            ("本年度不涉及信息处理费。", true),
            ("本年度未产生信息处理费。", true),
            ("本年度未发生收费情况。", true),
            ("未发出收费通知。", true),
            (
                "本年度所有申请均未达到《政府信息公开信息处理费管理办法》规定的收费标准。",
                true,
            ),
            ("本机关不涉及收费事项。", true),
            ("全年未涉及信息处理费。", true),
            ("本单位未向申请人收取信息处理费。", false),
            ("本年度向1名申请人发出收费通知，申请人逾期未缴纳。", false),
            ("没有收取任何费用。", false),
            ("本年度未收取信息处理费。", false),
            ("收取信息处理费为0。", false),
            ("对1件申请发出收费通知，申请人未按期缴费。", false),
            ("全年行政事业性收费1421万元。", false),
            ("信息处理费按照国家规定执行。", false),
        ],
    );
}

#[test]
fn f004_fee_statement_phrasings() {
    let s = seed("002");
    run(
        "F004",
        &|p: &str| match p.strip_prefix("s1:") {
            // The statement in section 一, none in section 六.
            Some(p) => in_section1(&sub(&s, FEE6, ""))(p),
            None => sub(&s, FEE6, p),
        },
        &[
            (
                "（一）本单位收取政府信息公开信息处理费情况。\n\n未收取信息公开处理费。\n",
                false,
            ),
            ("本单位未收取信息公开处理费。\n", false),
            ("本年度未收取政府信息公开信息处理费。\n", false),
            ("（一）政府信息公开信息处理费收取情况：无。\n", false),
            ("本年度收取信息处理费0元。\n", false),
            ("本年度没有产生收费。\n", false),
            ("本年度依申请公开未收取任何费用。\n", false),
            ("（一）信息公开处理费：0元。\n", false),
            (&format!("{}\n", spaced("本单位未收取信息处理费。")), false),
            ("", true),
            ("（一）本单位人大代表建议办理情况。\n", true),
            ("本年度无其他需要报告的事项。\n", true),
            (
                "（一）本单位政务公开培训情况。\n\n全年开展培训3次。\n",
                true,
            ),
            ("无。\n", true),
            ("（一）本单位落实上级工作要点情况。\n", true),
            ("（一）其他事项。本年度无。\n", true),
            ("（一）本单位政务公开考核情况。\n\n考核结果为优秀。\n", true),
            (
                "（一）本单位人大代表建议办理情况。\n\n全年办理建议4件。\n",
                true,
            ),
            ("s1:本年度未收取信息处理费；", false),
            ("s1:本年度公开政策文件120件；", true),
        ],
    );
}

#[test]
fn f005_admin_fee_phrasings() {
    let s = seed("002");
    run(
        "F005",
        &in_section1(&s),
        &[
            ("全年行政事业性收费1421元；", true),
            ("全年行政事业性收费1400万元；", true),
            ("本年度行政事业性收费金额为1421.5万元；", true),
            ("行政事业性收费共计14210元；", true),
            ("收取行政事业性收费合计1000万元；", true),
            ("行政事业性收费142万元；", true),
            ("本机关行政事业性收费为1422万元；", true),
            ("行政事业性收费1521万元。", true),
            ("全年行政事业性收费1421万元；", false),
            ("本年度行政事业性收费金额为1421.00万元；", false),
            ("全年行政事业性收费14210000元；", false),
            ("全市各部门行政事业性收费5000万元；", false),
            ("行政事业性收费较上年减少200万元；", false),
            ("行政事业性收费项目12项；", false),
            ("减免行政事业性收费约300万元；", false),
            ("行政事业性收费同比增长10万元；", false),
        ],
    );
}

#[test]
fn n001_received_phrasings() {
    let s = seed("002");
    // 本年新收 34; with carried-over 2 for the 一 + 二 phrasings.
    let with_over = table_row(&s, ROW2, [2, 0, 0, 0, 0, 0, 2]);
    run(
        "N001",
        &|p: &str| match p.strip_prefix("+2:") {
            Some(p) => in_section1(&with_over)(p),
            None => in_section1(&s)(p),
        },
        &[
            ("共收到政府信息公开申请35件；", true),
            ("全年共受理信息公开申请３５件；", true),
            ("本机关共收到申请三十件；", true),
            ("本年度共受理依申请公开33件；", true),
            ("未收到政府信息公开申请；", true),
            ("+2:共受理政府信息公开申请40件（其中上年结转2件）；", true),
            ("接收政府信息公开申请 3 5 件；", true),
            ("本机关收到政府信息公开申请20件；", true),
            ("本年度新收政府信息公开申请30件；", true),
            ("全年共受理依申请公开事项28件；", true),
            ("本年新收政府信息公开申请34件；", false),
            ("共收到政府信息公开申请34件；", false),
            ("共收到政府信息公开申请三十四件；", false),
            ("共受理信息公开申请３４件；", false),
            ("全区各部门共受理政府信息公开申请120件；", false),
            ("+2:共受理政府信息公开申请36件（其中上年结转2件）；", false),
            ("+2:本年度共受理政府信息公开申请36件；", false),
            ("受理申请数量较上年增加5件；", false),
            ("共收到政府信息公开申请30余件；", false),
            ("每月收到政府信息公开申请2至3件；", false),
            ("其中通过网络收到申请20件；", false),
            ("受理的申请中，约有20件涉及征地拆迁；", false),
            ("收到信息公开申请 3 4 件；", false),
            ("政务服务中心全年受理行政许可申请1200件；", false),
            ("全县各乡镇共受理政府信息公开申请300件；", false),
            ("本机关全年共受理政府信息公开申请34件；", false),
            ("本机关全年共受理政府信息公开申请33件；", true),
            ("全年受理政府信息公开申请两件；", true),
        ],
    );
}

#[test]
fn n002_carried_over_phrasings() {
    let s = seed("002");
    run(
        "N002",
        &in_section1(&s),
        &[
            ("上年结转申请2件；", true),
            ("上年度结转的政府信息公开申请3件；", true),
            ("上一年度结转申请两件；", true),
            ("上年结转政府信息公开申请１件；", true),
            ("另有上年结转申请 1 件；", true),
            ("上年结转申请十件；", true),
            ("上年结转未办结申请4件；", true),
            ("上年结转申请0件；", false),
            ("上年结转申请零件；", false),
            ("无上年结转的政府信息公开申请；", false),
            ("全区各部门上年结转申请12件；", false),
            ("上年结转申请较上年减少2件；", false),
            ("上年结转的人大建议2件已办结；", false),
            ("上年结转申请约3件；", false),
            ("上年结转的申请均已办结；", false),
            ("本年度没有上年结转申请；", false),
        ],
    );
}

#[test]
fn n003_concluded_phrasings() {
    let s = seed("002");
    run(
        "N003",
        &in_section1(&s),
        &[
            ("全年办结申请32件；", true),
            ("已办结政府信息公开申请三十二件；", true),
            ("共答复政府信息公开申请31件；", true),
            ("全年办结依申请公开３０件；", true),
            ("已办理完毕申请34件；", true),
            ("依申请公开办结 3 2 件；", true),
            ("本年度处理完毕申请20件；", true),
            ("全年办结申请33件；", false),
            ("全年办结申请三十三件；", false),
            (
                "已全部答复，其中同意公开9件、部分公开0件、不予公开2件、转下一年度办理1件；",
                false,
            ),
            ("已按期答复其中予以公开9件；", false),
            ("全区各部门共办结申请120件；", false),
            ("办结申请数量较上年增加5件；", false),
            ("办结申请约30件；", false),
            ("按时答复率100%；", false),
            ("办结人大建议4件；", false),
            ("办结申请30余件；", false),
            ("全年办结行政许可申请1200件；", false),
        ],
    );
}

#[test]
fn n004_carried_forward_phrasings() {
    let s = seed("002");
    run(
        "N004",
        &in_section1(&s),
        &[
            ("结转下年度继续办理申请2件；", true),
            ("结转下一年度办理的申请3件；", true),
            ("结转至下年度继续办理申请两件；", true),
            ("结转下年度申请０件；", true),
            ("结转到下一年度 2 件；", true),
            ("另有申请结转下年度继续办理三件；", true),
            ("结转下年度办理申请5件；", true),
            ("结转下年度继续办理申请1件；", false),
            ("结转下一年度办理的申请一件；", false),
            ("结转下年度继续办理申请１件；", false),
            ("全区各部门结转下年度申请12件；", false),
            ("结转下年度申请较上年减少2件；", false),
            ("结转下年度申请约1件；", false),
            ("上年结转申请0件；", false),
            ("无结转下年度的人大建议；", false),
            ("结转下年度的申请将于法定期限内答复；", false),
        ],
    );
}

#[test]
fn n005_review_phrasings() {
    let s = seed("002");
    run(
        "N005",
        &in_section1(&s),
        &[
            ("因政府信息公开被申请行政复议3件；", true),
            ("因依申请公开引发行政复议三件；", true),
            ("政府信息公开行政复议2起；", true),
            ("未发生因政府信息公开被申请行政复议的情况；", true),
            ("依申请公开引起的行政复议５件；", true),
            ("没有收到政府信息公开方面的行政复议；", true),
            ("因政府信息公开被申请行政复议 1 件；", true),
            ("信息公开申请引起行政复议两件；", true),
            ("因政府信息公开被申请行政复议4件；", false),
            ("因依申请公开引发行政复议四件；", false),
            (
                "全年未发生因政府信息公开被行政复议纠错或行政诉讼败诉的情形；",
                false,
            ),
            ("未发生政府信息公开行政复议被纠错的情况；", false),
            ("全市各部门因政府信息公开被申请行政复议20件；", false),
            ("政府信息公开行政复议纠错0件；", false),
            ("政府信息公开行政复议较上年减少2件；", false),
            ("因政府信息公开被申请行政复议约4件；", false),
            ("确保无一例因政府信息公开引发的行政复议被纠错；", false),
            (
                "全年办理行政复议案件120件，其中涉及政府信息公开的5件；",
                false,
            ),
            ("本机关因政府信息公开被申请行政复议3件；", true),
        ],
    );
}

#[test]
fn n006_litigation_phrasings() {
    // One lawsuit (未经复议直接起诉, 其他结果), so that "0" is a finding.
    let s = sub(
        &seed("002"),
        T4,
        "\t0\n\t0\n\t4\n\t0\n\t4\n\t0\n\t0\n\t1\n\t0\n\t1\n",
    );
    let s = sub(&s, "未引发行政诉讼行为", "引发行政诉讼1件");
    run(
        "N006",
        &in_section1(&s),
        &[
            ("因政府信息公开被提起行政诉讼2件；", true),
            ("政府信息公开行政诉讼三起；", true),
            ("未发生因政府信息公开引发的行政诉讼；", true),
            ("无政府信息公开行政诉讼；", true),
            ("因依申请公开引发行政诉讼０件；", true),
            ("没有被提起政府信息公开行政诉讼；", true),
            ("因政府信息公开被提起行政诉讼 2 件；", true),
            ("依申请公开引发行政诉讼两件；", true),
            ("因政府信息公开被提起行政诉讼1件；", false),
            ("依申请公开引发行政诉讼一件；", false),
            (
                "全年未发生因政府信息公开被行政复议纠错或行政诉讼败诉的情形；",
                false,
            ),
            ("未发生政府信息公开行政诉讼败诉案件；", false),
            ("全市各部门因政府信息公开被提起行政诉讼12件；", false),
            ("政府信息公开行政诉讼败诉0件；", false),
            ("政府信息公开行政诉讼较上年减少2件；", false),
            ("确保无一例因政府信息公开引发的行政诉讼败诉；", false),
            ("政府信息公开行政诉讼约1件；", false),
            ("全年应诉行政诉讼30件，其中涉及政府信息公开的1件；", false),
            ("全县各乡镇因政府信息公开被提起行政诉讼5件；", false),
        ],
    );
}

#[test]
fn n007_normative_documents_phrasings() {
    let s = seed("002");
    run(
        "N007",
        &in_section1(&s),
        &[
            ("现行有效规范性文件8件；", true),
            ("尚余有效的行政规范性文件六件；", true),
            ("本年制发行政规范性文件2件；", true),
            ("未制发行政规范性文件；", true),
            ("印发规范性文件５件；", true),
            ("现行有效的行政规范性文件 1 0 件；", true),
            ("继续有效的规范性文件9件；", true),
            ("出台行政规范性文件一件；", true),
            ("现行有效规范性文件7件；", false),
            ("现行有效的行政规范性文件七件；", false),
            ("本年印发行政规范性文件3件；", false),
            ("制发规范性文件三件；", false),
            ("全区各部门现行有效规范性文件120件；", false),
            ("清理规范性文件13件；", false),
            ("废止规范性文件1件；", false),
            ("现行有效规范性文件约7件；", false),
            ("印发规范性文件较上年增加2件；", false),
        ],
    );
}

/// PDF text of the seed (its tables as text lines, headers included).
fn pdf_002() -> String {
    std::fs::read_to_string("fixtures/layouts/pdf/002.txt").unwrap()
}

#[test]
fn h002_doubled_word_phrasings() {
    let s = seed("002");
    let place = "巩固深化公共企事业单位";
    let pdf = pdf_002();
    let web = std::fs::read_to_string("fixtures/layouts/web/002-blank.txt").unwrap();
    run(
        "H002",
        &|p: &str| {
            if let Some(p) = p.strip_prefix("pdf:") {
                sub(
                    &pdf,
                    "结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n未经",
                    p,
                )
            } else if let Some(p) = p.strip_prefix("pdf3:") {
                sub(&pdf, "申请人情况\n自然人\n", p)
            } else if let Some(p) = p.strip_prefix("web:") {
                sub(&web, "\n\n行政复议\n\n行政诉讼\n\n结果维持\n", p)
            } else {
                sub(&s, place, &format!("{p}{place}"))
            }
        },
        &[
            ("通过通过门户网站公开信息，", true),
            ("政务公开政务公开工作不断深化，", true),
            ("进一步进一步加强管理，", true),
            ("信息信息公开，", true),
            ("全面全面推进，", true),
            ("我局我局持续", true),
            ("依法依法公开，", true),
            ("公开专栏公开专栏建设，", true),
            ("层层压实责任，", false),
            ("一步一步推进，", false),
            ("研究研究，", false),
            ("常常开展培训，", false),
            ("一个一个落实，", false),
            ("pdf:结果结果其他尚未\n总计总计\n未经", false),
            (
                "pdf:结果维持\n结果纠正\n其他结果\n尚未审结\n总计总计\n未经",
                false,
            ),
            ("人人参与，", false),
            (
                "web:\n\n行政复议行政复议\n\n行政诉讼\n\n结果结果维持\n",
                false,
            ),
            ("web:\n\n行政复议\n\n行政诉讼行政诉讼\n\n结果维持\n", false),
            (
                "pdf:结果维持\n结果纠正\n其他结果\n尚未审结\n总计总计\n未经",
                false,
            ),
            ("加强加强培训，", true),
            ("按照要求要求，", true),
            ("健全制度制度体系，", true),
            ("在 政 务 公 开 公 开 专栏", false),
            ("pdf3:申请人情况申请人情况\n自然人\n", false),
            ("pdf3:（本表总计总计为申请数）\n申请人情况\n自然人\n", false),
            ("公开公正，", false),
        ],
    );
}

/// Heading wordings (issue 10): a heading numbered in position whose title is a
/// wording of its section is that section; S001 reports only a section that is
/// really not there.
#[test]
fn s001_heading_wordings() {
    let s = seed("002");
    let heading = |n: &str| -> &str {
        match n {
            "一" => "一、总体情况\n",
            "二" => "二、主动公开政府信息情况\n",
            "三" => "三、收到和处理政府信息公开申请情况\n",
            "四" => "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表\n",
            "五" => "五、存在的主要问题及改进情况\n",
            _ => "六、其他需要报告的事项 \n",
        }
    };
    run(
        "S001",
        &|p: &str| {
            let n = &p[..3];
            sub(&s, heading(n), &format!("{p}\n"))
        },
        &[
            ("五、存在的主要问题及整改措施", false),
            ("五、存在的主要问题及改进措施", false),
            ("五、存在的主要问题和改进情况", false),
            ("五、存在的问题及改进措施", false),
            ("五、政府信息公开工作存在的主要问题及整改情况", false),
            ("五、存在问题及下一步工作打算", false),
            ("一、总体概况", false),
            ("一、概述", false),
            ("二、主动公开政府信息情况统计", false),
            ("三、依申请公开办理情况", false),
            ("四、行政复议和行政诉讼情况", false),
            ("六、其他事项", false),
            ("六、其他需要报告的事项说明：", false),
            ("五、工作展望", true),
            ("五、", true),
            ("五、下一步工作计划", true),
            ("六、附件", true),
            ("一、年度工作综述", true),
            ("四、信息公开工作成效", true),
            ("六、其它", true),
            ("五、改进措施", true),
            ("二、政务公开平台建设", true),
        ],
    );
}

/// Crawler text: the whole report on one long line, headings inside it. The six
/// sections are found (no S001), whatever else the unreadable tables give.
#[test]
fn headings_inline_on_one_long_line() {
    let s = seed("002");
    let one_line: String = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let out = lint(&one_line, &LintOptions::default());
    let found: Vec<u8> = out.report.sections.iter().map(|s| s.index).collect();
    assert_eq!(found, [1, 2, 3, 4, 5, 6]);
    let codes: Vec<_> = out.diagnostics.iter().map(|d| d.code).collect();
    assert!(!codes.contains(&"S001"), "{codes:?}");
    // The prose rules still read the text: the period, the site, the contact.
    for c in ["S009", "S010", "S011"] {
        assert!(!codes.contains(&c), "{c}: {codes:?}");
    }
    // The tables are there but cannot be read: E001 says so, never S005's
    // "no table in this section".
    assert!(!codes.contains(&"S005"), "{codes:?}");
    assert_eq!(
        codes.iter().filter(|c| **c == "E001").count(),
        3,
        "{codes:?}"
    );
}

/// A section that only talks about its subject (行政许可, 予以公开…) has no
/// table words enough to be an unread table: S005, not E001.
#[test]
fn prose_about_table_subjects_is_not_an_unread_table() {
    let text = "2024年度政府信息公开工作年度报告\n\n一、总体情况\n\n本年度统计期限为2024年1月1日至12月31日。\n\n\
        二、主动公开政府信息情况\n\n全年办理行政许可12件、行政处罚3件、行政强制0件，制发规章0件、行政规范性文件2件。\n\n\
        三、收到和处理政府信息公开申请情况\n\n本年新收政府信息公开申请数量5件，予以公开3件，部分公开1件，本机关不掌握相关政府信息1件。\n\n\
        四、政府信息公开行政复议、行政诉讼情况\n\n全年行政复议结果维持1件。\n\n\
        五、存在的主要问题及改进情况\n\n无。\n\n六、其他需要报告的事项\n\n无。\n";
    let out = lint(text, &LintOptions::default());
    let codes: Vec<_> = out.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "S005").count(),
        3,
        "{codes:?}"
    );
    assert!(!codes.contains(&"E001"), "{codes:?}");
}

/// A table that could not be read silences the rules that compare with it
/// (E001 says why), while the prose rules still read the text.
#[test]
fn unreadable_table_silences_its_rules_not_the_prose_rules() {
    let pdf = pdf_002();
    // Table 三 row 一 run together: its values cannot be told apart.
    let text = sub(
        &pdf,
        "一、本年新收政府信息公开申请数量 34 0 0 0 0 0 34",
        "一、本年新收政府信息公开申请数量 3400000034",
    );
    let text = sub(&text, "申请 34 件", "申请 35 件");
    let text = sub(&text, "2024 年，山亭区政府坚持", "2023 年，山亭区政府坚持");
    let got = codes(&text);
    assert!(got.contains(&"E001"), "{got:?}");
    assert!(
        !got.contains(&"N001"),
        "N001 compares with an unreadable cell: {got:?}"
    );
    assert!(got.contains(&"Y003"), "the prose rules still run: {got:?}");
    // The same text with the table readable: N001 compares.
    let readable = sub(
        &text,
        "一、本年新收政府信息公开申请数量 3400000034",
        "一、本年新收政府信息公开申请数量 34 0 0 0 0 0 34",
    );
    assert!(codes(&readable).contains(&"N001"));
}

/// A statistic over part of the year in the running text is not the period:
/// without a period in the preamble, S009 reports it and Y001 stays silent.
#[test]
fn a_statistic_is_not_the_period() {
    let s = sub(&seed("002"), PERIOD, "");
    let s = in_section1(&s)("据统计，2024年1月至6月，共发布信息300条；");
    let got = codes(&s);
    assert!(got.contains(&"S009"), "{got:?}");
    assert!(!got.contains(&"Y001"), "{got:?}");
}

/// Seed 002 with section 五's body replaced by `body`.
fn with_section5(s: &str, body: &str) -> String {
    let start = s.find("（一）存在主要问题。").unwrap();
    let end = s.find("六、其他需要报告的事项").unwrap();
    format!("{}{body}\n{}", &s[..start], &s[end..])
}

#[test]
fn s012_problems_section_phrasings() {
    let s = seed("002");
    let real = "网站栏目更新不及时。下一步建立栏目更新台账，每月检查。";
    run(
        "S012",
        &|p| with_section5(&s, p),
        &[
            ("", true),
            ("无。", true),
            ("暂无。", true),
            ("无明显问题。", true),
            ("（一）存在的主要问题\n无\n（二）改进情况\n无", true),
            ("（一）存在的主要问题：无。（二）改进情况：无。", true),
            ("本年度我单位政府信息公开工作不存在问题。", true),
            (
                "下一步，我局将进一步加强政府信息公开工作，不断提高公开质量。",
                true,
            ),
            (&spaced("暂无。"), true),
            (real, false),
            (&spaced(real), false),
            ("政策解读形式单一。将增加图解和视频解读。", false),
            (
                "（一）存在的主要问题：依申请公开答复文书格式不统一。（二）改进情况：制定答复文书模板，2025年3月前印发。",
                false,
            ),
            ("基层公开标准目录更新滞后。已于12月完成3个镇街目录修订。", false),
            ("无障碍浏览功能不完善。计划年内完成网站适老化改造。", false),
            (
                "暂无明显问题，但政务新媒体更新频率偏低，将制定发布计划。",
                false,
            ),
            (
                "（一）存在主要问题。在打造政务公开服务品牌方面，受制于宣传力度、资金保障等因素，品牌影响力面临瓶颈。\n\n（二）下步改进措施。持续加大品牌宣传推广力度。",
                false,
            ),
        ],
    );
}

#[test]
fn n008_all_concluded_phrasings() {
    let s = seed("002");
    // Seed 002 carries 1 application forward; `zero:` sets row 四 to 0 (the
    // other claim: some still being handled).
    let zero = table_row(&s, "四、结转下年度继续办理", [0; 7]);
    run(
        "N008",
        &|p: &str| match p.strip_prefix("zero:") {
            Some(p) => sub(&zero, SEC1_P, &format!("{SEC1_P}{p}")),
            None => sub(&s, SEC1_P, &format!("{SEC1_P}{p}")),
        },
        &[
            ("全年受理的申请已全部办结；", true),
            ("所有申请均已办结；", true),
            ("申请均已按期办结；", true),
            ("依申请公开办结率100%；", true),
            ("申请全部办理完毕，无结转下年度的申请；", true),
            ("本年度无需结转至下一年度办理的申请；", true),
            ("收到的申请均已依法办结；", true),
            (&spaced("申请已全部办结；"), true),
            ("zero:另有1件申请尚在办理中；", true),
            ("申请均已按时答复；", false),
            ("按时答复率100%；", false),
            ("除1件申请结转下年度办理外，其余均已办结；", false),
            ("上年结转的2件申请已全部办结；", false),
            ("全区各部门受理的申请已全部办结；", false),
            ("未能全部办结的1件申请已结转下年度；", false),
            ("12345热线转办的申请均已办结；", false),
            ("其中20件申请已全部办结；", false),
            ("zero:申请已全部办结；", false),
            ("zero:无尚在办理的申请；", false),
        ],
    );
}

#[test]
fn n009_active_disclosure_phrasings() {
    let s = seed("002");
    // Table 二 of seed 002: 规章 0 0 0, 行政许可 14285, 行政处罚 98001, 行政强制 4929.
    run(
        "N009",
        &in_section1(&s),
        &[
            ("全年作出行政处罚决定98件；", true),
            ("办理行政许可事项1428件；", true),
            ("作出行政强制决定四十九件；", true),
            ("行政处罚案件９８００件；", true),
            ("行政许可决定 1 4 2 8 件；", true),
            ("未作出行政强制决定；", true),
            ("办结行政许可14280件；", true),
            ("无行政处罚案件；", true),
            ("行政处罚案件共计9800件；", true),
            ("行政许可事项办理14280件；", true),
            ("全年作出行政处罚决定98001件；", false),
            ("行政强制决定4929件；", false),
            ("全市行政处罚案件12万件；", false),
            ("行政许可决定同比增加120件；", false),
            ("累计办理行政许可事项50000件；", false),
            ("其中行政处罚简易程序90件；", false),
            ("受理行政许可申请15000件；", false),
            ("行政处罚和行政强制案件共102930件；", false),
            ("作出行政处罚决定约9.8万件；", false),
            ("行政许可事项清单共计78项；", false),
            ("行政处罚决定2至3件；", false),
            ("作出行政处罚决定9800余件；", false),
            ("现行有效规章2件；", true),
            ("制定政府规章一件；", true),
            ("未制定规章；", false),
            ("建立健全规章制度5件；", false),
            ("组织行政处罚听证3起；", false),
            ("行政许可事项平均压缩至3个工作日；", false),
        ],
    );
}
