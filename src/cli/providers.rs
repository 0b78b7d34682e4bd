//! `mailsetup providers`: the catalog.

use mailsetup::catalog::Catalog;
use mailsetup::i18n::{Localizer, msg};

use super::*;

pub(super) fn providers(l: &Localizer, as_json: bool) -> Result<(), Exit> {
    let c = Catalog::builtin();
    if as_json {
        print_json(&mailsetup::present::json::ProvidersJson::new(l, c));
        return Ok(());
    }
    outln!("{}", l.tr(msg::CLI_PROVIDERS_HEADER));
    for p in &c.providers {
        outln!("  {:<18} {}  {}", p.id, l.tr(&p.name), p.domains.join(", "));
    }
    Ok(())
}
