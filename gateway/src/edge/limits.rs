//! Operation limits the engine's depth and complexity checks do not cover: the number of
//! aliases (`a1: account(id: 1) a2: account(id: 1) …` runs one resolver many times at the
//! cost of a few bytes) and the number of root fields. An async-graphql extension checks
//! them on the parsed document, before validation and execution.
//!
//! It also refuses `__schema` and `__type` when introspection is off: async-graphql's
//! `disable_introspection` answers them with a silent `null`, which reads to a client as
//! an empty schema rather than a refusal.
//!
//! Fragments are counted where they are spread, so spreading one fragment many times
//! costs what it runs. Counts are memoised per fragment and saturate, so a fragment
//! that spreads another twice, ten levels deep, costs microseconds to count; a fragment
//! cycle (which validation refuses later) counts zero the second time round.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, ServerError, ServerResult, Variables};

use crate::graphql::errors::server_error;
use crate::graphql::ErrorCode;

/// The limits, as an extension factory for `SchemaBuilder::extension`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationLimits {
    /// The most aliases one operation may use.
    pub max_aliases: usize,
    /// The most top-level fields one operation may select.
    pub max_root_fields: usize,
    /// Whether `__schema` and `__type` may be selected (development only).
    pub introspection: bool,
}

/// The root fields that introspect the schema.
const INTROSPECTION_FIELDS: [&str; 2] = ["__schema", "__type"];

/// What one selection set costs: its aliases at every depth, its own fields, and
/// whether one of its own fields introspects the schema.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    aliases: usize,
    fields: usize,
    introspects: bool,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.aliases = self.aliases.saturating_add(other.aliases);
        self.fields = self.fields.saturating_add(other.fields);
        self.introspects |= other.introspects;
    }
}

struct Counter<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    done: HashMap<&'a str, Counts>,
    visiting: HashSet<&'a str>,
}

impl<'a> Counter<'a> {
    fn selection_set(&mut self, set: &'a SelectionSet) -> Counts {
        let mut counts = Counts::default();
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    let inner = self.selection_set(&field.node.selection_set.node);
                    counts.add(Counts {
                        aliases: usize::from(field.node.alias.is_some())
                            .saturating_add(inner.aliases),
                        fields: 1,
                        introspects: INTROSPECTION_FIELDS.contains(&field.node.name.node.as_str()),
                    });
                }
                Selection::InlineFragment(fragment) => {
                    counts.add(self.selection_set(&fragment.node.selection_set.node));
                }
                Selection::FragmentSpread(spread) => {
                    counts.add(self.fragment(spread.node.fragment_name.node.as_str()));
                }
            }
        }
        counts
    }

    fn fragment(&mut self, name: &'a str) -> Counts {
        if let Some(counts) = self.done.get(name) {
            return *counts;
        }
        let Some(definition) = self.fragments.get(name) else {
            return Counts::default(); // unknown fragment: validation refuses it
        };
        if !self.visiting.insert(name) {
            return Counts::default(); // a cycle: validation refuses it
        }
        let counts = self.selection_set(&definition.node.selection_set.node);
        self.visiting.remove(name);
        self.done.insert(name, counts);
        counts
    }
}

impl OperationLimits {
    /// Refuses the document when any of its operations is over a limit.
    pub fn check(&self, document: &ExecutableDocument) -> Result<(), ServerError> {
        let mut counter = Counter {
            fragments: &document.fragments,
            done: HashMap::new(),
            visiting: HashSet::new(),
        };
        for (_, operation) in document.operations.iter() {
            let counts = counter.selection_set(&operation.node.selection_set.node);
            if counts.introspects && !self.introspection {
                return Err(server_error(
                    ErrorCode::BadUserInput,
                    "introspection is disabled",
                ));
            }
            if counts.aliases > self.max_aliases {
                return Err(server_error(
                    ErrorCode::BadUserInput,
                    format!(
                        "the operation uses {} aliases; at most {} are allowed",
                        counts.aliases, self.max_aliases
                    ),
                ));
            }
            if counts.fields > self.max_root_fields {
                return Err(server_error(
                    ErrorCode::BadUserInput,
                    format!(
                        "the operation selects {} root fields; at most {} are allowed",
                        counts.fields, self.max_root_fields
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl ExtensionFactory for OperationLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_trait::async_trait]
impl Extension for OperationLimits {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        self.check(&document)?;
        Ok(document)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    const LIMITS: OperationLimits = OperationLimits {
        max_aliases: 5,
        max_root_fields: 3,
        introspection: false,
    };

    fn check(query: &str) -> Result<(), String> {
        let document = parse_query(query).expect("parses");
        LIMITS.check(&document).map_err(|e| e.message)
    }

    #[test]
    fn aliases_are_counted_at_every_depth_and_through_fragments() {
        assert!(check("{ me { a: subject b: subject c: subject d: subject e: subject } }").is_ok());
        let refused =
            check("{ me { a: subject b: subject c: subject d: subject e: subject f: subject } }")
                .expect_err("six aliases");
        assert!(refused.contains("6 aliases"), "{refused}");
        // Two aliases in a fragment spread three times are six.
        let refused = check(
            "{ me { ...F ...F ... on Me { ...F } } } fragment F on Me { a: subject b: roles }",
        )
        .expect_err("six through fragments");
        assert!(refused.contains("6 aliases"), "{refused}");
    }

    #[test]
    fn root_fields_are_counted_through_fragments() {
        assert!(check("{ a: me { subject } b: me { subject } c: me { subject } }").is_ok());
        let refused = check("{ me { subject } ...Q ... { __typename } } fragment Q on QueryRoot { x: me { roles } y: __typename }")
            .expect_err("four root fields");
        assert!(refused.contains("4 root fields"), "{refused}");
    }

    #[test]
    fn introspection_is_refused_when_off_even_through_fragments() {
        assert!(check("{ __typename me { subject } }").is_ok());
        for query in [
            "{ __schema { queryType { name } } }",
            "{ __type(name: \"Me\") { name } }",
            "{ ...I } fragment I on QueryRoot { __schema { types { name } } }",
        ] {
            assert_eq!(
                check(query),
                Err("introspection is disabled".into()),
                "{query}"
            );
        }
        let on = OperationLimits {
            introspection: true,
            ..LIMITS
        };
        let document = parse_query("{ __schema { queryType { name } } }").expect("parses");
        assert!(on.check(&document).is_ok());
    }

    #[test]
    fn fragment_cycles_and_exponential_fragments_do_not_hang() {
        assert!(check(
            "{ ...A } fragment A on QueryRoot { ...B } fragment B on QueryRoot { ...A }"
        )
        .is_ok());
        let mut query = String::from("{ ...F0 }");
        for i in 0..60 {
            query.push_str(&format!(
                " fragment F{i} on QueryRoot {{ ...F{next} ...F{next} }}",
                next = i + 1
            ));
        }
        query.push_str(" fragment F60 on QueryRoot { a: __typename }");
        let refused = check(&query).expect_err("2^60 aliases");
        assert!(refused.contains("aliases"), "{refused}");
    }
}
