//! No string with a NUL character (U+0000) gets past the edge. PostgreSQL cannot store
//! one in `text`, so a NUL in a name, id, filter, cursor or CSV would otherwise fail
//! deep inside a command as `INTERNAL`; here it is `BAD_USER_INPUT` naming where it was.
//!
//! Checked: every argument written in the document (operations and fragments, fields
//! and directives, walked as written - spreads are not followed, each fragment is read
//! once), every variable's default, and every variable sent, through nested lists and
//! objects (keys too).

use async_graphql::parser::types::{
    Directive, ExecutableDocument, Selection, SelectionSet, VariableDefinition,
};
use async_graphql::{Name, Positioned, Value as ConstValue, Variables};

/// Where a NUL was found, as the client should read it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} contains a NUL character")]
pub struct NulFound(String);

/// Refuses the first string containing U+0000 in `document`'s arguments or `variables`.
pub fn check(document: &ExecutableDocument, variables: &Variables) -> Result<(), NulFound> {
    for (name, value) in variables.iter() {
        if let Some(path) = in_const(value, format!("${name}")) {
            return Err(NulFound(format!("variable `{path}`")));
        }
    }
    for (_, operation) in document.operations.iter() {
        variable_defaults(&operation.node.variable_definitions)?;
        directives(&operation.node.directives)?;
        selection_set(&operation.node.selection_set.node)?;
    }
    for fragment in document.fragments.values() {
        directives(&fragment.node.directives)?;
        selection_set(&fragment.node.selection_set.node)?;
    }
    Ok(())
}

fn variable_defaults(definitions: &[Positioned<VariableDefinition>]) -> Result<(), NulFound> {
    for definition in definitions {
        let definition = &definition.node;
        if let Some(default) = &definition.default_value {
            let name = format!("${}", definition.name.node);
            if let Some(path) = in_const(&default.node, name) {
                return Err(NulFound(format!("the default of variable `{path}`")));
            }
        }
    }
    Ok(())
}

fn selection_set(set: &SelectionSet) -> Result<(), NulFound> {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let field = &field.node;
                arguments(&field.arguments, written!(), || {
                    format!("`{}`", field.name.node)
                })?;
                directives(&field.directives)?;
                selection_set(&field.selection_set.node)?;
            }
            Selection::InlineFragment(fragment) => {
                directives(&fragment.node.directives)?;
                selection_set(&fragment.node.selection_set.node)?;
            }
            Selection::FragmentSpread(spread) => directives(&spread.node.directives)?,
        }
    }
    Ok(())
}

fn directives(directives: &[Positioned<Directive>]) -> Result<(), NulFound> {
    for directive in directives {
        let directive = &directive.node;
        arguments(&directive.arguments, written!(), || {
            format!("directive `@{}`", directive.name.node)
        })?;
    }
    Ok(())
}

/// A value as written in the document, its variables as `null` (they are checked
/// where they are sent). The parser's value type is not re-exported by async-graphql,
/// hence the generic plumbing.
macro_rules! written {
    () => {
        |value| match value
            .clone()
            .into_const_with(|_| Ok::<_, std::convert::Infallible>(ConstValue::Null))
        {
            Ok(value) => value,
            Err(never) => match never {},
        }
    };
}
use written;

fn arguments<V>(
    arguments: &[(Positioned<Name>, Positioned<V>)],
    to_const: impl Fn(&V) -> ConstValue,
    owner: impl Fn() -> String,
) -> Result<(), NulFound> {
    for (name, value) in arguments {
        if let Some(path) = in_const(&to_const(&value.node), name.node.to_string()) {
            return Err(NulFound(format!("argument `{path}` of {}", owner())));
        }
    }
    Ok(())
}

/// The path below `path` of the first NUL in a sent value.
fn in_const(value: &ConstValue, path: String) -> Option<String> {
    match value {
        ConstValue::String(s) if s.contains('\0') => Some(path),
        ConstValue::List(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| in_const(item, format!("{path}[{i}]"))),
        ConstValue::Object(fields) => fields.iter().find_map(|(key, item)| {
            if key.contains('\0') {
                Some(format!("{path} (a key)"))
            } else {
                in_const(item, format!("{path}.{key}"))
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;
    use serde_json::json;

    use super::*;

    fn check_with(query: &str, variables: serde_json::Value) -> Result<(), String> {
        let document = parse_query(query).expect("parses");
        let variables = Variables::from_json(variables);
        check(&document, &variables).map_err(|e| e.to_string())
    }

    #[test]
    fn a_nul_in_an_argument_is_named_by_its_path_and_field() {
        assert_eq!(
            check_with(
                r#"mutation { createAccount(input: { kind: CUSTOMER, name: "a\u0000b" }) { id } }"#,
                json!({})
            ),
            Err("argument `input.name` of `createAccount` contains a NUL character".into())
        );
        assert_eq!(
            check_with(
                r#"{ me { ...F } } fragment F on Me { accounts(filter: {ids: ["x", "\u0000"]}) { id } }"#,
                json!({})
            ),
            Err("argument `filter.ids[1]` of `accounts` contains a NUL character".into())
        );
        assert_eq!(
            check_with(r#"{ me @include(if: "\u0000") { subject } }"#, json!({})),
            Err("argument `if` of directive `@include` contains a NUL character".into())
        );
    }

    #[test]
    fn a_nul_in_a_variable_or_default_is_named_by_its_path() {
        assert_eq!(
            check_with(
                "query($after: String) { accounts(after: $after) { id } }",
                json!({ "after": "abc\u{0}" })
            ),
            Err("variable `$after` contains a NUL character".into())
        );
        assert_eq!(
            check_with(
                "mutation($input: X) { a(input: $input) }",
                json!({ "input": { "lines": [{ "narrative": "ok" }, { "narrative": "\u{0}" }] } })
            ),
            Err("variable `$input.lines[1].narrative` contains a NUL character".into())
        );
        assert_eq!(
            check_with("query($x: String = \"\\u0000\") { a(x: $x) }", json!({})),
            Err("the default of variable `$x` contains a NUL character".into())
        );
        assert!(check_with(
            "query($x: String) { a(x: $x, y: \"fine \\u0001\") }",
            json!({ "x": "no nul", "n": [1, null, true] })
        )
        .is_ok());
    }
}
