//! The catalogue in the schema: products (units, costs, prices, VAT, reorder rule) and
//! the locations that hold stock (warehouses and projects' site stores).

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::{DateTime, NaiveDate, Utc};
use constructos_commands::inventory::{
    CloseLocationInput, DefineProductInput, DiscontinueProductInput, OpenLocationInput,
    ProductDetailsInput, ReviseProductInput, SetNegativeStockInput, UnitConversionInput,
};
use constructos_domain::inventory as domain;
use constructos_projections::inventory::{LocationRow, ProductRow};
use constructos_services::inventory::{CheckStock, Locations, ProductBySku, Products};

use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::invoice_types::VatTreatment;
use crate::graphql::finance::Decimal;

/// What kind of goods a product is.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::ProductCategory")]
pub enum ProductCategory {
    Materials,
    Consumables,
    Ppe,
    Tools,
}

/// A warehouse, or a project's site store.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::LocationKind")]
pub enum LocationKind {
    Warehouse,
    SiteStore,
}

/// Another unit a product comes in: one `unit` is `factor` stock units.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "UnitConversionInput")]
pub struct UnitConversion {
    pub unit: String,
    pub factor: Decimal,
}

/// A product of the catalogue.
#[derive(SimpleObject)]
pub struct Product {
    sku: String,
    description: String,
    /// MATERIALS, CONSUMABLES, PPE or TOOLS.
    category: String,
    /// The unit stock is kept in.
    unit: String,
    conversions: Vec<UnitConversion>,
    /// Per stock unit, for estimates (stock is valued at weighted average cost).
    standard_cost: Decimal,
    /// List price per stock unit, excluding VAT.
    sell_price: Decimal,
    /// STANDARD, ZERO_RATED or EXEMPT.
    vat: String,
    reorder_level: Decimal,
    reorder_quantity: Decimal,
    preferred_vendor_id: Option<ID>,
    discontinued: bool,
    updated_at: DateTime<Utc>,
}

impl From<ProductRow> for Product {
    fn from(row: ProductRow) -> Self {
        let conversions: Vec<domain::UnitConversion> =
            serde_json::from_value(row.conversions).unwrap_or_default();
        Self {
            sku: row.sku,
            description: row.description,
            category: row.category,
            unit: row.unit,
            conversions: conversions
                .into_iter()
                .map(|c| UnitConversion {
                    unit: c.unit,
                    factor: Decimal(c.factor),
                })
                .collect(),
            standard_cost: Decimal(row.standard_cost),
            sell_price: Decimal(row.sell_price),
            vat: row.vat,
            reorder_level: Decimal(row.reorder_level),
            reorder_quantity: Decimal(row.reorder_quantity),
            preferred_vendor_id: row.preferred_vendor.map(ID),
            discontinued: row.discontinued,
            updated_at: row.updated_at,
        }
    }
}

/// A location that holds stock.
#[derive(SimpleObject)]
pub struct StockLocation {
    code: String,
    name: String,
    /// WAREHOUSE or SITE_STORE.
    kind: String,
    /// The project a site store belongs to.
    project_id: Option<ID>,
    /// Whether stock may go below zero here.
    allow_negative: bool,
    closed: bool,
    opened_at: DateTime<Utc>,
}

impl From<LocationRow> for StockLocation {
    fn from(row: LocationRow) -> Self {
        Self {
            code: row.code,
            name: row.name,
            kind: row.kind,
            project_id: row.project_id.map(ID),
            allow_negative: row.allow_negative,
            closed: row.closed,
            opened_at: row.opened_at,
        }
    }
}

/// A product's catalogue entry.
#[derive(InputObject)]
pub struct ProductInput {
    sku: String,
    description: String,
    category: ProductCategory,
    /// The unit stock is kept in, e.g. `bag`.
    unit: String,
    #[graphql(default)]
    conversions: Vec<UnitConversion>,
    standard_cost: Decimal,
    sell_price: Decimal,
    vat: VatTreatment,
    #[graphql(default)]
    reorder_level: Option<Decimal>,
    #[graphql(default)]
    reorder_quantity: Option<Decimal>,
    preferred_vendor_id: Option<ID>,
}

impl ProductInput {
    fn split(self) -> (String, ProductDetailsInput) {
        let zero = rust_decimal::Decimal::ZERO;
        let details = ProductDetailsInput {
            description: self.description,
            category: self.category.into(),
            unit: self.unit,
            conversions: self
                .conversions
                .into_iter()
                .map(|c| UnitConversionInput {
                    unit: c.unit,
                    factor: c.factor.0,
                })
                .collect(),
            standard_cost: self.standard_cost.0,
            sell_price: self.sell_price.0,
            vat: self.vat.into(),
            reorder_level: self.reorder_level.map_or(zero, |d| d.0),
            reorder_quantity: self.reorder_quantity.map_or(zero, |d| d.0),
            preferred_vendor_id: self.preferred_vendor_id.map(|id| id.0),
        };
        (self.sku, details)
    }
}

/// A warehouse or site store to open.
#[derive(InputObject)]
#[graphql(name = "OpenLocationInput")]
pub struct OpenLocation {
    code: String,
    name: String,
    kind: LocationKind,
    /// The project a site store belongs to (none for a warehouse).
    project_id: Option<ID>,
    /// Whether stock may go below zero here (default: no).
    #[graphql(default)]
    allow_negative: bool,
}

/// What a location can supply of a quantity.
#[derive(SimpleObject)]
pub struct StockCheck {
    product: String,
    location: String,
    quantity: Decimal,
    /// AVAILABLE, IN_TRANSIT (enough on its way to the location) or SHORT.
    status: String,
    /// On hand less reserved.
    available: Decimal,
    in_transit: Decimal,
    /// What is missing even counting what is on its way.
    shortfall: Decimal,
}

/// A catalogue command was accepted.
#[derive(SimpleObject)]
pub struct CatalogueChanged {
    /// The product's SKU or the location's code.
    code: String,
    correlation_id: String,
}

fn changed(ctx: &Context<'_>, code: String) -> CatalogueChanged {
    CatalogueChanged {
        code,
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct CatalogueQuery;

#[Object]
impl CatalogueQuery {
    /// The product catalogue by SKU (at most 500), optionally only products whose SKU or
    /// description contains `search`; discontinued ones only when asked.
    async fn products(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        #[graphql(default)] include_discontinued: bool,
    ) -> async_graphql::Result<Vec<Product>> {
        let rows = ask(
            ctx,
            Products {
                search,
                include_discontinued,
            },
        )
        .await?;
        Ok(rows.into_iter().map(Product::from).collect())
    }

    /// One product by SKU; null when the catalogue has none.
    async fn product(
        &self,
        ctx: &Context<'_>,
        sku: String,
    ) -> async_graphql::Result<Option<Product>> {
        Ok(ask(ctx, ProductBySku { sku }).await?.map(Product::from))
    }

    /// Is `quantity` of `product` available at `location` by `by`? The question a quote
    /// asks of inventory for each stocked line.
    async fn stock_check(
        &self,
        ctx: &Context<'_>,
        product: String,
        location: String,
        quantity: Decimal,
        by: NaiveDate,
    ) -> async_graphql::Result<StockCheck> {
        let ask_for = CheckStock {
            product,
            location,
            quantity: quantity.0,
            by,
        };
        let answer = ask(ctx, ask_for).await?;
        let a = answer.availability;
        let status = match a.status {
            domain::StockStatus::Available => "AVAILABLE",
            domain::StockStatus::InTransit => "IN_TRANSIT",
            domain::StockStatus::Short => "SHORT",
        };
        Ok(StockCheck {
            product: answer.product,
            location: answer.location,
            quantity: Decimal(answer.quantity),
            status: status.to_string(),
            available: Decimal(a.available),
            in_transit: Decimal(a.in_transit),
            shortfall: Decimal(a.shortfall),
        })
    }

    /// The warehouses and site stores, closed ones too.
    async fn stock_locations(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<StockLocation>> {
        let rows = ask(ctx, Locations {}).await?;
        Ok(rows.into_iter().map(StockLocation::from).collect())
    }
}

#[derive(Default)]
pub struct CatalogueMutation;

#[Object]
impl CatalogueMutation {
    /// Adds a product to the catalogue.
    async fn define_product(
        &self,
        ctx: &Context<'_>,
        input: ProductInput,
    ) -> async_graphql::Result<CatalogueChanged> {
        let (sku, details) = input.split();
        Ok(changed(
            ctx,
            ask(ctx, DefineProductInput { sku, details }).await?,
        ))
    }

    /// Replaces a product's details (its SKU stays).
    async fn revise_product(
        &self,
        ctx: &Context<'_>,
        input: ProductInput,
    ) -> async_graphql::Result<CatalogueChanged> {
        let (sku, details) = input.split();
        Ok(changed(
            ctx,
            ask(ctx, ReviseProductInput { sku, details }).await?,
        ))
    }

    /// Discontinues a product: it takes no more receipts; what is on hand can be issued.
    async fn discontinue_product(
        &self,
        ctx: &Context<'_>,
        sku: String,
        reason: String,
    ) -> async_graphql::Result<CatalogueChanged> {
        Ok(changed(
            ctx,
            ask(ctx, DiscontinueProductInput { sku, reason }).await?,
        ))
    }

    /// Opens a warehouse, or a site store for a project.
    async fn open_location(
        &self,
        ctx: &Context<'_>,
        input: OpenLocation,
    ) -> async_graphql::Result<CatalogueChanged> {
        let input = OpenLocationInput {
            code: input.code,
            name: input.name,
            kind: input.kind.into(),
            project_id: input.project_id.map(|id| id.0),
            allow_negative: input.allow_negative,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Sets whether stock may go below zero at a location.
    async fn set_negative_stock(
        &self,
        ctx: &Context<'_>,
        code: String,
        allowed: bool,
    ) -> async_graphql::Result<CatalogueChanged> {
        Ok(changed(
            ctx,
            ask(ctx, SetNegativeStockInput { code, allowed }).await?,
        ))
    }

    /// Closes a location: it takes no more movements.
    async fn close_location(
        &self,
        ctx: &Context<'_>,
        code: String,
        reason: String,
    ) -> async_graphql::Result<CatalogueChanged> {
        Ok(changed(
            ctx,
            ask(ctx, CloseLocationInput { code, reason }).await?,
        ))
    }
}
