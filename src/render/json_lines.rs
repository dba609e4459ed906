//! `--format json-lines`: one JSON object per line, the same objects as `--format json`,
//! so a pipeline can stream them.

use super::FileReport;

pub fn emit(file: &FileReport, out: &mut String) -> Result<(), serde_json::Error> {
    for d in file.diagnostics {
        out.push_str(&serde_json::to_string(&super::json::convert(file, d))?);
        out.push('\n');
    }
    Ok(())
}
