//! Catalog and translation checks, shared by build.rs (which fails the build on any problem) and
//! the unit tests (which prove each problem is caught). Depends only on serde_json and
//! fluent-syntax so that build.rs can include it with `#[path]`.

use std::collections::{BTreeMap, BTreeSet};

/// Returns the message ids (of the first locale, the reference) or every problem found.
pub fn validate(catalog: &str, locales: &[(&str, &str)]) -> Result<BTreeSet<String>, Vec<String>> {
    let mut problems = Vec::new();
    let ids = locale_ids(locales, &mut problems);
    check_catalog(catalog, &ids, &mut problems);
    if problems.is_empty() {
        Ok(locales
            .first()
            .and_then(|(l, _)| ids.get(*l).cloned())
            .unwrap_or_default())
    } else {
        Err(problems)
    }
}

fn locale_ids(
    locales: &[(&str, &str)],
    problems: &mut Vec<String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut ids = BTreeMap::new();
    for (locale, text) in locales {
        let resource = match fluent_syntax::parser::parse(*text) {
            Ok(r) => r,
            Err((r, errs)) => {
                for e in errs {
                    problems.push(format!("i18n/{locale}: Fluent syntax error: {e:?}"));
                }
                r
            }
        };
        let mut set = BTreeSet::new();
        for entry in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry
                && !set.insert(m.id.name.to_string())
            {
                problems.push(format!(
                    "i18n/{locale}: message `{}` defined twice",
                    m.id.name
                ));
            }
        }
        ids.insert(locale.to_string(), set);
    }
    if let Some((reference, _)) = locales.first() {
        let want = ids[*reference].clone();
        for (locale, set) in &ids {
            for id in want.difference(set) {
                problems.push(format!(
                    "i18n/{locale}: missing message `{id}` (in {reference})"
                ));
            }
            for id in set.difference(&want) {
                problems.push(format!(
                    "i18n/{locale}: extra message `{id}` (not in {reference})"
                ));
            }
        }
    }
    ids
}

/// The causes a provider's known reply may name (`catalog::ReplyKind`).
pub const REPLY_KINDS: [&str; 5] = [
    "auth",
    "client_not_allowed",
    "service_disabled",
    "send_refused",
    "rate_limited",
];

/// A provider's known replies: a lower-case fragment that an earlier one does not already
/// match, a known kind, an example that contains it. Returns the advice ids they need.
fn check_replies(
    id: &str,
    p: &serde_json::Value,
    seen: &mut Vec<String>,
    problems: &mut Vec<String>,
) -> Vec<String> {
    let mut advice = Vec::new();
    for r in p["replies"].as_array().into_iter().flatten() {
        let says = r["says"].as_str().unwrap_or_default();
        if says.trim().is_empty() || says != says.to_lowercase() {
            problems.push(format!(
                "{id}: reply `{says}` must be a non-empty lower-case fragment"
            ));
        }
        if let Some(earlier) = seen.iter().find(|e| says.contains(e.as_str())) {
            problems.push(format!(
                "{id}: reply `{says}` never matches: `{earlier}` comes first"
            ));
        }
        seen.push(says.to_string());
        let kind = r["kind"].as_str().unwrap_or_default();
        if !REPLY_KINDS.contains(&kind) {
            problems.push(format!("{id}: reply `{says}` has an unknown kind `{kind}`"));
        }
        if let Some(example) = r.get("example")
            && !example
                .as_str()
                .unwrap_or_default()
                .to_lowercase()
                .contains(says)
        {
            problems.push(format!("{id}: reply `{says}` is not in its example"));
        }
        advice.push(r["advice"].as_str().unwrap_or_default().to_string());
    }
    advice
}

fn check_catalog(text: &str, ids: &BTreeMap<String, BTreeSet<String>>, problems: &mut Vec<String>) {
    let json: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return problems.push(format!("assets/providers.json does not parse: {e}")),
    };
    let Some(providers) = json["providers"].as_array() else {
        return problems.push("assets/providers.json: `providers` must be an array".into());
    };
    let mut domains: BTreeMap<String, String> = BTreeMap::new();
    let mut provider_ids = BTreeSet::new();
    let mut tile_orders = BTreeMap::new();
    let mut replies = Vec::new();
    for p in providers {
        let id = p["id"].as_str().unwrap_or("<no id>").to_string();
        if !provider_ids.insert(id.clone()) {
            problems.push(format!("provider id `{id}` is listed twice"));
        }
        for d in p["domains"].as_array().into_iter().flatten() {
            let d = d.as_str().unwrap_or_default().to_ascii_lowercase();
            if let Some(other) = domains.insert(d.clone(), id.clone()) {
                problems.push(format!("domain `{d}` is listed twice ({other} and {id})"));
            }
        }
        let links = p["links"].as_object();
        for (name, url) in links.into_iter().flatten() {
            let url = url.as_str().unwrap_or_default();
            if !url.starts_with("https://") {
                problems.push(format!("{id}: link `{name}` is not https: {url}"));
            }
        }
        if let Some(o) = p.get("oauth") {
            check_oauth(&id, o, problems);
        }
        let mut needed = vec![p["name"].as_str().unwrap_or_default().to_string()];
        if let Some(advice) = p.get("auth_advice") {
            needed.push(advice.as_str().unwrap_or_default().to_string());
        }
        needed.extend(check_replies(&id, p, &mut replies, problems));
        if let Some(tile) = p.get("tile") {
            needed.push(tile["badge"].as_str().unwrap_or_default().to_string());
            let color = tile["color"].as_str().unwrap_or_default();
            let hex = color.strip_prefix('#').unwrap_or_default();
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                problems.push(format!("{id}: tile colour `{color}` is not #RRGGBB"));
            }
            match tile["order"].as_u64() {
                None => problems.push(format!("{id}: tile order must be a number")),
                Some(o) => {
                    if let Some(other) = tile_orders.insert(o, id.clone()) {
                        problems.push(format!("tile order {o} is used twice ({other} and {id})"));
                    }
                }
            }
        }
        for step in p["steps"].as_array().into_iter().flatten() {
            needed.push(step["text"].as_str().unwrap_or_default().to_string());
            let link = step["link"].as_str().unwrap_or_default();
            if !links.is_some_and(|l| l.contains_key(link)) {
                problems.push(format!("{id}: step link `{link}` is not in its links"));
            }
        }
        for msg in needed {
            for (locale, set) in ids {
                if !set.contains(&msg) {
                    problems.push(format!(
                        "{id}: message `{msg}` is missing from i18n/{locale}"
                    ));
                }
            }
        }
    }
}

/// A provider's browser sign-in: https endpoints, a known client, its scopes.
fn check_oauth(id: &str, o: &serde_json::Value, problems: &mut Vec<String>) {
    for key in ["authorize_url", "token_url"] {
        let url = o[key].as_str().unwrap_or_default();
        if !url.starts_with("https://") {
            problems.push(format!("{id}: oauth `{key}` is not https: {url}"));
        }
    }
    if !matches!(o["client"].as_str(), Some("microsoft" | "google")) {
        problems.push(format!("{id}: oauth client must be microsoft or google"));
    }
    if o["scopes"].as_array().is_none_or(|s| s.is_empty()) {
        problems.push(format!("{id}: oauth needs its scopes"));
    }
}

/// The variables a Fluent message refers to, in any of its variants, by message id.
#[allow(dead_code)] // used by the tests; build.rs includes this file too
pub fn message_variables(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => expr(expression, out),
            InlineExpression::FunctionReference { arguments, .. }
            | InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
                for a in &arguments.named {
                    inline(&a.value, out);
                }
            }
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
        }
    }
    fn pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                expr(expression, out);
            }
        }
    }
    let resource = match fluent_syntax::parser::parse(ftl) {
        Ok(r) | Err((r, _)) => r,
    };
    let mut vars = BTreeMap::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            let mut out = BTreeSet::new();
            if let Some(v) = &m.value {
                pattern(v, &mut out);
            }
            vars.insert(m.id.name.to_string(), out);
        }
    }
    vars
}

#[cfg(test)]
mod tests {
    use super::*;

    const FTL: &str = "provider-x = X\nstep-a = A\n";

    fn catalog(domains: &str, link: &str, step: &str) -> String {
        format!(
            r#"{{"providers": [{{"id": "x", "name": "provider-x", "domains": [{domains}],
               "links": {{"help": "{link}"}}, "steps": [{{"text": "{step}", "link": "help"}}]}}]}}"#
        )
    }

    fn problems(catalog: &str, locales: &[(&str, &str)]) -> String {
        validate(catalog, locales)
            .err()
            .unwrap_or_default()
            .join("\n")
    }

    #[test]
    fn good_catalog_passes() {
        let c = catalog(r#""x.com""#, "https://x.com/", "step-a");
        assert!(validate(&c, &[("en", FTL), ("zh-CN", FTL)]).is_ok());
    }

    #[test]
    fn each_problem_is_caught() {
        let l = [("en", FTL), ("zh-CN", FTL)];
        assert!(problems("{ nope", &l).contains("does not parse"));
        let c = catalog(r#""x.com", "X.com""#, "https://x.com/", "step-a");
        assert!(problems(&c, &l).contains("listed twice"));
        let c = catalog(r#""x.com""#, "http://x.com/", "step-a");
        assert!(problems(&c, &l).contains("not https"));
        let c = catalog(r#""x.com""#, "https://x.com/", "step-b");
        assert!(problems(&c, &l).contains("`step-b` is missing"));
        let c = catalog(r#""x.com""#, "https://x.com/", "step-a");
        assert!(
            problems(&c, &[("en", FTL), ("zh-CN", "provider-x = X\n")])
                .contains("missing message `step-a`")
        );
    }

    #[test]
    fn tiles_and_advice_are_checked() {
        let ftl = "provider-x = X\nstep-a = A\nbadge-x = X\nadvice-x = Do this.\n";
        let l = [("en", ftl), ("zh-CN", ftl)];
        let with = |extra: &str| {
            format!(
                r#"{{"providers": [{{"id": "x", "name": "provider-x", "domains": ["x.com"],
                   "links": {{"help": "https://x.com/"}}, "steps": [{{"text": "step-a", "link": "help"}}],
                   {extra}}}]}}"#
            )
        };
        let good = with(
            r##""auth_advice": "advice-x", "tile": {"order": 1, "badge": "badge-x", "color": "#12ab3F"}"##,
        );
        assert!(validate(&good, &l).is_ok(), "{}", problems(&good, &l));
        let c = with(r##""tile": {"order": 1, "badge": "badge-x", "color": "blue"}"##);
        assert!(problems(&c, &l).contains("not #RRGGBB"));
        let c = with(r##""tile": {"order": 1, "badge": "badge-y", "color": "#000000"}"##);
        assert!(problems(&c, &l).contains("`badge-y` is missing"));
        let c = with(r##""auth_advice": "advice-y""##);
        assert!(problems(&c, &l).contains("`advice-y` is missing"));
    }

    #[test]
    fn known_replies_are_checked() {
        let ftl = "provider-x = X\nstep-a = A\nadvice-x = Do this.\n";
        let l = [("en", ftl), ("zh-CN", ftl)];
        let with = |replies: &str| {
            format!(
                r#"{{"providers": [{{"id": "x", "name": "provider-x", "domains": ["x.com"],
                   "links": {{"help": "https://x.com/"}}, "steps": [{{"text": "step-a", "link": "help"}}],
                   "replies": [{replies}]}}]}}"#
            )
        };
        let reply = |says: &str, kind: &str, advice: &str| {
            format!(
                r#"{{"says": "{says}", "kind": "{kind}", "advice": "{advice}", "example": "535 No code given"}}"#
            )
        };
        let good = with(&reply("no code", "auth", "advice-x"));
        assert!(validate(&good, &l).is_ok(), "{}", problems(&good, &l));
        let c = with(&reply("no code", "auth", "advice-y"));
        assert!(problems(&c, &l).contains("`advice-y` is missing"));
        let c = with(&reply("no code", "dns", "advice-x"));
        assert!(problems(&c, &l).contains("unknown kind `dns`"));
        let c = with(&reply("No Code", "auth", "advice-x"));
        assert!(problems(&c, &l).contains("lower-case"));
        let c = with(&reply("no coffee", "auth", "advice-x"));
        assert!(problems(&c, &l).contains("not in its example"));
        let two = format!(
            "{}, {}",
            reply("code", "auth", "advice-x"),
            reply("no code", "auth", "advice-x")
        );
        assert!(problems(&with(&two), &l).contains("never matches"));
    }

    /// Every `tr_args(msg::ID, &[("name", …), …])` in the source: the id, the literal argument
    /// names, and whether every argument is a literal pair (else the list is only partly known).
    fn tr_args_calls(src: &str) -> Vec<(String, Vec<String>, bool)> {
        let mut calls = Vec::new();
        for (at, _) in src.match_indices("tr_args(") {
            let rest = src[at + "tr_args(".len()..].trim_start();
            let Some(rest) = rest.strip_prefix("msg::") else {
                continue;
            };
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            let rest = rest[id.len()..]
                .trim_start()
                .trim_start_matches(',')
                .trim_start();
            let Some(rest) = rest.strip_prefix("&[") else {
                continue;
            };
            let (mut depth, mut items, mut item) = (0i32, Vec::new(), String::new());
            for c in rest.chars() {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | '}' => depth -= 1,
                    ']' if depth == 0 => break,
                    ']' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(std::mem::take(&mut item));
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            items.push(item);
            let items: Vec<String> = items
                .iter()
                .map(|i| i.trim().to_string())
                .filter(|i| !i.is_empty())
                .collect();
            let names: Vec<String> = items
                .iter()
                .filter_map(|i| i.strip_prefix("(\""))
                .filter_map(|i| i.split('"').next())
                .map(str::to_string)
                .collect();
            let all_literal = names.len() == items.len();
            calls.push((id, names, all_literal));
        }
        calls
    }

    fn rust_sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("validate.rs")
            {
                let text = std::fs::read_to_string(&path).expect("read source");
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// A misspelt or forgotten Fluent argument fails here, as a misspelt id fails the build.
    #[test]
    fn fluent_arguments_match_the_messages() {
        let locales = [
            ("en", include_str!("../i18n/en/mailsetup.ftl")),
            ("zh-CN", include_str!("../i18n/zh-CN/mailsetup.ftl")),
            ("zh-TW", include_str!("../i18n/zh-TW/mailsetup.ftl")),
        ];
        let vars: Vec<(&str, BTreeMap<String, BTreeSet<String>>)> = locales
            .iter()
            .map(|(l, t)| (*l, message_variables(t)))
            .collect();
        let mut sources = Vec::new();
        rust_sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut sources,
        );
        let mut problems = Vec::new();
        let mut checked = 0;
        for (file, text) in &sources {
            for (konst, names, all_literal) in tr_args_calls(text) {
                let id = konst.to_lowercase().replace('_', "-");
                checked += 1;
                for (locale, vars) in &vars {
                    let Some(used) = vars.get(&id) else {
                        problems.push(format!("{file}: {id} is not in {locale}"));
                        continue;
                    };
                    for n in names.iter().filter(|n| !used.contains(*n)) {
                        problems.push(format!("{file}: {id} ({locale}) has no ${n}"));
                    }
                    if all_literal {
                        for v in used.iter().filter(|v| !names.contains(v)) {
                            problems
                                .push(format!("{file}: {id} ({locale}) needs ${v}, not passed"));
                        }
                    }
                }
            }
        }
        assert!(
            checked > 50,
            "only {checked} calls found: is the scan broken?"
        );
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn shipped_catalog_and_translations_pass() {
        let locales = [
            ("en", include_str!("../i18n/en/mailsetup.ftl")),
            ("zh-CN", include_str!("../i18n/zh-CN/mailsetup.ftl")),
            ("zh-TW", include_str!("../i18n/zh-TW/mailsetup.ftl")),
        ];
        let catalog = include_str!("../assets/providers.json");
        assert!(validate(catalog, &locales).is_ok());
    }
}
