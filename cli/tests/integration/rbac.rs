//! The role × permission matrix, case by case through the gateway with real tokens:
//! every role against every guarded field, allowed where the matrix says and refused
//! with `FORBIDDEN` everywhere else.

use constructos_domain::access::Role;
use constructos_gateway::graphql::{field_rules, Rule};
use serde_json::{json, Value};

use std::num::NonZeroU32;

use crate::harness::spawn_app_with;

/// A request exercising each guarded field. Mutations address ids that do not exist, so
/// an allowed call ends in `NOT_FOUND`/`BAD_USER_INPUT` or succeeds — never `FORBIDDEN`.
fn sample(field: &str) -> (&'static str, Value) {
    match field {
        "Query.me" => ("{ me { subject } }", json!({})),
        "Query.accounts" => ("{ accounts(first: 1) { nodes { id } } }", json!({})),
        "Query.account" => ("{ account(id: \"none\") { id } }", json!({})),
        "Query.contact" => ("{ contact(id: \"none\") { id } }", json!({})),
        "Account.contacts" => ("{ accounts(first: 1) { nodes { contacts { id } } } }", json!({})),
        "Account.addresses" => ("{ accounts(first: 1) { nodes { addresses { city } } } }", json!({})),
        "Account.statusHistory" => (
            "{ accounts(first: 1) { nodes { statusHistory { reason } } } }",
            json!({}),
        ),
        "Query.leads" => ("{ leads(first: 1) { nodes { id } } }", json!({})),
        "Query.lead" => ("{ lead(id: \"none\") { id } }", json!({})),
        "Query.users" => ("{ users { id } }", json!({})),
        "Query.user" => ("{ user(id: \"none\") { id } }", json!({})),
        "Mutation.createAccount" => (
            "mutation { createAccount(input: { kind: CUSTOMER, name: \"Matrix Test (Pty) Ltd\" }) { id } }",
            json!({}),
        ),
        "Mutation.updateAccountDetails" => (
            "mutation { updateAccountDetails(id: \"none\", input: { name: \"X\" }) { id } }",
            json!({}),
        ),
        "Mutation.changeAccountStatus" => (
            "mutation { changeAccountStatus(id: \"none\", status: ON_HOLD) { id } }",
            json!({}),
        ),
        "Mutation.createContact" => (
            "mutation { createContact(input: { accountId: \"none\", firstName: \"A\", lastName: \"B\" }) { id } }",
            json!({}),
        ),
        "Mutation.updateContactDetails" => (
            "mutation { updateContactDetails(id: \"none\", input: { firstName: \"A\", lastName: \"B\" }) { id } }",
            json!({}),
        ),
        "Query.employees" => ("{ employees { id } }", json!({})),
        "Query.employee" => ("{ employee(id: \"none\") { id } }", json!({})),
        "Mutation.hireEmployee" => (
            "mutation { hireEmployee(input: { employeeNumber: \"EMP-9999\", firstName: \"A\", lastName: \"B\", jobTitle: \"C\", hiredOn: \"2025-01-01\" }) { id } }",
            json!({}),
        ),
        "Mutation.terminateEmployment" => (
            "mutation { terminateEmployment(id: \"none\", lastDay: \"2026-01-01\", reason: \"x\") { id } }",
            json!({}),
        ),
        "Query.stockLevels" => ("{ stockLevels { id } }", json!({})),
        "Query.stockMovements" => (
            "{ stockMovements(product: \"NONE\", location: \"NONE\") { sequence } }",
            json!({}),
        ),
        "Mutation.receiveStock" => (
            "mutation { receiveStock(product: \"RBAC-1\", location: \"WH-RBAC\", quantity: \"1\", unitCost: \"1\", reference: \"GRN-1\") { id } }",
            json!({}),
        ),
        "Mutation.issueStock" => (
            "mutation { issueStock(input: { product: \"NONE\", location: \"NONE\", quantity: \"1\", projectId: \"none\", costCode: \"X\" }) { id } }",
            json!({}),
        ),
        "Mutation.reserveStock" => (
            "mutation { reserveStock(product: \"NONE\", location: \"NONE\", quantity: \"1\", purpose: \"SO-1\") { id } }",
            json!({}),
        ),
        "Mutation.releaseReservation" => (
            "mutation { releaseReservation(product: \"NONE\", location: \"NONE\", reservationId: \"0190f0c8-0000-7000-8000-000000000000\") { id } }",
            json!({}),
        ),
        "Mutation.adjustStock" => (
            "mutation { adjustStock(product: \"NONE\", location: \"NONE\", delta: \"-1\", reason: COUNT, note: \"x\") { id } }",
            json!({}),
        ),
        "Query.lowStock" => ("{ lowStock { sku } }", json!({})),
        "Query.stockTransfers" => ("{ stockTransfers { id } }", json!({})),
        "Query.products" => ("{ products { sku } }", json!({})),
        "Query.product" => ("{ product(sku: \"NONE\") { sku } }", json!({})),
        "Query.stockLocations" => ("{ stockLocations { code } }", json!({})),
        "Mutation.transferStock" => (
            "mutation { transferStock(input: { product: \"NONE\", fromLocation: \"A\", toLocation: \"B\", quantity: \"1\", reference: \"DN-1\" }) { id } }",
            json!({}),
        ),
        "Mutation.receiveTransfer" => (
            "mutation { receiveTransfer(transferId: \"0190f0c8-0000-7000-8000-000000000000\") { id } }",
            json!({}),
        ),
        "Mutation.defineProduct" => (
            "mutation { defineProduct(input: { sku: \"RBAC-1\", description: \"x\", category: TOOLS, unit: \"each\", standardCost: \"1\", sellPrice: \"2\", vat: STANDARD }) { code } }",
            json!({}),
        ),
        "Mutation.reviseProduct" => (
            "mutation { reviseProduct(input: { sku: \"NONE\", description: \"x\", category: TOOLS, unit: \"each\", standardCost: \"1\", sellPrice: \"2\", vat: STANDARD }) { code } }",
            json!({}),
        ),
        "Mutation.discontinueProduct" => (
            "mutation { discontinueProduct(sku: \"NONE\", reason: \"x\") { code } }",
            json!({}),
        ),
        "Mutation.openLocation" => (
            "mutation { openLocation(input: { code: \"WH-RBAC\", name: \"x\", kind: WAREHOUSE }) { code } }",
            json!({}),
        ),
        "Mutation.setNegativeStock" => (
            "mutation { setNegativeStock(code: \"NONE\", allowed: true) { code } }",
            json!({}),
        ),
        "Mutation.closeLocation" => (
            "mutation { closeLocation(code: \"NONE\", reason: \"x\") { code } }",
            json!({}),
        ),
        "Query.stockCheck" => (
            "{ stockCheck(product: \"NONE\", location: \"NONE\", quantity: \"1\", by: \"2099-01-01\") { status } }",
            json!({}),
        ),
        "Query.stockCounts" => ("{ stockCounts { id } }", json!({})),
        "Query.stockCount" => ("{ stockCount(id: \"none\") { id } }", json!({})),
        "Mutation.openStockCount" => (
            "mutation { openStockCount(location: \"NONE\", reference: \"CNT-1\") { id } }",
            json!({}),
        ),
        "Mutation.recordStockCount" => (
            "mutation { recordStockCount(countId: \"0190f0c8-0000-7000-8000-000000000000\", product: \"NONE\", counted: \"1\") { id } }",
            json!({}),
        ),
        "Mutation.postStockCount" => (
            "mutation { postStockCount(countId: \"0190f0c8-0000-7000-8000-000000000000\") { id } }",
            json!({}),
        ),
        "Query.equipment" => ("{ equipment { code } }", json!({})),
        "Query.equipmentUtilisation" => ("{ equipmentUtilisation { code } }", json!({})),
        "Mutation.registerEquipment" => (
            "mutation { registerEquipment(input: { code: \"RBAC-1\", description: \"x\", category: \"TLB\", serialNumber: \"S-1\", ownership: OWNED, meter: HOURS, dailyRate: \"1.00\", registeredOn: \"2026-01-01\" }) { code } }",
            json!({}),
        ),
        "Mutation.checkOutEquipment" => (
            "mutation { checkOutEquipment(code: \"NONE\", projectId: \"none\", on: \"2026-01-01\") { code } }",
            json!({}),
        ),
        "Mutation.checkInEquipment" => (
            "mutation { checkInEquipment(code: \"NONE\", on: \"2026-01-01\") { code } }",
            json!({}),
        ),
        "Mutation.recordMeterReading" => (
            "mutation { recordMeterReading(code: \"NONE\", reading: \"1\", on: \"2026-01-01\") { code } }",
            json!({}),
        ),
        "Mutation.recordEquipmentService" => (
            "mutation { recordEquipmentService(code: \"NONE\", on: \"2026-01-01\", note: \"x\") { code } }",
            json!({}),
        ),
        "Query.pipeline" => ("{ pipeline { byStage { key } } }", json!({})),
        "Query.pipelineStages" => ("{ pipelineStages { stage } }", json!({})),
        "Mutation.setEmployeeProfile" => (
            "mutation { setEmployeeProfile(input: { employeeId: \"none\", idNumber: \"8001015009087\", employmentType: PERMANENT, payRate: \"1000.00\", costRate: \"100.00\" }) { id } }",
            json!({}),
        ),
        "Query.leaveRequests" => ("{ leaveRequests { id } }", json!({})),
        "Query.leaveBalances" => ("{ leaveBalances(employeeId: \"none\") { kind } }", json!({})),
        "Mutation.requestLeave" => (
            "mutation { requestLeave(employeeId: \"none\", kind: ANNUAL, from: \"2026-02-02\", to: \"2026-02-03\", reason: \"x\") { id } }",
            json!({}),
        ),
        "Mutation.decideLeave" => (
            "mutation { decideLeave(employeeId: \"none\", requestId: \"none\", approve: true) { id } }",
            json!({}),
        ),
        "Mutation.cancelLeave" => (
            "mutation { cancelLeave(employeeId: \"none\", requestId: \"none\") { id } }",
            json!({}),
        ),
        "Query.timesheets" => ("{ timesheets { id } }", json!({})),
        "Query.timesheet" => ("{ timesheet(id: \"none\") { id } }", json!({})),
        "Mutation.submitTimesheet" => (
            "mutation { submitTimesheet(employeeId: \"none\", weekStarting: \"2026-02-02\", entries: [{ day: \"2026-02-02\", projectId: \"NONE\", costCode: \"X\", hours: \"1\" }]) { id } }",
            json!({}),
        ),
        "Mutation.decideTimesheet" => (
            "mutation { decideTimesheet(id: \"none\", approve: true) { id } }",
            json!({}),
        ),
        "Query.payRuns" => ("{ payRuns { id } }", json!({})),
        "Query.payRun" => ("{ payRun(id: \"none\") { id } }", json!({})),
        "Query.payslips" => ("{ payslips { name } }", json!({})),
        "Query.emp201" => ("{ emp201(year: 2026) { month } }", json!({})),
        "Query.coidaEstimate" => (
            "{ coidaEstimate(year: 2026, tariffPerHundred: \"2.37\") { assessment } }",
            json!({}),
        ),
        "Query.payRunWhatIf" => (
            "{ payRunWhatIf(id: \"none\", taxYear: 2026) { name } }",
            json!({}),
        ),
        "Mutation.openPayRun" => (
            "mutation { openPayRun(frequency: MONTHLY, periodStart: \"2026-02-01\", periodEnd: \"2026-02-01\", payDate: \"2026-02-01\") { id } }",
            json!({}),
        ),
        "Mutation.calculatePayRun" => ("mutation { calculatePayRun(id: \"none\") { id } }", json!({})),
        "Mutation.approvePayRun" => ("mutation { approvePayRun(id: \"none\") { id } }", json!({})),
        "Mutation.markPayRunPaid" => (
            "mutation { markPayRunPaid(id: \"none\", on: \"2026-02-01\") { id } }",
            json!({}),
        ),
        "Mutation.reversePayRun" => (
            "mutation { reversePayRun(id: \"none\", reason: \"x\") { id } }",
            json!({}),
        ),
        "Query.inspectionTemplates" => ("{ inspectionTemplates { code } }", json!({})),
        "Query.inspections" => ("{ inspections { id } }", json!({})),
        "Query.inspection" => ("{ inspection(id: \"none\") { id } }", json!({})),
        "Query.correctiveActions" => ("{ correctiveActions { id } }", json!({})),
        "Mutation.startInspection" => (
            "mutation { startInspection(template: \"NONE\", siteId: \"S\", area: \"A\", on: \"2026-02-02\") { id } }",
            json!({}),
        ),
        "Mutation.recordInspectionItem" => (
            "mutation { recordInspectionItem(inspectionId: \"none\", itemCode: \"FP-01\", result: PASS) { id } }",
            json!({}),
        ),
        "Mutation.completeInspection" => ("mutation { completeInspection(id: \"none\") { id } }", json!({})),
        "Mutation.raiseCorrectiveAction" => (
            "mutation { raiseCorrectiveAction(inspectionId: \"none\", itemCode: \"FP-01\", owner: \"x\", due: \"2026-02-02\") { id } }",
            json!({}),
        ),
        "Mutation.submitActionEvidence" => (
            "mutation { submitActionEvidence(inspectionId: \"none\", actionId: \"none\", note: \"x\") { id } }",
            json!({}),
        ),
        "Mutation.verifyCorrectiveAction" => (
            "mutation { verifyCorrectiveAction(inspectionId: \"none\", actionId: \"none\") { id } }",
            json!({}),
        ),
        "Query.incidents" => ("{ incidents { id } }", json!({})),
        "Query.incidentRates" => ("{ incidentRates { projectId } }", json!({})),
        "Mutation.reportIncident" => (
            "mutation { reportIncident(kind: NEAR_MISS, projectId: \"NONE\", occurredOn: \"2026-02-02\", description: \"x\") { id } }",
            json!({}),
        ),
        "Mutation.investigateIncident" => (
            "mutation { investigateIncident(id: \"none\", rootCause: \"x\") { id } }",
            json!({}),
        ),
        "Mutation.closeIncident" => ("mutation { closeIncident(id: \"none\", on: \"2026-02-02\") { id } }", json!({})),
        "Query.tickets" => ("{ tickets { id } }", json!({})),
        "Query.ticket" => ("{ ticket(id: \"none\") { id } }", json!({})),
        "Mutation.openTicket" => (
            "mutation { openTicket(subject: \"S\", description: \"D\", category: \"SITE\", priority: LOW) { id } }",
            json!({}),
        ),
        "Mutation.commentOnTicket" => ("mutation { commentOnTicket(id: \"none\", body: \"x\", public: true) { id } }", json!({})),
        "Mutation.assignTicket" => ("mutation { assignTicket(id: \"none\", agent: \"x\") { id } }", json!({})),
        "Mutation.pendTicket" => ("mutation { pendTicket(id: \"none\") { id } }", json!({})),
        "Mutation.resolveTicket" => ("mutation { resolveTicket(id: \"none\", resolution: \"x\") { id } }", json!({})),
        "Mutation.closeTicket" => ("mutation { closeTicket(id: \"none\") { id } }", json!({})),
        "Mutation.reopenTicket" => ("mutation { reopenTicket(id: \"none\", reason: \"x\") { id } }", json!({})),
        "Query.publicHolidays" => ("{ publicHolidays(year: 2026) { date } }", json!({})),
        "Query.payeCalculation" => (
            "{ payeCalculation(payDate: \"2025-11-25\", monthlyRemuneration: \"30000\", age: 40) { paye } }",
            json!({}),
        ),
        "Mutation.configurePipelineStage" => (
            "mutation { configurePipelineStage(stage: TENDER, label: \"Tender\", probability: 50) { stage } }",
            json!({}),
        ),
        "Query.campaigns" => ("{ campaigns { id } }", json!({})),
        "Query.campaign" => ("{ campaign(id: \"0190f0c8-0000-7000-8000-000000000000\") { id } }", json!({})),
        "Query.campaignLeads" => ("{ campaignLeads(id: \"0190f0c8-0000-7000-8000-000000000000\") { leadId } }", json!({})),
        "Query.leadScores" => ("{ leadScores { leadId } }", json!({})),
        "Query.leadScore" => ("{ leadScore(leadId: \"0190f0c8-0000-7000-8000-000000000000\") { leadId } }", json!({})),
        "Query.leadScoringRules" => ("{ leadScoringRules { version } }", json!({})),
        "Mutation.planCampaign" => (
            "mutation { planCampaign(input: { name: \"Expo\", channel: EVENT, budget: \"10\", startsOn: \"2027-01-01\", endsOn: \"2027-01-02\" }) { id } }",
            json!({}),
        ),
        "Mutation.recordCampaignSpend" => (
            "mutation { recordCampaignSpend(campaignId: \"0190f0c8-0000-7000-8000-000000000000\", amount: \"10\", note: \"x\", on: \"2027-01-01\") { id } }",
            json!({}),
        ),
        "Mutation.recordCampaignResponse" => (
            "mutation { recordCampaignResponse(campaignId: \"0190f0c8-0000-7000-8000-000000000000\", leadId: \"0190f0c8-0000-7000-8000-000000000000\", kind: RESPONDED, on: \"2027-01-01\") { id } }",
            json!({}),
        ),
        "Mutation.closeCampaign" => (
            "mutation { closeCampaign(campaignId: \"0190f0c8-0000-7000-8000-000000000000\", on: \"2027-01-01\") { id } }",
            json!({}),
        ),
        "Mutation.profileLead" => (
            "mutation { profileLead(leadId: \"0190f0c8-0000-7000-8000-000000000000\", sector: MINING) { id } }",
            json!({}),
        ),
        "Mutation.setLeadScoringRules" => (
            "mutation { setLeadScoringRules(input: { sectors: [], provinces: [], cidbGrades: [], projectSizes: [], perResponse: 1, maxResponses: 1, siteVisitBooked: 1 }) { id } }",
            json!({}),
        ),
        "Query.opportunityStageHistory" => (
            "{ opportunityStageHistory(id: \"0190f0c8-0000-7000-8000-000000000000\") { stage } }",
            json!({}),
        ),
        "Mutation.setOpportunityForecast" => (
            "mutation { setOpportunityForecast(id: \"0190f0c8-0000-7000-8000-000000000000\", expectedClose: \"2027-01-31\") { id } }",
            json!({}),
        ),
        "Query.quote" => ("{ quote(id: \"none\") { id } }", json!({})),
        "Query.quotes" => (
            "{ quotes(opportunityId: \"0190f0c8-0000-7000-8000-000000000000\") { id } }",
            json!({}),
        ),
        "Mutation.draftQuote" => (
            "mutation { draftQuote(opportunityId: \"0190f0c8-0000-7000-8000-000000000000\", input: { validUntil: \"2099-01-01\", lines: [{ description: \"x\", quantity: \"1\", unitPrice: \"1.00\", vat: STANDARD }] }) { id } }",
            json!({}),
        ),
        "Mutation.reviseQuote" => (
            "mutation { reviseQuote(id: \"0190f0c8-0000-7000-8000-000000000000\", input: { validUntil: \"2099-01-01\", lines: [{ description: \"x\", quantity: \"1\", unitPrice: \"1.00\", vat: STANDARD }] }) { id } }",
            json!({}),
        ),
        "Mutation.acceptQuote" => (
            "mutation { acceptQuote(id: \"0190f0c8-0000-7000-8000-000000000000\") { id } }",
            json!({}),
        ),
        "Query.opportunities" => ("{ opportunities(first: 1) { nodes { id } } }", json!({})),
        "Query.opportunity" => ("{ opportunity(id: \"none\") { id } }", json!({})),
        "Mutation.moveOpportunityStage" => (
            "mutation { moveOpportunityStage(id: \"none\", stage: TENDER) { id } }",
            json!({}),
        ),
        "Mutation.winOpportunity" => ("mutation { winOpportunity(id: \"none\") { id } }", json!({})),
        "Mutation.loseOpportunity" => (
            "mutation { loseOpportunity(id: \"none\", reason: \"price\") { id } }",
            json!({}),
        ),
        "Query.projects" => ("{ projects { id } }", json!({})),
        "Query.project" => ("{ project(id: \"none\") { id } }", json!({})),
        "Mutation.createProject" => (
            "mutation { createProject(input: { code: \"PRJ-RBAC-1\", name: \"Matrix\", siteId: \"S-1\", siteName: \"Site\" }) { id } }",
            json!({}),
        ),
        "Mutation.changeProjectStatus" => (
            "mutation { changeProjectStatus(id: \"none\", status: IN_PROGRESS) { id } }",
            json!({}),
        ),
        "Query.previewProgressClaim" => (
            "{ previewProgressClaim(projectId: \"none\", lines: [{ item: \"1\", percentToDate: \"10\" }]) { amount } }",
            json!({}),
        ),
        "Mutation.setProjectContract" => (
            "mutation { setProjectContract(projectId: \"none\", contract: { contractType: JBCC_PBA, contractValue: \"100.00\", retentionPercent: \"10\" }) { id } }",
            json!({}),
        ),
        "Mutation.setBillOfQuantities" => (
            "mutation { setBillOfQuantities(projectId: \"none\", lines: [{ item: \"1\", description: \"x\", unit: \"sum\", quantity: \"1\", rate: \"1.00\" }]) { id } }",
            json!({}),
        ),
        "Mutation.addWorkItem" => (
            "mutation { addWorkItem(projectId: \"none\", item: { code: \"1\", name: \"x\", kind: PHASE }) { id } }",
            json!({}),
        ),
        "Mutation.recordWorkProgress" => (
            "mutation { recordWorkProgress(projectId: \"none\", code: \"1.1\", percentComplete: \"10\") { id } }",
            json!({}),
        ),
        "Mutation.addWorkDependency" => (
            "mutation { addWorkDependency(projectId: \"none\", predecessor: \"1.1\", successor: \"1.2\") { id } }",
            json!({}),
        ),
        "Mutation.proposeVariation" => (
            "mutation { proposeVariation(projectId: \"none\", description: \"x\", amount: \"1.00\") { id } }",
            json!({}),
        ),
        "Mutation.approveVariation" => (
            "mutation { approveVariation(projectId: \"none\", number: \"VO-001\") { id } }",
            json!({}),
        ),
        "Mutation.rejectVariation" => (
            "mutation { rejectVariation(projectId: \"none\", number: \"VO-001\", reason: \"x\") { id } }",
            json!({}),
        ),
        "Mutation.submitProgressClaim" => (
            "mutation { submitProgressClaim(projectId: \"none\", periodEnd: \"2026-12-25\", lines: [{ item: \"1\", percentToDate: \"10\" }]) { id } }",
            json!({}),
        ),
        "Mutation.approveProgressClaim" => (
            "mutation { approveProgressClaim(projectId: \"none\", claimId: \"none\") { id } }",
            json!({}),
        ),
        "Mutation.rejectProgressClaim" => (
            "mutation { rejectProgressClaim(projectId: \"none\", claimId: \"none\", reason: \"x\") { id } }",
            json!({}),
        ),
        "Mutation.releaseProjectRetention" => (
            "mutation { releaseProjectRetention(projectId: \"none\", amount: \"1.00\") { id } }",
            json!({}),
        ),
        "Mutation.changeAccountTradingName" => (
            "mutation { changeAccountTradingName(id: \"none\", tradingName: \"X\") { id } }",
            json!({}),
        ),
        "Mutation.changeAccountTaxReference" => (
            "mutation { changeAccountTaxReference(id: \"none\", taxReference: \"9012345678\") { id } }",
            json!({}),
        ),
        "Mutation.certifyBbbee" => (
            "mutation { certifyBbbee(id: \"none\", level: LEVEL_2, certificateExpiresOn: \"2030-01-31\") { id } }",
            json!({}),
        ),
        "Mutation.gradeCidb" => (
            "mutation { gradeCidb(id: \"none\", designation: \"7GB\") { id } }",
            json!({}),
        ),
        "Mutation.changeAccountAddress" => (
            "mutation { changeAccountAddress(id: \"none\", type: BILLING, address: { lines: [\"1 Main Rd\"], city: \"Durban\", province: KWAZULU_NATAL, postalCode: \"4001\" }) { id } }",
            json!({}),
        ),
        "Mutation.changeAccountPaymentTerms" => (
            "mutation { changeAccountPaymentTerms(id: \"none\", days: 30, basis: FROM_STATEMENT) { id } }",
            json!({}),
        ),
        "Mutation.changeContactRoles" => (
            "mutation { changeContactRoles(id: \"none\", roles: [DIRECTOR]) { id } }",
            json!({}),
        ),
        "Mutation.changeContactPreferences" => (
            "mutation { changeContactPreferences(id: \"none\", input: { email: true, phone: true, sms: false, whatsapp: false }) { id } }",
            json!({}),
        ),
        "Mutation.recordPopiaConsent" => (
            "mutation { recordPopiaConsent(id: \"none\", given: true, on: \"2025-03-01\") { id } }",
            json!({}),
        ),
        "Mutation.captureLead" => (
            "mutation { captureLead(input: { companyName: \"Matrix Lead\", contactFirstName: \"A\", contactLastName: \"B\", phone: \"012 555 0100\", source: COLD_CALL }) { id } }",
            json!({}),
        ),
        "Mutation.qualifyLead" => ("mutation { qualifyLead(id: \"none\") { id } }", json!({})),
        "Mutation.disqualifyLead" => (
            "mutation { disqualifyLead(id: \"none\", reason: \"no budget\") { id } }",
            json!({}),
        ),
        "Mutation.convertLead" => ("mutation { convertLead(id: \"none\") { accountId } }", json!({})),
        "Query.ledgerAccounts" => ("{ ledgerAccounts { code } }", json!({})),
        "Query.trialBalance" => ("{ trialBalance(asAt: \"2026-03-31\") { totalDebit } }", json!({})),
        "Query.journal" => ("{ journal(id: \"none\") { id } }", json!({})),
        "Query.journals" => ("{ journals(from: \"2026-03-01\") { id } }", json!({})),
        "Query.ledgerHistory" => ("{ ledgerHistory(account: \"1000\") { eventType } }", json!({})),
        "Query.ledgerVerification" => ("{ ledgerVerification { intact } }", json!({})),
        "Mutation.openLedgerAccount" => (
            "mutation { openLedgerAccount(input: { code: \"1X\", name: \"Bad code\", accountType: ASSET }) { id } }",
            json!({}),
        ),
        "Mutation.renameLedgerAccount" => (
            "mutation { renameLedgerAccount(code: \"9999\", name: \"X\") { id } }",
            json!({}),
        ),
        "Mutation.closeLedgerAccount" => ("mutation { closeLedgerAccount(code: \"9999\") { id } }", json!({})),
        "Mutation.postJournal" => (
            "mutation { postJournal(input: { date: \"2026-03-15\", narrative: \"RBAC\", lines: [{ accountCode: \"9998\", side: DEBIT, amount: \"1.00\" }, { accountCode: \"9999\", side: CREDIT, amount: \"1.00\" }] }) { id } }",
            json!({}),
        ),
        "Mutation.reverseJournal" => (
            "mutation { reverseJournal(id: \"none\", date: \"2026-03-20\") { id } }",
            json!({}),
        ),
        "Mutation.closePeriod" => ("mutation { closePeriod(period: \"2026-13\") { id } }", json!({})),
        "Mutation.reopenPeriod" => (
            "mutation { reopenPeriod(period: \"2026-02\", reason: \"RBAC\") { id } }",
            json!({}),
        ),
        "Query.invoices" => ("{ invoices { id } }", json!({})),
        "Query.invoice" => ("{ invoice(id: \"none\") { id } }", json!({})),
        "Mutation.raiseInvoice" => (
            "mutation { raiseInvoice(input: { customerAccountId: \"a\", date: \"2026-03-14\", lines: [] }) { id } }",
            json!({}),
        ),
        "Query.agedDebtors" => ("{ agedDebtors(asAt: \"2026-03-31\") { asAt } }", json!({})),
        "Query.agedCreditors" => ("{ agedCreditors(asAt: \"2026-03-31\") { asAt } }", json!({})),
        "Query.bills" => ("{ bills { id } }", json!({})),
        "Query.bill" => ("{ bill(id: \"none\") { id } }", json!({})),
        "Query.creditNotes" => ("{ creditNotes { id } }", json!({})),
        "Query.payments" => ("{ payments { id } }", json!({})),
        "Mutation.recordBill" => (
            "mutation { recordBill(input: { supplierAccountId: \"s\", supplierReference: \"R-1\", date: \"2026-03-14\", lines: [] }) { id } }",
            json!({}),
        ),
        "Mutation.issueCreditNote" => (
            "mutation { issueCreditNote(input: { invoiceId: \"none\", date: \"2026-03-14\", reason: \"RBAC\", lines: [] }) { id } }",
            json!({}),
        ),
        "Mutation.recordPayment" => (
            "mutation { recordPayment(input: { direction: RECEIVED, counterpartyId: \"a\", date: \"2026-03-14\", amount: \"0.00\" }) { id } }",
            json!({}),
        ),
        "Mutation.allocatePayment" => (
            "mutation { allocatePayment(paymentId: \"none\", date: \"2026-03-14\", allocations: []) { id } }",
            json!({}),
        ),
        "Mutation.releaseRetention" => (
            "mutation { releaseRetention(documentId: \"none\", amount: \"1.00\", date: \"2026-03-14\") { id } }",
            json!({}),
        ),
        "Mutation.approveBillMatch" => (
            "mutation { approveBillMatch(billId: \"none\", reason: \"Checked on site\") { id } }",
            json!({}),
        ),
        "Query.bankLines" => ("{ bankLines { id } }", json!({})),
        "Query.bankReconciliation" => (
            "{ bankReconciliation(asAt: \"2026-03-31\") { difference } }",
            json!({}),
        ),
        "Mutation.importBankStatement" => (
            "mutation { importBankStatement(csv: \"date,description\") { imported } }",
            json!({}),
        ),
        "Mutation.autoReconcileBank" => ("mutation { autoReconcileBank }", json!({})),
        "Mutation.reconcileBankLine" => (
            "mutation { reconcileBankLine(lineId: \"none\", paymentId: \"none\") { id } }",
            json!({}),
        ),
        "Mutation.unreconcileBankLine" => (
            "mutation { unreconcileBankLine(lineId: \"none\", reason: \"RBAC\") { id } }",
            json!({}),
        ),
        "Query.incomeStatement" => (
            "{ incomeStatement(from: \"2026-03-01\", to: \"2026-03-31\") { netProfit } }",
            json!({}),
        ),
        "Query.balanceSheet" => ("{ balanceSheet(asAt: \"2026-03-31\") { balances } }", json!({})),
        "Query.vatReturn" => (
            "{ vatReturn(from: \"2026-03-01\", to: \"2026-04-30\") { netPayable } }",
            json!({}),
        ),
        "Query.projectCostReport" => (
            "{ projectCostReport(asAt: \"2026-03-31\", projectId: \"none\") { totalVariance } }",
            json!({}),
        ),
        "Query.budgets" => ("{ budgets(projectId: \"none\") { amount } }", json!({})),
        "Mutation.setBudget" => (
            "mutation { setBudget(input: { projectId: \"PRJ-RBAC\", costCode: \"CC-1\", period: \"2026-13\", amount: \"1.00\" }) { id } }",
            json!({}),
        ),
        "Mutation.linkUser" => ("mutation { linkUser(id: \"none\", employeeId: \"E-1\") { id } }", json!({})),
        "Mutation.assignUser" => (
            "mutation { assignUser(id: \"none\", projects: [\"P-1\"], sites: []) { id } }",
            json!({}),
        ),
        "Query.salesOrders" => ("{ salesOrders { id } }", json!({})),
        "Query.salesOrder" => ("{ salesOrder(id: \"none\") { id } }", json!({})),
        "Mutation.placeSalesOrder" => (
            "mutation { placeSalesOrder(input: { customerAccountId: \"none\", projectId: \"none\", date: \"2026-12-01\", lines: [] }) { id } }",
            json!({}),
        ),
        "Mutation.confirmSalesOrder" => ("mutation { confirmSalesOrder(id: \"none\") { id } }", json!({})),
        "Mutation.cancelSalesOrder" => (
            "mutation { cancelSalesOrder(id: \"none\", reason: \"RBAC\") { id } }",
            json!({}),
        ),
        "Mutation.shipSalesOrder" => (
            "mutation { shipSalesOrder(input: { salesOrderId: \"none\", deliveryNote: \"DN-1\", date: \"2026-12-01\", lines: [{ lineNo: 1, quantity: \"1\" }] }) { shipmentId } }",
            json!({}),
        ),
        "Query.purchaseOrders" => ("{ purchaseOrders { id } }", json!({})),
        "Query.purchaseOrder" => ("{ purchaseOrder(id: \"none\") { id } }", json!({})),
        "Query.projectCommitments" => (
            "{ projectCommitments(projectId: \"none\") { committed } }",
            json!({}),
        ),
        "Mutation.raisePurchaseOrder" => (
            "mutation { raisePurchaseOrder(input: { vendorAccountId: \"none\", projectId: \"none\", costCode: \"CC-1\", date: \"2026-12-01\", lines: [] }) { id } }",
            json!({}),
        ),
        "Mutation.approvePurchaseOrder" => ("mutation { approvePurchaseOrder(id: \"none\") { id } }", json!({})),
        "Mutation.rejectPurchaseOrder" => (
            "mutation { rejectPurchaseOrder(id: \"none\", reason: \"RBAC\") { id } }",
            json!({}),
        ),
        "Mutation.cancelPurchaseOrder" => (
            "mutation { cancelPurchaseOrder(id: \"none\", reason: \"RBAC\") { id } }",
            json!({}),
        ),
        "Mutation.closePurchaseOrder" => ("mutation { closePurchaseOrder(id: \"none\") { id } }", json!({})),
        "Mutation.receiveGoods" => (
            "mutation { receiveGoods(input: { purchaseOrderId: \"none\", date: \"2026-12-01\", lines: [{ lineNo: 1, quantity: \"1\" }] }) { id } }",
            json!({}),
        ),
        other => panic!("no sample request for {other}: add one to rbac.rs"),
    }
}

#[tokio::test]
async fn every_role_against_every_guarded_field() {
    // Every role times every field is far more requests from one address than the
    // per-IP bucket admits in a second; this test is about the matrix, not the limit.
    let app = spawn_app_with(|config| {
        config.edge.rate_limit_ip_burst = NonZeroU32::new(100_000).expect("non-zero");
        // One token asks every guarded field, more than a caller's bucket holds.
        config.edge.rate_limit_subject_burst = NonZeroU32::new(100_000).expect("non-zero");
    })
    .await;
    let mut cases = 0;
    let mut failures = Vec::new();
    for role in Role::ALL {
        let token = app.token(
            &format!("matrix-{}", role.as_str().to_lowercase()),
            &[role.as_str()],
        );
        for (field, rule) in field_rules() {
            let allowed = rule.allows(|p| p.granted_to().contains(&role));
            let (query, variables) = sample(field);
            let response = app.graphql(&token, query, variables).await;
            let codes: Vec<&str> = response.body["errors"]
                .as_array()
                .map(|errors| {
                    errors
                        .iter()
                        .filter_map(|e| e["extensions"]["code"].as_str())
                        .collect()
                })
                .unwrap_or_default();
            let forbidden = codes.contains(&"FORBIDDEN");
            if allowed == forbidden {
                failures.push(format!(
                    "{} on {field}: expected {}, got {}",
                    role.as_str(),
                    if allowed { "allowed" } else { "FORBIDDEN" },
                    response.body
                ));
            }
            cases += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(cases, Role::ALL.len() * field_rules().count());
    println!("RBAC matrix: {cases} cases checked");
    app.stop().await;
}

#[tokio::test]
async fn a_token_without_catalogue_roles_reaches_only_unguarded_fields() {
    // One token asks every field: more than a caller's bucket holds in a second.
    let app = spawn_app_with(|config| {
        config.edge.rate_limit_ip_burst = NonZeroU32::new(100_000).expect("non-zero");
        config.edge.rate_limit_subject_burst = NonZeroU32::new(100_000).expect("non-zero");
    })
    .await;
    let token = app.token("nobody", &["Not_A_Role"]);
    for (field, rule) in field_rules() {
        let (query, variables) = sample(field);
        let response = app.graphql(&token, query, variables).await;
        let forbidden = response.error_code() == Some("FORBIDDEN");
        assert_eq!(
            forbidden,
            !matches!(rule, Rule::Authenticated),
            "{field}: {}",
            response.body
        );
    }
    app.stop().await;
}
