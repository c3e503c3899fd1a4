#![allow(dead_code)]
pub mod render;
