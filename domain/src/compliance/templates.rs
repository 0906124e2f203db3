//! Inspection checklist templates as data: `templates/construction_2014.json`, drawn
//! from the Construction Regulations 2014, embedded at build time. A new checklist is a
//! new entry in the file.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// One checklist item and the regulation it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateItem {
    pub code: String,
    pub text: String,
    pub regulation: String,
}

/// A titled group of items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSection {
    pub title: String,
    pub items: Vec<TemplateItem>,
}

/// A checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub code: String,
    pub name: String,
    pub sections: Vec<TemplateSection>,
}

impl Template {
    /// Every item, in order.
    pub fn items(&self) -> impl Iterator<Item = &TemplateItem> {
        self.sections.iter().flat_map(|s| &s.items)
    }
}

#[derive(Deserialize)]
struct File {
    #[allow(dead_code)]
    source: String,
    templates: Vec<Template>,
}

/// Every template this build carries.
pub static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    serde_json::from_str::<File>(include_str!("templates/construction_2014.json"))
        .map(|f| f.templates)
        .unwrap_or_default()
});

/// The template `code`, if carried.
pub fn template(code: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_templates_parse_and_item_codes_are_unique() {
        let weekly = template("SITE-WEEKLY").expect("the weekly checklist");
        let codes: BTreeSet<&str> = weekly.items().map(|i| i.code.as_str()).collect();
        assert_eq!(codes.len(), weekly.items().count());
        let titles: Vec<&str> = weekly.sections.iter().map(|s| s.title.as_str()).collect();
        for needed in [
            "Fall protection",
            "Scaffolding",
            "Excavations",
            "Electrical installations",
            "Construction vehicles and mobile plant",
            "Housekeeping",
            "Personal protective equipment",
        ] {
            assert!(titles.contains(&needed), "{needed}");
        }
    }
}
