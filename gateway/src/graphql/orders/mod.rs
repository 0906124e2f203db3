//! Orders in the schema: projects — with their contract, bill of quantities, work
//! breakdown, variations, progress claims and retention — every one for head office
//! and only their own for those on site (the orders service filters the rows); sales
//! orders and shipments; purchase orders, their approval and goods receipts.

mod claims;
mod details;
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
    AddWorkDependency, AddWorkItem, ApproveProgressClaim, ApprovePurchaseOrder, ApproveVariation,
    CancelPurchaseOrder, CancelSalesOrder, ChangeProjectStatus, ClosePurchaseOrder,
    ConfirmSalesOrder, PreviewProgressClaim, Project, ProjectCommitments, Projects,
    ProposeVariation, PurchaseOrder, PurchaseOrders, RecordWorkProgress, RejectProgressClaim,
    RejectPurchaseOrder, RejectVariation, ReleaseRetention, SalesOrder, SalesOrders,
    SetBillOfQuantities, SetProjectContract, SubmitProgressClaim,
};
use constructos_services::Operation;

/// Orders' query fields.
#[derive(MergedObject, Default)]
pub struct OrdersQuery(
    projects::ProjectsQuery,
    claims::ClaimsQuery,
    sales_orders::SalesOrdersQuery,
    purchase_orders::PurchaseOrdersQuery,
);

/// Orders' mutations.
#[derive(MergedObject, Default)]
pub struct OrdersMutation(
    projects::ProjectsMutation,
    claims::ClaimsMutation,
    sales_orders::SalesOrdersMutation,
    purchase_orders::PurchaseOrdersMutation,
);

/// What each of orders' root fields needs: the access its operation declares.
pub const RULES: &[(&str, Access)] = &[
    ("Query.projects", Projects::ACCESS),
    ("Query.project", Project::ACCESS),
    ("Query.previewProgressClaim", PreviewProgressClaim::ACCESS),
    ("Mutation.createProject", CreateProjectInput::ACCESS),
    ("Mutation.changeProjectStatus", ChangeProjectStatus::ACCESS),
    ("Mutation.setProjectContract", SetProjectContract::ACCESS),
    ("Mutation.setBillOfQuantities", SetBillOfQuantities::ACCESS),
    ("Mutation.addWorkItem", AddWorkItem::ACCESS),
    ("Mutation.recordWorkProgress", RecordWorkProgress::ACCESS),
    ("Mutation.addWorkDependency", AddWorkDependency::ACCESS),
    ("Mutation.proposeVariation", ProposeVariation::ACCESS),
    ("Mutation.approveVariation", ApproveVariation::ACCESS),
    ("Mutation.rejectVariation", RejectVariation::ACCESS),
    ("Mutation.submitProgressClaim", SubmitProgressClaim::ACCESS),
    (
        "Mutation.approveProgressClaim",
        ApproveProgressClaim::ACCESS,
    ),
    ("Mutation.rejectProgressClaim", RejectProgressClaim::ACCESS),
    ("Mutation.releaseProjectRetention", ReleaseRetention::ACCESS),
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
