//! The terminal browser (`xxgk` with no arguments).
//!
//! Elm-style: `state::App` is the state, `action::Action` the messages,
//! `update::update` the only state change, `view::render` a read-only view
//! per screen. `report_view` turns a report into the lines the report screen
//! shows. `runtime` owns the terminal, the input thread and the workers.

pub mod action;
pub mod input;
pub mod keymap;
pub mod report_view;
pub mod runtime;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
