//! The schema as the fuzzer sees it: every field of `Query` and `Mutation` with its
//! arguments, read from the gateway's own SDL with async-graphql's parser (so a new
//! operation is fuzzed the day it is added), and the text of one request for it.

use std::collections::HashMap;
use std::fmt::Write;

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
use serde_json::{Map, Value};

/// An argument or an input-object field.
#[derive(Debug, Clone)]
pub struct InputDef {
    pub name: String,
    pub ty: Type,
    /// Whether the SDL gives it a default (absent is then always fine).
    pub has_default: bool,
}

/// What a named type is, as far as generating inputs and selections needs.
#[derive(Debug, Clone)]
pub enum Kind {
    Scalar,
    Enum(Vec<String>),
    Input(Vec<InputDef>),
    /// An object or interface: its fields as (name, type, takes a required argument).
    Object(Vec<(String, Type, bool)>),
    Union,
}

/// `query` or `mutation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    Query,
    Mutation,
}

impl OpKind {
    pub fn keyword(self) -> &'static str {
        match self {
            OpKind::Query => "query",
            OpKind::Mutation => "mutation",
        }
    }
}

/// One root field to call.
#[derive(Debug, Clone)]
pub struct Operation {
    pub kind: OpKind,
    pub field: String,
    pub args: Vec<InputDef>,
    /// The selection set for its return type (empty for a scalar).
    pub selection: String,
}

/// The parsed schema: named types and the root operations.
pub struct Schema {
    pub types: HashMap<String, Kind>,
    pub operations: Vec<Operation>,
}

/// The type name under any list and non-null wrappers.
pub fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

impl Schema {
    /// Parses `sdl`; panics (failing the test) when the gateway's SDL does not parse.
    pub fn parse(sdl: &str) -> Self {
        let document = async_graphql::parser::parse_schema(sdl).expect("the SDL parses");
        let mut types = HashMap::new();
        let mut object_fields = HashMap::new();
        let (mut query, mut mutation) = ("Query".to_string(), "Mutation".to_string());
        for definition in document.definitions {
            match definition {
                TypeSystemDefinition::Schema(schema) => {
                    if let Some(q) = &schema.node.query {
                        query = q.node.to_string();
                    }
                    if let Some(m) = &schema.node.mutation {
                        mutation = m.node.to_string();
                    }
                }
                TypeSystemDefinition::Type(ty) => {
                    let kind = match ty.node.kind {
                        TypeKind::Scalar => Kind::Scalar,
                        TypeKind::Enum(e) => Kind::Enum(
                            e.values
                                .iter()
                                .map(|v| v.node.value.node.to_string())
                                .collect(),
                        ),
                        TypeKind::InputObject(input) => {
                            Kind::Input(input.fields.iter().map(|f| input_def(&f.node)).collect())
                        }
                        TypeKind::Object(o) => {
                            let kind = Kind::Object(fields(&o.fields));
                            let defs: Vec<_> = o.fields.into_iter().map(|f| f.node).collect();
                            object_fields.insert(ty.node.name.node.to_string(), defs);
                            kind
                        }
                        TypeKind::Interface(i) => Kind::Object(fields(&i.fields)),
                        TypeKind::Union(_) => Kind::Union,
                    };
                    types.insert(ty.node.name.node.to_string(), kind);
                }
                TypeSystemDefinition::Directive(_) => {}
            }
        }
        let mut schema = Schema {
            types,
            operations: Vec::new(),
        };
        for (root, kind) in [(query, OpKind::Query), (mutation, OpKind::Mutation)] {
            let Some(defs) = object_fields.get(&root) else {
                continue;
            };
            let roots = root_fields(defs);
            for (field, args, ty) in roots {
                let selection = schema.selection(&ty);
                schema.operations.push(Operation {
                    kind,
                    field,
                    args,
                    selection,
                });
            }
        }
        schema
    }

    /// A selection set for `ty` that is valid and cheap but still makes every scalar
    /// field of the answer resolve: `__typename` and each scalar or enum field that takes
    /// no required argument. Nested objects are left out (their own operations cover them).
    pub fn selection(&self, ty: &Type) -> String {
        match self.types.get(named(ty)) {
            Some(Kind::Object(fields)) => {
                let mut out = String::from(" { __typename");
                for (name, ty, needs_argument) in fields {
                    let leaf = matches!(
                        self.types.get(named(ty)),
                        None | Some(Kind::Scalar) | Some(Kind::Enum(_))
                    );
                    if leaf && !needs_argument {
                        let _ = write!(out, " {name}");
                    }
                }
                out.push_str(" }");
                out
            }
            Some(Kind::Union) => " { __typename }".to_string(),
            _ => String::new(),
        }
    }

    /// The kind of the named type `name` (built-in scalars are not in the SDL).
    pub fn kind(&self, name: &str) -> Kind {
        self.types.get(name).cloned().unwrap_or(Kind::Scalar)
    }
}

fn input_def(def: &async_graphql::parser::types::InputValueDefinition) -> InputDef {
    InputDef {
        name: def.name.node.to_string(),
        ty: def.ty.node.clone(),
        has_default: def.default_value.is_some(),
    }
}

fn fields(
    defs: &[async_graphql::parser::Positioned<async_graphql::parser::types::FieldDefinition>],
) -> Vec<(String, Type, bool)> {
    defs.iter()
        .map(|f| {
            let needs_argument = f
                .node
                .arguments
                .iter()
                .any(|a| !a.node.ty.node.nullable && a.node.default_value.is_none());
            (
                f.node.name.node.to_string(),
                f.node.ty.node.clone(),
                needs_argument,
            )
        })
        .collect()
}

fn root_fields(
    defs: &[async_graphql::parser::types::FieldDefinition],
) -> Vec<(String, Vec<InputDef>, Type)> {
    defs.iter()
        .map(|f| {
            (
                f.name.node.to_string(),
                f.arguments.iter().map(|a| input_def(&a.node)).collect(),
                f.ty.node.clone(),
            )
        })
        .collect()
}

/// How one argument is sent.
#[derive(Debug, Clone)]
pub enum ArgValue {
    /// Left out of the call.
    Absent,
    /// Declared as a variable, but no value sent for it.
    UnsentVariable,
    /// As a variable (`$name`) with this value.
    Variable(Value),
    /// Written into the query text as a literal.
    Inline(Value),
}

/// The request for `op` with `args` (in the order of `op.args`): its text and variables.
pub fn request(schema: &Schema, op: &Operation, args: &[ArgValue]) -> (String, Value) {
    let mut declarations = Vec::new();
    let mut call = Vec::new();
    let mut variables = Map::new();
    for (def, value) in op.args.iter().zip(args) {
        match value {
            ArgValue::Absent => {}
            ArgValue::UnsentVariable => {
                declarations.push(format!("${}: {}", def.name, def.ty));
                call.push(format!("{0}: ${0}", def.name));
            }
            ArgValue::Variable(v) => {
                declarations.push(format!("${}: {}", def.name, def.ty));
                call.push(format!("{0}: ${0}", def.name));
                variables.insert(def.name.clone(), v.clone());
            }
            ArgValue::Inline(v) => {
                call.push(format!(
                    "{}: {}",
                    def.name,
                    literal(schema, Some(&def.ty), v)
                ));
            }
        }
    }
    let mut text = format!("{} Fuzz", op.kind.keyword());
    if !declarations.is_empty() {
        let _ = write!(text, "({})", declarations.join(", "));
    }
    let _ = write!(text, " {{ {}", op.field);
    if !call.is_empty() {
        let _ = write!(text, "({})", call.join(", "));
    }
    let _ = write!(text, "{} }}", op.selection);
    (text, Value::Object(variables))
}

/// `value` as a GraphQL literal of type `ty` (enum values bare where they are names;
/// a value of the wrong shape is written as what it is, for the server to refuse).
pub fn literal(schema: &Schema, ty: Option<&Type>, value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let is_enum = ty.is_some_and(|t| {
                matches!(t.base, BaseType::Named(_))
                    && matches!(schema.kind(named(t)), Kind::Enum(_))
            });
            let is_name = !s.is_empty()
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !s.starts_with(|c: char| c.is_ascii_digit())
                && !matches!(s.as_str(), "true" | "false" | "null");
            if is_enum && is_name {
                s.clone()
            } else {
                // JSON's string escapes are GraphQL's (`\uXXXX` for control characters).
                Value::String(s.clone()).to_string()
            }
        }
        Value::Array(items) => {
            let inner = ty.map(|t| match &t.base {
                BaseType::List(inner) => inner.as_ref(),
                BaseType::Named(_) => t,
            });
            let items: Vec<String> = items.iter().map(|v| literal(schema, inner, v)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(fields) => {
            let defs = match ty.map(|t| schema.kind(named(t))) {
                Some(Kind::Input(defs)) => defs,
                _ => Vec::new(),
            };
            let fields: Vec<String> = fields
                .iter()
                .map(|(name, v)| {
                    let field_ty = defs.iter().find(|d| &d.name == name).map(|d| &d.ty);
                    format!("{name}: {}", literal(schema, field_ty, v))
                })
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}
