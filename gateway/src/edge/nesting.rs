//! How deeply the query *text* nests `{` and `[`, read without parsing it.
//!
//! The GraphQL parser (pest) recurses once per nesting level. Its stack guard stops it
//! before the stack runs out, but only when less than 64 KiB are left - after minutes
//! of work on a small stack - and its error then quotes the whole line of the query.
//! Counting brackets first refuses a 30,000-level selection at once with a short
//! message; strings, block strings and comments are skipped so brackets in them do not
//! count.

/// The deepest `{`/`[` nesting in `query`, outside strings and comments; stops
/// counting (and answers `limit + 1`) as soon as `limit` is passed.
pub fn max_nesting(query: &str, limit: usize) -> usize {
    let bytes = query.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    // `\"""` is an escaped triple quote inside a block string.
                    i += if bytes[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                i += 2; // the closing quotes (the loop's `i += 1` passes the third)
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > limit {
                    return deepest;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_counted_outside_strings_and_comments() {
        assert_eq!(max_nesting("{ me { subject } }", 64), 2);
        assert_eq!(max_nesting("query($x: [[Int]]) { a(b: {c: [1]}) }", 64), 3);
        let ignored = "{ x { a(s: \"{{{{\\\"{{\", t: \"\"\"{{{ \\\"\"\" {{{\"\"\") # {{{{\n } }";
        assert_eq!(max_nesting(ignored, 64), 2);
        assert_eq!(max_nesting("", 64), 0);
        assert_eq!(
            max_nesting("}}}{", 64),
            1,
            "unbalanced text is the parser's to refuse"
        );
    }

    #[test]
    fn a_deep_selection_is_measured_only_up_to_the_limit() {
        let deep = format!(
            "{{{} subject {}}}",
            "me { ".repeat(30_000),
            "}".repeat(30_000)
        );
        assert_eq!(max_nesting(&deep, 64), 65);
        let unterminated = "{ a(s: \"\"\" {{{{{{";
        assert_eq!(max_nesting(unterminated, 3), 1);
    }
}
