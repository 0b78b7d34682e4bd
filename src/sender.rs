//! The name recipients see beside the address ("张三 <zhang@qq.com>"): asked once in the wizard
//! (or `check --name`), kept with the account, and given to every mail app it is handed to.
//! Until the user says otherwise it is their full name as the system knows it.

/// The user's full name as the system keeps it (the account's comment field on Unix, the display
/// name on Windows), if it has one that is more than the login name ("root", "zhang").
pub fn system_name() -> Option<String> {
    let full = whoami::realname().ok()?;
    let full = full.trim();
    let login = whoami::username().unwrap_or_default();
    (!full.is_empty() && !full.eq_ignore_ascii_case(login.trim())).then(|| full.to_string())
}

/// A name as typed: trimmed, one line, at most 64 characters (what mail apps show in a list);
/// `None` when nothing is left.
pub fn clean(typed: &str) -> Option<String> {
    let one_line: String = typed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(64)
        .collect();
    let name = one_line.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

/// The name for an address: the one given, else the system's, else the address's own part.
pub fn or_default(name: Option<&str>, address: &str) -> String {
    name.and_then(clean)
        .or_else(system_name)
        .unwrap_or_else(|| address.split('@').next().unwrap_or_default().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_is_one_trimmed_line() {
        assert_eq!(clean("  张三 \n").as_deref(), Some("张三"));
        assert_eq!(
            clean("Zhang\r\nSan\t Jr.").as_deref(),
            Some("Zhang San Jr.")
        );
        assert_eq!(clean(" \t "), None);
        assert_eq!(
            clean(&"长".repeat(100)).map(|n| n.chars().count()),
            Some(64)
        );
    }

    #[test]
    fn a_given_name_comes_first_then_the_system_then_the_address() {
        assert_eq!(or_default(Some(" 张三 "), "zhang@qq.com"), "张三");
        let fallback = or_default(Some(""), "zhang@qq.com");
        assert_eq!(fallback, system_name().unwrap_or_else(|| "zhang".into()));
    }
}
