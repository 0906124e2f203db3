//! Orders in the schema: projects, every one for head office and only their own for
//! those on site (the orders service filters the rows); sales orders and shipments;
//! purchase orders, their approval and goods receipts.

mod projects;
mod purchase_orders;
mod sales_orders;
mod trade_types;

use async_graphql::MergedObject;
use constructos_commands::orders::{
    CreateProjectInput, PlaceSalesOrderInput, RaisePurchaseOrderInput, ReceiveGoodsInput,
    ShipSalesOrderInput,
};
use constructos_domain::access::Access;
use constructos_services::orders::{
    ApprovePurchaseOrder, CancelPurchaseOrder, CancelSalesOrder, ChangeProjectStatus,
    ClosePurchaseOrder, ConfirmSalesOrder, Project, ProjectCommitments, Projects, PurchaseOrder,
    PurchaseOrders, RejectPurchaseOrder, SalesOrder, SalesOrders,
};
use constructos_services::Operation;

/// Orders' query fields.
#[derive(MergedObject, Default)]
pub struct OrdersQuery(
    projects::ProjectsQuery,
    sales_orders::SalesOrdersQuery,
    purchase_orders::PurchaseOrdersQuery,
);

/// Orders' mutations.
#[derive(MergedObject, Default)]
pub struct OrdersMutation(
    projects::ProjectsMutation,
    sales_orders::SalesOrdersMutation,
    purchase_orders::PurchaseOrdersMutation,
);

/// What each of orders' root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.projects", Projects::ACCESS),
    ("Query.project", Project::ACCESS),
    ("Mutation.createProject", CreateProjectInput::ACCESS),
    ("Mutation.changeProjectStatus", ChangeProjectStatus::ACCESS),
    ("Query.salesOrders", SalesOrders::ACCESS),
    ("Query.salesOrder", SalesOrder::ACCESS),
    ("Mutation.placeSalesOrder", PlaceSalesOrderInput::ACCESS),
    ("Mutation.confirmSalesOrder", ConfirmSalesOrder::ACCESS),
    ("Mutation.cancelSalesOrder", CancelSalesOrder::ACCESS),
    ("Mutation.shipSalesOrder", ShipSalesOrderInput::ACCESS),
    ("Query.purchaseOrders", PurchaseOrders::ACCESS),
    ("Query.purchaseOrder", PurchaseOrder::ACCESS),
    ("Query.projectCommitments", ProjectCommitments::ACCESS),
    (
        "Mutation.raisePurchaseOrder",
        RaisePurchaseOrderInput::ACCESS,
    ),
    (
        "Mutation.approvePurchaseOrder",
        ApprovePurchaseOrder::ACCESS,
    ),
    ("Mutation.rejectPurchaseOrder", RejectPurchaseOrder::ACCESS),
    ("Mutation.cancelPurchaseOrder", CancelPurchaseOrder::ACCESS),
    ("Mutation.closePurchaseOrder", ClosePurchaseOrder::ACCESS),
    ("Mutation.receiveGoods", ReceiveGoodsInput::ACCESS),
];
