//! Operation limits, checked on the request before async-graphql parses, validates or
//! runs it: the query text's nesting ([`nesting`](super::nesting)), then on the parsed
//! document the number of aliases (`a1: account(id: 1) a2: account(id: 1) …` runs one
//! resolver many times at the cost of a few bytes), the number of root fields, and the
//! depth and complexity with fragments expanded ([`cost`](super::cost)), and finally no
//! NUL in any string ([`nul`](super::nul)).
//!
//! Depth and complexity are checked again by the engine's `limit_depth` and
//! `limit_complexity`, but async-graphql expands every fragment spread in full there
//! (and in its recursion-depth check, which runs while parsing): 30 fragments, each
//! spreading the one before it twice, kept a CPU busy for minutes. Measured here, once
//! per fragment, such a document is refused in microseconds, and what reaches the
//! engine is small enough for its own walk.
//!
//! The gateway's handler runs [`OperationLimits::admit`] on the GraphQL runtime and hands
//! the parsed document to the engine. It is not an async-graphql extension: an
//! extension, even one that only looks at the request, puts a hook on the resolution of
//! every field of the answer (a page of 20 accounts is over a hundred), which measured
//! about 5% of a page's time.
//!
//! It also refuses `__schema` and `__type` when introspection is off: async-graphql's
//! `disable_introspection` answers them with a silent `null`, which reads to a client as
//! an empty schema rather than a refusal.

use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, ServerError};

use super::cost::{Cost, Meter, MAX_NESTING};
use super::{nesting, nul};
use crate::error_code::server_error;
use crate::error_code::ErrorCode;

/// The limits of one gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationLimits {
    /// The most aliases one operation may use.
    pub max_aliases: usize,
    /// The most top-level fields one operation may select.
    pub max_root_fields: usize,
    /// The most fields on one path (`CONSTRUCTOS_GRAPHQL_MAX_DEPTH`).
    pub max_depth: usize,
    /// The most fields in the document, fragments expanded
    /// (`CONSTRUCTOS_GRAPHQL_MAX_COMPLEXITY`).
    pub max_complexity: usize,
    /// Whether `__schema` and `__type` may be selected (development only).
    pub introspection: bool,
}

fn refuse(message: impl Into<String>) -> ServerError {
    server_error(ErrorCode::BadUserInput, message)
}

impl OperationLimits {
    /// Refuses query text that nests brackets too deeply to parse safely.
    pub fn check_text(&self, query: &str) -> Result<(), ServerError> {
        if nesting::max_nesting(query, MAX_NESTING) > MAX_NESTING {
            return Err(refuse(format!(
                "the operation nests selections or values more than {MAX_NESTING} levels deep"
            )));
        }
        Ok(())
    }

    /// Refuses the document when any of its operations is over a limit.
    pub fn check(&self, document: &ExecutableDocument) -> Result<(), ServerError> {
        let mut meter = Meter::new(&document.fragments);
        let (mut depth, mut complexity) = (0usize, 0usize);
        for (_, operation) in document.operations.iter() {
            let cost: Cost = meter
                .operation(&operation.node.selection_set.node)
                .map_err(|e| refuse(e.to_string()))?;
            if cost.introspects && !self.introspection {
                return Err(refuse("introspection is disabled"));
            }
            if cost.aliases > self.max_aliases {
                return Err(refuse(format!(
                    "the operation uses {} aliases; at most {} are allowed",
                    cost.aliases, self.max_aliases
                )));
            }
            if cost.fields > self.max_root_fields {
                return Err(refuse(format!(
                    "the operation selects {} root fields; at most {} are allowed",
                    cost.fields, self.max_root_fields
                )));
            }
            depth = depth.max(cost.depth);
            complexity = complexity.saturating_add(cost.complexity);
        }
        if depth > self.max_depth {
            return Err(refuse(format!(
                "the operation is nested too deep: {depth} levels of fields, fragments expanded; at most {} are allowed",
                self.max_depth
            )));
        }
        if complexity > self.max_complexity {
            return Err(refuse(format!(
                "the operation is too complex: {} fields, fragments expanded; at most {} are allowed",
                if complexity == usize::MAX { "too many".to_string() } else { complexity.to_string() },
                self.max_complexity
            )));
        }
        Ok(())
    }

    /// Every check, in order, on one request; parses it (once: the engine reuses the
    /// parsed document).
    pub fn admit(&self, request: &mut Request) -> Result<(), ServerError> {
        self.check_text(&request.query)?;
        let document = async_graphql::parser::parse_query(&request.query)?;
        self.check(&document)?;
        nul::check(&document, &request.variables).map_err(|e| refuse(e.to_string()))?;
        request.set_parsed_query(document);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;
    use async_graphql::Variables;

    use super::*;

    const LIMITS: OperationLimits = OperationLimits {
        max_aliases: 5,
        max_root_fields: 3,
        max_depth: 4,
        max_complexity: 40,
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

    /// `fragment F{n} on Me { ...F{n-1} ...F{n-1} }` down to `F0 { subject }`.
    fn bomb(levels: usize) -> String {
        let mut query = format!("{{ me {{ ...F{levels} }} }}");
        for i in 1..=levels {
            query.push_str(&format!(
                " fragment F{i} on Me {{ ...F{p} ...F{p} }}",
                p = i - 1
            ));
        }
        query + " fragment F0 on Me { subject }"
    }

    #[test]
    fn fragment_cycles_are_refused_and_exponential_fragments_do_not_hang() {
        assert_eq!(
            check("{ ...A } fragment A on QueryRoot { ...B } fragment B on QueryRoot { ...A }"),
            Err("fragment `A` spreads itself (directly or through other fragments)".into())
        );
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

    #[test]
    fn depth_and_complexity_are_checked_with_fragments_expanded_but_measured_once() {
        assert!(check("{ me { ...F ...F } } fragment F on Me { subject roles }").is_ok());
        for levels in [30, 40] {
            let refused = check(&bomb(levels)).expect_err("a fragment bomb");
            let fields = (1usize << levels) + 1;
            assert_eq!(
                refused,
                format!("the operation is too complex: {fields} fields, fragments expanded; at most 40 are allowed")
            );
        }
        // At the limit, and one over.
        let subjects = vec!["subject"; 39].join(" ");
        assert!(check(&format!("{{ me {{ {subjects} }} }}")).is_ok());
        let refused = check(&format!("{{ me {{ roles {subjects} }} }}")).expect_err("41 fields");
        assert!(refused.contains("too complex: 41 fields"), "{refused}");
        // Depth through fragments: me > accounts > nodes (fragment) > contacts > id.
        let deep = "{ me { ...A } } fragment A on Me { accounts { ...N } }                     fragment N on Conn { nodes { contacts { id } } }";
        let refused = check(deep).expect_err("five deep");
        assert!(refused.contains("nested too deep: 5 levels"), "{refused}");
    }

    #[test]
    fn text_nested_past_the_bound_is_refused_before_it_is_parsed() {
        let deep = format!(
            "{{{} subject {}}}",
            "me { ".repeat(30_000),
            "}".repeat(30_000)
        );
        let mut request = Request::new(deep);
        let refused = LIMITS.admit(&mut request).expect_err("too deep");
        assert_eq!(
            refused.message,
            "the operation nests selections or values more than 64 levels deep"
        );
    }

    #[test]
    fn admit_refuses_nul_characters_in_arguments_and_variables() {
        let mut request = Request::new("query($q: String) { accounts(search: $q) { id } }")
            .variables(Variables::from_json(serde_json::json!({ "q": "a\u{0}" })));
        let refused = LIMITS.admit(&mut request).expect_err("a NUL");
        assert_eq!(refused.message, "variable `$q` contains a NUL character");
        let mut fine = Request::new("{ me { subject } }");
        assert!(LIMITS.admit(&mut fine).is_ok());
    }
}
