//! `mailsetup providers`: the catalog.

use mailsetup::catalog::Catalog;
use mailsetup::i18n::{Localizer, msg};
use serde_json::{Value, json};

use super::*;

pub(super) fn providers(l: &Localizer, as_json: bool) -> Result<(), Exit> {
    let c = Catalog::builtin();
    if as_json {
        let list: Vec<Value> = c
            .providers
            .iter()
            .map(|p| {
                json!({
                    "id": p.id, "name": l.tr(&p.name), "kind": p.kind, "domains": p.domains,
                    "credential": p.credential, "imap": p.imap, "smtp": p.smtp, "links": p.links,
                })
            })
            .collect();
        print_json(&json!({ "providers": list }));
        return Ok(());
    }
    outln!("{}", l.tr(msg::CLI_PROVIDERS_HEADER));
    for p in &c.providers {
        outln!("  {:<18} {}  {}", p.id, l.tr(&p.name), p.domains.join(", "));
    }
    Ok(())
}
