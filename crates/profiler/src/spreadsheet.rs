//! Text bound for CSV files that people open in a spreadsheet.

/// Spreadsheets run cells starting with these as formulas; ids, labels and titles are free
/// text, so a leading apostrophe makes them plain text (JSON exports keep them verbatim).
pub fn spreadsheet_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formula_starts_are_neutralized_and_the_rest_kept() {
        for s in ["=HYPERLINK(\"x\")", "+1", "-1", "@x", "\t=1", "\r=1"] {
            assert_eq!(spreadsheet_safe(s), format!("'{s}"));
        }
        for s in ["Ana", "1", "", "a=b", "11-1011.00"] {
            assert_eq!(spreadsheet_safe(s), s);
        }
    }
}
