//! The identity domain as one registration.

use constructos_infra::{db, Domain};
use constructos_projections::identity::{IdentityProjection, KnownEmployeesProjection};
use constructos_projections::KnownProjectsProjection;

use super::{endpoint, IdentityClient, IdentityService, ProjectOpeners};
use crate::module::{no_tasks, DomainModule, Location, Subscription};

/// The identity domain: its migrations, read models, service and client.
pub const MODULE: DomainModule = DomainModule {
    domain: Domain::Identity,
    migrations: db::migrations::identity,
    subscriptions: |_, pool| {
        vec![
            Subscription::new(Domain::Identity, IdentityProjection),
            // Identity keeps its own copies of HR's employees and orders' projects, from
            // their topics: what linkUser and assignUser may refer to.
            Subscription::new(Domain::Hr, KnownEmployeesProjection),
            Subscription::new(Domain::Orders, KnownProjectsProjection::IDENTITY),
            // And assigns whoever opens a project to it, so they see it at once.
            Subscription::new(Domain::Orders, ProjectOpeners::new(pool.clone())),
        ]
    },
    tasks: no_tasks,
    router: |_, pool, validator| endpoint(pool).router(validator),
    connect: |_, location, clients| {
        clients.insert(match location {
            Location::Local(pool) => IdentityClient::local(IdentityService::new(pool)),
            Location::Remote(url) => IdentityClient::remote(&url),
        })
    },
};
