//! The terminal browser (`xxgk` with no arguments).
//!
//! Elm-style: `app::App` is the state, `action::Action` the messages,
//! `app::update` the only state change, `view::render` a read-only view per
//! screen. `runtime` owns the terminal, the input thread and the workers.

pub mod action;
pub mod app;
pub mod input;
pub mod keymap;
pub mod runtime;
pub mod theme;
pub mod view;
