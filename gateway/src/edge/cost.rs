//! What an operation costs with every fragment spread expanded, computed without
//! expanding anything: each fragment is measured once and its measure reused wherever it
//! is spread (memoised, saturating). A document of 40 fragments, each spreading the one
//! before it twice, is measured in 40 steps, not 2^40.
//!
//! The measures match async-graphql 7's validation closely enough that ours is never
//! below its own for our schema (no field has a custom complexity):
//!
//! - **depth**: the most fields on one path from the root, `__typename` not counted
//!   (async-graphql's `DepthCalculate` enters every field but `__typename`);
//! - **complexity**: one per field, summed over every operation of the document
//!   (`ComplexityCalculate` adds `1 + children` per field, document-wide). We also
//!   count `__typename`, which async-graphql skips: that keeps a fragment bomb whose
//!   leaves are all `__typename` bounded too;
//! - **nesting**: the longest path of selection sets *and* fragment spreads, as
//!   async-graphql's `check_recursive_depth` counts it. The walk refuses anything past
//!   [`MAX_NESTING`] before it recurses further, so no document can exhaust its stack;
//!   a fragment that spreads itself is refused at once.

use std::collections::{HashMap, HashSet};

use async_graphql::parser::types::{FragmentDefinition, Selection, SelectionSet};
use async_graphql::{Name, Positioned};

/// How deep selection sets and fragment spreads may nest on one path. async-graphql
/// refuses more than 32 (`limit_recursive_depth`'s default) after us, so nothing it
/// would run is refused here; the bound only keeps the walk's recursion short.
pub const MAX_NESTING: usize = 64;

/// What one selection set costs, fragments expanded.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// Aliases at every depth.
    pub aliases: usize,
    /// The set's own fields (the root fields, for an operation).
    pub fields: usize,
    /// Whether one of the set's own fields introspects the schema.
    pub introspects: bool,
    /// Fields on the longest path, `__typename` not counted.
    pub depth: usize,
    /// Every field at every depth, each counting one.
    pub complexity: usize,
    /// Selection sets and spreads on the longest path below this set.
    pub nesting: usize,
}

impl Cost {
    /// `other` selected beside this: sums and maxima.
    fn beside(&mut self, other: Cost) {
        self.aliases = self.aliases.saturating_add(other.aliases);
        self.fields = self.fields.saturating_add(other.fields);
        self.introspects |= other.introspects;
        self.depth = self.depth.max(other.depth);
        self.complexity = self.complexity.saturating_add(other.complexity);
        self.nesting = self.nesting.max(other.nesting);
    }
}

/// Why a document cannot be measured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    #[error(
        "the operation nests selections and fragment spreads more than {MAX_NESTING} levels deep"
    )]
    TooDeep,
    #[error("fragment `{0}` spreads itself (directly or through other fragments)")]
    Cycle(String),
}

/// The root fields that introspect the schema.
const INTROSPECTION_FIELDS: [&str; 2] = ["__schema", "__type"];

/// Measures selection sets of one document, remembering each fragment's cost.
pub struct Meter<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    done: HashMap<&'a str, Cost>,
    visiting: HashSet<&'a str>,
}

impl<'a> Meter<'a> {
    /// A meter for a document with these fragments.
    pub fn new(fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>) -> Self {
        Self {
            fragments,
            done: HashMap::new(),
            visiting: HashSet::new(),
        }
    }

    /// The cost of an operation's selection set.
    pub fn operation(&mut self, set: &'a SelectionSet) -> Result<Cost, CostError> {
        self.selection_set(set, 0)
    }

    /// The cost of `set`, which sits `level` sets and spreads below the operation.
    fn selection_set(&mut self, set: &'a SelectionSet, level: usize) -> Result<Cost, CostError> {
        let below = level + 1;
        if below > MAX_NESTING {
            return Err(CostError::TooDeep);
        }
        let mut cost = Cost::default();
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let inner = if field.selection_set.node.items.is_empty() {
                        Cost::default()
                    } else {
                        let inner = self.selection_set(&field.selection_set.node, below)?;
                        Cost {
                            nesting: inner.nesting + 1,
                            ..inner
                        }
                    };
                    let typename = field.name.node == "__typename";
                    cost.beside(Cost {
                        aliases: usize::from(field.alias.is_some()).saturating_add(inner.aliases),
                        fields: 1,
                        introspects: INTROSPECTION_FIELDS.contains(&field.name.node.as_str()),
                        depth: if typename { 0 } else { inner.depth + 1 },
                        complexity: inner.complexity.saturating_add(1),
                        nesting: inner.nesting,
                    });
                }
                Selection::InlineFragment(fragment) => {
                    let inner = self.selection_set(&fragment.node.selection_set.node, below)?;
                    cost.beside(Cost {
                        nesting: inner.nesting + 1,
                        ..inner
                    });
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    let inner = self.fragment(name, below)?;
                    // A memoised fragment reaches as deep below this spread as it did
                    // where it was first measured.
                    if below + inner.nesting >= MAX_NESTING {
                        return Err(CostError::TooDeep);
                    }
                    cost.beside(Cost {
                        nesting: inner.nesting + 1,
                        ..inner
                    });
                }
            }
        }
        Ok(cost)
    }

    /// The cost of fragment `name`'s selection set, spread `level` deep.
    fn fragment(&mut self, name: &'a str, level: usize) -> Result<Cost, CostError> {
        if let Some(cost) = self.done.get(name) {
            return Ok(*cost);
        }
        let Some(definition) = self.fragments.get(name) else {
            return Ok(Cost::default()); // unknown fragment: validation refuses it
        };
        if !self.visiting.insert(name) {
            return Err(CostError::Cycle(name.to_string()));
        }
        // The cost's nesting is relative to the fragment, so the memo holds wherever it
        // is spread; `level` only bounds the recursion now.
        let cost = self.selection_set(&definition.node.selection_set.node, level)?;
        self.visiting.remove(name);
        self.done.insert(name, cost);
        Ok(cost)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn cost(query: &str) -> Result<Cost, CostError> {
        let document = parse_query(query).expect("parses");
        let mut meter = Meter::new(&document.fragments);
        let mut total = Cost::default();
        for (_, operation) in document.operations.iter() {
            total.beside(meter.operation(&operation.node.selection_set.node)?);
        }
        Ok(total)
    }

    #[test]
    fn depth_and_complexity_count_fields_as_async_graphql_does() {
        let c = cost("{ me { subject roles } }").expect("measured");
        assert_eq!((c.depth, c.complexity), (2, 3));
        // __typename adds no depth but counts one towards complexity.
        let c = cost("{ me { __typename } __typename }").expect("measured");
        assert_eq!((c.depth, c.complexity), (1, 3));
        // Through a fragment and an inline fragment, as async-graphql's own test.
        let c = cost(
            "query { obj { ...A } } fragment A on MyObj { a b ...A2 } \
             fragment A2 on MyObj { obj { a } }",
        )
        .expect("measured");
        assert_eq!((c.depth, c.complexity), (3, 5));
        let c =
            cost("{ obj { ... on MyObj { a b ... on MyObj { obj { a } } } } }").expect("measured");
        assert_eq!((c.depth, c.complexity), (3, 5));
        // Complexity is summed over every operation in the document, depth is the deepest.
        let c = cost("query A { me { subject } } query B { me { subject roles name } }")
            .expect("measured");
        assert_eq!((c.depth, c.complexity), (2, 6));
    }

    #[test]
    fn a_fragment_spread_many_times_costs_what_it_runs_and_is_measured_once() {
        let c =
            cost("{ me { ...F ...F ...F } } fragment F on Me { subject roles }").expect("measured");
        assert_eq!((c.depth, c.complexity), (2, 7));
        // 2^40 leaves, measured in 40 steps; saturating, never overflowing.
        let mut query = String::from("{ me { ...F40 } }");
        for i in 1..=40 {
            query.push_str(&format!(
                " fragment F{i} on Me {{ ...F{p} ...F{p} }}",
                p = i - 1
            ));
        }
        query.push_str(" fragment F0 on Me { subject }");
        let c = cost(&query).expect("measured");
        assert_eq!(c.complexity, (1usize << 40) + 1);
        assert_eq!(c.depth, 2);
        let mut huge = String::from("{ me { ...F70 } }");
        for i in 1..=70 {
            huge.push_str(&format!(
                " fragment F{i} on Me {{ a{i}: subject ...F{p} ...F{p} }}",
                p = i - 1
            ));
        }
        huge.push_str(" fragment F0 on Me { subject }");
        // Nested 71 spreads deep: refused before the counts could overflow.
        assert_eq!(cost(&huge), Err(CostError::TooDeep));
    }

    #[test]
    fn nesting_past_the_bound_and_cycles_are_refused_before_recursing_further() {
        let mut chain = String::from("{ me { ...F0 } }");
        for i in 0..MAX_NESTING {
            chain.push_str(&format!(" fragment F{i} on Me {{ ...F{} }}", i + 1));
        }
        chain.push_str(&format!(" fragment F{MAX_NESTING} on Me {{ subject }}"));
        assert_eq!(cost(&chain), Err(CostError::TooDeep));
        // A memoised fragment spread deeper than where it was first measured.
        let shallow_then_deep = format!(
            "{{ a: me {{ ...F0 }} b: me {{ {open} ...F0 {close} }} }} fragment F0 on Me {{ ...F1 }} {rest}",
            open = "... on Me { ".repeat(40),
            close = "} ".repeat(40),
            rest = (1..30)
                .map(|i| format!("fragment F{i} on Me {{ ...F{} }}", i + 1))
                .collect::<Vec<_>>()
                .join(" ")
                + " fragment F30 on Me { subject }"
        );
        assert_eq!(cost(&shallow_then_deep), Err(CostError::TooDeep));
        assert_eq!(
            cost("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            Err(CostError::Cycle("A".into()))
        );
        // Unknown fragments cost nothing here; validation names them.
        assert_eq!(cost("{ me { ...Nope } }").expect("measured").depth, 1);
    }
}
