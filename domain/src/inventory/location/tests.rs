use super::*;

fn open(kind: LocationKind, project: Option<&str>) -> LocationCommand {
    LocationCommand::OpenLocation {
        code: "SITE-001".into(),
        name: "Sandton site store".into(),
        kind,
        project_id: project.map(str::to_string),
        allow_negative: false,
    }
}

fn run(
    location: &mut Location,
    command: LocationCommand,
) -> Result<Option<LocationEvent>, InventoryError> {
    let event = location.decide(command)?;
    if let Some(event) = &event {
        location.apply(event.clone());
    }
    Ok(event)
}

#[test]
fn a_site_store_belongs_to_a_project_and_a_warehouse_to_none() {
    let mut location = Location::default();
    assert_eq!(
        run(&mut location, open(LocationKind::SiteStore, None)),
        Err(InventoryError::SiteStoreNeedsProject)
    );
    assert_eq!(
        run(&mut location, open(LocationKind::Warehouse, Some("PRJ-1"))),
        Err(InventoryError::WarehouseHasNoProject)
    );
    run(&mut location, open(LocationKind::SiteStore, Some("PRJ-1"))).expect("opened");
    assert_eq!(location.project_id(), Some("PRJ-1"));
    assert_eq!(
        run(&mut location, open(LocationKind::SiteStore, Some("PRJ-1"))),
        Err(InventoryError::LocationExists("SITE-001".into()))
    );
}

#[test]
fn negative_stock_is_a_setting_and_a_closed_location_takes_no_movements() {
    let mut location = Location::default();
    assert_eq!(
        location.accepts_movements("SITE-001"),
        Err(InventoryError::LocationNotFound("SITE-001".into()))
    );
    run(&mut location, open(LocationKind::SiteStore, Some("PRJ-1"))).expect("opened");
    assert!(!location.allows_negative());
    let allowed = LocationCommand::SetNegativeStock { allowed: true };
    assert!(run(&mut location, allowed.clone()).expect("set").is_some());
    assert!(location.allows_negative());
    assert_eq!(run(&mut location, allowed), Ok(None), "no change, no event");
    run(
        &mut location,
        LocationCommand::CloseLocation {
            reason: "site handed over".into(),
        },
    )
    .expect("closed");
    assert_eq!(
        location.accepts_movements("SITE-001"),
        Err(InventoryError::LocationClosed("SITE-001".into()))
    );
    assert!(run(
        &mut location,
        LocationCommand::SetNegativeStock { allowed: false }
    )
    .is_err());
}
