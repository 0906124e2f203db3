use super::*;
use rust_decimal_macros::dec;

fn details() -> ProductDetails {
    ProductDetails {
        description: "Cement CEM II 42.5N, 50 kg".into(),
        category: ProductCategory::Materials,
        unit: "bag".into(),
        conversions: vec![UnitConversion {
            unit: "pallet".into(),
            factor: dec!(40),
        }],
        standard_cost: dec!(92.50),
        sell_price: dec!(119.00),
        vat: VatTreatment::Standard,
        reorder_level: dec!(200),
        reorder_quantity: dec!(800),
        preferred_vendor: None,
    }
}

fn define(details: ProductDetails) -> ProductCommand {
    ProductCommand::DefineProduct {
        sku: "CEM-425-50KG".into(),
        details,
    }
}

#[test]
fn a_product_converts_its_units_without_case() {
    let details = details();
    assert_eq!(details.factor("BAG"), Some(dec!(1)));
    assert_eq!(details.factor("Pallet"), Some(dec!(40)));
    assert_eq!(details.factor("m3"), None);
}

#[test]
fn the_catalogue_refuses_what_does_not_add_up() {
    let product = Product::default();
    let mut bad = details();
    bad.sell_price = dec!(-1);
    assert!(matches!(
        product.decide(define(bad)),
        Err(InventoryError::InvalidPrice("sellPrice", _))
    ));
    let mut bad = details();
    bad.reorder_level = dec!(0.0001);
    assert!(matches!(
        product.decide(define(bad)),
        Err(InventoryError::InvalidLevel("reorderLevel", _))
    ));
    let mut bad = details();
    bad.conversions[0].factor = Decimal::ZERO;
    assert_eq!(
        product.decide(define(bad)),
        Err(InventoryError::InvalidConversion("pallet".into()))
    );
    let mut bad = details();
    bad.conversions[0].unit = "Bag".into();
    assert_eq!(
        product.decide(define(bad)),
        Err(InventoryError::DuplicateUnit("Bag".into()))
    );
}

#[test]
fn a_discontinued_product_takes_no_receipts_or_revisions() {
    let mut product = Product::default();
    assert_eq!(
        product.accepts_receipts("CEM").err(),
        Some(InventoryError::ProductNotFound("CEM".into()))
    );
    for command in [
        define(details()),
        ProductCommand::DiscontinueProduct {
            reason: "replaced by CEM-525".into(),
        },
    ] {
        let event = product.decide(command).expect("accepted");
        product.apply(event);
    }
    assert!(product.known("CEM-425-50KG").is_ok());
    assert_eq!(
        product.accepts_receipts("CEM-425-50KG").err(),
        Some(InventoryError::ProductDiscontinued("CEM-425-50KG".into()))
    );
    assert!(product
        .decide(ProductCommand::ReviseProduct { details: details() })
        .is_err());
    assert!(matches!(
        product.decide(define(details())),
        Err(InventoryError::ProductExists(_))
    ));
}
