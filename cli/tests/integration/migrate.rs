//! `constructos migrate` creates and migrates the database of every built domain, and is
//! safe to run again.

use constructos::modules::MODULES;
use constructos::stack;
use constructos_infra::{db, Config, Domain};
use uuid::Uuid;

#[tokio::test]
async fn every_built_domain_database_is_created_and_migrated_idempotently() {
    let mut config = Config::from_env().expect("configuration");
    config.db_prefix = format!("ct_{}", &Uuid::new_v4().simple().to_string()[..12]);
    stack::migrate(&config, MODULES)
        .await
        .expect("first migration");
    let pools = stack::migrate(&config, MODULES)
        .await
        .expect("second migration is a no-op");
    assert_eq!(pools.len(), MODULES.len());
    for (domain, pool) in &pools {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables
              WHERE table_schema IN ('public', 'read_model') ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .expect("tables");
        for required in [
            "public.events",
            "public.stream_snapshots",
            "public.relay_checkpoints",
            "read_model.applied_events",
        ] {
            assert!(
                tables.contains(&required.to_string()),
                "{domain} lacks {required}: {tables:?}"
            );
        }
        let has_accounts = tables.contains(&"read_model.accounts".to_string());
        assert_eq!(has_accounts, *domain == Domain::Identity, "{domain}");
        pool.close().await;
    }
    let admin = db::connect_url(&config.url_with_database("postgres").expect("url"), 1)
        .await
        .expect("admin");
    for module in MODULES {
        sqlx::query(&format!(
            "DROP DATABASE \"{}\" WITH (FORCE)",
            config.database_name(module.domain)
        ))
        .execute(&admin)
        .await
        .expect("drop");
    }
}
