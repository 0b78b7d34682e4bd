//! The module map holds: read from the `use` lines and `crate::…`/`mailsetup::…`/`super::…`
//! paths in src/**/*.rs (test modules left out), there is no import circle among the top-level
//! modules nor among the files of src/gui/screen, and no module imports a layer above its own.
//!
//! ground (address, apps, i18n, catalog, sender) → mechanisms (probe, discover, store, oauth,
//! export, handoff, link, serve, share) → check → setup → present → cli, gui. A module may import its own layer
//! or a lower one; inside a layer the imports must not form a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&[&str]] = &[
    &["address", "apps", "i18n", "catalog", "sender"],
    &[
        "probe", "discover", "store", "oauth", "export", "handoff", "link", "serve", "share",
    ],
    &["check"],
    &["setup"],
    &["present"],
    &["cli", "gui"],
];

/// The folder whose files are counted one by one for circles.
const SCREENS: &str = "gui::screen";

/// One module's source with comments and literals blanked (newlines kept, so offsets still
/// give line numbers) and its test items removed.
struct Source {
    file: String,
    module: String,
    code: String,
}

/// Where an edge was seen: a file and a line.
type Edges = BTreeMap<(String, String), String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/probe/imap.rs` → `probe::imap`, `src/probe/mod.rs` → `probe`, lib.rs/main.rs → "".
fn module_of(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts.join("::")
}

/// Blanks comments, strings and char literals with spaces, keeping newlines.
fn blank(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        match literal_end(&b, i) {
            Some(end) => {
                let end = end.min(b.len());
                out.extend(
                    b[i..end]
                        .iter()
                        .map(|&c| if c == '\n' { '\n' } else { ' ' }),
                );
                i = end;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    out
}

/// Where the comment, string or char literal that starts at `i` ends (just past it), if one does.
fn literal_end(b: &[char], i: usize) -> Option<usize> {
    let at = |k: usize| b.get(k).copied();
    let find = |from: usize, f: &dyn Fn(usize) -> bool| (from..b.len()).find(|&k| f(k));
    match (b[i], at(i + 1)) {
        ('/', Some('/')) => Some(find(i, &|k| b[k] == '\n').unwrap_or(b.len())),
        ('/', Some('*')) => {
            let mut depth = 0;
            let mut k = i;
            while k + 1 < b.len() {
                match (b[k], b[k + 1]) {
                    ('/', '*') => depth += 1,
                    ('*', '/') => depth -= 1,
                    _ => {
                        k += 1;
                        continue;
                    }
                }
                k += 2;
                if depth == 0 {
                    return Some(k);
                }
            }
            Some(b.len())
        }
        ('r', Some('#' | '"')) if !ident_char(b, i) => {
            let open = find(i + 1, &|k| b[k] != '#')?;
            if b[open] != '"' {
                return None;
            }
            let hashes = open - i - 1;
            let close = find(open + 1, &|k| {
                b[k] == '"' && (1..=hashes).all(|h| at(k + h) == Some('#'))
            });
            Some(close.map_or(b.len(), |k| k + 1 + hashes))
        }
        ('"', _) => {
            let mut k = i + 1;
            while k < b.len() && b[k] != '"' {
                k += if b[k] == '\\' { 2 } else { 1 };
            }
            Some(k + 1)
        }
        // A char literal ('{', '\n', '\''); a lifetime ('a) has no closing quote.
        ('\'', next) if at(i + 2) == Some('\'') || next == Some('\\') => {
            let from = if next == Some('\\') { i + 3 } else { i + 2 };
            Some(find(from, &|k| b[k] == '\'').map_or(b.len(), |k| k + 1))
        }
        _ => None,
    }
}

fn ident_char(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// Blanks every item marked `#[cfg(test)]` (a `mod tests { … }`, a helper, a `mod x;`) and
/// returns the names of test modules declared as files.
fn drop_test_items(code: &mut String) -> Vec<String> {
    let mut files = Vec::new();
    while let Some(at) = code.find("#[cfg(test)]") {
        let bytes = code.as_bytes();
        let mut end = at + "#[cfg(test)]".len();
        let mut depth = 0usize;
        while end < bytes.len() {
            match bytes[end] {
                b';' if depth == 0 => break,
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            end += 1;
        }
        let item = &code[at..(end + 1).min(code.len())];
        let words: Vec<&str> = item.split_whitespace().collect();
        if let Some(p) = words.iter().position(|w| *w == "mod")
            && let Some(name) = words.get(p + 1)
            && name.ends_with(';')
        {
            files.push(name.trim_end_matches(';').to_string());
        }
        let blanked: String = item
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        code.replace_range(at..(end + 1).min(code.len()), &blanked);
    }
    files
}

fn read_sources(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut sources = Vec::new();
    let mut test_modules = BTreeSet::new();
    for path in files {
        let rel = path.strip_prefix(src).unwrap_or(&path);
        let module = module_of(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut code = blank(&text);
        for name in drop_test_items(&mut code) {
            test_modules.insert(join(&module, &name));
        }
        sources.push(Source {
            file: format!("src/{}", rel.display()),
            module,
            code,
        });
    }
    let is_test = |m: &str| {
        test_modules
            .iter()
            .any(|t| m == t || m.starts_with(&format!("{t}::")))
    };
    sources.retain(|s| !is_test(&s.module) && !s.file.contains("/tests/"));
    sources
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}::{b}")
    }
}

/// `crate::{a::{b, c}, d as e}` (spaces removed, `as` names dropped) → its full paths.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let head = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|i| !i.is_empty())
        .flat_map(|i| expand(&format!("{head}{i}")))
        .collect()
}

/// Every path the code names, with its byte offset: the `use` trees expanded, and the
/// `crate::`, `mailsetup::` and `super::` paths written in the code itself.
fn paths(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(found) = code[search..].find("use ") {
        let at = search + found;
        search = at + 4;
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = code[at..].find(';') else {
            break;
        };
        let tree = &code[at + 4..at + end];
        let mut tokens: Vec<&str> = Vec::new();
        let mut it = tree.split_whitespace().peekable();
        while let Some(t) = it.next() {
            if t == "as" {
                let alias = it.next().unwrap_or_default();
                // Keep what follows the alias (`,` or `}`).
                let rest = alias.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
                tokens.push(rest);
            } else {
                tokens.push(t);
            }
        }
        for p in expand(&tokens.concat()) {
            out.push((at, p));
        }
        search = at + end;
    }
    for root in ["crate::", "mailsetup::", "super::"] {
        let mut search = 0;
        while let Some(found) = code[search..].find(root) {
            let at = search + found;
            search = at + root.len();
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let len = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(code.len() - at);
            let path = code[at..at + len].trim_end_matches(':');
            // `crate::{…}` is a use tree, read above.
            if path.contains("::") {
                out.push((at, path.to_string()));
            }
        }
    }
    out
}

/// The module a path lands in (the longest known module it starts with), if it is ours.
fn resolve(from: &str, path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = from.split("::").filter(|s| !s.is_empty()).collect();
    match segs.first().copied() {
        Some("crate" | "mailsetup") => {
            segs.remove(0);
            base.clear();
        }
        Some("super") => {
            while segs.first() == Some(&"super") {
                segs.remove(0);
                base.pop();
            }
        }
        Some("self") => {
            segs.remove(0);
        }
        Some(first) if modules.contains(&join(from, first)) => {}
        _ => return None,
    }
    base.extend(segs);
    (0..=base.len())
        .rev()
        .map(|n| base[..n].join("::"))
        .find(|m| modules.contains(m))
}

fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}

/// Every import between two different modules, file-level, with where it was first seen.
fn imports() -> Edges {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let sources = read_sources(&src);
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut edges = Edges::new();
    for s in &sources {
        for (at, path) in paths(&s.code) {
            let Some(to) = resolve(&s.module, &path, &modules) else {
                continue;
            };
            if to != s.module && !to.is_empty() {
                edges
                    .entry((s.module.clone(), to))
                    .or_insert_with(|| format!("{}:{} ({path})", s.file, line_of(&s.code, at)));
            }
        }
    }
    edges
}

fn top(module: &str) -> String {
    module.split("::").next().unwrap_or_default().to_string()
}

/// The node a module counts as: its top-level module, or a file of gui/screen.
fn node(module: &str, screens: bool) -> Option<String> {
    if !screens {
        return Some(top(module));
    }
    let rest = module.strip_prefix(SCREENS)?.strip_prefix("::")?;
    Some(format!(
        "{SCREENS}::{}",
        rest.split("::").next().unwrap_or_default()
    ))
}

/// The edges between nodes, one per pair, with their first evidence.
fn graph(edges: &Edges, screens: bool) -> Edges {
    let mut g = Edges::new();
    for ((from, to), seen) in edges {
        if let (Some(a), Some(b)) = (node(from, screens), node(to, screens))
            && a != b
        {
            g.entry((a, b)).or_insert_with(|| seen.clone());
        }
    }
    g
}

/// Every circle: for each node, the shortest way back to itself, reported once per set of nodes.
fn cycles(g: &Edges) -> Vec<String> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in g.keys() {
        next.entry(a).or_default().push(b);
    }
    let mut seen_sets = BTreeSet::new();
    let mut out = Vec::new();
    for start in next.keys() {
        let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([*start]);
        let mut back = None;
        while let Some(n) = queue.pop_front() {
            for &m in next.get(n).into_iter().flatten() {
                if m == *start {
                    back = Some(n);
                    break;
                }
                if !prev.contains_key(m) {
                    prev.insert(m, n);
                    queue.push_back(m);
                }
            }
            if back.is_some() {
                break;
            }
        }
        let Some(mut n) = back else { continue };
        let mut ring = vec![*start];
        let mut tail = vec![n];
        while n != *start {
            n = prev.get(n).copied().unwrap_or(start);
            if n != *start {
                tail.push(n);
            }
        }
        tail.reverse();
        ring.extend(tail);
        if !seen_sets.insert(ring.iter().copied().collect::<BTreeSet<_>>()) {
            continue;
        }
        let mut text = String::from("circle:");
        for (i, a) in ring.iter().enumerate() {
            let b = ring[(i + 1) % ring.len()];
            let seen = &g[&(a.to_string(), b.to_string())];
            text.push_str(&format!("\n    {a} -> {b}   at {seen}"));
        }
        out.push(text);
    }
    out
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn report(what: &str, problems: &[String]) {
    if !problems.is_empty() {
        let mut msg = format!("\n{} {what}:\n", problems.len());
        for p in problems {
            msg.push_str(&format!("  - {p}\n"));
        }
        panic!("{msg}");
    }
}

#[test]
fn no_import_circles() {
    let edges = imports();
    assert!(
        edges.len() > 20,
        "the import graph is too small: the reader is broken"
    );
    if std::env::var_os("LAYERS_SHOW").is_some() {
        for ((a, b), seen) in graph(&edges, false).iter().chain(&graph(&edges, true)) {
            println!("{a} -> {b}   at {seen}");
        }
    }
    let mut problems = cycles(&graph(&edges, false));
    problems.extend(cycles(&graph(&edges, true)));
    report("import circles", &problems);
}

#[test]
fn no_import_runs_up_the_layers() {
    let g = graph(&imports(), false);
    let mut problems = Vec::new();
    for module in g.keys().flat_map(|(a, b)| [a, b]) {
        if layer(module).is_none() {
            problems.push(format!("`{module}` is in no layer: add it to LAYERS"));
        }
    }
    problems.sort();
    problems.dedup();
    for ((from, to), seen) in &g {
        if let (Some(a), Some(b)) = (layer(from), layer(to))
            && b > a
        {
            problems.push(format!(
                "{from} (layer {a}) imports {to} (layer {b}) at {seen}"
            ));
        }
    }
    report("imports up the layers", &problems);
}

/// The reader itself: literals, comments and test modules do not count; trees expand.
#[test]
fn the_reader_reads_what_is_code() {
    let mut code = blank(
        "use crate::{a::{b, c as d}, e};\n// crate::x\nlet s = \"crate::y\";\nlet c = '\"'; let r = r#\"crate::v\"#;\n\
         #[cfg(test)]\nmod tests { use crate::z; }\nfn f() { super::w::g() }\n",
    );
    drop_test_items(&mut code);
    let found: Vec<String> = paths(&code).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        found,
        ["crate::a::b", "crate::a::c", "crate::e", "super::w::g"]
    );
    let modules: BTreeSet<String> = ["p", "p::q", "a"].map(String::from).into();
    assert_eq!(resolve("p::q", "super::X", &modules).as_deref(), Some("p"));
    assert_eq!(resolve("p", "q::X", &modules).as_deref(), Some("p::q"));
    assert_eq!(
        resolve("p", "crate::a::b::C", &modules).as_deref(),
        Some("a")
    );
    assert_eq!(resolve("p", "std::fmt", &modules), None);
}
