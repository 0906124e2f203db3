//! The `append` section (being built in this issue).

use crate::report::Section;
use crate::Bench;

/// Runs the section.
pub async fn run(_bench: &Bench) -> anyhow::Result<Section> {
    anyhow::bail!("the append section is not built yet")
}
