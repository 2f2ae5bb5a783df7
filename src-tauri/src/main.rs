//! Feuilles de route, the desktop application.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    feuilles_de_route_lib::run();
}
