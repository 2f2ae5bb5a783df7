//! The native menu, in French: *Fichier* (Importer…, Exporter…, Quitter),
//! *Édition* (Annuler, Rétablir: custom items, since predefined undo items
//! are not supported on Windows and Linux), *Aide* (Guide, Journaux,
//! À propos). What concerns the page (undo, redo, export, the guide, About)
//! reaches it as an [`crate::events::AppEvent::Menu`]; importing, opening
//! the log folder and quitting are done here.
//!
//! Adding an item: its id below, in [`build`], and either a branch of
//! [`crate::on_menu`] or the page's handler (`ui/src/menu.ts`).

use serde::Serialize;
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Runtime};

/// A menu action the page carries out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageAction {
    Undo,
    Redo,
    Export,
    Guide,
    About,
}

/// What a menu item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Import,
    OpenLogs,
    Quit,
    Page(PageAction),
}

/// The item of a menu id.
pub fn item(id: &str) -> Option<Item> {
    Some(match id {
        "importer" => Item::Import,
        "journaux" => Item::OpenLogs,
        "quitter" => Item::Quit,
        "annuler" => Item::Page(PageAction::Undo),
        "retablir" => Item::Page(PageAction::Redo),
        "exporter" => Item::Page(PageAction::Export),
        "guide" => Item::Page(PageAction::Guide),
        "a-propos" => Item::Page(PageAction::About),
        _ => return None,
    })
}

/// The menu bar.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let entry = |id: &str, text: &str, accelerator: Option<&str>| {
        let mut b = MenuItemBuilder::with_id(id, text);
        if let Some(a) = accelerator {
            b = b.accelerator(a);
        }
        b.build(app)
    };
    let fichier = SubmenuBuilder::new(app, "&Fichier")
        .item(&entry("importer", "&Importer des feuilles de route…", None)?)
        .item(&entry("exporter", "&Exporter la feuille de route…", None)?)
        .separator()
        .item(&entry("quitter", "&Quitter", Some("CmdOrCtrl+Q"))?)
        .build()?;
    let edition = SubmenuBuilder::new(app, "É&dition")
        .item(&entry("annuler", "&Annuler", Some("CmdOrCtrl+Z"))?)
        .item(&entry("retablir", "&Rétablir", Some("CmdOrCtrl+Shift+Z"))?)
        .build()?;
    let aide = SubmenuBuilder::new(app, "&Aide")
        .item(&entry("guide", "&Guide d’utilisation", Some("F1"))?)
        .item(&entry("journaux", "Ouvrir le dossier des &journaux", None)?)
        .separator()
        .item(&entry("a-propos", "À &propos de Feuilles de route", None)?)
        .build()?;
    MenuBuilder::new(app).items(&[&fichier, &edition, &aide]).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_of_the_menu_does_something() {
        let source = include_str!("menu.rs");
        let built = &source[source.find("pub fn build").unwrap()..source.find("#[cfg(test)]").unwrap()];
        let ids: Vec<&str> = built
            .split("entry(\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(ids.len(), 8, "the menu's items were read: {ids:?}");
        for id in ids {
            assert!(item(id).is_some(), "menu item « {id} » has an action");
        }
    }
}
