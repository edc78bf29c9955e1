//! The terminal browser (`xxgk` with no arguments).
//!
//! Elm-style: `state::App` is the state, `action::Action` the messages,
//! `update::update` the only state change, `view::render` a read-only view
//! per screen. `report_view` turns a report into the lines the report screen
//! shows. `effects` carries out what `update` asks for (`action::Effect`) and
//! answers with actions; `runtime` owns the terminal, the input thread and the
//! workers, and changes the state only through `update`.

pub mod action;
pub mod effects;
pub mod input;
pub mod keymap;
pub mod report_view;
pub mod runtime;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
