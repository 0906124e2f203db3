//! Roles (Entra ID app roles) and the permissions they grant.
//!
//! This is the first, deliberately small rule set; the full role × operation matrix is
//! its own piece of work. Unknown role names grant nothing.

use std::fmt;

/// An app role as it arrives in the token's `roles` claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Auditor,
    FinanceManager,
    FinanceUser,
    SalesManager,
    SalesRep,
    ProjectManager,
    SiteManager,
    ProcurementOfficer,
    InventoryClerk,
    HrManager,
    PayrollOfficer,
    SafetyOfficer,
    SupportAgent,
    DocumentController,
    Employee,
}

impl Role {
    /// Every role, in catalogue order.
    pub const ALL: [Role; 16] = [
        Role::Admin,
        Role::Auditor,
        Role::FinanceManager,
        Role::FinanceUser,
        Role::SalesManager,
        Role::SalesRep,
        Role::ProjectManager,
        Role::SiteManager,
        Role::ProcurementOfficer,
        Role::InventoryClerk,
        Role::HrManager,
        Role::PayrollOfficer,
        Role::SafetyOfficer,
        Role::SupportAgent,
        Role::DocumentController,
        Role::Employee,
    ];

    /// The app-role name used in tokens, e.g. `Finance_User`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Auditor => "Auditor",
            Role::FinanceManager => "Finance_Manager",
            Role::FinanceUser => "Finance_User",
            Role::SalesManager => "Sales_Manager",
            Role::SalesRep => "Sales_Rep",
            Role::ProjectManager => "Project_Manager",
            Role::SiteManager => "Site_Manager",
            Role::ProcurementOfficer => "Procurement_Officer",
            Role::InventoryClerk => "Inventory_Clerk",
            Role::HrManager => "HR_Manager",
            Role::PayrollOfficer => "Payroll_Officer",
            Role::SafetyOfficer => "Safety_Officer",
            Role::SupportAgent => "Support_Agent",
            Role::DocumentController => "Document_Controller",
            Role::Employee => "Employee",
        }
    }

    /// Parses an app-role name; `None` for names outside the catalogue.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An operation that needs a grant: `domain.operation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read accounts and contacts.
    IdentityRead,
    /// Create and change accounts and contacts.
    IdentityWrite,
    /// Read every user record and its assignments (everyone reads their own through `me`).
    UsersRead,
    /// Link users to employees or contacts and assign them to projects and sites.
    UsersAdmin,
    /// Read every project.
    ProjectsRead,
    /// Read the projects and sites one is assigned to (row-level).
    ProjectsReadAssigned,
    /// Open projects and move them through their life cycle.
    ProjectsWrite,
    /// Prepare and submit progress claims against a project's bill of quantities.
    ClaimsWrite,
    /// Approve progress claims (raising the customer's tax invoice in finance).
    ClaimsApprove,
    /// Read sales orders and their shipments.
    SalesOrdersRead,
    /// Place, confirm and cancel sales orders, and ship them.
    SalesOrdersWrite,
    /// Read purchase orders and their goods receipts (row-level by project).
    PurchaseOrdersRead,
    /// Raise and cancel purchase orders.
    PurchaseOrdersWrite,
    /// Approve purchase orders, within the approver's role limit.
    PurchaseOrdersApprove,
    /// Record goods received against purchase orders.
    GoodsReceive,
    /// Read leads (row by row: see [`sees_every_lead`]).
    LeadsRead,
    /// Capture, qualify, disqualify and convert leads.
    LeadsWrite,
    /// Read sales opportunities (row by row: see [`opportunity_scope`]).
    OpportunitiesRead,
    /// Move opportunities through the pipeline, and win or lose them.
    OpportunitiesWrite,
    /// Configure the pipeline's stages and probabilities, run campaigns and set the
    /// lead-scoring rules.
    SalesSettingsWrite,
    /// Read stock on hand, reserved and its value at every location, and the movements.
    StockRead,
    /// Receive, issue, reserve, release and adjust stock.
    StockWrite,
    /// Read the product catalogue and the stock locations.
    CatalogueRead,
    /// Keep the product catalogue and open, change and close stock locations.
    CatalogueWrite,
    /// Read every employee record.
    EmployeesRead,
    /// Read one's own employee record (self-service, row-level).
    EmployeesReadOwn,
    /// Hire employees and end employments.
    EmployeesWrite,
    /// Read payroll figures and use the PAYE calculator.
    PayrollRead,
    EmployeesReadSensitive,
    LeaveSelfService,
    TimesheetsWrite,
    TimesheetsApprove,
    PayrollRun,
    PayrollApprove,
    InspectionsRead,
    InspectionsWrite,
    ActionsWrite,
    IncidentsWrite,
    TicketsRaise,
    TicketsWork,
    /// Read the general ledger: accounts, journals, trial balance, ledger history.
    LedgerRead,
    /// Post journals and reverse them.
    JournalsPost,
    /// Open, rename and close ledger accounts.
    AccountsManage,
    /// Close accounting periods.
    PeriodsClose,
    /// Reopen closed accounting periods.
    PeriodsReopen,
}

impl Permission {
    /// Every permission, in the order the matrix is shown.
    pub const ALL: [Permission; 45] = [
        Permission::IdentityRead,
        Permission::IdentityWrite,
        Permission::UsersRead,
        Permission::UsersAdmin,
        Permission::ProjectsRead,
        Permission::ProjectsReadAssigned,
        Permission::ProjectsWrite,
        Permission::ClaimsWrite,
        Permission::ClaimsApprove,
        Permission::SalesOrdersRead,
        Permission::SalesOrdersWrite,
        Permission::PurchaseOrdersRead,
        Permission::PurchaseOrdersWrite,
        Permission::PurchaseOrdersApprove,
        Permission::GoodsReceive,
        Permission::LeadsRead,
        Permission::LeadsWrite,
        Permission::OpportunitiesRead,
        Permission::OpportunitiesWrite,
        Permission::SalesSettingsWrite,
        Permission::StockRead,
        Permission::StockWrite,
        Permission::CatalogueRead,
        Permission::CatalogueWrite,
        Permission::EmployeesRead,
        Permission::EmployeesReadOwn,
        Permission::EmployeesWrite,
        Permission::PayrollRead,
        Permission::EmployeesReadSensitive,
        Permission::LeaveSelfService,
        Permission::TimesheetsWrite,
        Permission::TimesheetsApprove,
        Permission::PayrollRun,
        Permission::PayrollApprove,
        Permission::InspectionsRead,
        Permission::InspectionsWrite,
        Permission::ActionsWrite,
        Permission::IncidentsWrite,
        Permission::TicketsRaise,
        Permission::TicketsWork,
        Permission::LedgerRead,
        Permission::JournalsPost,
        Permission::AccountsManage,
        Permission::PeriodsClose,
        Permission::PeriodsReopen,
    ];

    /// A stable name for logs, errors and the matrix, `domain.operation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::IdentityRead => "identity.read",
            Permission::IdentityWrite => "identity.write",
            Permission::UsersRead => "identity.users.read",
            Permission::UsersAdmin => "identity.users.admin",
            Permission::ProjectsRead => "orders.projects.read",
            Permission::ProjectsReadAssigned => "orders.projects.read_assigned",
            Permission::ProjectsWrite => "orders.projects.write",
            Permission::ClaimsWrite => "orders.claims.write",
            Permission::ClaimsApprove => "orders.claims.approve",
            Permission::SalesOrdersRead => "orders.sales_orders.read",
            Permission::SalesOrdersWrite => "orders.sales_orders.write",
            Permission::PurchaseOrdersRead => "orders.purchase_orders.read",
            Permission::PurchaseOrdersWrite => "orders.purchase_orders.write",
            Permission::PurchaseOrdersApprove => "orders.purchase_orders.approve",
            Permission::GoodsReceive => "orders.goods.receive",
            Permission::LeadsRead => "identity.leads.read",
            Permission::LeadsWrite => "identity.leads.write",
            Permission::OpportunitiesRead => "sales.opportunities.read",
            Permission::OpportunitiesWrite => "sales.opportunities.write",
            Permission::SalesSettingsWrite => "sales.settings.write",
            Permission::StockRead => "inventory.stock.read",
            Permission::StockWrite => "inventory.stock.write",
            Permission::CatalogueRead => "inventory.catalogue.read",
            Permission::CatalogueWrite => "inventory.catalogue.write",
            Permission::EmployeesRead => "hr.employees.read",
            Permission::EmployeesReadOwn => "hr.employees.read_own",
            Permission::EmployeesWrite => "hr.employees.write",
            Permission::PayrollRead => "hr.payroll.read",
            Permission::EmployeesReadSensitive => "hr.employees.read_sensitive",
            Permission::LeaveSelfService => "hr.leave.self_service",
            Permission::TimesheetsWrite => "hr.timesheets.write",
            Permission::TimesheetsApprove => "hr.timesheets.approve",
            Permission::PayrollRun => "hr.payroll.run",
            Permission::PayrollApprove => "hr.payroll.approve",
            Permission::InspectionsRead => "compliance.inspections.read",
            Permission::InspectionsWrite => "compliance.inspections.write",
            Permission::ActionsWrite => "compliance.actions.write",
            Permission::IncidentsWrite => "compliance.incidents.write",
            Permission::TicketsRaise => "compliance.tickets.raise",
            Permission::TicketsWork => "compliance.tickets.work",
            Permission::LedgerRead => "finance.ledger.read",
            Permission::JournalsPost => "finance.journals.post",
            Permission::AccountsManage => "finance.accounts.manage",
            Permission::PeriodsClose => "finance.periods.close",
            Permission::PeriodsReopen => "finance.periods.reopen",
        }
    }

    /// What the permission allows, in words.
    pub fn description(self) -> &'static str {
        match self {
            Permission::IdentityRead => {
                "read customers, vendors, subcontractors and their contacts"
            }
            Permission::IdentityWrite => "open and change accounts and contacts",
            Permission::UsersRead => "read every user, their links and assignments",
            Permission::UsersAdmin => "link users to people and assign them to projects and sites",
            Permission::ProjectsRead => "read every project",
            Permission::ProjectsReadAssigned => {
                "read only the projects, and projects at the sites, one is assigned to"
            }
            Permission::ProjectsWrite => {
                "open projects, keep their contract, work breakdown and variations, and move them through their life cycle"
            }
            Permission::ClaimsWrite => "prepare and submit progress claims",
            Permission::ClaimsApprove => {
                "approve progress claims, which raises the customer's tax invoice"
            }
            Permission::SalesOrdersRead => "read sales orders and their shipments",
            Permission::SalesOrdersWrite => "place, confirm and cancel sales orders, and ship them",
            Permission::PurchaseOrdersRead => {
                "read purchase orders and goods receipts (those on site: their projects only)"
            }
            Permission::PurchaseOrdersWrite => "raise and cancel purchase orders",
            Permission::PurchaseOrdersApprove => {
                "approve purchase orders up to the approver's role limit"
            }
            Permission::GoodsReceive => "record goods received against purchase orders",
            Permission::LeadsRead => "read leads: sales reps their own, managers and auditors all",
            Permission::LeadsWrite => {
                "capture, qualify, disqualify and convert leads into accounts and contacts"
            }
            Permission::OpportunitiesRead => {
                "read opportunities: sales reps their own, managers and auditors all"
            }
            Permission::OpportunitiesWrite => {
                "move opportunities through the pipeline and win or lose them"
            }
            Permission::SalesSettingsWrite => {
                "configure the pipeline's stages, run campaigns and set the lead-scoring rules"
            }
            Permission::EmployeesRead => "read every employee record",
            Permission::EmployeesReadOwn => {
                "read one's own employee record (the one one's user is linked to)"
            }
            Permission::EmployeesWrite => "hire employees and end employments",
            Permission::PayrollRead => "read payroll figures and use the PAYE calculator",
            Permission::EmployeesReadSensitive => {
                "see every employee's identity number, tax number, bank account and pay (others see only their own)"
            }
            Permission::LeaveSelfService => {
                "request and cancel one's own leave, and decide the requests of the employees one manages"
            }
            Permission::TimesheetsWrite => {
                "capture and submit weekly timesheets (site and project managers: on their projects)"
            }
            Permission::TimesheetsApprove => {
                "approve or reject timesheets on one's projects, which costs them to the project"
            }
            Permission::PayrollRun => "open and calculate pay runs, and record them paid",
            Permission::PayrollApprove => {
                "approve pay runs calculated by someone else, and reverse approved ones"
            }
            Permission::InspectionsRead => {
                "read safety inspections, findings, corrective actions and incidents"
            }
            Permission::InspectionsWrite => {
                "inspect sites, raise corrective actions, verify their close-out, investigate and close incidents"
            }
            Permission::ActionsWrite => "submit the evidence that a corrective action is done",
            Permission::IncidentsWrite => "report incidents on a project",
            Permission::TicketsRaise => "raise tickets with the desk, and follow and comment on one's own",
            Permission::TicketsWork => "work the ticket desk: assign, answer, pend, resolve, close and reopen",
            Permission::LedgerRead => {
                "read ledger accounts, journals, the trial balance and ledger history"
            }
            Permission::StockRead => "read stock on hand, reserved, its value and its movements",
            Permission::StockWrite => {
                "receive, issue, reserve, release, adjust and transfer stock"
            }
            Permission::CatalogueRead => "read the product catalogue and the stock locations",
            Permission::CatalogueWrite => {
                "keep the product catalogue; open, change and close stock locations"
            }
            Permission::JournalsPost => "post journals and reverse them",
            Permission::AccountsManage => "open, rename and close ledger accounts",
            Permission::PeriodsClose => "close accounting periods",
            Permission::PeriodsReopen => "reopen closed accounting periods",
        }
    }

    /// Parses a `domain.operation` name.
    pub fn parse(name: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The roles that hold this permission: the role × operation matrix.
    pub fn granted_to(self) -> &'static [Role] {
        use Role::*;
        match self {
            // Customers, vendors and subcontractors are master data nearly every office
            // role works with; self-service employees do not browse them.
            Permission::IdentityRead => &[
                Admin,
                Auditor,
                FinanceManager,
                FinanceUser,
                SalesManager,
                SalesRep,
                ProjectManager,
                SiteManager,
                ProcurementOfficer,
                InventoryClerk,
                HrManager,
                PayrollOfficer,
                SafetyOfficer,
                SupportAgent,
                DocumentController,
            ],
            // Those who open relationships: sales opens customers, procurement opens
            // vendors and subcontractors, finance keeps their tax details right.
            Permission::IdentityWrite => &[
                Admin,
                SalesManager,
                SalesRep,
                ProcurementOfficer,
                FinanceManager,
            ],
            // Who may see who works here, and where.
            Permission::UsersRead => &[Admin, Auditor, HrManager],
            Permission::UsersAdmin => &[Admin],
            // Head office sees every job; those on site see their own.
            Permission::ProjectsRead => &[
                Admin,
                Auditor,
                FinanceManager,
                FinanceUser,
                SalesManager,
                ProcurementOfficer,
                InventoryClerk,
                SafetyOfficer,
                DocumentController,
            ],
            Permission::ProjectsReadAssigned => &[ProjectManager, SiteManager],
            Permission::ProjectsWrite => &[Admin, ProjectManager],
            // Claims are the project manager's measurement; approving one invoices the
            // client, so finance's manager may approve too.
            Permission::ClaimsWrite => &[Admin, ProjectManager],
            Permission::ClaimsApprove => &[Admin, ProjectManager, FinanceManager],
            // Sales orders: sales sells, the store ships, finance and audit read.
            Permission::SalesOrdersRead => &[
                Admin,
                Auditor,
                FinanceManager,
                FinanceUser,
                SalesManager,
                SalesRep,
                InventoryClerk,
            ],
            Permission::SalesOrdersWrite => &[Admin, SalesManager, SalesRep, InventoryClerk],
            // Buying: site and project managers see their projects' orders (row-level, by
            // the project scope); head office sees all.
            Permission::PurchaseOrdersRead => &[
                Admin,
                Auditor,
                FinanceManager,
                FinanceUser,
                ProcurementOfficer,
                InventoryClerk,
                ProjectManager,
                SiteManager,
            ],
            Permission::PurchaseOrdersWrite => {
                &[Admin, ProcurementOfficer, ProjectManager, SiteManager]
            }
            // Each approver within the limit of their role (orders' approval limits).
            Permission::PurchaseOrdersApprove => {
                &[Admin, SiteManager, ProjectManager, FinanceManager]
            }
            Permission::GoodsReceive => &[Admin, SiteManager, InventoryClerk, ProcurementOfficer],
            // The sales pipeline's front end. Converting a lead opens an account and a
            // contact, so every holder of leads.write also holds identity.write.
            Permission::LeadsRead => &[Admin, Auditor, SalesManager, SalesRep],
            Permission::LeadsWrite => &[Admin, SalesManager, SalesRep],
            // The pipeline a converted lead becomes, under the same owner-only rule.
            Permission::OpportunitiesRead => &[Admin, Auditor, SalesManager, SalesRep],
            Permission::OpportunitiesWrite => &[Admin, SalesManager, SalesRep],
            Permission::SalesSettingsWrite => &[Admin, SalesManager],
            // The stores: clerks keep them; site and project managers see what their sites
            // hold and draw on; procurement reorders; finance values it.
            Permission::StockRead => &[
                Admin,
                Auditor,
                InventoryClerk,
                SiteManager,
                ProjectManager,
                ProcurementOfficer,
                FinanceManager,
            ],
            Permission::StockWrite => &[Admin, InventoryClerk],
            // What the company stocks is everyone's reference who buys, sells or draws on
            // it; the stores and procurement keep it.
            Permission::CatalogueRead => &[
                Admin,
                Auditor,
                InventoryClerk,
                SiteManager,
                ProjectManager,
                ProcurementOfficer,
                FinanceManager,
                FinanceUser,
                SalesManager,
                SalesRep,
            ],
            Permission::CatalogueWrite => &[Admin, InventoryClerk, ProcurementOfficer],
            // Payroll and HR see everyone; every member of staff sees their own record.
            Permission::EmployeesRead => &[Admin, Auditor, HrManager, PayrollOfficer],
            Permission::EmployeesReadOwn => &Role::ALL,
            Permission::EmployeesWrite => &[Admin, HrManager],
            Permission::PayrollRead => &[Admin, Auditor, HrManager, PayrollOfficer],
            // Identity and tax numbers, bank accounts and pay are personal information
            // (POPIA): HR and payroll only; the auditor sees records without them.
            Permission::EmployeesReadSensitive => &[Admin, HrManager, PayrollOfficer],
            // Everyone may ask for leave; deciding is for one's own reports (row rule).
            Permission::LeaveSelfService => &Role::ALL,
            Permission::TimesheetsWrite => &[
                Admin,
                HrManager,
                PayrollOfficer,
                ProjectManager,
                SiteManager,
            ],
            Permission::TimesheetsApprove => &[Admin, ProjectManager, SiteManager],
            // Segregation of duties: who calculates a run does not approve it (the pay
            // run refuses the same person), and payroll officers do not approve.
            Permission::PayrollRun => &[Admin, PayrollOfficer],
            Permission::PayrollApprove => &[Admin, HrManager, FinanceManager],
            Permission::InspectionsRead => {
                &[Admin, Auditor, SafetyOfficer, SiteManager, ProjectManager]
            }
            Permission::InspectionsWrite => &[Admin, SafetyOfficer],
            Permission::ActionsWrite => &[Admin, SafetyOfficer, SiteManager, ProjectManager],
            Permission::IncidentsWrite => &[Admin, SafetyOfficer, SiteManager, ProjectManager],
            Permission::TicketsRaise => &Role::ALL,
            Permission::TicketsWork => &[Admin, SupportAgent],
            // The books: finance keeps them, auditors read everything and change nothing.
            Permission::LedgerRead => &[Admin, Auditor, FinanceManager, FinanceUser],
            Permission::JournalsPost => &[Admin, FinanceManager, FinanceUser],
            Permission::AccountsManage => &[Admin, FinanceManager],
            Permission::PeriodsClose => &[Admin, FinanceManager],
            Permission::PeriodsReopen => &[Admin, FinanceManager],
        }
    }
}

/// The roles that see (and act on) every lead; other holders of `identity.leads.read`
/// and `identity.leads.write` see and act on only the leads they own.
pub const EVERY_LEAD_ROLES: &[Role] = &[Role::Admin, Role::Auditor, Role::SalesManager];

/// Whether any of `roles` sees every lead rather than only the caller's own.
pub fn sees_every_lead(roles: &[Role]) -> bool {
    roles.iter().any(|role| EVERY_LEAD_ROLES.contains(role))
}

/// The row-level scope of opportunity reads and writes, in the same shape as
/// [`project_scope`] and by the same rule as leads: `Ok(None)`: every opportunity
/// (the roles in [`EVERY_LEAD_ROLES`]); `Ok(Some(owner))`: only the opportunities
/// `owner` owns, for other holders of `sales.opportunities.read`; `Err(permission)`:
/// `sales.opportunities.read` is not held.
///
/// `owner` must be what identity records as a lead's owner, and so as its
/// opportunity's: the capturing caller's **subject** (`sub` claim), not their object id.
pub fn opportunity_scope<'a>(
    roles: &[Role],
    owner: &'a str,
) -> Result<Option<&'a str>, Permission> {
    if !allows(roles, Permission::OpportunitiesRead) {
        return Err(Permission::OpportunitiesRead);
    }
    if sees_every_lead(roles) {
        return Ok(None);
    }
    Ok(Some(owner))
}

/// The row-level scope of project reads, and of every write that names a project: one
/// rule for the orders read side and for every domain that refers to projects (finance's
/// budgets and lines). `Ok(None)`: every project (`orders.projects.read`);
/// `Ok(Some(user_id))`: only the projects that user is assigned to
/// (`orders.projects.read_assigned`); `Err(permission)`: neither is held, and
/// `permission` is the one that is missing.
pub fn project_scope<'a>(roles: &[Role], user_id: &'a str) -> Result<Option<&'a str>, Permission> {
    if allows(roles, Permission::ProjectsRead) {
        return Ok(None);
    }
    if allows(roles, Permission::ProjectsReadAssigned) {
        return Ok(Some(user_id));
    }
    Err(Permission::ProjectsReadAssigned)
}

/// Whether a user assigned to `projects` (ids or codes) and `sites` is assigned to the
/// project `id` / `code` on `site_id`: the row-level predicate of
/// [`project_scope`]'s `Some(user)`, as the orders read side's query states it
/// (`projections/src/orders/queries.rs`) and finance's reference check decides it.
pub fn assigned_to_project(
    projects: &[String],
    sites: &[String],
    id: &str,
    code: &str,
    site_id: &str,
) -> bool {
    projects.iter().any(|p| p == id || p == code) || sites.iter().any(|s| s == site_id)
}

/// The row-level scope of employee records, in the same shape as [`project_scope`]:
/// everyone with `hr.employees.read`, only the record `user_id` is linked to with
/// `hr.employees.read_own`, refused otherwise.
pub fn employee_scope<'a>(roles: &[Role], user_id: &'a str) -> Result<Option<&'a str>, Permission> {
    if allows(roles, Permission::EmployeesRead) {
        Ok(None)
    } else if allows(roles, Permission::EmployeesReadOwn) {
        Ok(Some(user_id))
    } else {
        Err(Permission::EmployeesReadOwn)
    }
}

/// Who may ask for something — a GraphQL field or a service operation: declared once
/// beside it and checked before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any valid token (e.g. `me`); the answer is then limited to the caller's own rows.
    Authenticated,
    /// A permission from the role matrix.
    Requires(Permission),
    /// Any one of these permissions (the service then filters rows by which one).
    AnyOf(&'static [Permission]),
}

impl Access {
    /// Whether a caller with `granted` permissions passes.
    pub fn allows(self, granted: impl Fn(Permission) -> bool) -> bool {
        match self {
            Access::Authenticated => true,
            Access::Requires(p) => granted(p),
            Access::AnyOf(ps) => ps.iter().any(|p| granted(*p)),
        }
    }

    /// The permission to name when a caller is refused: the one required, or the first
    /// of the alternatives.
    pub fn missing(self) -> Option<Permission> {
        match self {
            Access::Authenticated => None,
            Access::Requires(p) => Some(p),
            Access::AnyOf(ps) => ps.first().copied(),
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether any of `roles` holds `permission`.
pub fn allows(roles: &[Role], permission: Permission) -> bool {
    roles
        .iter()
        .any(|role| permission.granted_to().contains(role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_scope_sees_every_project_with_projects_read() {
        for role in Permission::ProjectsRead.granted_to() {
            assert_eq!(project_scope(&[*role], "u-1"), Ok(None), "{role}");
        }
    }

    #[test]
    fn project_scope_is_the_assignments_of_scoped_readers() {
        assert_eq!(
            project_scope(&[Role::ProjectManager], "u-1"),
            Ok(Some("u-1"))
        );
        assert_eq!(project_scope(&[Role::SiteManager], "u-2"), Ok(Some("u-2")));
        // A wider role wins over a scoped one.
        assert_eq!(
            project_scope(&[Role::ProjectManager, Role::FinanceUser], "u-1"),
            Ok(None)
        );
    }

    #[test]
    fn project_scope_refuses_without_either_permission() {
        assert_eq!(
            project_scope(&[Role::Employee], "u-1"),
            Err(Permission::ProjectsReadAssigned)
        );
        assert_eq!(
            project_scope(&[], "u-1"),
            Err(Permission::ProjectsReadAssigned)
        );
    }

    #[test]
    fn every_finance_writer_sees_every_project() {
        // Finance checks the projects its documents name through `project_scope`; today
        // no role that writes to the books has scoped project reads.
        for permission in [Permission::JournalsPost, Permission::AccountsManage] {
            for role in permission.granted_to() {
                assert_eq!(project_scope(&[*role], "u"), Ok(None), "{role}");
            }
        }
    }

    #[test]
    fn assigned_by_project_id_code_or_site() {
        let on = |projects: &[&str], sites: &[&str]| {
            let projects: Vec<String> = projects.iter().map(|p| p.to_string()).collect();
            let sites: Vec<String> = sites.iter().map(|s| s.to_string()).collect();
            assigned_to_project(&projects, &sites, "p-1", "PRJ-1", "site-1")
        };
        assert!(on(&["p-1"], &[]));
        assert!(on(&["PRJ-1"], &[]));
        assert!(on(&[], &["site-1"]));
        assert!(!on(&["p-2", "PRJ-2"], &["site-2"]));
        assert!(!on(&[], &[]));
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("finance_user"), None);
    }

    #[test]
    fn auditor_reads_but_does_not_write() {
        assert!(allows(&[Role::Auditor], Permission::IdentityRead));
        assert!(!allows(&[Role::Auditor], Permission::IdentityWrite));
    }

    #[test]
    fn auditors_read_the_ledger_and_change_nothing_in_it() {
        assert!(allows(&[Role::Auditor], Permission::LedgerRead));
        for p in [
            Permission::JournalsPost,
            Permission::AccountsManage,
            Permission::PeriodsClose,
            Permission::PeriodsReopen,
        ] {
            assert!(!allows(&[Role::Auditor], p), "{p}");
        }
        assert!(!allows(&[Role::SiteManager], Permission::LedgerRead));
    }

    #[test]
    fn employee_alone_reads_nothing() {
        assert!(!allows(&[Role::Employee], Permission::IdentityRead));
        assert!(!allows(&[], Permission::IdentityRead));
    }

    #[test]
    fn whoever_converts_leads_may_also_open_accounts() {
        for role in Permission::LeadsWrite.granted_to() {
            assert!(allows(&[*role], Permission::IdentityWrite), "{role}");
        }
    }

    #[test]
    fn sales_reps_see_their_own_leads_and_managers_every_lead() {
        assert!(allows(&[Role::SalesRep], Permission::LeadsRead));
        assert!(!sees_every_lead(&[Role::SalesRep]));
        assert!(sees_every_lead(&[Role::SalesRep, Role::SalesManager]));
        assert!(sees_every_lead(&[Role::Auditor]));
        assert!(!allows(&[Role::FinanceManager], Permission::LeadsRead));
    }

    #[test]
    fn project_managers_and_site_managers_are_scoped_to_their_assignments() {
        assert_eq!(project_scope(&[Role::Admin], "u1"), Ok(None));
        assert_eq!(project_scope(&[Role::Auditor], "u1"), Ok(None));
        assert_eq!(project_scope(&[Role::ProjectManager], "u1"), Ok(Some("u1")));
        assert_eq!(project_scope(&[Role::SiteManager], "u1"), Ok(Some("u1")));
        assert_eq!(
            project_scope(&[Role::SiteManager, Role::FinanceUser], "u1"),
            Ok(None)
        );
        assert_eq!(
            project_scope(&[Role::Employee], "u1"),
            Err(Permission::ProjectsReadAssigned)
        );
    }

    #[test]
    fn every_project_writer_has_a_read_scope() {
        // A write is checked through the read scope, so whoever may write projects must
        // have one (else every write would be refused as forbidden, not scoped).
        for role in Permission::ProjectsWrite.granted_to() {
            assert!(project_scope(&[*role], "u").is_ok(), "{role}");
        }
    }

    #[test]
    fn whoever_ends_employments_sees_every_employee() {
        // terminateEmployment names an employee; its writers must see every record, or
        // the write would need the row-level check that project writes have.
        for role in Permission::EmployeesWrite.granted_to() {
            assert_eq!(employee_scope(&[*role], "u"), Ok(None), "{role}");
        }
        assert_eq!(employee_scope(&[Role::Employee], "u"), Ok(Some("u")));
        assert_eq!(employee_scope(&[], "u"), Err(Permission::EmployeesReadOwn));
    }

    #[test]
    fn opportunity_scope_follows_the_lead_rule() {
        for role in EVERY_LEAD_ROLES {
            assert_eq!(opportunity_scope(&[*role], "rep-1"), Ok(None), "{role}");
        }
        assert_eq!(
            opportunity_scope(&[Role::SalesRep], "rep-1"),
            Ok(Some("rep-1"))
        );
        // A wider role wins over a scoped one.
        assert_eq!(
            opportunity_scope(&[Role::SalesRep, Role::SalesManager], "rep-1"),
            Ok(None)
        );
        for refused in [&[Role::Employee][..], &[Role::FinanceManager], &[]] {
            assert_eq!(
                opportunity_scope(refused, "u"),
                Err(Permission::OpportunitiesRead),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn every_opportunity_writer_has_a_read_scope() {
        // Writes are scoped through the read scope (a sales rep moves only their own).
        for role in Permission::OpportunitiesWrite.granted_to() {
            assert!(opportunity_scope(&[*role], "u").is_ok(), "{role}");
        }
        assert!(!allows(&[Role::Auditor], Permission::OpportunitiesWrite));
    }

    #[test]
    fn opportunity_permissions_have_stable_names() {
        for p in [
            Permission::OpportunitiesRead,
            Permission::OpportunitiesWrite,
        ] {
            assert_eq!(Permission::parse(p.as_str()), Some(p));
        }
        assert_eq!(
            Permission::OpportunitiesRead.as_str(),
            "sales.opportunities.read"
        );
        assert_eq!(
            Permission::OpportunitiesWrite.as_str(),
            "sales.opportunities.write"
        );
    }

    #[test]
    fn any_granting_role_is_enough() {
        assert!(allows(
            &[Role::Employee, Role::SalesRep],
            Permission::IdentityWrite
        ));
    }
}
