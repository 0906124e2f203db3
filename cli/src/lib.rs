//! Wiring of the ConstructOS processes, shared by the `constructos` binary and the
//! end-to-end tests: which pools, workers and servers each subcommand runs.

pub mod modules;
pub mod replay;
pub mod seed;
pub mod stack;
pub mod ttl;
