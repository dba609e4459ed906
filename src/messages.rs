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

    // The three kinds of line xxgk writes to stderr, each `{}` the rest of it.
    ERROR_LINE: "xxgk: 错误：{}", "xxgk: error: {}";
    WARNING_LINE: "xxgk: 警告：{}", "xxgk: warning: {}";
    NOTE_LINE: "xxgk: 提示：{}", "xxgk: note: {}";

    // `xxgk check --show-settings`.
    SETTINGS_FILE: "文件 (file): {}", "file: {}";
    SETTINGS_CONFIG: "配置文件 (configuration): {}", "configuration: {}";
    SETTINGS_NO_CONFIG: "（无）(none)", "(none)";
    SETTINGS_KIND: "报告类型 (report-kind): {}", "report-kind: {}";
    SETTINGS_KIND_INFERRED: "（按发布机关推断）(inferred)", "(inferred from the issuer)";
    SETTINGS_RULES: "规则 (rules):", "rules:";
    SETTINGS_THRESHOLD: "阈值 (threshold) {}", "threshold {}";

    // Notes and warnings while checking.
    READ_AS_GB18030: "{}: 不是 UTF-8 编码，已按 GB18030 读取 (not UTF-8; read as GB18030)",
        "{}: not UTF-8; read as GB18030";
    FIXES_UNDO_EACH_OTHER: "{}: 有几处修改互相抵消，均未应用；请按提示手工修改 (some fixes undo each other)",
        "{}: some fixes undo each other; they were not applied";
    FIFO_WAITING: "{}: 是命名管道（FIFO），正在等待写入 (named pipe; waiting for a writer)",
        "{}: is a named pipe (FIFO); waiting for a writer";
    NOT_REGULAR_FILE: "{}: 不是普通文件（管道、套接字或设备），已跳过 (not a regular file; skipped)",
        "{}: not a regular file (a pipe, socket or device); skipped";
    NOT_A_REPORT_SKIPPED: "{}: {}，已跳过；在命令行上直接指定该文件即可检查 (not a report; skipped)",
        "{}: {}; skipped (name the file on the command line to check it)";
    OUR_SUMMARY_PAGE: "是 xxgk 生成的审查结果页", "is a summary page xxgk wrote";
    DOES_NOT_LOOK_LIKE_A_REPORT: "不像年度报告（开头没有报告标题、部分标题或表格用语）",
        "does not look like an annual report (no report title, section heading or table wording near the start)";
    CANNOT_READ_DIR_ENTRY: "{}：无法读取目录项 (cannot read directory entry)：{}",
        "{}: cannot read a directory entry: {}";
    NO_REPORTS_FOUND: "{}: 没有找到报告（查找的是未被 .gitignore、xxgk.toml 或 --exclude 排除的 .txt、.md、.docx、.doc、.wps、.html 和 .pdf 文件）(no reports found)",
        "{}: no reports found (looked for .txt, .md, .docx, .doc, .wps, .html and .pdf files not excluded by .gitignore, xxgk.toml or --exclude)";
    ALSO_SKIPPED: "；{} 个文件不像年度报告，已跳过", "; {} files do not look like reports and were skipped";
    NO_SUCH_CONFIG: "{}: 配置文件不存在（由 --config 指定）(no such configuration file)",
        "{}: no such configuration file (given with --config)";
    CONFIG_IS_DIR: "{}: 是目录，不是配置文件（由 --config 指定）(is a directory)",
        "{}: is a directory, not a configuration file (given with --config)";
    NO_PROBLEMS: "✓ 未发现问题（{} 个文件）", "✓ No problems found ({})";
    CANNOT_WRITE_OUTPUT: "无法写出检查结果：{} (cannot write output)", "cannot write the output: {}";

    // Command-line parse errors (src/cli/parse_errors.rs). Only the Chinese
    // ones are printed: in English clap's own text is, and these say the same.
    CLAP_UNKNOWN_ARGUMENT: "无法识别的参数「{}」", "unexpected argument '{}' found";
    CLAP_UNKNOWN_SUBCOMMAND: "无法识别的子命令「{}」", "unrecognized subcommand '{}'";
    CLAP_INVALID_VALUE: "「{}」不是「{}」的有效取值", "invalid value '{}' for '{}'";
    CLAP_VALUE_REQUIRED: "「{}」需要一个值，但没有给出", "a value is required for '{}' but none was supplied";
    CLAP_POSSIBLE_VALUES: "[可选值：{}]", "[possible values: {}]";
    CLAP_SUBCOMMANDS: "[子命令：{}]", "[subcommands: {}]";
    CLAP_NO_EQUALS: "给「{}」赋值时需要等号（=）", "equal sign is needed when assigning values to '{}'";
    CLAP_MISSING_REQUIRED: "缺少以下必需的参数：", "the following required arguments were not provided:";
    CLAP_MISSING_SUBCOMMAND: "「{}」需要一个子命令，但没有给出", "'{}' requires a subcommand but one was not provided";
    CLAP_TOO_MANY_VALUES: "「{}」不需要更多的值，却又给出了「{}」", "unexpected value '{}' for '{}' found; no more were expected";
    CLAP_TOO_FEW_VALUES: "「{}」至少需要 {} 个值，只给出了 {} 个", "'{}' requires at least {} values; only {} were provided";
    CLAP_WRONG_NUMBER: "「{}」需要 {} 个值，却给出了 {} 个", "'{}' requires {} values but {} were provided";
    CLAP_CONFLICT: "「{}」不能与以下参数同时使用：", "the argument '{}' cannot be used with:";
    CLAP_REPEATED: "「{}」不能重复使用", "the argument '{}' cannot be used multiple times";
    CLAP_INVALID_UTF8: "参数不是有效的 UTF-8 文本", "invalid UTF-8 was detected in one or more arguments";
    CLAP_NOT_A_NUMBER: "不是整数", "invalid digit found in string";
    CLAP_NUMBER_TOO_LARGE: "数太大", "number too large to fit in target type";
    CLAP_SIMILAR_ARGUMENT: "提示：有相似的参数：{}", "tip: a similar argument exists: {}";
    CLAP_SIMILAR_SUBCOMMAND: "提示：有相似的子命令：{}", "tip: a similar subcommand exists: {}";
    CLAP_SIMILAR_VALUE: "提示：有相似的取值：{}", "tip: a similar value exists: {}";
    CLAP_PASS_AS_VALUE: "提示：要把「{}」作为值传入，请写「{}」", "tip: to pass '{}' as a value, use '{}'";
    CLAP_EXISTS: "提示：存在「{}」", "tip: '{}' exists";
    CLAP_REMOVE_DASHES: "提示：存在子命令「{}」；要使用它，请去掉它前面的「--」",
        "tip: subcommand '{}' exists; to use it, remove the '--' before it";
    CLAP_TIP: "提示：{}", "tip: {}";
    CLAP_USAGE: "用法：{}", "Usage: {}";
    CLAP_TRY_HELP: "更多信息请使用「{}」。", "For more information, try '{}'.";
    // Help: what clap writes after an option's text, in Chinese.
    HELP_DEFAULT: "[默认：{}]", "[default: {}]";

    // Configuration files (src/config.rs); the first `{}` is the file and position.
    CONFIG_INVALID: "{}: 配置无效 (invalid configuration)：{}\n  （请修改该文件，或运行 `xxgk init --stdout` 查看带注释的示例）",
        "{}: invalid configuration: {}\n  (fix the file, or run `xxgk init --stdout` for a commented example)";
    CONFIG_CANNOT_READ: "无法读取 (cannot read)：{}", "cannot read: {}";
    CONFIG_UNKNOWN_SELECTOR: "未知规则「{}」（应为规则代码如 `T001`、名称如 `heading-numbering` 或前缀如 `T`；`xxgk rules` 列出全部规则）(unknown rule)",
        "unknown rule `{}` (a code like `T001`, a name like `heading-numbering`, or a prefix like `T`; `xxgk rules` lists them)";
    CONFIG_UNKNOWN_RULE_KEY: "[rules]：未知规则「{}」（应为规则代码如 `T001` 或名称如 `heading-numbering`；`xxgk rules` 列出全部规则）(unknown rule)",
        "[rules]: unknown rule `{}` (use a code like `T001` or a name like `heading-numbering`; `xxgk rules` lists them)";
    CONFIG_UNKNOWN_ROW_KEY: "[aliases]：未知的行键「{}」；可用的有：{} (unknown row key)",
        "[aliases]: unknown row key `{}`; expected one of: {}";
    CONFIG_NO_THRESHOLD: "[rules.{}]：此规则没有 threshold 设置（有此设置的规则：{}）(this rule takes no threshold)",
        "[rules.{}]: this rule takes no threshold (the rules that do: {})";
    CONFIG_THRESHOLD_RANGE: "[rules.{}]：threshold = {} 超出范围：{} (threshold out of range)",
        "[rules.{}]: threshold = {} is out of range: {}";
    CONFIG_TOO_MANY_GLOBS: "`{}`：有 {} 个 glob，最多允许 {} 个（请改用 `**` 模式）(too many globs)",
        "`{}`: {} globs; at most {} are allowed (use `**` patterns instead)";
    CONFIG_BAD_GLOB: "glob「{}」有误 (bad glob)：{}", "bad glob `{}`: {}";
    // serde's and toml's own messages, recognised by their English wording.
    CONFIG_UNKNOWN_FIELD: "未知的设置项 {}；可用的有：{} (unknown field)", "unknown field {}, expected one of {}";
    CONFIG_UNKNOWN_VARIANT: "取值 {} 无效；可用的有：{} (unknown variant)", "unknown variant {}, expected one of {}";
    CONFIG_INVALID_TYPE: "类型不对：实际是 {}，应为 {} (invalid type)", "invalid type: {}, expected {}";
    CONFIG_INVALID_VALUE: "取值不对：实际是 {}，应为 {} (invalid value)", "invalid value: {}, expected {}";
    CONFIG_LEVEL_EXPECTED: "级别（\"error\"、\"warning\"、\"info\"、\"off\"）或带 `level` 和 `threshold` 的表",
        "a level (\"error\", \"warning\", \"info\", \"off\") or a table with `level` and `threshold`";
    CONFIG_MISSING_FIELD: "缺少设置项 {} (missing field)", "missing field {}";
    CONFIG_DUPLICATE_KEY: "键 {} 重复 (duplicate key)", "duplicate key {}";
    CONFIG_CANNOT_PARSE: "无法解析 (cannot parse)：{}", "{}";

    // Output files and baselines (src/cli/check, src/baseline.rs).
    OUTPUT_FILE: "输出文件", "output file";
    BASELINE_FILE: "基线文件", "baseline file";
    WRITE_FILE_FAILED: "无法写入{} {}：{}", "cannot write the {} {}: {}";
    WRITE_FILE_IS_DIR: "无法写入{} {}：这是一个目录", "cannot write the {} {}: it is a directory";
    STATISTICS_NOT_OFFICE: "--statistics 不能与 --format html 或 xlsx 同用：页面和表格已按规则统计",
        "--statistics cannot be used with --format html or xlsx: the page and the workbook count by rule already";
    XLSX_NEEDS_FILE: "--format xlsx 生成的是二进制文件，不能写到终端或标准输出：请用 --output-file 指定文件（如 --output-file 审查结果.xlsx）",
        "--format xlsx makes a binary file, which cannot go to a terminal or standard output: name one with --output-file (e.g. --output-file review.xlsx)";
    OUTPUT_FILE_WITH_DIFF: "--output-file 不能与 --diff 同用：差异总是写到标准输出",
        "--output-file cannot be used with --diff: the diff always goes to standard output";
    BASELINE_WRITTEN: "xxgk: 已将 {} 条问题（{} 个文件）记入基线 {}", "xxgk: recorded {} findings ({} files) in the baseline {}";
    BASELINE_HIDDEN: "xxgk: 已按基线隐藏 {} 条已审核问题（{}）", "xxgk: {} reviewed findings hidden by the baseline ({})";
    BASELINE_UNUSED: "xxgk: 基线中有 {} 条已审核问题本次未再出现（已改正，或原文已改动）；核对后可用 --write-baseline {} 重写基线：",
        "xxgk: {} reviewed findings of the baseline did not occur this time (corrected, or the text changed); once checked, rewrite it with --write-baseline {}:";
    BASELINE_UNUSED_ENTRY: "{}: {} {} {}（原文：{}）", "{}: {} {} {} (text: {})";
    BASELINE_CANNOT_READ: "无法读取基线文件 {}：{}", "cannot read the baseline file {}: {}";
    BASELINE_INVALID: "基线文件 {} 不是有效的 xxgk 基线（{}）；可用 --write-baseline 重新生成",
        "the baseline file {} is not a valid xxgk baseline ({}); make it again with --write-baseline";
    BASELINE_VERSION: "基线文件 {} 的格式版本 {} 不受支持（本版 xxgk 读写版本 {}）",
        "the baseline file {} has format version {}, which is not supported (this xxgk reads and writes version {})";

    // Reading a file (src/input).
    CANNOT_READ: "{}: 无法读取 (cannot read)：{}", "{}: cannot read: {}";
    NO_SUCH_FILE: "{}: 文件不存在 (no such file)", "{}: no such file";
    IS_A_DIRECTORY: "{}: 是目录，不是文件 (is a directory)", "{}: is a directory";
    FILE_TOO_LARGE: "{}: 文件有 {} 字节，超出报告 {} MiB 的大小上限，不予读取 (over the size limit)",
        "{}: file is {} bytes, over the {} MiB limit for a report; refusing to read it";
    STREAM_TOO_LARGE: "{}: 已读取超过 {} MiB，超出报告的大小上限，停止读取 (over the size limit; stopped reading)",
        "{}: more than {} MiB read, over the limit for a report; stopped reading";
    BINARY_FILE: "像是二进制文件（第 {} 字节处是控制字符），不是文本报告；请提供 .txt、.md、.docx、.doc、.pdf 或网页格式的报告 (looks like a binary file)",
        "looks like a binary file (control byte at offset {}), not a text report; pass a .txt, .md, .docx, .doc, .pdf or web-page report";
    UNDECODABLE: "既不是 UTF-8 也不是 GB18030 编码（第 {} 字节处的字节序列无效）；请另存为 UTF-8 (neither UTF-8 nor GB18030)",
        "is neither UTF-8 nor GB18030 (invalid byte sequence at offset {}); re-save it as UTF-8";
    BAD_UTF16: "以 UTF-16 字节顺序标记开头，但第 {} 字节处的内容不是有效的 UTF-16，文件可能已损坏；请另存为 UTF-8 (invalid UTF-16)",
        "starts with a UTF-16 byte order mark, but the content at byte {} is not valid UTF-16 (a damaged file?); re-save it as UTF-8";
    UTF16_WITHOUT_BOM: "像是没有字节顺序标记（BOM）的 UTF-16 文本，无法确定字节顺序；请在记事本或 Word 中另存为 UTF-8 或带 BOM 的 Unicode (UTF-16 without a byte order mark)",
        "looks like UTF-16 text without a byte order mark, so the byte order is unknown; re-save it as UTF-8 or as Unicode with a BOM in Notepad or Word";
    DOCX_NOT_ZIP: "不是 .docx（zip）文件：{} (not a .docx file)", "not a .docx (zip) file: {}";
    DOCX_NO_DOCUMENT: ".docx 中没有 word/document.xml，不是 Word 文档 (no word/document.xml)",
        "the .docx has no word/document.xml; it is not a Word document";
    DOCX_PART_TOO_LARGE: "{} 解压后超过 {}（压缩炸弹？），不予读取 (too large)",
        "{} is larger than {} when uncompressed (zip bomb?)";
    DOCX_OTHER_TOO_LARGE: "{} 超过 {}，不予读取 (too large)", "{} is larger than {}";
    DOCX_ARCHIVE_TOO_LARGE: ".docx 文件超过 {}，不予读取 (too large)", "the .docx file is larger than {}";
    DOCX_TOO_MANY_ENTRIES: ".docx 中的 zip 条目超过 {} 个（压缩炸弹？），不予读取 (too many zip entries)",
        "the .docx has more than {} zip entries (zip bomb?)";
    DOCX_TEXT_TOO_LARGE: "{} 展开后的文字超过 {}（表格的合并单元格异常？），不予读取 (text too large)",
        "the text of {} grows past {} (crafted table spans?)";
    TEMP_FILE_FAILED: "无法创建临时文件 (cannot create a temporary file)：{}", "cannot create a temporary file: {}";
    CANNOT_RENDER_OUTPUT: "无法生成检查结果 (cannot render output)：{}", "cannot render the output: {}";
    MAN_CANNOT_WRITE: "{}: 无法写入手册页 (cannot write the manual pages)：{}", "{}: cannot write the manual pages: {}";
    MAN_CANNOT_RENDER: "无法生成手册页 (cannot render the manual page)：{}", "cannot render the manual page: {}";

    // Web pages, Word 97-2003 files and PDFs (src/input/{html,doc,pdf}).
    HTML_NOT_HTML: "不是网页（HTML）文件：{} (not an HTML page)", "not a web page (HTML): {}";
    HTML_UNDECODABLE: "网页的字符编码无法识别：按 {} 解码时第 {} 字节出错；请用浏览器另存为 UTF-8 (cannot decode the page)",
        "cannot decode the page as {} (at byte {}); save it as UTF-8 from the browser";
    HTML_TOO_MANY_TAGS: "网页的标记超过 {} 个，不像一份年度报告，不予读取 (too many tags)",
        "the page has more than {} tags: not an annual report; not read";
    HTML_TOO_DEEP: "网页的元素嵌套超过 {} 层，不像一份年度报告，不予读取 (nested too deep)",
        "the page's elements are nested more than {} deep: not an annual report; not read";
    HTML_TOO_LARGE: "网页展开后的文字超过 {} MiB（表格的 colspan/rowspan 异常？），不予读取 (text too large)",
        "the text of the page grows past {} MiB (odd colspan/rowspan?); not read";
    HTML_NO_TEXT: "网页中没有文字内容 (the page has no text)", "the page has no text";
    HTML_NO_REPORT: "网页中找不到年度报告正文：没有「一、总体情况」等部分标题，也没有表二、表三、表四；如果报告以附件（PDF、Word）发布，请下载附件后检查 (no report found in the page)",
        "no annual report found in the page: no section heading such as 「一、总体情况」 and none of tables 二, 三, 四; if the report is an attachment (PDF, Word), download it and check that";
    DOC_NOT_OLE: "不是可读的 Word 97-2003 文档：{}", "not a readable Word 97-2003 document: {}";
    DOC_ENCRYPTED_DOCX: "这是设置了打开密码的 Word 文档（加密的 .docx），无法读取；请在 Word 或 WPS 中取消密码后另存为 .docx",
        "a Word document with an open password (an encrypted .docx) cannot be read; remove the password in Word or WPS and save it as .docx";
    DOC_NOT_WORD: "不是 Word 文档：文件中没有 WordDocument 流（看起来是{}）；请用 Word 或 WPS 打开报告后另存为 .docx",
        "not a Word document: the file has no WordDocument stream (it looks like {}); open the report in Word or WPS and save it as .docx";
    DOC_ENCRYPTED: "文档设置了打开密码（已加密），无法读取；请在 Word 或 WPS 中取消密码后再检查",
        "the document has an open password (it is encrypted) and cannot be read; remove the password in Word or WPS, then check it";
    DOC_OLD_WORD: "这是 Word 6.0/95 或更早格式的文档，暂不支持；请在 Word 或 WPS 中另存为 .docx",
        "a Word 6.0/95 or older document is not supported; save it as .docx in Word or WPS";
    DOC_DAMAGED: "文件已损坏，无法读取：{}", "the file is damaged and cannot be read: {}";
    DOC_TOO_LARGE: "{}超过上限，不像一份年度报告；拒绝读取", "{} over the limit: not an annual report; not read";
    PDF_ENCRYPTED: "PDF 文件已加密，需要密码才能打开；请提供未加密的版本 (the PDF is encrypted)",
        "the PDF is encrypted and needs a password to open; provide an unencrypted copy";
    PDF_DAMAGED: "PDF 文件已损坏或不是 PDF，无法读取 (cannot read the PDF: {})", "cannot read the PDF (damaged, or not a PDF): {}";
    PDF_TOO_LARGE: "PDF 文件超出读取限制，不像是一份年度报告 (the PDF exceeds a limit: {})",
        "the PDF exceeds a reading limit ({}): not an annual report";

    // Writing a fixed file (src/fix.rs).
    FIX_NEVER_REWRITTEN: "{}不会被改写，--fix/--diff 不适用：xxgk 只改写 .txt 和 .md 文件；请在原稿（Word/WPS）中按提示修改 (--fix and --diff apply to .txt and .md only)",
        "{} is never rewritten; --fix and --diff apply to .txt and .md files only: make the changes in the original (Word/WPS)";
    FIX_MISMATCH: "未改写：读到的文本与文件的字节对不上 (not rewritten: the text read does not match the file's bytes)",
        "not rewritten: the text read does not match the file's bytes";
    FIX_CANNOT_ENCODE: "未改写：修复要写入的「{}」无法用 {} 原样保存 (not rewritten: the encoding cannot store the fix)",
        "not rewritten: the fix writes `{}`, which {} cannot store as it is";
    FIX_CHANGED_MEANWHILE: "文件在读取之后被改动过，请重新运行 (the file changed since it was read; run again)",
        "the file changed since it was read; run again";
    FIX_CANNOT_WRITE: "无法写入 (cannot write)：{}", "cannot write: {}";
    FIX_NOT_REWRITTEN: "未改写 (not rewritten)：{}", "not rewritten: {}";
    FIX_NOT_REGULAR: "不是普通文件 (not a regular file)", "not a regular file";
    FIX_READ_ONLY: "文件是只读的 (the file is read-only)", "the file is read-only";
    FIX_OWNER: "无法保留文件的所有者和组 (cannot keep the owner and group)：{}", "cannot keep the file's owner and group: {}";

    // The language server's log (the editor's output panel) and its start.
    LSP_RUNTIME: "无法启动语言服务器的运行时 (cannot start the language server runtime)：{}",
        "cannot start the language server runtime: {}";
    LSP_LINT_FAILED: "检查 {} 失败 (lint failed)：{}", "lint of {} failed: {}";
    LSP_USING_DEFAULTS: "{}；改用默认设置 (using defaults)", "{}; using defaults";
    LSP_SETTINGS_NOT_OBJECT: "xxgk 的设置应为对象，实际是 {}", "settings for xxgk should be an object, got {}";
    LSP_BAD_REPORT_KIND: "xxgk.reportKind 应为 \"auto\"、\"department\" 或 \"government\"，实际是 {}",
        "xxgk.reportKind: expected \"auto\", \"department\" or \"government\", got {}";
    LSP_BAD_INLAY: "xxgk.inlayHints 应为 \"differences\"、\"always\" 或 \"off\"，实际是 {}",
        "xxgk.inlayHints: expected \"differences\", \"always\" or \"off\", got {}";
    LSP_RULES_NOT_OBJECT: "xxgk.rules 应为对象，实际是 {}", "xxgk.rules should be an object, got {}";
    LSP_NO_RULE: "xxgk.rules：没有规则「{}」（见 `xxgk rules`）", "xxgk.rules: no rule `{}` (see `xxgk rules`)";
    LSP_BAD_LEVEL: "xxgk.rules.{} 应为 \"error\"、\"warning\"、\"info\" 或 \"off\"，实际是 {}",
        "xxgk.rules.{}: expected \"error\", \"warning\", \"info\" or \"off\", got {}";
    // What a client did wrong, in the log (the editor's output panel).
    LSP_OPENED_TWICE: "{} 被打开了两次；使用新的文本 (opened twice)", "{} opened twice; using the new text";
    LSP_CHANGE_NOT_OPEN: "收到未打开的 {} 的修改，已忽略 (change for a document not open)",
        "change for {}, which is not open; ignored";
    LSP_CONFIGURATION_FAILED: "读取编辑器设置（workspace/configuration）失败：{}", "workspace/configuration failed: {}";
    LSP_EDIT_PAST_END: "修改范围 {} 超出文档末尾（共 {} 行），已截断 (edit range past the end; clamped)",
        "edit range {} lies past the end of the document ({} lines); clamped";
    LSP_SKIPPED_BYTES: "xxgk lsp：在 Content-Length 头之前跳过了 {} 字节 (skipped bytes)",
        "xxgk lsp: skipped {} bytes before a Content-Length header";
    LSP_LENGTH_TOO_LARGE: "xxgk lsp：Content-Length {} 大于消息本身（{} 字节）；从消息末尾继续读取 (Content-Length too large)",
        "xxgk lsp: Content-Length {} is larger than the message ({} bytes); reading on from its end";
    LSP_MALFORMED: "xxgk lsp：丢弃了一条格式错误的消息 (dropped a malformed message)：{}",
        "xxgk lsp: dropped a malformed message: {}";
    DOCX_BAD_XML: "{} 不是格式正确的 XML：{} (not well-formed XML)", "{} is not well-formed XML: {}";
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
