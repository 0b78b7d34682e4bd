//! Thunderbird's `prefs.js`: `user_pref("name", value);` lines. Read into a map, changed by
//! replacing or appending whole lines, so every line that was there (comments, other accounts,
//! the user's preferences) stays as it was.

use std::collections::BTreeMap;

use serde_json::Value;

/// A `prefs.js` as read: its lines in order and the value of each pref (the last line wins, as
/// in Thunderbird).
#[derive(Debug, Default)]
pub struct Prefs {
    lines: Vec<String>,
    values: BTreeMap<String, (usize, Value)>,
}

/// A `user_pref(…)` line that could not be read: the file is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine(pub usize);

impl Prefs {
    pub fn parse(text: &str) -> Result<Self, BadLine> {
        let mut prefs = Prefs::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("user_pref(") {
                let (name, value) = parse_line(line).ok_or(BadLine(n + 1))?;
                prefs.values.insert(name, (n, value));
            }
            prefs.lines.push(line.to_string());
        }
        Ok(prefs)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name).map(|(_, v)| v)
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    /// Sets a pref: its line is rewritten in place, or a new line is appended.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) {
        let value = value.into();
        let line = format!(
            "user_pref({}, {});",
            Value::from(name),
            serde_json::to_string(&value).unwrap_or_default()
        );
        let n = match self.values.get(name) {
            Some((n, _)) => {
                self.lines[*n] = line;
                *n
            }
            None => {
                self.lines.push(line);
                self.lines.len() - 1
            }
        };
        self.values.insert(name.to_string(), (n, value));
    }

    /// The pref names that start with `prefix`.
    pub fn names<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .range(prefix.to_string()..)
            .map(|(k, _)| k.as_str())
            .take_while(move |k| k.starts_with(prefix))
    }

    /// The next free number N for `prefix`N (`mail.server.server` → 3 after server1, server2).
    pub fn next_number(&self, prefix: &str) -> u32 {
        self.names(prefix)
            .filter_map(|k| {
                let rest = &k[prefix.len()..];
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<u32>().ok()
            })
            .max()
            .map_or(1, |n| n + 1)
    }

    pub fn text(&self) -> String {
        let mut out = self.lines.join("\n");
        out.push('\n');
        out
    }
}

/// `user_pref("name", value);` → the name and the value. Strings are written by Thunderbird
/// with JSON's escapes, numbers and booleans bare.
fn parse_line(line: &str) -> Option<(String, Value)> {
    let inner = line.trim().strip_prefix("user_pref(")?.strip_suffix(");")?;
    let mut values = serde_json::Deserializer::from_str(inner).into_iter::<Value>();
    let name = values.next()?.ok()?.as_str()?.to_string();
    let rest = inner[values.byte_offset()..]
        .trim_start()
        .strip_prefix(',')?;
    let value = serde_json::from_str::<Value>(rest.trim()).ok()?;
    Some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_kept_and_changed_in_place() {
        let text = "// Mozilla User Preferences\n\nuser_pref(\"a.b\", \"x \\\"q\\\"\");\nuser_pref(\"mail.server.server2.type\", \"imap\");\nuser_pref(\"n\", 3);\n";
        let mut p = Prefs::parse(text).expect("parses");
        assert_eq!(p.str("a.b"), Some("x \"q\""));
        assert_eq!(p.get("n"), Some(&Value::from(3)));
        assert_eq!(p.next_number("mail.server.server"), 3);
        assert_eq!(p.next_number("mail.account.account"), 1);
        p.set("n", 4);
        p.set("new.pref", true);
        let out = p.text();
        assert!(out.starts_with("// Mozilla User Preferences\n\nuser_pref(\"a.b\""));
        assert!(out.contains("user_pref(\"n\", 4);\n"));
        assert!(out.ends_with("user_pref(\"new.pref\", true);\n"));
        assert_eq!(
            Prefs::parse(&out).expect("again").get("n"),
            Some(&Value::from(4))
        );
        assert_eq!(Prefs::parse("user_pref(\"x\" 1);").err(), Some(BadLine(1)));
    }
}
