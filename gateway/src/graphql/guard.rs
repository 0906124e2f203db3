//! The field guard: every root query and mutation field — and any other field listed —
//! is allowed only by a rule in [`field_rules`]. A root field without a rule is refused:
//! nothing is reachable without a declared permission.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo,
};
use async_graphql::{ServerError, ServerResult, Value};
use constructos_domain::access::Permission;
use constructos_services::Call;

use super::errors::ErrorCode;

/// What a field needs: the same declaration a service operation carries.
pub use constructos_domain::access::Access as Rule;

/// Every domain's guarded fields, each list next to that domain's resolvers.
const DOMAIN_RULES: &[&[(&str, Rule)]] = &[
    super::compliance::RULES,
    super::finance::RULES,
    super::hr::RULES,
    super::identity::RULES,
    super::inventory::RULES,
    super::orders::RULES,
    super::sales::RULES,
];

/// Every guarded field, as `Type.field`, and its rule. The root types must be complete.
pub fn field_rules() -> impl Iterator<Item = &'static (&'static str, Rule)> {
    DOMAIN_RULES.iter().flat_map(|rules| rules.iter())
}

/// The root types whose every field must have a rule.
pub const ROOT_TYPES: &[&str] = &["Query", "Mutation"];

/// The rule of `Type.field`, if declared.
pub fn rule_for(parent_type: &str, field: &str) -> Option<Rule> {
    RULES_BY_TYPE.get(parent_type)?.get(field).copied()
}

/// [`field_rules`] by type, then field: the guard looks up every field it resolves (a
/// page of 20 accounts is more than a hundred), so a scan of the lists would be most of
/// the request's CPU.
static RULES_BY_TYPE: LazyLock<HashMap<&'static str, HashMap<&'static str, Rule>>> =
    LazyLock::new(|| {
        let mut by_type: HashMap<&'static str, HashMap<&'static str, Rule>> = HashMap::new();
        for (name, rule) in field_rules() {
            if let Some((parent_type, field)) = name.split_once('.') {
                by_type
                    .entry(parent_type)
                    .or_default()
                    .entry(field)
                    .or_insert(*rule);
            }
        }
        by_type
    });

/// The async-graphql extension that applies [`field_rules`].
pub struct FieldGuard;

impl ExtensionFactory for FieldGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FieldGuardExtension)
    }
}

struct FieldGuardExtension;

fn refuse(info: &ResolveInfo<'_>, message: String) -> ServerError {
    let mut error = ServerError::new(message, Some(info.field.name.pos));
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", ErrorCode::Forbidden.as_str());
    error.extensions = Some(extensions);
    error
}

#[async_graphql::async_trait::async_trait]
impl Extension for FieldGuardExtension {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.is_for_introspection || info.name.starts_with("__") {
            return next.run(ctx, info).await;
        }
        let call = ctx.data_opt::<Call>();
        let subject = call.map_or("", |c| c.context.caller.subject.as_str());
        let correlation_id = call.map_or("", |c| c.context.correlation_id.as_str());
        match rule_for(info.parent_type, info.name) {
            None if ROOT_TYPES.contains(&info.parent_type) => {
                tracing::error!(field = %format!("{}.{}", info.parent_type, info.name), "field without a declared rule refused");
                return Err(refuse(&info, "this operation is not available".to_string()));
            }
            None => {}
            Some(rule) => {
                let allowed = rule.allows(|p| call.is_some_and(|c| c.context.caller.may(p)));
                if !allowed {
                    let needs = match rule {
                        Rule::Authenticated => "a valid token".to_string(),
                        Rule::Requires(p) => p.as_str().to_string(),
                        Rule::AnyOf(ps) => ps
                            .iter()
                            .map(|p| p.as_str())
                            .collect::<Vec<_>>()
                            .join(" or "),
                    };
                    tracing::warn!(
                        subject,
                        permission = %needs,
                        field = %format!("{}.{}", info.parent_type, info.name),
                        correlation_id,
                        "permission denied"
                    );
                    return Err(refuse(
                        &info,
                        format!("you do not have permission for {needs}"),
                    ));
                }
            }
        }
        next.run(ctx, info).await
    }
}

/// The role × permission matrix and the guarded fields, as Markdown (`docs/rbac.md`).
pub fn rbac_markdown() -> String {
    use constructos_domain::access::Role;
    let mut out = String::from(
        "# Roles and permissions\n\n\
         Generated from `domain/src/access.rs` (the matrix) and each domain's `RULES` beside its \
         resolvers (the fields) by `constructos print-rbac`; a test keeps this file in sync.\n\n\
         ## Permissions by role\n\n",
    );
    out.push_str("| role |");
    for p in Permission::ALL {
        out.push_str(&format!(" `{}` |", p.as_str()));
    }
    out.push_str("\n|---|");
    for _ in Permission::ALL {
        out.push_str(":---:|");
    }
    out.push('\n');
    for role in Role::ALL {
        out.push_str(&format!("| `{}` |", role.as_str()));
        for p in Permission::ALL {
            out.push_str(if p.granted_to().contains(&role) {
                " ✔ |"
            } else {
                " |"
            });
        }
        out.push('\n');
    }
    out.push_str("\n## What each permission allows\n\n| permission | allows |\n|---|---|\n");
    for p in Permission::ALL {
        out.push_str(&format!("| `{}` | {} |\n", p.as_str(), p.description()));
    }
    out.push_str("\n## Guarded fields\n\n| field | needs |\n|---|---|\n");
    for (field, rule) in field_rules() {
        let needs = match rule {
            Rule::Authenticated => "a valid token".to_string(),
            Rule::Requires(p) => format!("`{}`", p.as_str()),
            Rule::AnyOf(ps) => ps
                .iter()
                .map(|p| format!("`{}`", p.as_str()))
                .collect::<Vec<_>>()
                .join(" or "),
        };
        out.push_str(&format!("| `{field}` | {needs} |\n"));
    }
    out.push_str(
        "\nRow-level rules on top of the matrix: `users` and `user` return every user to \
         holders of `identity.users.read`, and only the caller's own record to everyone else.\n",
    );
    let every_lead: Vec<String> = constructos_domain::access::EVERY_LEAD_ROLES
        .iter()
        .map(|r| format!("`{}`", r.as_str()))
        .collect();
    out.push_str(&format!(
        "\n`leads` and `lead` return every lead to {}, and only the leads the caller owns \
         (captured) to other holders of `identity.leads.read`; `qualifyLead`, \
         `disqualifyLead` and `convertLead` follow the same rule.\n",
        every_lead.join(", ")
    ));
    out.push_str(&format!(
        "\n`opportunities` and `opportunity` return every opportunity to {}, and only the \
         opportunities the caller owns (the converted lead's owner) to other holders of \
         `sales.opportunities.read`; `moveOpportunityStage`, `winOpportunity` and \
         `loseOpportunity` follow the same rule, and another's opportunity answers \
         `NOT_FOUND`.\n",
        every_lead.join(", ")
    ));
    out.push_str(
        "\n`projects` and `project` return every project to holders of \
         `orders.projects.read`, and to holders of only `orders.projects.read_assigned` the \
         projects they are assigned to (directly or through a site); `changeProjectStatus` \
         follows the same rule, and a project outside it answers `NOT_FOUND`, exactly as an \
         unknown id. `employees` and `employee` return every record to holders of \
         `hr.employees.read`, and only the caller's linked record to holders of \
         `hr.employees.read_own`; `terminateEmployment` follows the same rule (every holder \
         of `hr.employees.write` sees every record).\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};
    use constructos_commands::CommandContext;
    use constructos_domain::access::Role;
    use constructos_infra::auth::Caller;

    /// A root with one declared field of each kind and one undeclared field.
    struct Root;

    #[Object(name = "Query")]
    impl Root {
        async fn me(&self) -> i32 {
            1
        }
        async fn accounts(&self) -> i32 {
            2
        }
        async fn undeclared(&self) -> i32 {
            3
        }
    }

    fn call(roles: Vec<Role>) -> Call {
        let caller = Caller {
            subject: "s".into(),
            object_id: None,
            tenant_id: None,
            name: None,
            username: None,
            roles,
        };
        Call {
            context: CommandContext::new(caller, "c"),
            token: String::new(),
        }
    }

    async fn code(query: &str, roles: Vec<Role>) -> Option<String> {
        let schema = Schema::build(Root, EmptyMutation, EmptySubscription)
            .extension(FieldGuard)
            .finish();
        let response = schema
            .execute(async_graphql::Request::new(query).data(call(roles)))
            .await;
        response.errors.first().map(|e| {
            e.extensions
                .as_ref()
                .and_then(|x| x.get("code"))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
    }

    #[tokio::test]
    async fn undeclared_root_fields_are_refused_whoever_asks() {
        assert_eq!(
            code("{ undeclared }", vec![Role::Admin]).await.as_deref(),
            Some("\"FORBIDDEN\"")
        );
    }

    #[tokio::test]
    async fn declared_fields_follow_the_matrix() {
        assert_eq!(code("{ me }", vec![]).await, None);
        assert_eq!(code("{ accounts }", vec![Role::Auditor]).await, None);
        assert_eq!(
            code("{ accounts }", vec![Role::Employee]).await.as_deref(),
            Some("\"FORBIDDEN\"")
        );
        assert_eq!(code("{ __typename }", vec![]).await, None);
    }
}
